using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;

namespace PbgdplPortal.Web.Tests.BackOffice;

public abstract class DocumentEditingTests(PortalFactory portal)
{
    private const string Agency = "so-tu-phap";
    private static int counter;

    private static string NewNumber() =>
        $"{Interlocked.Increment(ref counter) + Random.Shared.Next(100, 9000)}/2026/QĐ-T{Guid.NewGuid().ToString("N")[..4].ToUpperInvariant().Replace('0', 'A')}";

    private static (string, string)[] Fields(string number, string title, string action = "luu", string validity = "Còn hiệu lực",
        string relations = "", int version = 0) =>
    [
        ("Number", number), ("Type", "Quyết định"), ("Title", title), ("Issuer", "Ủy ban nhân dân tỉnh"), ("Signer", ""),
        ("IssuedOn", "2026-01-15"), ("EffectiveOn", ""), ("ExpiresOn", ""), ("Validity", validity), ("Slug", ""),
        ("Body", "Nội dung văn bản."), ("Relations", relations), ("PublishAt", ""), ("UnpublishAt", ""),
        ("Version", version.ToString(CultureInfo.InvariantCulture)), ("hanh-dong", action),
    ];

    private static async Task<int> CreateAsync(HttpClient client, PortalFactory portal, string number, string title, string action = "luu", string relations = "")
    {
        var response = await client.PostFormAsync("/quan-tri/van-ban/moi", "/quan-tri/van-ban/moi", Fields(number, title, action, relations: relations));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        await client.GetStringAsync(response.Headers.Location);
        return await portal.WithDbAsync(db => db.LegalDocuments.Where(d => d.Title == title).Select(d => d.Id).SingleAsync());
    }

    [Fact]
    public async Task A_draft_document_is_never_public_until_a_reviewer_publishes_it()
    {
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, Agency));
        var number = NewNumber();
        var title = EditingKit.Unique("Quyết định thử nghiệm");
        var id = await CreateAsync(editor, portal, number, title);
        var document = await portal.WithDbAsync(db => db.LegalDocuments.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.Equal(PublicationStatus.Draft, document.Publication);
        Assert.Equal(number, document.Number);
        Assert.Equal(1, await portal.WithDbAsync(db => db.Revisions.CountAsync(r => r.ContentType == "document" && r.ContentId == id)));

        Assert.Contains(title, await editor.GetStringAsync("/quan-tri/van-ban?trang-thai=nhap"), StringComparison.Ordinal);
        Assert.DoesNotContain(title, await editor.GetStringAsync("/quan-tri/van-ban?trang-thai=da-dang"), StringComparison.Ordinal);
        var visitor = portal.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/van-ban/{document.Slug}")).StatusCode);
        Assert.DoesNotContain(document.Slug, await visitor.GetStringAsync("/sitemap.xml"), StringComparison.Ordinal);
        Assert.DoesNotContain(title, await visitor.GetStringAsync("/van-ban"), StringComparison.Ordinal);

        var url = $"/quan-tri/van-ban/{id}";
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostFormAsync(url, url, Fields(number, title, "duyet-dang", version: document.Version))).StatusCode);
        var response = await reviewer.PostFormAsync(url, url, Fields(number, title, "duyet-dang", version: document.Version));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await Eventually.HoldsAsync(async () => (await visitor.GetAsync($"/van-ban/{document.Slug}")).StatusCode == HttpStatusCode.OK, "the document is public");
        await Eventually.HoldsAsync(async () => (await visitor.GetStringAsync("/sitemap.xml")).Contains(document.Slug, StringComparison.Ordinal),
            "the sitemap lists the document");
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.Published && a.Target == "document:" + document.Slug)));

        document = await portal.WithDbAsync(db => db.LegalDocuments.AsNoTracking().SingleAsync(d => d.Id == id));
        response = await reviewer.PostFormAsync(url, $"{url}/go-xuong", [("version", document.Version.ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await Eventually.HoldsAsync(async () => (await visitor.GetAsync($"/van-ban/{document.Slug}")).StatusCode == HttpStatusCode.NotFound, "the document is withdrawn");
    }

    [Fact]
    public async Task Unpublished_documents_are_not_searchable_nor_linked_from_articles()
    {
        await portal.SearchReadyAsync();
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        var number = NewNumber();
        var word = "Zyxqua" + Guid.NewGuid().ToString("N")[..6];
        var title = $"Quyết định về {word}";
        var id = await CreateAsync(admin, portal, number, title, action: "duyet-dang");
        var slug = await portal.WithDbAsync(db => db.LegalDocuments.Where(d => d.Id == id).Select(d => d.Slug).SingleAsync());
        var visitor = portal.CreateClient();
        await Eventually.HoldsAsync(async () => (await visitor.GetStringAsync($"/api/search?q={Uri.EscapeDataString(number)}")).Contains(slug, StringComparison.Ordinal),
            "the published document is found");
        var article = await portal.AddArticleAsync("bai-trich-" + Guid.NewGuid().ToString("N")[..8], EditingKit.Unique("Bài trích"), "Nội dung.",
            adjust: a => a.Citations.Add(new ArticleCitation { LegalDocumentId = id, Position = 0 }));
        await Eventually.HoldsAsync(async () => (await visitor.GetStringAsync($"/bai-viet/{article}")).Contains($"/van-ban/{slug}", StringComparison.Ordinal),
            "the article links its basis");

        var version = await portal.WithDbAsync(db => db.LegalDocuments.Where(d => d.Id == id).Select(d => d.Version).SingleAsync());
        var url = $"/quan-tri/van-ban/{id}";
        Assert.Equal(HttpStatusCode.Redirect,
            (await admin.PostFormAsync(url, $"{url}/go-xuong", [("version", version.ToString(CultureInfo.InvariantCulture))])).StatusCode);
        await Eventually.HoldsAsync(async () => !(await visitor.GetStringAsync($"/api/search?q={Uri.EscapeDataString(number)}")).Contains(slug, StringComparison.Ordinal),
            "the withdrawn document leaves search");
        await Eventually.HoldsAsync(async () => !(await visitor.GetStringAsync($"/bai-viet/{article}")).Contains($"/van-ban/{slug}", StringComparison.Ordinal),
            "the article no longer links it");
    }

    /// <summary>The reasons of the article's open legal-basis flags, or null when it has none.</summary>
    private Task<string?> OpenReasonAsync(int articleId) =>
        portal.WithDbAsync(async db => (await db.ReviewFlags.Where(f => f.ItemType == ReviewItemType.Article && f.ItemId == articleId && f.ClearedAt == null)
            .Select(f => f.Reason).ToListAsync()) is { Count: > 0 } reasons ? string.Join(" ", reasons) : null);

    [Fact]
    public async Task A_document_that_expires_or_is_replaced_marks_citing_articles_for_review_until_an_approved_edit()
    {
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        var editorAccount = await portal.CreateAccountAsync(PortalRoles.Editor, Agency);
        var editor = await portal.SignedInAsync(editorAccount);
        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, Agency));
        var oldNumber = NewNumber();
        var oldId = await CreateAsync(admin, portal, oldNumber, EditingKit.Unique("Văn bản cũ"), action: "duyet-dang");
        var citing = EditingKit.Unique("Bài trích văn bản cũ");
        var articleId = await editor.CreateArticleAsync(portal, citing, citations: oldNumber);
        Assert.Null(await OpenReasonAsync(articleId));

        // A published document replacing it marks the article.
        var newNumber = NewNumber();
        await CreateAsync(admin, portal, newNumber, EditingKit.Unique("Văn bản mới"), action: "duyet-dang", relations: $"replaces | {oldNumber}");
        var article = await portal.ArticleAsync(articleId);
        Assert.Contains($"Văn bản {oldNumber} đã bị thay thế bởi Quyết định {newNumber}", await OpenReasonAsync(articleId), StringComparison.Ordinal);
        Assert.Contains(citing, await editor.GetStringAsync("/quan-tri/bai-viet?ra-soat=1"), StringComparison.Ordinal);
        Assert.Contains("Cần rà soát", await editor.GetStringAsync($"/quan-tri/bai-viet/{articleId}"), StringComparison.Ordinal);

        // An approved edit clears the mark.
        var url = $"/quan-tri/bai-viet/{articleId}";
        var response = await reviewer.PostFormAsync(url, url, EditingKit.ArticleFields(citing, action: "duyet-dang", citations: newNumber, version: article.Version));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await OpenReasonAsync(articleId));
        Assert.DoesNotContain(citing, await editor.GetStringAsync("/quan-tri/bai-viet?ra-soat=1"), StringComparison.Ordinal);

        // The cited document expiring marks it again.
        var newId = await portal.WithDbAsync(db => db.LegalDocuments.Where(d => d.Number == newNumber).Select(d => d.Id).SingleAsync());
        var newDoc = await portal.WithDbAsync(db => db.LegalDocuments.AsNoTracking().SingleAsync(d => d.Id == newId));
        var docUrl = $"/quan-tri/van-ban/{newId}";
        response = await admin.PostFormAsync(docUrl, docUrl,
            Fields(newNumber, newDoc.Title, validity: "Hết hiệu lực toàn bộ", relations: $"replaces | {oldNumber}", version: newDoc.Version));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Hết hiệu lực toàn bộ", await OpenReasonAsync(articleId), StringComparison.Ordinal);

        // A cited document cannot be deleted; the refusal says why.
        var newVersion = await portal.WithDbAsync(db => db.LegalDocuments.Where(d => d.Id == newId).Select(d => d.Version).SingleAsync());
        response = await admin.PostFormAsync(docUrl, $"{docUrl}/xoa", [("version", newVersion.ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains($"văn bản {newNumber} đang được 1 bài viết trích dẫn", await admin.GetStringAsync(docUrl), StringComparison.Ordinal);
        Assert.True(await portal.WithDbAsync(db => db.LegalDocuments.AnyAsync(d => d.Id == newId)));
        _ = oldId;
    }

    [Fact]
    public async Task A_scheduled_document_record_appears_on_time()
    {
        var slug = "van-ban-hen-gio-" + Guid.NewGuid().ToString("N")[..8];
        var number = NewNumber();
        await portal.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            db.LegalDocuments.Add(new LegalDocument
            {
                Slug = slug, Number = number, NumberKey = PbgdplPortal.Text.DocumentNumbers.Key(number), Type = "Quyết định", Title = "Văn bản hẹn giờ",
                Issuer = "Ủy ban nhân dân tỉnh", Body = "Nội dung.", IssuedOn = new DateOnly(2026, 1, 1), Publication = PublicationStatus.Published,
                PublishedAt = now.AddSeconds(3), CreatedAt = now, UpdatedAt = now,
            });
            db.RecordChange(nameof(LegalDocument), slug, now);
            return await db.SaveChangesAsync();
        });
        var visitor = portal.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/van-ban/{slug}")).StatusCode);
        await Eventually.HoldsAsync(async () => (await visitor.GetAsync($"/van-ban/{slug}")).StatusCode == HttpStatusCode.OK,
            "the scheduled document is public", TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Document_rights_and_validation()
    {
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        // A record kept by administrators only is invisible to agency staff.
        var id = await CreateAsync(admin, portal, NewNumber(), EditingKit.Unique("Văn bản của quản trị"));
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync($"/quan-tri/van-ban/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync($"/quan-tri/van-ban/{id}/phien-ban")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.PostFormAsync("/quan-tri/van-ban", $"/quan-tri/van-ban/{id}/xoa", [("version", "1")])).StatusCode);

        var response = await editor.PostFormAsync("/quan-tri/van-ban/moi", "/quan-tri/van-ban/moi",
            Fields("52/2014/QH13", "Trùng số hiệu", relations: "thay-the | 1/2000/QH10"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Số hiệu “52/2014/QH13” đã có trong hệ thống", html, StringComparison.Ordinal);
        Assert.Contains("Dòng 1 (“thay-the | 1/2000/QH10”)", html, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DocumentEditingOnSqlite(SqlitePortal portal) : DocumentEditingTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class DocumentEditingOnPostgres(PostgresPortal portal) : DocumentEditingTests(portal);
