using Microsoft.Playwright;

namespace PbgdplPortal.Browser.Tests.Layout;

/// <summary>
/// The public header on a 390px phone: short (the menu is one row that scrolls sideways, no JavaScript needed), every
/// menu link reachable by touch and by keyboard with a visible focus, the search box usable; on a desktop the same menu.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HeaderTests(ServedPortal portal)
{
    private const int PhoneWidth = 390;
    private const int MaxPhoneHeaderHeight = 120;

    private static readonly (string Name, string Href)[] Menu =
    [
        ("Chủ đề", "/chu-de"), ("Đối tượng", "/doi-tuong"), ("Văn bản", "/van-ban"), ("Cơ quan", "/co-quan"),
        ("Trắc nghiệm pháp luật", "/trac-nghiem-phap-luat"), ("Cuộc thi", "/cuoc-thi"), ("Hỏi đáp", "/hoi-dap"), ("Đối thoại", "/doi-thoai"),
    ];

    [Fact]
    public async Task Header_is_short_on_a_phone_and_every_menu_link_is_reachable_without_javascript()
    {
        await using var context = await portal.NewContextAsync(javaScriptEnabled: false, width: PhoneWidth, height: 844);
        var page = await context.NewPageAsync();
        await page.OpenAsync(PublicPages.Home);

        var header = await BoxAsync(page.Locator("header.site-header"));
        Assert.True(header.Height <= MaxPhoneHeaderHeight, $"The header is {header.Height:0.#}px tall on a {PhoneWidth}px phone (at most {MaxPhoneHeaderHeight}px).");
        // The header itself never widens the page (the page's content, made by other tests in the shared portal, is not its concern).
        var headerWidth = await page.EvaluateAsync<int>("document.querySelector('header.site-header').scrollWidth");
        Assert.True(headerWidth <= PhoneWidth, $"The header is {headerWidth}px wide on a {PhoneWidth}px phone.");

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" });
        var links = nav.GetByRole(AriaRole.Link);
        Assert.Equal(Menu, await MenuAsync(links));
        var rowTop = (await BoxAsync(links.First)).Y;
        foreach (var (name, _) in Menu)
        {
            var link = nav.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
            await link.ScrollIntoViewIfNeededAsync();
            var box = await BoxAsync(link);
            Assert.True(Math.Abs(box.Y - rowTop) < 1, $"«{name}» is not on the menu's single row (top {box.Y:0.#}px, row at {rowTop:0.#}px).");
            Assert.True(box.X >= 0 && box.X + box.Width <= PhoneWidth, $"«{name}» spans {box.X:0.#}–{box.X + box.Width:0.#}px after scrolling it into view, outside the {PhoneWidth}px screen.");
            Assert.True(await IsOnTopAsync(link), $"«{name}» is covered by something else after scrolling it into view.");
        }

        // By keyboard: from the search box, Tab goes through its button and then the menu; the last link scrolls into view, focus ringed.
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Tìm kiếm pháp luật" }).FocusAsync();
        for (var i = 0; i < Menu.Length + 1; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        var last = nav.GetByRole(AriaRole.Link, new() { Name = Menu[^1].Name, Exact = true });
        Assert.True(await last.EvaluateAsync<bool>("a => a === document.activeElement"), "Tab did not reach the last menu link.");
        var lastBox = await BoxAsync(last);
        Assert.True(lastBox.X >= 0 && lastBox.X + lastBox.Width <= PhoneWidth, $"The focused last link spans {lastBox.X:0.#}–{lastBox.X + lastBox.Width:0.#}px, outside the {PhoneWidth}px screen.");
        Assert.Equal("solid", await last.EvaluateAsync<string>("a => getComputedStyle(a).outlineStyle"));

        // The search box keeps a usable width and still searches.
        var search = page.GetByRole(AriaRole.Searchbox, new() { Name = "Tìm kiếm pháp luật" });
        var searchBox = await BoxAsync(search);
        Assert.True(searchBox.Width >= 200, $"The search box is only {searchBox.Width:0.#}px wide.");
        await search.FillAsync("kết hôn");
        await search.PressAsync("Enter");
        await page.WaitForURLAsync("**/tim-kiem?q=*");
        Assert.Equal("kết hôn", await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Searchbox).First.InputValueAsync());
    }

    [Fact]
    public async Task Desktop_header_shows_the_same_menu_without_scrolling()
    {
        await using var context = await portal.NewContextAsync(width: 1280, height: 900);
        var page = await context.NewPageAsync();
        await page.OpenAsync(PublicPages.Home);

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" });
        var links = nav.GetByRole(AriaRole.Link);
        Assert.Equal(Menu, await MenuAsync(links));
        Assert.True(await nav.EvaluateAsync<bool>("n => n.scrollWidth <= n.clientWidth"), "The desktop menu scrolls sideways.");
        foreach (var link in await links.AllAsync())
        {
            Assert.True(await link.IsVisibleAsync() && await IsOnTopAsync(link), $"«{await link.InnerTextAsync()}» is not shown on the desktop header.");
        }
    }

    private static async Task<(string Name, string Href)[]> MenuAsync(ILocator links)
    {
        var menu = new List<(string, string)>();
        foreach (var link in await links.AllAsync())
        {
            menu.Add(((await link.InnerTextAsync()).Trim(), await link.GetAttributeAsync("href") ?? ""));
        }
        return [.. menu];
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} has no box.");

    /// <summary>Whether the element itself is what a tap at its centre would hit.</summary>
    private static Task<bool> IsOnTopAsync(ILocator locator) =>
        locator.EvaluateAsync<bool>("e => { const r = e.getBoundingClientRect(); const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); return hit === e || e.contains(hit); }");
}
