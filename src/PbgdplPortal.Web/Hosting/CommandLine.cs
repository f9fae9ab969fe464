using PbgdplPortal.Data;
using PbgdplPortal.Import;
using PbgdplPortal.Search;
using PbgdplPortal.Web.Search;

namespace PbgdplPortal.Web.Hosting;

/// <summary>Command-line verbs: `import &lt;dir&gt;`, `reindex`. Anything else starts the web server.</summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["import", "reindex"];

    public static (string[]? Command, string[] HostArgs) Split(string[] args) =>
        args.Length > 0 && Verbs.Contains(args[0]) ? (args, []) : (null, args);

    public static async Task<int> RunAsync(WebApplication app, string[] command)
    {
        switch (command[0])
        {
            case "import" when command.Length == 2:
                return await ImportAsync(app, FromLaunchDirectory(command[1]));
            case "reindex" when command.Length == 1:
                return await ReindexAsync(app);
            default:
                await Console.Error.WriteLineAsync("Cách dùng: import <thư mục> | reindex");
                return 2;
        }
    }

    /// <summary>
    /// A relative path is taken from the folder the command was typed in: `dotnet run --project` may
    /// start the program elsewhere, but the shell's PWD still names that folder.
    /// </summary>
    private static string FromLaunchDirectory(string path) =>
        Path.GetFullPath(path, Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } pwd && Directory.Exists(pwd) ? pwd : Environment.CurrentDirectory);

    private static async Task<int> ReindexAsync(WebApplication app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().MigrateAsync();
        }
        SearchIndex index;
        try
        {
            index = app.Services.GetRequiredService<SearchIndex>();
        }
        catch (Lucene.Net.Store.LockObtainFailedException)
        {
            await Console.Error.WriteLineAsync("Chỉ mục tìm kiếm đang được cổng thông tin sử dụng. Hãy dừng cổng thông tin rồi chạy lại, hoặc xóa thư mục chỉ mục để cổng tự lập lại khi khởi động.");
            return 1;
        }
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PbgdplPortal.Reindex");
        var progress = new Progress<int>(count =>
        {
            if (count % 500 == 0)
            {
                Console.Write($"\rĐang lập chỉ mục: {count} mục…");
            }
        });
        var started = System.Diagnostics.Stopwatch.StartNew();
        var cursor = await SearchIndexer.RebuildAsync(index, app.Services.GetServices<ISearchSource>(), app.Services.GetRequiredService<IServiceScopeFactory>(),
            logger, progress, CancellationToken.None);
        Console.WriteLine($"\rĐã lập chỉ mục {index.DocumentCount} mục trong {started.Elapsed.TotalSeconds:0.0} giây (nhật ký thay đổi đến #{cursor}).");
        return 0;
    }

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
