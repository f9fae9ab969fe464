using Microsoft.Playwright;

namespace PbgdplPortal.Browser.Tests.Reading;

/// <summary>A reader's way from the home page to the legal document an article rests on, by clicking only.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadingJourneyTests(ServedPortal portal)
{
    [Fact]
    public Task Reader_goes_from_home_through_a_topic_and_an_article_to_a_cited_document() => WalkAsync(javaScriptEnabled: true);

    [Fact]
    public Task Reading_works_without_javascript() => WalkAsync(javaScriptEnabled: false);

    private async Task WalkAsync(bool javaScriptEnabled)
    {
        await using var context = await portal.NewContextAsync(javaScriptEnabled);
        var page = await context.NewPageAsync();

        await page.OpenAsync(PublicPages.Home);
        Assert.Equal("Tìm hiểu pháp luật dễ dàng, đúng quy định", await HeadingAsync(page));
        var topics = page.GetByRole(AriaRole.Region, new() { Name = "Chủ đề pháp luật" });
        await topics.Locator($"a[href='{PublicPages.Topic}']").ClickAsync();

        await page.WaitForURLAsync($"**{PublicPages.Topic}");
        Assert.Equal("Hôn nhân và gia đình", await HeadingAsync(page));
        Assert.StartsWith("Hôn nhân và gia đình", await page.TitleAsync(), StringComparison.Ordinal);
        await page.Locator(".cards").GetByRole(AriaRole.Link, new() { Name = "Đăng ký kết hôn", Exact = true }).ClickAsync();

        await page.WaitForURLAsync($"**{PublicPages.Article}");
        Assert.Equal("Đăng ký kết hôn", await HeadingAsync(page));
        Assert.StartsWith("Đăng ký kết hôn", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Contains("Theo Điều 9 Luật Hôn nhân và gia đình", await page.Locator("article .prose").InnerTextAsync(), StringComparison.Ordinal);
        var legalBasis = page.GetByRole(AriaRole.Region, new() { Name = "Căn cứ pháp lý" });
        var citation = legalBasis.GetByRole(AriaRole.Link, new() { Name = "60/2014/QH13" }).First;
        var citedTitle = await citation.InnerTextAsync();
        await citation.ClickAsync();

        await page.WaitForURLAsync($"**{PublicPages.Document}");
        Assert.Equal("Luật Hộ tịch", await HeadingAsync(page));
        Assert.Equal("Luật Hộ tịch số 60/2014/QH13", citedTitle.Trim());
        Assert.StartsWith("Luật 60/2014/QH13", await page.TitleAsync(), StringComparison.Ordinal);
        var metadata = page.GetByRole(AriaRole.Table, new() { Name = "Thuộc tính văn bản" });
        Assert.Equal("60/2014/QH13", await CellAsync(metadata, "Số hiệu"));
        Assert.Equal("Luật", await CellAsync(metadata, "Loại văn bản"));
        Assert.Equal("Quốc hội", await CellAsync(metadata, "Cơ quan ban hành"));
        Assert.NotEmpty(await CellAsync(metadata, "Tình trạng hiệu lực"));
    }

    private static async Task<string> HeadingAsync(IPage page) =>
        (await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).Trim();

    private static async Task<string> CellAsync(ILocator table, string rowHeader) =>
        (await table.GetByRole(AriaRole.Row).Filter(new() { Has = table.Page.GetByRole(AriaRole.Rowheader, new() { Name = rowHeader, Exact = true }) })
            .GetByRole(AriaRole.Cell).InnerTextAsync()).Trim();
}
