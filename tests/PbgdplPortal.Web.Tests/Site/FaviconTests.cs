using System.Net;
using PbgdplPortal.Web.Hosting;

namespace PbgdplPortal.Web.Tests.Site;

/// <summary>Every page links the theme's icon, and /favicon.ico answers with it, kept long by browsers.</summary>
[Collection(SqliteCollection.Name)]
public sealed class FaviconTests(SqlitePortal portal)
{
    [Fact]
    public async Task Favicon_ico_answers_200_with_an_icon_and_a_long_cache_lifetime_and_pages_link_it()
    {
        var client = portal.CreateClient();
        var response = await client.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);
        Assert.Contains(response.Content.Headers.ContentType?.MediaType, new[] { "image/x-icon", "image/vnd.microsoft.icon" });
        Assert.Equal(TimeSpan.FromSeconds(PortalHosting.FaviconMaxAgeSeconds), response.Headers.CacheControl?.MaxAge);
        Assert.True(response.Headers.CacheControl!.MaxAge >= TimeSpan.FromDays(7));

        foreach (var page in new[] { "/", "/quan-tri/dang-nhap" })
        {
            Assert.Contains("<link rel=\"icon\" href=\"/favicon.ico\"", await client.GetStringAsync(page), StringComparison.Ordinal);
        }
        var svg = await client.GetAsync("/_content/PbgdplPortal.Themes.Default/favicon.svg");
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
    }
}
