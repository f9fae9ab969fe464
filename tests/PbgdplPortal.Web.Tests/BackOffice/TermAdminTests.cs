using System.Net;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;

namespace PbgdplPortal.Web.Tests.BackOffice;

public abstract class TermAdminTests(PortalFactory portal)
{
    [Theory]
    [InlineData("/quan-tri/chu-de", "/chu-de", nameof(Topic))]
    [InlineData("/quan-tri/doi-tuong", "/doi-tuong", nameof(AudienceGroup))]
    public async Task A_term_is_created_renamed_on_the_public_site_and_deleted_only_when_unused(string basePath, string publicPath, string entityType)
    {
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var name = $"Phòng chống thiên tai {suffix}";
        var created = await admin.PostFormAsync(basePath + "/tao", basePath + "/tao", [("Name", name), ("Slug", ""), ("Description", "")]);
        var edit = created.RedirectTarget();
        var slug = $"phong-chong-thien-tai-{suffix}";
        Assert.Contains(name, await admin.GetStringAsync(basePath), StringComparison.Ordinal);
        var bad = await admin.PostFormAsync(basePath + "/tao", basePath + "/tao", [("Name", "Tên"), ("Slug", "Có Dấu!")]);
        Assert.Contains("Địa chỉ chỉ gồm chữ thường không dấu", await bad.TextAsync(), StringComparison.Ordinal);

        var renamed = $"Phòng, chống thiên tai và cứu hộ {suffix}";
        Assert.Equal(edit, (await admin.PostFormAsync(edit, edit, [("Name", renamed), ("Description", "Mô tả.")])).RedirectTarget());
        Assert.True(await portal.WithDbAsync(db => db.ContentChanges.AnyAsync(c => c.EntityType == entityType && c.EntityKey == slug)));
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.TermChanged && a.Detail!.Contains(renamed))));
        var site = portal.CreateClient();
        await Eventually.HoldsAsync(async () => (await site.GetAsync($"{publicPath}/{slug}")) is { StatusCode: HttpStatusCode.OK } r
            && (await r.Content.ReadAsStringAsync()).Contains(renamed, StringComparison.Ordinal), "the public page shows the new name");

        var articleSlug = $"bai-dung-{suffix}";
        await portal.AddArticleAsync(articleSlug, "Bài viết dùng mục này", "Nội dung.");
        await portal.WithDbAsync(async db =>
        {
            var article = await db.Articles.Include(a => a.Topics).Include(a => a.Audiences).SingleAsync(a => a.Slug == articleSlug);
            article.Topics.Clear();
            if (entityType == nameof(Topic))
            {
                article.Topics.Add(await db.Topics.SingleAsync(t => t.Slug == slug));
            }
            else
            {
                article.Audiences.Add(await db.AudienceGroups.SingleAsync(t => t.Slug == slug));
            }
            return await db.SaveChangesAsync();
        });
        var refused = await admin.PostFormAsync(edit, edit + "/xoa", []);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Không thể xóa: 1 bài viết đang dùng", await refused.TextAsync(), StringComparison.Ordinal);

        await portal.WithDbAsync(async db =>
        {
            var article = await db.Articles.Include(a => a.Topics).Include(a => a.Audiences).SingleAsync(a => a.Slug == articleSlug);
            article.Topics.Clear();
            article.Audiences.Clear();
            return await db.SaveChangesAsync();
        });
        Assert.Equal(basePath, (await admin.PostFormAsync(edit, edit + "/xoa", [])).RedirectTarget());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(edit)).StatusCode);
        await Eventually.HoldsAsync(async () => (await site.GetAsync($"{publicPath}/{slug}")).StatusCode == HttpStatusCode.NotFound, "the deleted term's page is gone");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TermAdminOnSqlite(SqlitePortal portal) : TermAdminTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class TermAdminOnPostgres(PostgresPortal portal) : TermAdminTests(portal);
