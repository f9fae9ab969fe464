using PbgdplPortal.Data;
using PbgdplPortal.Import;

namespace PbgdplPortal.Web.Hosting;

/// <summary>Command-line verbs: `import &lt;dir&gt;`. Anything else starts the web server.</summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["import"];

    public static (string[]? Command, string[] HostArgs) Split(string[] args) =>
        args.Length > 0 && Verbs.Contains(args[0]) ? (args, []) : (null, args);

    public static async Task<int> RunAsync(WebApplication app, string[] command)
    {
        switch (command[0])
        {
            case "import" when command.Length == 2:
                return await ImportAsync(app, FromLaunchDirectory(command[1]));
            default:
                await Console.Error.WriteLineAsync("Cách dùng: import <thư mục>");
                return 2;
        }
    }

    /// <summary>
    /// A relative path is taken from the folder the command was typed in: `dotnet run --project` may
    /// start the program elsewhere, but the shell's PWD still names that folder.
    /// </summary>
    private static string FromLaunchDirectory(string path) =>
        Path.GetFullPath(path, Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } pwd && Directory.Exists(pwd) ? pwd : Environment.CurrentDirectory);

    private static async Task<int> ImportAsync(WebApplication app, string directory)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.MigrateAsync();
        var result = await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(directory);
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync($"Nhập nội dung thất bại: {result.Problems.Count} lỗi, không có thay đổi nào được ghi.");
            foreach (var problem in result.Problems)
            {
                await Console.Error.WriteLineAsync(problem.ToString());
            }
            return 1;
        }
        Console.WriteLine($"Đã nhập nội dung: {result.Created} mục mới, {result.Updated} mục cập nhật, {result.Unchanged} mục không đổi.");
        return 0;
    }
}
