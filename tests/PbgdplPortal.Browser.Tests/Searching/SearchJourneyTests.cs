using Microsoft.Playwright;

namespace PbgdplPortal.Browser.Tests.Searching;

/// <summary>A reader searches from the header, typing without diacritics, with and without JavaScript.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchJourneyTests(ServedPortal portal)
{
    [Fact]
    public async Task Searching_without_javascript_finds_the_article_and_filters_by_type()
    {
        await using var context = await portal.NewContextAsync(javaScriptEnabled: false);
        var page = await context.NewPageAsync();
        await page.OpenAsync(PublicPages.Home);
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Tìm kiếm pháp luật" }).FillAsync("dang ky ket hon");
        await page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();

        await page.WaitForURLAsync("**/tim-kiem?q=dang+ky+ket+hon");
        var first = page.Locator(".hits .hit").First;
        Assert.Equal("Đăng ký kết hôn", (await first.Locator("h3").InnerTextAsync()).Trim());
        Assert.True(await first.Locator("mark").CountAsync() > 0, "The matched words are highlighted.");

        await page.Locator(".facets").GetByRole(AriaRole.Link, new() { Name = "Văn bản pháp luật" }).ClickAsync();
        await page.WaitForURLAsync("**loai=document**");
        var types = await page.Locator(".hits .meta .tag").AllInnerTextsAsync();
        Assert.NotEmpty(types);
        Assert.All(types, t => Assert.Equal("Văn bản pháp luật", t.Trim()));
    }

    [Fact]
    public async Task The_search_box_suggests_titles_as_you_type()
    {
        await using var context = await portal.NewContextAsync(javaScriptEnabled: true);
        var page = await context.NewPageAsync();
        await page.OpenAsync(PublicPages.Home);
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Tìm kiếm pháp luật" });
        await box.PressSequentiallyAsync("dang ky ket", new() { Delay = 30 });
        var suggestion = page.GetByRole(AriaRole.Listbox, new() { Name = "Gợi ý" }).GetByRole(AriaRole.Link, new() { Name = "Đăng ký kết hôn", Exact = true });
        await suggestion.WaitForAsync(new() { Timeout = 5000 });
        await suggestion.ClickAsync();
        await page.WaitForURLAsync($"**{PublicPages.Article}");
    }
}
