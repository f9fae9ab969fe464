using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PbgdplPortal.Accounts;
using PbgdplPortal.Data;
using Xunit;

namespace PbgdplPortal.TestKit;

/// <summary>An account created for a test, and its password.</summary>
public sealed record TestAccount(string Id, string Email, string Password, string? Role, int? AgencyId);

/// <summary>Back-office accounts made straight in the portal's database, for tests to sign in with.</summary>
public static class TestAccounts
{
    public const string Password = "Mật-khẩu-Thử-2026!";

    /// <summary>
    /// A new account named <paramref name="fullName"/> with <paramref name="role"/> (none when null) in the agency
    /// <paramref name="agencySlug"/> (none when null), password <see cref="Password"/>.
    /// </summary>
    public static async Task<TestAccount> CreateAccountAsync(this PortalFactory portal, string? role, string? agencySlug = null, string fullName = "Nguyễn Văn Thử", string? email = null)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        int? agencyId = agencySlug is null ? null : (await db.Agencies.SingleAsync(a => a.Slug == agencySlug)).Id;
        email ??= $"{role ?? "khach"}-{Guid.NewGuid():N}@kiemthu.vn";
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, FullName = fullName, AgencyId = agencyId, CreatedAt = DateTime.UtcNow };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        if (role is not null)
        {
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
        return new TestAccount(user.Id, email, Password, role, agencyId);
    }
}
