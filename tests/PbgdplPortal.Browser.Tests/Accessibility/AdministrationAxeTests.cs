using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PbgdplPortal.Accounts;
using PbgdplPortal.Data;

using PbgdplPortal.Browser.Tests.BackOffice;

namespace PbgdplPortal.Browser.Tests.Accessibility;

/// <summary>The administration and account pages pass axe's WCAG 2.1 A and AA rules, and their confirmations work in a browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdministrationAxeTests(ServedPortal portal)
{
    [Fact]
    public async Task Administration_and_account_pages_have_no_accessibility_violations()
    {
        var admin = await portal.CreateAccountAsync(PortalRoles.Administrator, null);
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
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
        foreach (var url in urls)
        {
            await page.OpenAsync(url);
            await page.AssertAccessibleAsync();
        }

        // A form sent back with its errors.
        await page.OpenAsync("/quan-tri/nguoi-dung/tao");
        await page.GetByLabel("Mật khẩu ban đầu").FillAsync("ngan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tạo tài khoản" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.Contains("Mật khẩu phải có ít nhất 12 ký tự.", await page.ContentAsync(), StringComparison.Ordinal);
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Locking_an_account_asks_first_and_a_refusal_sends_nothing()
    {
        var admin = await portal.CreateAccountAsync(PortalRoles.Administrator, null);
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
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

    private static async Task<IPage> SignedInPageAsync(PortalUser user, IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.SignInAsync(user);
        return page;
    }

    private async Task<DateTimeOffset?> LockoutEndAsync(string id)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Users.Where(u => u.Id == id).Select(u => u.LockoutEnd).SingleAsync();
    }

}
