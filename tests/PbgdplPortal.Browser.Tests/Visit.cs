using Microsoft.Playwright;

namespace PbgdplPortal.Browser.Tests;

public static class Visit
{
    /// <summary>
    /// Opens a public page and checks that it answered as expected (404 for the missing page, 200 otherwise)
    /// and that everything it loads (the stylesheet above all) arrived.
    /// </summary>
    public static async Task OpenAsync(this IPage page, string url)
    {
        var broken = new List<string>();
        void OnResponse(object? sender, IResponse response)
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                broken.Add($"{response.Url} answered {response.Status}");
            }
        }
        void OnFailed(object? sender, IRequest request) => broken.Add($"{request.Url} failed: {request.Failure}");
        page.Response += OnResponse;
        page.RequestFailed += OnFailed;
        try
        {
            var response = await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });
            var expected = url == PublicPages.NotFound ? 404 : 200;
            Assert.True(response?.Status == expected, $"{url} answered {response?.Status}, expected {expected}.");
            // Response events may trail the navigation, so the stylesheets are also fetched once more.
            var stylesheets = page.Locator("link[rel=stylesheet]");
            Assert.True(await stylesheets.CountAsync() > 0, $"{url} links no stylesheet.");
            foreach (var link in await stylesheets.AllAsync())
            {
                var href = await link.GetAttributeAsync("href");
                var css = await page.APIRequest.GetAsync(href!);
                if (!css.Ok)
                {
                    broken.Add($"{href} answered {css.Status}");
                }
            }
            Assert.True(broken.Count == 0, $"{url} loaded broken resources:\n" + string.Join("\n", broken));
        }
        finally
        {
            page.Response -= OnResponse;
            page.RequestFailed -= OnFailed;
        }
    }
}
