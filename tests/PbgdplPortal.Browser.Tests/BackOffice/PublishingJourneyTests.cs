using Microsoft.Playwright;
using PbgdplPortal.Accounts;

namespace PbgdplPortal.Browser.Tests.BackOffice;

/// <summary>
/// An editor writes an article and submits it; a reviewer of the same agency publishes it; citizens read
/// it. Every back-office page on the way passes axe. Then hostile text typed into every field never runs.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PublishingJourneyTests(ServedPortal portal)
{
    /// <summary>Each sets window.__xss when it runs; none may.</summary>
    private static readonly string[] Hostile =
    [
        "<script>window.__xss=1</script>",
        "<img src=x onerror=\"window.__xss=1\">",
        "\"><svg onload=window.__xss=1>",
        "</textarea><script>window.__xss=1</script>",
        "'-alert(1)-'",
        "<iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
    ];

    [Fact]
    public async Task An_article_goes_from_editor_through_reviewer_to_the_public_site()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var reviewer = await portal.CreateAccountAsync(PortalRoles.Reviewer, "so-tu-phap", "Lê Văn Duyệt");
        var title = $"Thủ tục trích lục hộ tịch {Guid.NewGuid():N}"[..40];

        await using (var context = await portal.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await page.SignInAsync(editor);
            await page.AssertAccessibleAsync();
            await page.GotoAsync("/quan-tri/bai-viet");
            await page.AssertAccessibleAsync();
            await page.GotoAsync("/quan-tri/bai-viet/moi");
            await page.AssertAccessibleAsync();
            await page.GetByLabel("Tiêu đề").FillAsync(title);
            await page.GetByLabel("Tóm tắt").FillAsync("Người dân có thể xin trích lục hộ tịch tại Ủy ban nhân dân cấp xã.");
            await page.GetByLabel("Nội dung (Markdown)").FillAsync("## Ai được cấp?\n\nTheo Điều 63 Luật Hộ tịch 60/2014/QH13, cá nhân được yêu cầu cấp **bản sao trích lục hộ tịch**.");
            await page.GetByLabel("Hôn nhân và gia đình", new() { Exact = true }).CheckAsync();
            await page.GetByLabel("Văn bản được trích dẫn").FillAsync("60/2014/QH13 | Điều 63");
            await page.GetByRole(AriaRole.Button, new() { Name = "Gửi duyệt" }).ClickAsync();
            await page.WaitForSelectorAsync(".notice");
            await page.AssertAccessibleAsync();
            Assert.Contains("Chờ duyệt", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        }

        var slug = PbgdplPortal.Text.Slug.From(title);
        Assert.Equal(404, (await portal.CreateHttpClient().GetAsync($"/bai-viet/{slug}")).StatusCode.GetHashCode());

        await using (var context = await portal.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await page.SignInAsync(reviewer);
            await page.GotoAsync("/quan-tri/bai-viet?trang-thai=cho-duyet");
            await page.AssertAccessibleAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            await page.WaitForSelectorAsync("#Title");
            await page.AssertAccessibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Duyệt và đăng" }).ClickAsync();
            await page.WaitForSelectorAsync(".notice");
            Assert.Contains("Đã đăng", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
            await page.GotoAsync(page.Url.Split('?')[0] + "/phien-ban");
            await page.AssertAccessibleAsync();
        }

        await using (var reader = await portal.NewContextAsync(javaScriptEnabled: false))
        {
            var page = await reader.NewPageAsync();
            await page.OpenAsync($"/bai-viet/{slug}");
            Assert.Equal(title, await page.Locator("h1").InnerTextAsync());
            Assert.Contains("bản sao trích lục hộ tịch", await page.Locator("article").InnerTextAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hostile_text_in_every_field_never_runs_in_the_back_office_or_on_the_public_site()
    {
        var admin = await portal.CreateAccountAsync(PortalRoles.Administrator, null, Hostile[1]);
        var mark = Guid.NewGuid().ToString("N")[..8];
        var title = $"Bài {mark} {Hostile[0]} {Hostile[2]}";
        var topicName = $"Chủ đề {mark} {Hostile[1]}";
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var ran = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            ran.Add($"dialog on {page.Url}: {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        await page.SignInAsync(admin);

        // A topic named with markup, by the administrators' form.
        await page.GotoAsync("/quan-tri/chu-de/tao");
        await page.GetByLabel("Tên", new() { Exact = true }).FillAsync(topicName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm" }).ClickAsync();
        await page.WaitForLoadStateAsync();

        // An article whose every text field carries markup, published at once.
        await page.GotoAsync("/quan-tri/bai-viet/moi");
        await page.GetByLabel("Tiêu đề").FillAsync(title);
        await page.GetByLabel("Đường dẫn").FillAsync($"bai-{mark}");
        await page.GetByLabel("Tóm tắt").FillAsync(string.Join(" ", Hostile));
        await page.GetByLabel("Nội dung (Markdown)").FillAsync(string.Join("\n\n", Hostile) + "\n\n[bấm vào đây](javascript:window.__xss=1)\n\n<a href=\"javascript:window.__xss=1\">liên kết</a>");
        await page.GetByLabel(topicName).CheckAsync();
        await page.GetByLabel("Văn bản được trích dẫn").FillAsync($"60/2014/QH13 | Điều 63 {Hostile[1]}");
        await page.Locator("#AgencyId").SelectOptionAsync(new SelectOptionValue { Label = "Sở Tư pháp tỉnh Cà Mau" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Duyệt và đăng" }).ClickAsync();
        await page.WaitForSelectorAsync(".notice");
        var editUrl = page.Url.Split('?')[0];

        string[] pages =
        [
            editUrl, editUrl + "/phien-ban", "/quan-tri/bai-viet", "/quan-tri/chu-de", "/quan-tri/nguoi-dung", "/quan-tri/nhat-ky", "/quan-tri",
            $"/bai-viet/bai-{mark}", "/", "/chu-de", $"/tim-kiem?q={Uri.EscapeDataString(mark)}", $"/tim-kiem?q={Uri.EscapeDataString(Hostile[0])}",
        ];
        foreach (var url in pages)
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            // Preview runs the same pipeline: give the live preview a moment on the edit page.
            if (url == editUrl)
            {
                await page.GetByLabel("Nội dung (Markdown)").PressAsync("End");
                await page.WaitForTimeoutAsync(800);
            }
            var links = await page.Locator("a[href^='javascript:' i]").CountAsync();
            Assert.True(links == 0, $"{url} has a javascript: link");
            if (await page.EvaluateAsync<bool>("() => window.__xss === 1"))
            {
                ran.Add($"script ran on {url}");
            }
            // The content policy would stop inline scripts anyway; the markup itself must never reach the page as elements,
            // and structured data (where the title is quoted) must stay one intact JSON value.
            var injected = await page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('[onerror],[onload],iframe[srcdoc],svg'), " +
                "...[...document.scripts].filter(s => s.type === 'application/ld+json' ? !(() => { try { JSON.parse(s.textContent); return true; } catch { return false; } })() : s.textContent.includes('__xss'))]" +
                ".map(e => e.outerHTML)");
            ran.AddRange(injected.Select(html => $"injected on {url}: {html}"));
        }
        Assert.True(await page.Locator("body").InnerTextAsync() is { Length: > 0 });
        Assert.Empty(ran);

        // The text is shown as text: the public page's heading reads exactly what was typed.
        await page.GotoAsync($"/bai-viet/bai-{mark}");
        Assert.Equal(title, await page.Locator("h1").InnerTextAsync());
    }
}
