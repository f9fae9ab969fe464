using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PbgdplPortal.Content;
using PbgdplPortal.Core.Tests.Markdown;
using PbgdplPortal.Data;
using PbgdplPortal.Dialogues;
using PbgdplPortal.Questions;
using PbgdplPortal.Site;
using PbgdplPortal.Web.Tests.BackOffice;
using PbgdplPortal.Web.Tests.Questions;

namespace PbgdplPortal.Web.Tests.Site;

/// <summary>
/// What the feeds hand to feed readers: read as a feed reader reads them (XML first, then each description rendered as
/// HTML), hostile text is only ever text, and no stored text, old or new, can make a feed or the sitemap fail.
/// Each provider gets a portal of its own: these tests fill the feeds with hostile items.
/// </summary>
public abstract partial class FeedSafetyTests(PortalFactory portal)
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient client = portal.Browser();

    /// <summary>Every C0 control character a database stores, U+FFFE and U+FFFF: none of them can appear in XML 1.0.</summary>
    private static readonly string NotXml = new([.. Enumerable.Range(1, 31).Where(c => c is not (9 or 10 or 13)).Select(c => (char)c), '\uFFFE', '\uFFFF']);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    private static string WithoutSpace(string text) => Space().Replace(text, "");

    [Fact]
    public async Task Hostile_text_reaches_feed_readers_only_as_text()
    {
        var vectors = ((IEnumerable<object[]>)XssCorpus.Vectors).Select(row => (string)row[0]).ToList();
        var (topic, audience) = await NewTermsAsync("<img src=x onerror=alert(1)> Chủ đề", "<script>alert(1)</script> Đối tượng");
        // A feed holds 50 items: the corpus goes through in parts, each item a second newer than the one before.
        var published = DateTime.UtcNow.AddMinutes(-10);
        foreach (var part in vectors.Chunk(40))
        {
            var marker = Guid.NewGuid().ToString("N")[..8];
            await WithTermsAsync(topic, audience, async (db, t, a, agency, now) =>
            {
                for (var i = 0; i < part.Length; i++)
                {
                    db.Articles.Add(PublishedArticle($"bai-doc-hai-{marker}-{i}", $"{marker}-{i} {part[i]}", part[i], t, a, agency.Id, published.AddSeconds(i)));
                    db.Questions.Add(PublishedQuestion($"cau-hoi-doc-hai-{marker}-{i}", $"{marker}-{i} {part[i]}", part[i], t.Id, a.Id, agency.Id, published.AddSeconds(i)));
                }
                db.RecordChange(nameof(Article), marker, now);
                await db.SaveChangesAsync();
            });
            published = published.AddSeconds(part.Length);
            foreach (var feed in new[] { SiteUrls.Feed, SiteUrls.TopicFeed(topic), SiteUrls.AudienceFeed(audience), QuestionUrls.Feed })
            {
                var items = await ItemsOfAsync(feed, marker, part.Length);
                foreach (var item in items)
                {
                    var description = item.Element("description")?.Value ?? "";
                    Assert.True(XssCorpus.ActiveContent(description) is [], $"{feed}: {string.Join(", ", XssCorpus.ActiveContent(description))} in {description}");
                    var title = item.Element("title")!.Value;
                    if (!title.StartsWith(marker, StringComparison.Ordinal))
                    {
                        continue;
                    }
                    var vector = part[int.Parse(title[(marker.Length + 1)..title.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)];
                    // Titles are text; a description, rendered as HTML, shows the stored text as it was written.
                    Assert.EndsWith(vector, title, StringComparison.Ordinal);
                    Assert.Equal(WithoutSpace(vector), WithoutSpace(Parser.ParseDocument(description).Body!.TextContent));
                }
            }
        }
    }

    [Fact]
    public async Task Text_stored_with_characters_XML_cannot_carry_never_takes_a_feed_or_the_sitemap_down()
    {
        var (topic, audience) = await NewTermsAsync("Chủ đề cũ", "Đối tượng cũ");
        var marker = Guid.NewGuid().ToString("N")[..8];
        await WithTermsAsync(topic, audience, async (db, t, a, agency, now) =>
        {
            var article = db.Articles.Add(PublishedArticle($"bai-cu-{marker}", marker, "tóm tắt", t, a, agency.Id, now.AddMinutes(-1))).Entity;
            db.Questions.Add(PublishedQuestion($"cau-hoi-cu-{marker}", marker, "câu hỏi", t.Id, a.Id, agency.Id, now.AddMinutes(-1)));
            await db.SaveChangesAsync();
            // Text written before the portal cleaned its input (or by hand): a bulk update passes no check on its way in.
            await db.Articles.Where(x => x.Slug == article.Slug).ExecuteUpdateAsync(s => s.SetProperty(x => x.Title, $"{marker} {NotXml} tiêu đề").SetProperty(x => x.Summary, $"tóm tắt {NotXml}"));
            await db.Questions.Where(x => x.Slug == $"cau-hoi-cu-{marker}").ExecuteUpdateAsync(s => s.SetProperty(x => x.Title, $"{marker} {NotXml} câu hỏi").SetProperty(x => x.Text, $"câu hỏi {NotXml}"));
            await db.Topics.Where(x => x.Id == t.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, $"Chủ đề {NotXml}"));
            await db.AudienceGroups.Where(x => x.Id == a.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, $"Đối tượng {NotXml}"));
            await db.Agencies.Where(x => x.Id == agency.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, $"{agency.Name}{NotXml}"));
            db.RecordChange(nameof(Article), article.Slug, now);
            await db.SaveChangesAsync();
        });
        foreach (var feed in new[] { SiteUrls.Feed, SiteUrls.TopicFeed(topic), SiteUrls.AudienceFeed(audience), QuestionUrls.Feed, DialogueUrls.Feed })
        {
            var items = await ItemsOfAsync(feed, feed == DialogueUrls.Feed ? null : marker, 1);
            foreach (var item in items.Where(i => i.Element("title")!.Value.StartsWith(marker, StringComparison.Ordinal)))
            {
                Assert.Equal(marker + " \uFFFD\uFFFD " + (feed == QuestionUrls.Feed ? "câu hỏi" : "tiêu đề"), item.Element("title")!.Value);
            }
        }
        Assert.Contains($"/bai-viet/bai-cu-{marker}", await client.GetStringAsync("/sitemap.xml"), StringComparison.Ordinal);
        XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));
    }

    [Fact]
    public async Task Characters_XML_cannot_carry_are_removed_from_what_a_form_or_the_API_sends_before_it_is_stored()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var text = $"Xin hỏi {marker} thủ tục{NotXml} đăng ký kết hôn cần những giấy tờ gì và nộp ở đâu?";
        var clean = $"Xin hỏi {marker} thủ tục\uFFFD\uFFFD đăng ký kết hôn cần những giấy tờ gì và nộp ở đâu?";
        using var form = portal.Browser();
        var viaForm = await form.AskThroughFormAsync(text, name: $"Nguyễn{NotXml} Văn An");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, viaForm.StatusCode);
        var viaApi = await form.PostAsync("/api/questions", new StringContent(
            System.Text.Json.JsonSerializer.Serialize(new { text = text.Replace(marker, marker + "api", StringComparison.Ordinal), topic = QuestionKit.Topic, audience = QuestionKit.Audience, name = $"Trần{NotXml} Thị Bình" }),
            Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Created, viaApi.StatusCode);
        var stored = await portal.WithDbAsync(db => db.Questions.AsNoTracking().Where(q => q.Text.Contains(marker)).OrderBy(q => q.Id).Select(q => new { q.Text, q.AskerName }).ToListAsync());
        Assert.Equal([clean, clean.Replace(marker, marker + "api", StringComparison.Ordinal)], stored.Select(q => q.Text));
        Assert.Equal(["Nguyễn\uFFFD\uFFFD Văn An", "Trần\uFFFD\uFFFD Thị Bình"], stored.Select(q => q.AskerName));
    }

    [Fact]
    public async Task Every_save_stores_text_in_NFC_without_what_XML_cannot_carry_lone_surrogates_included()
    {
        var slug = "chu-de-" + Guid.NewGuid().ToString("N")[..8];
        var name = "Hôn nhân".Normalize(NormalizationForm.FormD) + NotXml + "\u0000\uD800x\uDC00";
        await portal.WithDbAsync(async db =>
        {
            db.Topics.Add(new Topic { Slug = slug, Name = name, Description = "\u0001mô tả\u0002" });
            return await db.SaveChangesAsync();
        });
        var topic = await portal.WithDbAsync(db => db.Topics.AsNoTracking().SingleAsync(t => t.Slug == slug));
        Assert.Equal("Hôn nhân\uFFFD\uFFFD\uFFFDx\uFFFD", topic.Name);
        Assert.True(topic.Name.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("mô tả", topic.Description);
    }

    private async Task<(string Topic, string Audience)> NewTermsAsync(string topicName, string audienceName)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await portal.WithDbAsync(async db =>
        {
            db.Topics.Add(new Topic { Slug = $"chu-de-{suffix}", Name = topicName });
            db.AudienceGroups.Add(new AudienceGroup { Slug = $"doi-tuong-{suffix}", Name = audienceName });
            return await db.SaveChangesAsync();
        });
        return ($"chu-de-{suffix}", $"doi-tuong-{suffix}");
    }

    /// <summary>Runs <paramref name="write"/> with the topic, the audience group, the first agency and the time.</summary>
    private async Task WithTermsAsync(string topic, string audience, Func<PortalDbContext, Topic, AudienceGroup, Agency, DateTime, Task> write)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await write(db, await db.Topics.SingleAsync(x => x.Slug == topic), await db.AudienceGroups.SingleAsync(x => x.Slug == audience),
            await db.Agencies.FirstAsync(), DateTime.UtcNow);
    }

    /// <summary>A published article whose summary and body are <paramref name="text"/>.</summary>
    private static Article PublishedArticle(string slug, string title, string text, Topic topic, AudienceGroup audience, int agencyId, DateTime published)
    {
        var article = new Article
        {
            Slug = slug, Title = title, Summary = text, Body = text, Status = PublicationStatus.Published, PublishedAt = published,
            AgencyId = agencyId, CreatedAt = published, UpdatedAt = published,
        };
        article.Topics.Add(topic);
        article.Audiences.Add(audience);
        return article;
    }

    private static Question PublishedQuestion(string slug, string title, string text, int topicId, int audienceId, int agencyId, DateTime published) => new()
    {
        // A published question shows the text the moderator approved for the public.
        Slug = slug, Title = title, Text = text, PublicText = text, TopicId = topicId, AudienceId = audienceId, AgencyId = agencyId,
        TrackingTokenHash = QuestionService.Hash(Guid.NewGuid().ToString("N")), Status = QuestionStatus.Published, Answer = "Trả lời.",
        AskedAt = published.AddDays(-1), PublishedAt = published,
    };

    /// <summary>
    /// The feed's items, read as XML (a parse error fails the test), once it shows <paramref name="count"/> items whose
    /// title starts with <paramref name="marker"/> (cached pages follow the change journal).
    /// </summary>
    private async Task<IReadOnlyList<XElement>> ItemsOfAsync(string feed, string? marker, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await client.GetAsync(feed);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            List<XElement> items = [.. XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants("item")];
            if (marker is null || items.Count(i => i.Element("title")!.Value.StartsWith(marker, StringComparison.Ordinal)) >= count)
            {
                return items;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{feed} never showed {count} items marked {marker}; its first titles: "
                + string.Join(" | ", items.Take(5).Select(i => i.Element("title")!.Value)));
            await Task.Delay(100);
        }
    }
}

/// <summary>A SQLite portal of the feed tests' own.</summary>
public sealed class FeedSafetySqlitePortal : PortalFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary>A PostgreSQL portal of the feed tests' own.</summary>
public sealed class FeedSafetyPostgresPortal : PortalFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public sealed class FeedSafetyOnSqlite(FeedSafetySqlitePortal portal) : FeedSafetyTests(portal), IClassFixture<FeedSafetySqlitePortal>;

public sealed class FeedSafetyOnPostgres(FeedSafetyPostgresPortal portal) : FeedSafetyTests(portal), IClassFixture<FeedSafetyPostgresPortal>;
