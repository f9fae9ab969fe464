using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PbgdplPortal.Web.Hosting;

namespace PbgdplPortal.Web.Tests.Hosting;

/// <summary>Sign-in and antiforgery keys live in the shared database, so every web node reads the same keys.</summary>
public abstract class SharedKeysTests(PortalFactory portal)
{
    [Fact]
    public async Task A_value_protected_on_one_node_is_read_on_another_through_the_database()
    {
        var cipher = portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("kiem-thu").Protect("dữ liệu bảo vệ");
        Assert.True(await portal.WithDbAsync(db => db.DataProtectionKeys.AnyAsync()));

        // Another node: its own key ring, nothing shared with the first but the database.
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("PbgdplPortal");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new DatabaseKeyRepository(portal.Services.GetRequiredService<IServiceScopeFactory>()));
        await using var otherNode = services.BuildServiceProvider();
        Assert.Equal("dữ liệu bảo vệ", otherNode.GetRequiredService<IDataProtectionProvider>().CreateProtector("kiem-thu").Unprotect(cipher));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SharedKeysOnSqlite(SqlitePortal portal) : SharedKeysTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class SharedKeysOnPostgres(PostgresPortal portal) : SharedKeysTests(portal);
