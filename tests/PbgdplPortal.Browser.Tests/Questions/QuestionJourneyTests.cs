using Microsoft.Playwright;
using PbgdplPortal.Accounts;
using PbgdplPortal.Browser.Tests.BackOffice;

namespace PbgdplPortal.Browser.Tests.Questions;

/// <summary>
/// A citizen asks through the form; a moderator assigns the question, an expert answers and a reviewer
/// publishes it; the citizen reads the answer. Hostile text in the question and the answer never runs,
/// and axe finds nothing on any page on the way.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class QuestionJourneyTests(ServedPortal portal)
{
    /// <summary>Each sets window.__xss when it runs; none may.</summary>
    private static readonly string[] Hostile =
    [
        "<script>window.__xss=1</script>",
        "<img src=x onerror=\"window.__xss=1\">",
        "\"><svg onload=window.__xss=1>",
        "</textarea><script>window.__xss=1</script>",
    ];

    [Fact]
    public async Task A_question_with_hostile_text_goes_from_the_form_to_its_published_answer_without_running_and_every_page_passes_axe()
    {
        var mark = Guid.NewGuid().ToString("N")[..8];
        var ran = new List<string>();
        string tracking;

        await using (var citizen = await portal.NewContextAsync())
        {
            var page = await citizen.NewPageAsync();
            Watch(page, ran);
            await page.GotoAsync("/hoi-dap/dat-cau-hoi");
            await page.AssertAccessibleAsync();
            // A first try with errors shows them in Vietnamese, accessibly.
            await page.GetByLabel("Câu hỏi (*)").FillAsync("Ngắn");
            await page.Locator("#cau-hoi").EvaluateAsync("e => e.removeAttribute('minlength')");
            await page.Locator("form.entrant-form").EvaluateAsync("f => f.noValidate = true");
            await page.GetByRole(AriaRole.Button, new() { Name = "Gửi câu hỏi" }).ClickAsync();
            await page.WaitForSelectorAsync(".notice.error");
            Assert.Contains("ít nhất 20 ký tự", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
            await page.AssertAccessibleAsync();

            await page.GetByLabel("Câu hỏi (*)").FillAsync($"Xin hỏi thủ tục nhận con nuôi {mark} như thế nào? {string.Join(" ", Hostile)}");
            await page.GetByLabel("Lĩnh vực (*)").SelectOptionAsync(new SelectOptionValue { Label = "Hôn nhân và gia đình" });
            await page.GetByLabel("Bạn thuộc nhóm đối tượng (*)").SelectOptionAsync(new SelectOptionValue { Value = "hoc-sinh-sinh-vien" });
            await page.GetByLabel("Họ và tên (không bắt buộc)").FillAsync($"Phạm Thị {Hostile[1]}");
            await page.GetByLabel("Xã, phường nơi bạn sống (không bắt buộc)").FillAsync($"Ấp Mới, xã {Hostile[2]}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Gửi câu hỏi" }).ClickAsync();
            await page.WaitForURLAsync("**/hoi-dap/theo-doi/**");
            Assert.Contains("Câu hỏi của bạn đã được gửi", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
            await page.AssertAccessibleAsync();
            await AssertNothingRanAsync(page, ran);
            tracking = new Uri(page.Url).AbsolutePath;
        }

        var moderator = await portal.CreateAccountAsync(PortalRoles.Moderator, "so-tu-phap", "Đỗ Điều Phối");
        await using (var context = await portal.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            Watch(page, ran);
            await page.SignInAsync(moderator);
            await page.GotoAsync("/quan-tri/hoi-dap");
            await page.AssertAccessibleAsync();
            await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(mark) }).ClickAsync();
            await page.WaitForSelectorAsync("#co-quan");
            await page.AssertAccessibleAsync();
            await AssertNothingRanAsync(page, ran);
            await page.GetByRole(AriaRole.Button, new() { Name = "Duyệt câu hỏi" }).ClickAsync();
            await page.WaitForSelectorAsync(".notice");
            await page.Locator("#co-quan").SelectOptionAsync(new SelectOptionValue { Label = "Sở Tư pháp tỉnh Cà Mau" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Giao" }).ClickAsync();
            await page.WaitForSelectorAsync(".notice");
            Assert.Contains("Chờ trả lời", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        }

        var expert = await portal.CreateAccountAsync(PortalRoles.Expert, "so-tu-phap", "Luật sư Chuyên Gia");
        await using (var context = await portal.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            Watch(page, ran);
            await page.SignInAsync(expert);
            await page.GotoAsync("/quan-tri/hoi-dap?loc=cho-tra-loi");
            await page.AssertAccessibleAsync();
            await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(mark) }).ClickAsync();
            await page.WaitForSelectorAsync("#cau-tra-loi");
            await page.AssertAccessibleAsync();
            await page.Locator("#cau-tra-loi").FillAsync(
                $"Theo Luật Nuôi con nuôi, bạn nộp hồ sơ tại **Ủy ban nhân dân xã** {mark}.\n\n{string.Join("\n\n", Hostile)}\n\n[bấm vào đây](javascript:window.__xss=1)");
            await page.Locator("#can-cu").FillAsync("52/2014/QH13 | Điều 8");
            await page.GetByRole(AriaRole.Button, new() { Name = "Gửi duyệt" }).ClickAsync();
            await page.WaitForSelectorAsync(".notice");
            await page.AssertAccessibleAsync();
            await AssertNothingRanAsync(page, ran);
        }

        var reviewer = await portal.CreateAccountAsync(PortalRoles.Reviewer, "so-tu-phap", "Lê Văn Duyệt");
        string publicUrl;
        await using (var context = await portal.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            Watch(page, ran);
            await page.SignInAsync(reviewer);
            await page.GotoAsync("/quan-tri/hoi-dap?loc=cho-duyet");
            await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(mark) }).ClickAsync();
            await page.WaitForSelectorAsync("form[action$='/dang']");
            await page.AssertAccessibleAsync();
            await AssertNothingRanAsync(page, ran);
            await page.GetByRole(AriaRole.Button, new() { Name = "Đăng công khai" }).ClickAsync();
            await page.WaitForSelectorAsync(".notice");
            publicUrl = await page.Locator("dd a[href^='/hoi-dap/']").GetAttributeAsync("href") ?? "";
            Assert.StartsWith("/hoi-dap/", publicUrl, StringComparison.Ordinal);
        }

        await using (var reader = await portal.NewContextAsync())
        {
            var page = await reader.NewPageAsync();
            Watch(page, ran);
            foreach (var url in new[] { publicUrl, tracking, "/hoi-dap", "/hoi-dap?chu-de=hon-nhan-gia-dinh" })
            {
                await page.OpenAsync(url);
                await page.AssertAccessibleAsync();
                await AssertNothingRanAsync(page, ran);
            }
            await page.OpenAsync(publicUrl);
            var text = await page.Locator("main").InnerTextAsync();
            Assert.Contains(Hostile[0], text, StringComparison.Ordinal);
            Assert.Contains("Ủy ban nhân dân xã", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Phạm Thị", text, StringComparison.Ordinal);
            Assert.Contains("Phạm T.", text, StringComparison.Ordinal);
        }
        Assert.Empty(ran);
    }

    private static void Watch(IPage page, List<string> ran) =>
        page.Dialog += (_, dialog) =>
        {
            ran.Add($"dialog on {page.Url}: {dialog.Message}");
            _ = dialog.DismissAsync();
        };

    /// <summary>No script ran, no hostile markup became elements, and structured data stayed valid JSON.</summary>
    private static async Task AssertNothingRanAsync(IPage page, List<string> ran)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (await page.EvaluateAsync<bool>("() => window.__xss === 1"))
        {
            ran.Add($"script ran on {page.Url}");
        }
        Assert.Equal(0, await page.Locator("a[href^='javascript:' i]").CountAsync());
        var injected = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('[onerror],[onload],iframe[srcdoc],svg'), " +
            "...[...document.scripts].filter(s => s.type === 'application/ld+json' ? !(() => { try { JSON.parse(s.textContent); return true; } catch { return false; } })() : s.textContent.includes('__xss'))]" +
            ".map(e => e.outerHTML)");
        ran.AddRange(injected.Select(html => $"injected on {page.Url}: {html}"));
    }
}
