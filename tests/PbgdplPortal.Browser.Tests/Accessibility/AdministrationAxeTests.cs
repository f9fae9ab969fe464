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
            "/quan-tri/ra-soat", "/quan-tri/thu-di",
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
    public async Task Quiz_and_question_pages_have_no_accessibility_violations()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        await using var context = await portal.NewContextAsync();
        var page = await SignedInPageAsync(editor, context);
        await page.OpenAsync("/quan-tri/bo-cau-hoi/moi");
        await page.GetByLabel("Tên bộ câu hỏi").FillAsync($"Bộ câu hỏi trợ năng {Guid.NewGuid():N}");
        await page.GetByLabel("Hôn nhân và gia đình").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu nháp" }).ClickAsync();
        await page.GetByText("Đã lưu").WaitForAsync();
        var quizUrl = new Uri(page.Url).AbsolutePath;
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Thêm câu hỏi" }).ClickAsync();
        await page.AssertAccessibleAsync();
        // Sent back with its errors.
        await page.GetByLabel("Câu hỏi (Markdown)").FillAsync("Nam được kết hôn từ bao nhiêu tuổi?");
        await page.GetByLabel("Phương án 1 (bắt buộc)").FillAsync("Có");
        await page.GetByLabel("Giải thích đáp án (Markdown)").FillAsync("Theo Điều 8 Luật Hôn nhân và gia đình.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu câu hỏi" }).ClickAsync();
        await page.GetByText("Chưa lưu được").WaitForAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Phương án 2 (bắt buộc)").FillAsync("Không");
        await page.GetByLabel("Đáp án đúng là phương án 1").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu câu hỏi" }).ClickAsync();
        await page.GetByText("Đã thêm câu hỏi c1").WaitForAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Nam được kết hôn từ bao nhiêu tuổi?" }).ClickAsync();
        await page.GetByLabel("Câu hỏi (Markdown)").WaitForAsync();
        await page.AssertAccessibleAsync();
        foreach (var url in new[] { "/quan-tri/bo-cau-hoi", $"{quizUrl}/phien-ban", $"{quizUrl}/nhap" })
        {
            await page.OpenAsync(url);
            await page.AssertAccessibleAsync();
        }
        // The import page with every bad row listed.
        await page.GetByLabel("Tệp câu hỏi", new() { Exact = false }).SetInputFilesAsync(new FilePayload
        {
            Name = "loi.csv", MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("cau_hoi,phuong_an_1,phuong_an_2,dap_an,giai_thich\nCâu?,Có,,1,G\nCâu hai?,Có,Không,,G\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Nhập câu hỏi" }).ClickAsync();
        await page.GetByText("Chưa nhập câu hỏi nào").WaitForAsync();
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

    [Fact]
    public async Task Sign_in_and_forgotten_password_pages_have_no_accessibility_violations()
    {
        await using var context = await portal.NewContextAsync(width: 390, height: 844);
        var page = await context.NewPageAsync();
        await page.OpenAsync("/quan-tri/dang-nhap");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Quên mật khẩu?" }).ClickAsync();
        await page.WaitForURLAsync("**/quan-tri/quen-mat-khau");
        await page.AssertAccessibleAsync();
        await page.GetByLabel("E-mail").FillAsync($"khong-co-{Guid.NewGuid():N}@kiemthu.vn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi liên kết đặt lại mật khẩu" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Contest_monitoring_pages_have_no_accessibility_violations_and_keep_refreshing()
    {
        var reviewer = await portal.CreateAccountAsync(PortalRoles.Reviewer, "so-tu-phap");
        var closed = await Contests.ContestPages.PublishedAsync(portal);
        var open = await Contests.ContestPages.CreateOpenAsync(portal);
        await using var context = await portal.NewContextAsync(width: 390, height: 844);
        var page = await SignedInPageAsync(reviewer, context);
        foreach (var slug in new[] { closed, open })
        {
            await page.OpenAsync($"/quan-tri/cuoc-thi/{slug}/dot-1/theo-doi");
            Assert.Equal(1, await page.Locator("svg[role=img] > title").CountAsync());
            await page.AssertAccessibleAsync();
        }
        // With JavaScript the figures refresh by themselves, and the refresh can be paused.
        var pause = page.GetByRole(AriaRole.Button, new() { Name = "Tạm dừng tự động cập nhật (mỗi 30 giây)" });
        await pause.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp tục tự động cập nhật" }).WaitForAsync();
    }

    private static async Task<IPage> SignedInPageAsync(TestAccount user, IBrowserContext context)
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
