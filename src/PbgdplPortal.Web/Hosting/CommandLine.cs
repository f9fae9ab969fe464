using Microsoft.AspNetCore.Identity;
using PbgdplPortal.Accounts;
using PbgdplPortal.Data;
using PbgdplPortal.Web.BackOffice;
using PbgdplPortal.Import;
using PbgdplPortal.Search;
using PbgdplPortal.Web.Search;

namespace PbgdplPortal.Web.Hosting;

/// <summary>Command-line verbs: `import &lt;dir&gt;`, `reindex`, `create-admin`. Anything else starts the web server.</summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["import", "reindex", "create-admin"];
    private const string Usage = "Cách dùng: import <thư mục> | reindex | create-admin --email <e-mail> --password <mật khẩu> [--name <họ tên>]";

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
            case "create-admin" when Options(command[1..]) is { } options && options.TryGetValue("email", out var email) && options.TryGetValue("password", out var password):
                return await CreateAdminAsync(app, email, password, options.GetValueOrDefault("name"));
            default:
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }

    /// <summary>
    /// A relative path is taken from the folder the command was typed in: `dotnet run --project` may
    /// start the program elsewhere, but the shell's PWD still names that folder.
    /// </summary>
    private static string FromLaunchDirectory(string path) =>
        Path.GetFullPath(path, Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } pwd && Directory.Exists(pwd) ? pwd : Environment.CurrentDirectory);

    /// <summary>"--key value" pairs, or null when the arguments are not exactly that.</summary>
    private static Dictionary<string, string>? Options(string[] args)
    {
        if (args.Length % 2 != 0)
        {
            return null;
        }
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || !options.TryAdd(args[i][2..], args[i + 1]))
            {
                return null;
            }
        }
        return options;
    }

    /// <summary>Creates the first administrator (or another one). No account or password exists until this runs.</summary>
    private static async Task<int> CreateAdminAsync(WebApplication app, string email, string password, string? name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().EnsureRolesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        email = email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            await Console.Error.WriteLineAsync($"Đã có tài khoản với e-mail {email}; không tạo thêm.");
            return 1;
        }
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, FullName = Text.VietnameseText.Nfc(name?.Trim() is { Length: > 0 } n ? n : email), CreatedAt = now };
        var created = await users.CreateAsync(user, password);
        var result = created.Succeeded ? await users.AddToRoleAsync(user, PortalRoles.Administrator) : created;
        if (!result.Succeeded)
        {
            if (created.Succeeded)
            {
                await users.DeleteAsync(user);
            }
            await Console.Error.WriteLineAsync("Không tạo được tài khoản quản trị:");
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync($"  - {error.Description}");
            }
            return 1;
        }
        db.Audit(AuditActor.System, AuditActions.UserCreated, $"user:{email}", $"Vai trò: {PortalRoles.Label(PortalRoles.Administrator)} (dòng lệnh create-admin)", now);
        await db.SaveChangesAsync();
        Console.WriteLine($"Đã tạo tài khoản quản trị {email}. Đăng nhập tại /quan-tri/dang-nhap.");
        return 0;
    }

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
