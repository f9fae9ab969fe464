using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Text;

namespace PbgdplPortal.Web.Tests.Site;

/// <summary>Every public route of the portal, run once on SQLite and once on PostgreSQL.</summary>
public abstract class PublicSiteTests(PortalFactory portal)
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient client = portal.CreateClient(new() { AllowAutoRedirect = false });

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> GetPageAsync(string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await Parser.ParseDocumentAsync(body);
    }

    private Task<T> Db<T>(Func<PortalDbContext, Task<T>> query) => portal.WithDbAsync(query);

    [Fact]
    public async Task Migrations_leave_no_pending_model_changes()
    {
        var (pendingModel, pendingMigrations) = await Db(async db =>
            (db.Database.HasPendingModelChanges(), (await db.Database.GetPendingMigrationsAsync()).ToList()));
        Assert.False(pendingModel, "The model has changes that no migration captures: add a migration for both providers.");
        Assert.Empty(pendingMigrations);
    }

    [Fact]
    public async Task Home_page_lists_latest_articles_and_entry_points_by_audience_and_topic()
    {
        var page = await GetPageAsync("/");
        Assert.Equal("vi", page.DocumentElement.GetAttribute("lang"));
        var links = page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains(links, l => l!.StartsWith("/bai-viet/", StringComparison.Ordinal));
        var audiences = await Db(db => db.AudienceGroups.Select(a => a.Slug).ToListAsync());
        var topics = await Db(db => db.Topics.Select(a => a.Slug).ToListAsync());
        Assert.NotEmpty(audiences);
        Assert.NotEmpty(topics);
        Assert.All(audiences, s => Assert.Contains($"/doi-tuong/{s}", links));
        Assert.All(topics, s => Assert.Contains($"/chu-de/{s}", links));
    }

    [Theory]
    [InlineData("/chu-de")]
    [InlineData("/doi-tuong")]
    [InlineData("/co-quan")]
    [InlineData("/van-ban")]
    public async Task Index_pages_answer_in_vietnamese(string url)
    {
        var page = await GetPageAsync(url);
        Assert.NotEmpty(page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotEmpty(page.QuerySelectorAll("main a"));
    }

    [Fact]
    public async Task Topic_audience_and_agency_listings_show_their_articles_newest_first()
    {
        var article = await Db(db => db.Articles.Published(DateTime.UtcNow)
            .Select(a => new { a.Title, Topic = a.Topics.First().Slug, Audience = a.Audiences.First().Slug, Agency = a.Agency.Slug })
            .FirstAsync());
        foreach (var url in new[] { $"/chu-de/{article.Topic}", $"/doi-tuong/{article.Audience}", $"/co-quan/{article.Agency}" })
        {
            var page = await GetPageAsync(url);
            var dates = page.QuerySelectorAll(".cards time").Select(t => DateTime.Parse(t.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.NotEmpty(dates);
            Assert.Equal(dates.OrderByDescending(d => d), dates);
        }
    }

    [Fact]
    public async Task Listings_are_paginated_and_a_page_past_the_end_is_not_found()
    {
        var topic = await Db(db => db.Topics.OrderByDescending(t => t.Articles.Count).Select(t => t.Slug).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/chu-de/{topic}?trang=999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/chu-de/{topic}?trang=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/chu-de/khong-co-chu-de-nay")).StatusCode);
    }

    [Fact]
    public async Task Article_page_shows_breadcrumbs_agency_dates_terms_legal_basis_and_structured_data()
    {
        var page = await GetPageAsync("/bai-viet/dang-ky-ket-hon");
        Assert.Equal("Đăng ký kết hôn", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("nav.crumbs a[href='/']"));
        Assert.NotNull(page.QuerySelector(".meta a[href^='/co-quan/']"));
        Assert.Matches(@"\d{2}/\d{2}/\d{4}", page.QuerySelector(".meta time")!.TextContent);
        Assert.NotEmpty(page.QuerySelectorAll(".terms-block a[href^='/chu-de/']"));
        var basis = page.QuerySelectorAll(".legal-basis li");
        Assert.NotEmpty(basis);
        Assert.All(basis, li =>
        {
            Assert.NotNull(li.QuerySelector("a[href^='/van-ban/']"));
            Assert.NotNull(li.QuerySelector(".status"));
        });
        Assert.NotNull(page.QuerySelector(".notice.sample"));
        Assert.Equal("article", page.QuerySelector("meta[property='og:type']")!.GetAttribute("content"));
        var jsonLd = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal("Article", jsonLd.RootElement.GetProperty("@type").GetString());
        Assert.Equal("Đăng ký kết hôn", jsonLd.RootElement.GetProperty("headline").GetString());
        Assert.NotEmpty(page.QuerySelectorAll(".related .card"));
    }

    [Fact]
    public async Task Citations_in_article_text_link_to_the_documents_the_portal_holds()
    {
        var (slug, number, documentSlug) = await Db(async db =>
        {
            var c = await db.ArticleCitations.Where(c => c.Article.Status == PublicationStatus.Published)
                .Select(c => new { c.Article.Slug, c.Article.Body, c.LegalDocument.Number, DocumentSlug = c.LegalDocument.Slug })
                .ToListAsync();
            var hit = c.First(x => x.Body.Contains(x.Number, StringComparison.Ordinal));
            return (hit.Slug, hit.Number, hit.DocumentSlug);
        });
        var page = await GetPageAsync($"/bai-viet/{slug}");
        Assert.Contains(page.QuerySelectorAll(".prose a"), a => a.GetAttribute("href") == $"/van-ban/{documentSlug}" && a.TextContent == number);
    }

    [Fact]
    public async Task Document_page_shows_metadata_relations_and_the_articles_that_explain_it()
    {
        var document = await Db(db => db.LegalDocuments.OrderByDescending(d => d.CitedBy.Count).Select(d => new { d.Slug, d.Number }).FirstAsync());
        var page = await GetPageAsync($"/van-ban/{document.Slug}");
        var labels = page.QuerySelectorAll(".doc-meta th").Select(th => th.TextContent).ToList();
        foreach (var label in new[] { "Số hiệu", "Loại văn bản", "Cơ quan ban hành", "Ngày ban hành", "Tình trạng hiệu lực" })
        {
            Assert.Contains(label, labels);
        }
        Assert.Contains(document.Number, page.QuerySelector(".doc-meta td")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll(".cards a[href^='/bai-viet/']"));
    }

    [Fact]
    public async Task Plan_138_is_held_with_its_full_text_and_the_documents_it_cites()
    {
        var slug = await Db(db => db.LegalDocuments.Where(d => d.NumberKey == DocumentNumbers.Key("138/KH-UBND")).Select(d => d.Slug).FirstAsync());
        var page = await GetPageAsync($"/van-ban/{slug}");
        var text = page.QuerySelector(".prose")!.TextContent;
        Assert.Contains("Kết luận số 80-KL/TW", text, StringComparison.Ordinal);
        Assert.Contains("Đổi mới nội dung, hình thức PBGDPL", text, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".relations a[href^='/van-ban/']"));
    }

    [Fact]
    public async Task Feeds_are_rss_2_and_the_sitemap_lists_published_articles()
    {
        var topic = await Db(db => db.Topics.Select(t => t.Slug).FirstAsync());
        var audience = await Db(db => db.AudienceGroups.Select(t => t.Slug).FirstAsync());
        foreach (var url in new[] { "/rss.xml", $"/chu-de/{topic}/rss.xml", $"/doi-tuong/{audience}/rss.xml" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/rss+xml", response.Content.Headers.ContentType?.MediaType);
            var rss = XDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("2.0", rss.Root!.Attribute("version")!.Value);
            Assert.NotNull(rss.Root.Element("channel")!.Element("title"));
        }
        var all = XDocument.Parse(await client.GetStringAsync("/rss.xml"));
        Assert.NotEmpty(all.Descendants("item"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/chu-de/khong-co/rss.xml")).StatusCode);

        var sitemap = XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var locations = sitemap.Descendants(ns + "loc").Select(l => new Uri(l.Value).AbsolutePath).ToHashSet();
        var published = await Db(db => db.Articles.Published(DateTime.UtcNow).Select(a => a.Slug).ToListAsync());
        Assert.NotEmpty(published);
        Assert.All(published, s => Assert.Contains($"/bai-viet/{s}", locations));

        var robots = await client.GetStringAsync("/robots.txt");
        Assert.Contains("Sitemap: ", robots, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_check_answers_ok()
    {
        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task Unknown_pages_get_a_vietnamese_404()
    {
        var response = await client.GetAsync("/bai-viet/khong-ton-tai");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("Không tìm thấy trang", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Responses_are_compressed_and_carry_security_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/bai-viet/dang-ky-ket-hon");
        request.Headers.AcceptEncoding.ParseAdd("br");
        var response = await client.SendAsync(request);
        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Article_page_weighs_at_most_60_kb_with_its_css_and_scripts()
    {
        var html = await client.GetStringAsync("/bai-viet/dang-ky-ket-hon");
        var page = await Parser.ParseDocumentAsync(html);
        long total = System.Text.Encoding.UTF8.GetByteCount(html);
        var assets = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href"))
            .Concat(page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")));
        foreach (var asset in assets)
        {
            var response = await client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            total += (await response.Content.ReadAsByteArrayAsync()).Length;
        }
        Assert.True(total <= 60 * 1024, $"The article page weighs {total} bytes.");
    }

    [Fact]
    public async Task Draft_future_and_withdrawn_articles_are_never_visible_or_listed()
    {
        var now = DateTime.UtcNow;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var topic = await Db(db => db.Topics.Select(t => t.Slug).FirstAsync());
        var hidden = new[]
        {
            await AddArticleAsync($"nhap-{suffix}", "Bản nháp chưa đăng", PublicationStatus.Draft, now.AddDays(-1), null, topic),
            await AddArticleAsync($"tuong-lai-{suffix}", "Bài hẹn giờ đăng năm sau", PublicationStatus.Published, now.AddYears(1), null, topic),
            await AddArticleAsync($"da-go-{suffix}", "Bài đã gỡ xuống", PublicationStatus.Published, now.AddDays(-10), now.AddDays(-1), topic),
        };
        foreach (var slug in hidden)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/bai-viet/{slug}")).StatusCode);
        }
        var pages = new[] { "/", $"/chu-de/{topic}", "/rss.xml", $"/chu-de/{topic}/rss.xml", "/sitemap.xml" };
        foreach (var url in pages)
        {
            var body = await client.GetStringAsync(url);
            Assert.All(hidden, slug => Assert.DoesNotContain(slug, body, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_new_article_appears_on_cached_pages_once_the_change_journal_records_it()
    {
        var topic = await Db(db => db.Topics.Select(t => t.Slug).FirstAsync());
        var before = await client.GetStringAsync($"/chu-de/{topic}");
        var slug = await AddArticleAsync($"moi-{Guid.NewGuid():N}"[..20], "Bài mới vừa đăng", PublicationStatus.Published, DateTime.UtcNow.AddMinutes(-1), null, topic);
        Assert.DoesNotContain(slug, before, StringComparison.Ordinal);
        await Eventually.HoldsAsync(async () => (await client.GetStringAsync($"/chu-de/{topic}")).Contains(slug, StringComparison.Ordinal),
            "the topic page shows the new article");
    }

    [Fact]
    public async Task A_scheduled_article_appears_on_time_without_any_write()
    {
        var topic = await Db(db => db.Topics.Select(t => t.Slug).FirstAsync());
        var at = DateTime.UtcNow.AddSeconds(2);
        var slug = await AddArticleAsync($"hen-gio-{Guid.NewGuid():N}"[..20], "Bài hẹn giờ", PublicationStatus.Published, at, null, topic);
        await client.GetStringAsync($"/chu-de/{topic}");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/bai-viet/{slug}")).StatusCode);
        await Eventually.HoldsAsync(async () => (await client.GetStringAsync($"/chu-de/{topic}")).Contains(slug, StringComparison.Ordinal),
            "the scheduled article is listed");
        Assert.True(DateTime.UtcNow >= at);
    }

    private Task<string> AddArticleAsync(string slug, string title, PublicationStatus status, DateTime publishedAt, DateTime? unpublishAt, string topicSlug) =>
        portal.AddArticleAsync(slug, title, $"Nội dung kiểm thử {slug}.", topicSlug, a =>
        {
            a.Status = status;
            a.PublishedAt = publishedAt;
            a.UnpublishAt = unpublishAt;
        });
}

[Collection(SqliteCollection.Name)]
public sealed class PublicSiteOnSqlite(SqlitePortal portal) : PublicSiteTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class PublicSiteOnPostgres(PostgresPortal portal) : PublicSiteTests(portal);
