using System.Net;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Media;

namespace PbgdplPortal.Web.Tests.BackOffice;

public abstract class AgencyAdminTests(PortalFactory portal)
{
    private const string Create = "/quan-tri/co-quan/tao";

    /// <summary>Creates an agency through the form; returns its id and slug.</summary>
    private static async Task<(int Id, string Slug)> CreateAgencyAsync(HttpClient admin, string name)
    {
        var response = await admin.PostFormAsync(Create, Create, [("Name", name), ("Slug", ""), ("Kind", nameof(AgencyKind.ProvincialDepartment)), ("Description", "")]);
        var path = response.RedirectTarget();
        var id = int.Parse(path["/quan-tri/co-quan/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        return (id, PbgdplPortal.Text.Slug.From(name));
    }

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task An_agency_is_created_with_a_slug_from_its_name_and_renamed_on_the_public_site()
    {
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        var name = Unique("Ban Dân tộc tỉnh");
        var (id, slug) = await CreateAgencyAsync(admin, name);
        Assert.StartsWith("ban-dan-toc-tinh-", slug, StringComparison.Ordinal);
        Assert.Equal(name, await portal.WithDbAsync(db => db.Agencies.Where(a => a.Id == id).Select(a => a.Name).SingleAsync()));
        var duplicate = await admin.PostFormAsync(Create, Create, [("Name", "Khác"), ("Slug", slug), ("Kind", nameof(AgencyKind.Other))]);
        Assert.Contains("đã được dùng cho cơ quan khác", await duplicate.TextAsync(), StringComparison.Ordinal);
        var articleSlug = $"bai-ban-dan-toc-{Guid.NewGuid():N}";
        await portal.AddArticleAsync(articleSlug, "Chính sách cho đồng bào vùng cao", "Nội dung.", adjust: a => a.AgencyId = id);
        var edit = $"/quan-tri/co-quan/{id}";
        var renamed = Unique("Ban Dân tộc và Tôn giáo");
        Assert.Equal(edit, (await admin.PostFormAsync(edit, edit, [("Name", renamed), ("Kind", nameof(AgencyKind.ProvincialDepartment)), ("Description", "Mô tả mới.")])).RedirectTarget());
        Assert.True(await portal.WithDbAsync(db => db.ContentChanges.AnyAsync(c => c.EntityType == nameof(Agency) && c.EntityKey == slug)));
        var entry = await portal.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.AgencyChanged && a.Target == $"agency:{slug}").OrderBy(a => a.Id).LastAsync());
        Assert.Contains($"{name} → {renamed}", entry.Detail, StringComparison.Ordinal);
        var site = portal.CreateClient();
        await Eventually.HoldsAsync(async () => (await site.GetStringAsync($"/co-quan/{slug}")).Contains(renamed, StringComparison.Ordinal), "the public page shows the new name");
        await portal.SearchReadyAsync();
        await Eventually.HoldsAsync(async () => System.Text.RegularExpressions.Regex.Unescape(await site.GetStringAsync($"/api/search?q={Uri.EscapeDataString("đồng bào vùng cao")}&agency={slug}")).Contains(renamed, StringComparison.Ordinal),
            "the search facet shows the new name");
    }

    [Fact]
    public async Task Merging_moves_articles_documents_media_and_accounts_in_one_go_and_retires_the_agency()
    {
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        var fromName = Unique("Sở Cũ");
        var (fromId, fromSlug) = await CreateAgencyAsync(admin, fromName);
        var (intoId, intoSlug) = await CreateAgencyAsync(admin, Unique("Sở Mới"));
        var articleSlug = $"bai-so-cu-{Guid.NewGuid():N}";
        await portal.AddArticleAsync(articleSlug, "Bài viết của sở cũ", "Nội dung.", adjust: a => a.AgencyId = fromId);
        var documentSlug = $"van-ban-so-cu-{Guid.NewGuid():N}";
        var mediaKey = $"thu/{Guid.NewGuid():N}.pdf";
        await portal.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            db.LegalDocuments.Add(new LegalDocument
            {
                Slug = documentSlug, Number = documentSlug, NumberKey = documentSlug, Type = "Kế hoạch", Title = "Kế hoạch của sở cũ", Issuer = "Sở Cũ",
                Body = "Nội dung.", IssuedOn = new DateOnly(2026, 1, 1), Publication = PublicationStatus.Published, PublishedAt = now, AgencyId = fromId, CreatedAt = now, UpdatedAt = now,
            });
            db.MediaAssets.Add(new MediaAsset { Kind = MediaKind.Document, StorageKey = mediaKey, FileName = "a.pdf", ContentType = "application/pdf", AgencyId = fromId, UploadedAt = now });
            return await db.SaveChangesAsync();
        });
        var fromAgency = await portal.WithDbAsync(db => db.Agencies.Where(a => a.Id == fromId).Select(a => a.Slug).SingleAsync());
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, fromAgency);

        var edit = $"/quan-tri/co-quan/{fromId}";
        var self = await admin.PostFormAsync(edit, edit + "/hop-nhat", [("TargetId", fromId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Contains("Không thể hợp nhất một cơ quan vào chính nó.", await self.TextAsync(), StringComparison.Ordinal);
        var retire = await admin.PostFormAsync(edit, edit + "/ngung", []);
        Assert.Contains("Không thể ngừng hoạt động cơ quan còn nội dung", await retire.TextAsync(), StringComparison.Ordinal);

        var merged = await admin.PostFormAsync(edit, edit + "/hop-nhat", [("TargetId", intoId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(edit, merged.RedirectTarget());
        Assert.Contains("1 bài viết, 1 văn bản, 1 tệp và 1 tài khoản", await admin.GetStringAsync(edit), StringComparison.Ordinal);
        await portal.WithDbAsync(async db =>
        {
            Assert.Equal(intoId, await db.Articles.Where(a => a.Slug == articleSlug).Select(a => a.AgencyId).SingleAsync());
            Assert.Equal(intoId, await db.LegalDocuments.Where(d => d.Slug == documentSlug).Select(d => d.AgencyId).SingleAsync());
            Assert.Equal(intoId, await db.MediaAssets.Where(m => m.StorageKey == mediaKey).Select(m => m.AgencyId).SingleAsync());
            Assert.Equal(intoId, await db.Users.Where(u => u.Id == editor.Id).Select(u => u.AgencyId).SingleAsync());
            var from = await db.Agencies.SingleAsync(a => a.Id == fromId);
            Assert.NotNull(from.RetiredAt);
            Assert.Equal(intoId, from.MergedIntoId);
            Assert.True(await db.ContentChanges.AnyAsync(c => c.EntityType == nameof(Article) && c.EntityKey == articleSlug));
            Assert.True(await db.ContentChanges.AnyAsync(c => c.EntityType == nameof(Agency) && c.EntityKey == fromSlug));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.AgencyChanged && a.Target == $"agency:{fromSlug}" && a.Detail!.StartsWith("Hợp nhất")));
            return 0;
        });

        // The moved editor now works for the receiving agency.
        var session = await portal.SignedInAsync(editor);
        Assert.Contains("Sở Mới", await session.GetStringAsync("/quan-tri"), StringComparison.Ordinal);

        // Retired agencies leave the choices in forms and the public index; their page points to the receiver.
        var admin2 = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        Assert.DoesNotContain(fromName, await admin2.GetStringAsync("/quan-tri/nguoi-dung/tao"), StringComparison.Ordinal);
        Assert.DoesNotContain($"<option value=\"{fromId}\">", await admin2.GetStringAsync($"/quan-tri/co-quan/{intoId}"), StringComparison.Ordinal);
        var site = portal.CreateClient();
        await Eventually.HoldsAsync(async () =>
        {
            var page = await site.GetStringAsync($"/co-quan/{fromSlug}");
            return page.Contains("đã được hợp nhất vào", StringComparison.Ordinal) && page.Contains($"href=\"/co-quan/{intoSlug}\"", StringComparison.Ordinal);
        }, "the old agency's page points to the new one");
        await Eventually.HoldsAsync(async () => !(await site.GetStringAsync("/co-quan")).Contains($"/co-quan/{fromSlug}\"", StringComparison.Ordinal), "the index leaves the retired agency out");
        await Eventually.HoldsAsync(async () => (await site.GetStringAsync($"/co-quan/{intoSlug}")).Contains("Bài viết của sở cũ", StringComparison.Ordinal), "the article is listed under the new agency");
        await portal.SearchReadyAsync();
        await Eventually.HoldsAsync(async () => (await site.GetStringAsync($"/api/search?q={Uri.EscapeDataString("Bài viết của sở cũ")}&agency={intoSlug}")).Contains(articleSlug, StringComparison.Ordinal),
            "search files the article under the new agency");
    }

    [Fact]
    public async Task An_empty_agency_is_retired_without_merge_and_its_public_page_is_gone()
    {
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        var (id, slug) = await CreateAgencyAsync(admin, Unique("Ban Tạm"));
        var site = portal.CreateClient();
        await Eventually.HoldsAsync(async () => (await site.GetAsync($"/co-quan/{slug}")).StatusCode == HttpStatusCode.OK, "the new agency's page exists");
        var edit = $"/quan-tri/co-quan/{id}";
        Assert.Equal(edit, (await admin.PostFormAsync(edit, edit + "/ngung", [])).RedirectTarget());
        Assert.Contains("Ngừng hoạt động từ", await admin.GetStringAsync(edit), StringComparison.Ordinal);
        await Eventually.HoldsAsync(async () => (await site.GetAsync($"/co-quan/{slug}")).StatusCode == HttpStatusCode.NotFound, "the retired agency's page is gone");
    }

    [Fact]
    public async Task The_agency_list_is_paged_and_destructive_forms_ask_first()
    {
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        var page = await admin.GetStringAsync("/quan-tri/co-quan");
        Assert.Contains("Sở Tư pháp tỉnh Cà Mau", page, StringComparison.Ordinal);
        Assert.Contains("Tổng số:", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/quan-tri/co-quan?trang=2")).StatusCode);
        var edit = await admin.GetStringAsync($"/quan-tri/co-quan/{await portal.WithDbAsync(db => db.Agencies.Where(a => a.Slug == "so-tu-phap").Select(a => a.Id).SingleAsync())}");
        Assert.Contains("<script src=\"/quan-tri-quan-ly.js\" defer></script>", edit, StringComparison.Ordinal);
        Assert.Contains("data-confirm=", edit, StringComparison.Ordinal);
        var script = await portal.CreateClient().GetAsync("/quan-tri-quan-ly.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("data-confirm", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AgencyAdminOnSqlite(SqlitePortal portal) : AgencyAdminTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class AgencyAdminOnPostgres(PostgresPortal portal) : AgencyAdminTests(portal);
