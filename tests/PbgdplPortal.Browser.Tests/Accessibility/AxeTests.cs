using Microsoft.Playwright;
using PbgdplPortal.Browser.Tests.Contests;
using PbgdplPortal.Contests;

namespace PbgdplPortal.Browser.Tests.Accessibility;

/// <summary>Every kind of public page passes axe's WCAG 2.1 A and AA rules, on a desktop and on a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AxeTests(ServedPortal portal)
{
    public static TheoryData<string> Pages => PublicPages.AllAsTheory();

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_has_no_accessibility_violations(string url)
    {
        await using var context = await portal.NewContextAsync();
        await CheckAsync(await context.NewPageAsync(), url);
    }

    [Fact]
    public async Task Article_page_has_no_accessibility_violations_on_a_phone()
    {
        await using var context = await portal.NewContextAsync(width: 375, height: 812);
        var page = await context.NewPageAsync();
        await CheckAsync(page, PublicPages.Article);

        // Reflow (WCAG 1.4.10): the article reads without scrolling sideways.
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 375, $"The article is {scrollWidth}px wide on a 375px screen.");
    }

    [Fact]
    public async Task Contest_pages_have_no_accessibility_violations()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        foreach (var url in await ContestPages.PublicAsync(portal))
        {
            await CheckAsync(page, url);
            if (url.EndsWith("/ket-qua", StringComparison.Ordinal))
            {
                // The published ranking, names masked.
                Assert.Contains("Nguyễn V. A", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
            }
        }
        // The account page, once an entrant has registered through the form.
        await page.OpenAsync(ContestUrls.Register);
        await ContestPages.RegisterAsync(page, ContestPages.NewPhone(), "Đặng Văn Hải");
        await CheckAsync(page, ContestUrls.Account);
    }

    private static async Task CheckAsync(IPage page, string url)
    {
        await page.OpenAsync(url);
        await page.AssertAccessibleAsync();
    }
}
