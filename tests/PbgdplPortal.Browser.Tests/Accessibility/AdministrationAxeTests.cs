using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PbgdplPortal.Accounts;
using PbgdplPortal.Data;

namespace PbgdplPortal.Browser.Tests.Accessibility;

/// <summary>The administration and account pages pass axe's WCAG 2.1 A and AA rules, and their confirmations work in a browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdministrationAxeTests(ServedPortal portal)
{
    private const string Password = "Mật-khẩu-Trình-duyệt-2026!";

    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private async Task<PortalUser> CreateAccountAsync(string role, string? agencySlug)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var email = $"{role}-{Guid.NewGuid():N}@kiemthu.vn";
        var user = new PortalUser
        {
            UserName = email, Email = email, EmailConfirmed = true, FullName = "Nguyễn Văn Duyệt", CreatedAt = DateTime.UtcNow,
            AgencyId = agencySlug is null ? null : (await db.Agencies.SingleAsync(a => a.Slug == agencySlug)).Id,
        };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    private static async Task<IPage> SignedInPageAsync(PortalUser user, IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/quan-tri/dang-nhap");
        await page.GetByLabel("E-mail").FillAsync(user.Email!);
        await page.GetByLabel("Mật khẩu").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync("**/quan-tri");
        return page;
    }

    [Fact]
    public async Task Administration_and_account_pages_have_no_accessibility_violations()
    {
        var admin = await CreateAccountAsync(PortalRoles.Administrator, null);
        var editor = await CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        int agency, topic, audience;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            agency = await db.Agencies.Where(a => a.Slug == "so-tu-phap").Select(a => a.Id).SingleAsync();
            topic = await db.Topics.Select(t => t.Id).FirstAsync();
            audience = await db.AudienceGroups.Select(t => t.Id).FirstAsync();
        }
        await using var context = await portal.NewContextAsync();
        var page = await SignedInPageAsync(admin, context);
        string[] urls =
        [
            "/quan-tri/nguoi-dung", "/quan-tri/nguoi-dung/tao", $"/quan-tri/nguoi-dung/{editor.Id}",
            "/quan-tri/co-quan", "/quan-tri/co-quan/tao", $"/quan-tri/co-quan/{agency}",
            "/quan-tri/chu-de", "/quan-tri/chu-de/tao", $"/quan-tri/chu-de/{topic}",
            "/quan-tri/doi-tuong", $"/quan-tri/doi-tuong/{audience}",
            "/quan-tri/nhat-ky", "/quan-tri/tai-khoan", "/quan-tri/tai-khoan/xac-thuc-hai-buoc",
        ];
        var failures = new StringBuilder();
        foreach (var url in urls)
        {
            await page.OpenAsync(url);
            failures.Append(await ViolationsAsync(page, url));
        }

        // A form sent back with its errors.
        await page.OpenAsync("/quan-tri/nguoi-dung/tao");
        await page.GetByLabel("Mật khẩu ban đầu").FillAsync("ngan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tạo tài khoản" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.Contains("Mật khẩu phải có ít nhất 12 ký tự.", await page.ContentAsync(), StringComparison.Ordinal);
        failures.Append(await ViolationsAsync(page, "/quan-tri/nguoi-dung/tao (with errors)"));
        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Fact]
    public async Task Locking_an_account_asks_first_and_a_refusal_sends_nothing()
    {
        var admin = await CreateAccountAsync(PortalRoles.Administrator, null);
        var editor = await CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        await using var context = await portal.NewContextAsync();
        var page = await SignedInPageAsync(admin, context);
        await page.OpenAsync($"/quan-tri/nguoi-dung/{editor.Id}");
        var lockButton = page.GetByRole(AriaRole.Button, new() { Name = "Khóa tài khoản" });

        void Dismiss(object? sender, IDialog dialog) => _ = dialog.DismissAsync();
        page.Dialog += Dismiss;
        await lockButton.ClickAsync();
        await page.WaitForTimeoutAsync(300);
        page.Dialog -= Dismiss;
        Assert.Null(await LockoutEndAsync(editor.Id));

        void Accept(object? sender, IDialog dialog) => _ = dialog.AcceptAsync();
        page.Dialog += Accept;
        await lockButton.ClickAsync();
        await page.GetByText("Đã khóa tài khoản").WaitForAsync();
        Assert.NotNull(await LockoutEndAsync(editor.Id));
    }

    private async Task<DateTimeOffset?> LockoutEndAsync(string id)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Users.Where(u => u.Id == id).Select(u => u.LockoutEnd).SingleAsync();
    }

    private static async Task<string> ViolationsAsync(IPage page, string url)
    {
        var result = await page.RunAxe(Wcag21AA);
        if (result.Violations.Length == 0)
        {
            return "";
        }
        var text = new StringBuilder($"axe found {result.Violations.Length} violation(s) on {url}:");
        foreach (var violation in result.Violations)
        {
            text.AppendLine().Append($"- {violation.Id} ({violation.Impact}): {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                text.AppendLine().Append($"    {node.Target} → {node.Html}");
            }
        }
        return text.AppendLine().ToString();
    }
}
