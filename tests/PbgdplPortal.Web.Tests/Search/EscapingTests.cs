using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;

namespace PbgdplPortal.Web.Tests.Search;

/// <summary>What a reader typed, and what authors wrote, is shown as text, never as markup; on SQLite and PostgreSQL.</summary>
public abstract partial class EscapingTests(PortalFactory portal)
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient client = portal.CreateClient(new() { AllowAutoRedirect = false });

    public static TheoryData<string> Payloads() =>
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'><svg onload=alert(1)>",
        "</mark><b>đăng ký</b> kết hôn",
    ];

    [GeneratedRegex("<(?!/?mark>)")]
    private static partial Regex TagOtherThanMark();

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_query_comes_back_escaped_on_the_search_page(string payload)
    {
        await SearchTestKit.EngineAsync(portal);
        var response = await client.GetAsync("/tim-kiem?q=" + Uri.EscapeDataString(payload));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(payload, html, StringComparison.Ordinal);
        var page = await Parser.ParseDocumentAsync(html);
        Assert.Equal(payload, page.QuerySelector("#tu-khoa")!.GetAttribute("value"));
        Assert.Contains(payload, page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(payload, page.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(page.QuerySelectorAll("script"), s => s.TextContent.Contains("alert", StringComparison.Ordinal));
        Assert.Empty(page.QuerySelectorAll("img[onerror], svg[onload], main b"));
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task Api_snippets_hold_no_tag_but_mark_whatever_the_query(string payload)
    {
        await SearchTestKit.EngineAsync(portal);
        foreach (var query in new[] { payload, "dang ky ket hon " + payload, "\"" + payload + "\" kết hôn", "hôn", "Điều 5", "138/KH-UBND" })
        {
            var (status, json) = await GetJsonAsync("/api/search?q=" + Uri.EscapeDataString(query) + "&pageSize=100");
            Assert.Equal(HttpStatusCode.OK, status);
            foreach (var hit in json.RootElement.GetProperty("hits").EnumerateArray())
            {
                var snippet = hit.GetProperty("snippet").GetString()!;
                Assert.DoesNotMatch(TagOtherThanMark(), snippet);
            }
        }
    }

    [Fact]
    public async Task Markup_written_in_a_title_or_body_is_escaped_in_snippets_titles_and_on_the_page()
    {
        await SearchTestKit.EngineAsync(portal);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var slug = $"thu-thoat-{suffix}";
        const string TitleMarkup = "<script>alert(1)</script>";
        const string BodyMarkup = "\"><img src=x onerror=alert(1)>";
        await portal.AddArticleAsync(slug, $"Cảnh báo giả mạo {TitleMarkup} {suffix}", $"Kẻ gian gửi tin nhắn có đoạn mã `{BodyMarkup}` kèm lời mời cảnh báo giả mạo & \"trúng thưởng\" {suffix}.");
        try
        {
            var query = $"canh bao gia mao {suffix}";
            JsonElement hit = default;
            await Eventually.HoldsAsync(async () =>
            {
                var (_, json) = await GetJsonAsync("/api/search?q=" + Uri.EscapeDataString(query));
                var hits = json.RootElement.GetProperty("hits").EnumerateArray().Where(h => h.GetProperty("slug").GetString() == slug).ToList();
                hit = hits.FirstOrDefault();
                return hits.Count == 1;
            }, "the article with markup in it is searchable");
            // The API title is plain text for clients to escape; the snippet is HTML and must be safe as it is.
            Assert.Contains(TitleMarkup, hit.GetProperty("title").GetString(), StringComparison.Ordinal);
            var snippet = hit.GetProperty("snippet").GetString()!;
            Assert.DoesNotMatch(TagOtherThanMark(), snippet);
            Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", snippet, StringComparison.Ordinal);
            Assert.Contains("<mark>", snippet, StringComparison.Ordinal);

            var html = await client.GetStringAsync("/tim-kiem?q=" + Uri.EscapeDataString(query));
            Assert.DoesNotContain(TitleMarkup, html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            var page = await Parser.ParseDocumentAsync(html);
            var link = page.QuerySelectorAll(".hit h3 a").Single(a => a.GetAttribute("href")!.EndsWith(slug, StringComparison.Ordinal));
            Assert.Contains(TitleMarkup, link.TextContent, StringComparison.Ordinal);
            Assert.NotEmpty(link.Children);
            Assert.All(link.Children, c => Assert.Equal("MARK", c.TagName));
            Assert.DoesNotContain(page.QuerySelectorAll("script"), s => s.TextContent.Contains("alert", StringComparison.Ordinal));

            var suggestions = await GetJsonAsync("/api/search/suggest?q=" + Uri.EscapeDataString($"canh bao gia mao {suffix}"));
            Assert.Contains(suggestions.Json.RootElement.EnumerateArray(), s => s.GetProperty("title").GetString()!.Contains(TitleMarkup, StringComparison.Ordinal));
        }
        finally
        {
            await portal.WithDbAsync(async db =>
            {
                db.Articles.Remove(await db.Articles.SingleAsync(a => a.Slug == slug));
                db.RecordChange(nameof(Article), slug, DateTime.UtcNow);
                return await db.SaveChangesAsync();
            });
        }
    }

    private async Task<(HttpStatusCode Status, JsonDocument Json)> GetJsonAsync(string url)
    {
        var response = await client.GetAsync(url);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EscapingOnSqlite(SqlitePortal portal) : EscapingTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class EscapingOnPostgres(PostgresPortal portal) : EscapingTests(portal);
