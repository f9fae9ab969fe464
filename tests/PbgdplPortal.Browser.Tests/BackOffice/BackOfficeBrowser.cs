using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PbgdplPortal.Accounts;
using PbgdplPortal.Data;

namespace PbgdplPortal.Browser.Tests.BackOffice;

/// <summary>Back-office accounts and sign-in for browser tests, and the accessibility check every page must pass.</summary>
public static class BackOfficeBrowser
{
    public const string Password = "Mật-khẩu-Thử-2026!";

    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>A new account with <paramref name="role"/> in <paramref name="agencySlug"/> (none when null), password <see cref="Password"/>.</summary>
    public static async Task<PortalUser> CreateAccountAsync(this ServedPortal portal, string role, string? agencySlug, string fullName = "Trần Thị Biên Tập")
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var email = $"{role}-{Guid.NewGuid():N}@kiemthu.vn";
        var user = new PortalUser
        {
            UserName = email, Email = email, EmailConfirmed = true, FullName = fullName, CreatedAt = DateTime.UtcNow,
            AgencyId = agencySlug is null ? null : (await db.Agencies.SingleAsync(a => a.Slug == agencySlug)).Id,
        };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    /// <summary>Signs in through the form, as a person would.</summary>
    public static async Task SignInAsync(this IPage page, PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        await page.GotoAsync("/quan-tri/dang-nhap");
        await page.GetByLabel("E-mail").FillAsync(user.Email!);
        await page.GetByLabel("Mật khẩu").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync("**/quan-tri");
    }

    /// <summary>axe finds no WCAG 2.1 A/AA violation on the page as it is now.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var result = await page.RunAxe(Wcag21AA);
        Assert.True(result.Passes.Length > 0, $"axe checked nothing on {page.Url}");
        var text = new StringBuilder();
        foreach (var violation in result.Violations)
        {
            text.AppendLine($"- {violation.Id}: {violation.Help} at {string.Join("; ", violation.Nodes.Select(n => n.Html))}");
        }
        Assert.True(result.Violations.Length == 0, $"axe on {page.Url}:\n{text}");
    }
}
