using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Dialogues;
using PbgdplPortal.Questions;
using PbgdplPortal.Site;
using PbgdplPortal.Text;

namespace PbgdplPortal.Web.Site;

/// <summary>
/// RSS 2.0 feeds, the sitemap and robots.txt. Titles, categories and sources are text; an item's description is
/// HTML (feed readers render it), made from plain text by escaping it for HTML before the writer escapes it for XML.
/// Every string passes <see cref="VietnameseText.ReplaceNonText"/> on its way out, so text stored before that rule
/// existed cannot take a feed down.
/// </summary>
public static class Feeds
{
    private const int FeedSize = 50;
    private const int SitemapLimit = 50_000;
    private const string SiteName = "Cổng thông tin phổ biến, giáo dục pháp luật tỉnh Cà Mau";

    public static void MapFeeds(this WebApplication app)
    {
        app.MapGet("/rss.xml", (HttpContext http, PortalDbContext db, TimeProvider time, CancellationToken ct) =>
            Rss(http, db, time, SiteName, "Bài viết phổ biến, giáo dục pháp luật mới nhất.", SiteUrls.Feed, a => true, ct));
        app.MapGet("/chu-de/{slug}/rss.xml", async (string slug, HttpContext http, PortalDbContext db, TimeProvider time, CancellationToken ct) =>
            await db.Topics.AsNoTracking().Where(t => t.Slug == slug).Select(t => t.Name).FirstOrDefaultAsync(ct) is { } name
                ? await Rss(http, db, time, $"{name} – {SiteName}", $"Bài viết mới về chủ đề {name}.", SiteUrls.TopicFeed(slug), a => a.Topics.Any(t => t.Slug == slug), ct)
                : Results.NotFound());
        app.MapGet("/doi-tuong/{slug}/rss.xml", async (string slug, HttpContext http, PortalDbContext db, TimeProvider time, CancellationToken ct) =>
            await db.AudienceGroups.AsNoTracking().Where(t => t.Slug == slug).Select(t => t.Name).FirstOrDefaultAsync(ct) is { } name
                ? await Rss(http, db, time, $"{name} – {SiteName}", $"Bài viết mới dành cho {name}.", SiteUrls.AudienceFeed(slug), a => a.Audiences.Any(t => t.Slug == slug), ct)
                : Results.NotFound());
        app.MapGet(QuestionUrls.Feed, QuestionRss);
        app.MapGet(DialogueUrls.Feed, DialogueRss);
        app.MapGet("/sitemap.xml", Sitemap);
        app.MapGet("/sitemap-{page:int:min(1)}.xml", (int page, HttpContext http, PortalDbContext db, TimeProvider time, CancellationToken ct) =>
            SitemapPage(http, db, time, page, ct));
        app.MapGet("/robots.txt", (HttpContext http) =>
            Results.Text($"User-agent: *\nAllow: /\nDisallow: /loi/\n\nSitemap: {BaseUrl(http)}/sitemap.xml\n", "text/plain; charset=utf-8"));
    }

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    private static string Rfc822(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("r", CultureInfo.InvariantCulture);

    private static async Task<IResult> Rss(HttpContext http, PortalDbContext db, TimeProvider time, string title, string description, string selfPath,
        System.Linq.Expressions.Expression<Func<Article, bool>> filter, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var items = await db.Articles.AsNoTracking().Published(now).Where(filter).NewestFirst().Take(FeedSize)
            .Select(a => new { a.Slug, a.Title, a.Summary, a.PublishedAt, Agency = a.Agency.Name, Topics = a.Topics.Select(t => t.Name).ToList() })
            .ToListAsync(cancellationToken);
        return Rss(http, title, description, selfPath, now,
            items.Select(a => new FeedItem(SiteUrls.Article(a.Slug), a.Title, a.Summary, a.PublishedAt, a.Topics, a.Agency)).ToList());
    }

    /// <summary>The newest publicly answered questions.</summary>
    private static async Task<IResult> QuestionRss(HttpContext http, PortalDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var items = await db.Questions.AsNoTracking().PubliclyAnswered().NewestFirst().Take(FeedSize)
            .Select(q => new { q.Slug, q.Title, Text = q.PublicText ?? "", q.PublishedAt, Agency = q.Agency!.Name, Topic = q.Topic.Name })
            .ToListAsync(cancellationToken);
        return Rss(http, $"Hỏi đáp pháp luật – {SiteName}", "Câu hỏi của người dân và câu trả lời của cơ quan có thẩm quyền.", QuestionUrls.Feed,
            time.GetUtcNow().UtcDateTime, items.Select(q => new FeedItem(QuestionUrls.Show(q.Slug), q.Title, q.Text, q.PublishedAt!.Value, [q.Topic], q.Agency)).ToList());
    }

    /// <summary>Dialogue sessions, newest first: announced ones and published transcripts.</summary>
    private static async Task<IResult> DialogueRss(HttpContext http, PortalDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var items = await db.DialogueSessions.AsNoTracking().OrderByDescending(s => s.UpdatedAt).Take(FeedSize)
            .Select(s => new { s.Slug, s.Title, s.State, s.StartsAt, s.UpdatedAt, Agency = s.Agency.Name, Topics = s.Topics.Select(t => t.Name).ToList() })
            .ToListAsync(cancellationToken);
        return Rss(http, $"Đối thoại trực tuyến – {SiteName}", "Các phiên đối thoại trực tuyến và toàn văn sau phiên.", DialogueUrls.Feed, time.GetUtcNow().UtcDateTime,
            items.Select(s => new FeedItem(DialogueUrls.Show(s.Slug), s.State == DialogueState.TranscriptPublished ? $"Toàn văn: {s.Title}" : s.Title,
                $"{DialogueLabels.Of(s.State)} · {DialogueLabels.When(s.StartsAt)} (giờ Việt Nam)", s.UpdatedAt, s.Topics, s.Agency)).ToList());
    }

    private sealed record FeedItem(string Path, string Title, string? Description, DateTime Published, IReadOnlyList<string> Categories, string Source);

    private static IResult Rss(HttpContext http, string title, string description, string selfPath, DateTime now, IReadOnlyList<FeedItem> items)
    {
        var baseUrl = BaseUrl(http);
        return Xml(w =>
        {
            w.WriteStartElement("rss");
            w.WriteAttributeString("version", "2.0");
            w.WriteAttributeString("xmlns", "atom", null, "http://www.w3.org/2005/Atom");
            w.WriteStartElement("channel");
            Element(w, "title", title);
            Element(w, "link", baseUrl + "/");
            Element(w, "description", description);
            w.WriteElementString("language", "vi");
            w.WriteElementString("lastBuildDate", Rfc822(items.Count > 0 ? items[0].Published : now));
            w.WriteStartElement("atom", "link", "http://www.w3.org/2005/Atom");
            w.WriteAttributeString("href", baseUrl + selfPath);
            w.WriteAttributeString("rel", "self");
            w.WriteAttributeString("type", "application/rss+xml");
            w.WriteEndElement();
            foreach (var item in items)
            {
                var url = baseUrl + item.Path;
                w.WriteStartElement("item");
                Element(w, "title", item.Title);
                Element(w, "link", url);
                w.WriteStartElement("guid");
                w.WriteAttributeString("isPermaLink", "true");
                w.WriteString(VietnameseText.ReplaceNonText(url));
                w.WriteEndElement();
                w.WriteElementString("pubDate", Rfc822(item.Published));
                if (item.Description is not null)
                {
                    Element(w, "description", HtmlParagraphs(item.Description));
                }
                foreach (var category in item.Categories)
                {
                    Element(w, "category", category);
                }
                Element(w, "source", item.Source);
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
        }, "application/rss+xml; charset=utf-8");
    }

    /// <summary>One sitemap while the portal has at most 50,000 addresses; past that, an index of numbered sitemaps.</summary>
    private static async Task<IResult> Sitemap(HttpContext http, PortalDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var total = FixedPaths.Length + await db.Topics.CountAsync(cancellationToken) + await db.AudienceGroups.CountAsync(cancellationToken)
            + await db.Agencies.CountAsync(cancellationToken) + await db.LegalDocuments.Published(now).CountAsync(cancellationToken)
            + await db.Articles.Published(now).CountAsync(cancellationToken) + await db.Questions.PubliclyAnswered().CountAsync(cancellationToken)
            + await db.DialogueSessions.CountAsync(cancellationToken);
        if (total <= SitemapLimit)
        {
            return await SitemapPage(http, db, time, 1, cancellationToken);
        }
        var baseUrl = BaseUrl(http);
        return Xml(w =>
        {
            w.WriteStartElement("sitemapindex", SitemapNamespace);
            for (var page = 1; page <= (total + SitemapLimit - 1) / SitemapLimit; page++)
            {
                w.WriteStartElement("sitemap");
                Element(w, "loc", $"{baseUrl}/sitemap-{page}.xml");
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }, "application/xml; charset=utf-8");
    }

    private static readonly string[] FixedPaths = [SiteUrls.Home, SiteUrls.Topics, SiteUrls.Audiences, SiteUrls.Agencies, SiteUrls.Documents, QuestionUrls.Index, DialogueUrls.Index];
    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>Page n of the addresses: fixed pages and catalogues, then documents, then published articles, then answered questions.</summary>
    private static async Task<IResult> SitemapPage(HttpContext http, PortalDbContext db, TimeProvider time, int page, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var baseUrl = BaseUrl(http);
        var terms = FixedPaths.Select(p => (Path: p, Modified: (DateTime?)null))
            .Concat((await db.Topics.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Slug).ToListAsync(cancellationToken)).Select(s => (SiteUrls.Topic(s), (DateTime?)null)))
            .Concat((await db.AudienceGroups.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Slug).ToListAsync(cancellationToken)).Select(s => (SiteUrls.Audience(s), (DateTime?)null)))
            .Concat((await db.Agencies.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Slug).ToListAsync(cancellationToken)).Select(s => (SiteUrls.Agency(s), (DateTime?)null)))
            .Concat((await db.DialogueSessions.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Slug, s.UpdatedAt }).ToListAsync(cancellationToken))
                .Select(s => (DialogueUrls.Show(s.Slug), (DateTime?)s.UpdatedAt)))
            .ToList();
        var documentCount = await db.LegalDocuments.Published(now).CountAsync(cancellationToken);
        var skip = (page - 1) * SitemapLimit;
        var urls = terms.Skip(skip).Take(SitemapLimit).ToList();
        skip = Math.Max(0, skip - terms.Count);
        if (urls.Count < SitemapLimit)
        {
            urls.AddRange((await db.LegalDocuments.AsNoTracking().Published(now).OrderBy(d => d.Id).Skip(skip).Take(SitemapLimit - urls.Count)
                .Select(d => new { d.Slug, d.UpdatedAt }).ToListAsync(cancellationToken)).Select(d => (SiteUrls.Document(d.Slug), (DateTime?)d.UpdatedAt)));
        }
        skip = Math.Max(0, skip - documentCount);
        if (urls.Count < SitemapLimit)
        {
            urls.AddRange((await db.Articles.AsNoTracking().Published(now).OrderBy(a => a.Id).Skip(skip).Take(SitemapLimit - urls.Count)
                .Select(a => new { a.Slug, a.UpdatedAt }).ToListAsync(cancellationToken)).Select(a => (SiteUrls.Article(a.Slug), (DateTime?)a.UpdatedAt)));
        }
        skip = Math.Max(0, skip - await db.Articles.Published(now).CountAsync(cancellationToken));
        if (urls.Count < SitemapLimit)
        {
            urls.AddRange((await db.Questions.AsNoTracking().PubliclyAnswered().OrderBy(q => q.Id).Skip(skip).Take(SitemapLimit - urls.Count)
                .Select(q => new { q.Slug, q.PublishedAt }).ToListAsync(cancellationToken)).Select(q => (QuestionUrls.Show(q.Slug), q.PublishedAt)));
        }
        if (page > 1 && urls.Count == 0)
        {
            return Results.NotFound();
        }
        return Xml(w =>
        {
            w.WriteStartElement("urlset", SitemapNamespace);
            foreach (var (path, modified) in urls)
            {
                w.WriteStartElement("url");
                Element(w, "loc", baseUrl + path);
                if (modified is { } m)
                {
                    w.WriteElementString("lastmod", m.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }, "application/xml; charset=utf-8");
    }

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Plain text as HTML a feed reader shows as the same text: escaped, one paragraph per block of lines.</summary>
    private static string HtmlParagraphs(string text)
    {
        var sb = new StringBuilder();
        foreach (var block in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            sb.Append("<p>").AppendJoin("<br>", block.Split('\n').Select(Html.Encode)).Append("</p>");
        }
        return sb.ToString();
    }

    /// <summary>An element with text content, without the characters XML cannot carry.</summary>
    private static void Element(XmlWriter w, string name, string value) => w.WriteElementString(name, VietnameseText.ReplaceNonText(value));

    private static IResult Xml(Action<XmlWriter> write, string contentType)
    {
        var sb = new StringBuilder();
        using (var writer = XmlWriter.Create(sb, new XmlWriterSettings { Indent = false, Encoding = Encoding.UTF8 }))
        {
            write(writer);
        }
        // StringBuilder output declares UTF-16; the response is UTF-8.
        var xml = sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
        return Results.Text(xml, contentType, Encoding.UTF8);
    }
}
