using System.Net;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;

namespace PbgdplPortal.Web.Tests.BackOffice;

/// <summary>The `create-admin` command-line verb, run as its own process as an operator would, then used through the sign-in form.</summary>
public sealed class CreateAdminCommandTests : IDisposable
{
    private readonly string dataDir = Directory.CreateTempSubdirectory("pbgdpl-admin-cli-").FullName;

    private const string Email = "quan-tri-dau-tien@sotuphap.vn";
    private const string Password = "Quản-Trị-Đầu-Tiên-2026!";

    private Task<PortalProcess.Outcome> CreateAdminAsync((string Name, string Value)[] environment, string password) =>
        PortalProcess.RunAsync(dataDir, environment, "create-admin", "--email", Email, "--password", password, "--name", "Phạm Thị Quản Trị");

    private async Task CheckAsync((string Name, string Value)[] environment, PortalFactory portal)
    {
        var weak = await CreateAdminAsync(environment, "matkhau");
        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("Không tạo được tài khoản quản trị:", weak.Error, StringComparison.Ordinal);
        Assert.Contains("Mật khẩu phải có ít nhất 12 ký tự.", weak.Error, StringComparison.Ordinal);
        Assert.Contains("Mật khẩu phải có ít nhất một chữ hoa.", weak.Error, StringComparison.Ordinal);
        Assert.Contains("Mật khẩu phải có ít nhất một chữ số.", weak.Error, StringComparison.Ordinal);

        var good = await CreateAdminAsync(environment, Password);
        Assert.True(good.ExitCode == 0, good.Error);
        Assert.Contains($"Đã tạo tài khoản quản trị {Email}", good.Output, StringComparison.Ordinal);

        var again = await CreateAdminAsync(environment, Password);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains($"Đã có tài khoản với e-mail {Email}", again.Error, StringComparison.Ordinal);

        await portal.InitializeAsync();
        try
        {
            Assert.Equal(1, await portal.WithDbAsync(db => db.Users.CountAsync()));
            var client = await portal.SignedInAsync(new TestAccount("", Email, Password, PortalRoles.Administrator, null));
            Assert.Contains("Xin chào, Phạm Thị Quản Trị", await client.GetStringAsync("/quan-tri"), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/quan-tri/nguoi-dung")).StatusCode);
            Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.UserCreated && a.Target == $"user:{Email}")));
        }
        finally
        {
            await ((Xunit.IAsyncLifetime)portal).DisposeAsync();
        }
    }

    [Fact]
    public async Task Create_admin_refuses_a_weak_password_creates_a_working_administrator_and_refuses_a_duplicate_on_sqlite() =>
        await CheckAsync([("Portal__Database", "sqlite")], new CliPortal(DatabaseProvider.Sqlite, null) { DataDir = dataDir, DeleteDataDir = false });

    [Fact]
    public async Task Create_admin_works_on_postgresql()
    {
        await using var database = await ThrowawayDatabase.CreateAsync("pbgdpl_admin_cli");
        await CheckAsync([("Portal__Database", "postgres"), ("ConnectionStrings__Portal", database.ConnectionString)],
            new CliPortal(DatabaseProvider.Postgres, database.ConnectionString) { DataDir = dataDir, DeleteDataDir = false });
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestPaths.DeleteFolder(dataDir);
    }
}

/// <summary>The portal on the database the command wrote to, without sample content.</summary>
internal sealed class CliPortal(DatabaseProvider provider, string? connectionString) : PortalFactory
{
    public override DatabaseProvider Provider => provider;

    public override string? ContentDir => null;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (connectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:Portal", connectionString);
        }
    }

    // The database exists already: start the host on it.
    public override Task InitializeAsync()
    {
        _ = Server;
        return Task.CompletedTask;
    }
}
