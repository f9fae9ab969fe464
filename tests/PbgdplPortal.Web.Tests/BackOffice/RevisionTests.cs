using System.Net;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;

namespace PbgdplPortal.Web.Tests.BackOffice;

public abstract class RevisionTests(PortalFactory portal)
{
    private const string Agency = "so-tu-phap";

    [Fact]
    public async Task Two_editors_save_the_same_form_and_the_second_is_refused_without_losing_either_text()
    {
        var first = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var second = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var title = EditingKit.Unique("Bài sửa cùng lúc");
        var id = await first.CreateArticleAsync(portal, title);
        var url = $"/quan-tri/bai-viet/{id}";
        var firstVersion = await first.FormVersionAsync(url);
        var secondVersion = await second.FormVersionAsync(url);
        Assert.Equal(firstVersion, secondVersion);

        var response = await first.PostFormAsync(url, url, EditingKit.ArticleFields(title, body: "Văn bản của người thứ nhất", version: firstVersion));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        response = await second.PostFormAsync(url, url, EditingKit.ArticleFields(title, body: "Văn bản của người thứ hai", version: secondVersion));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Bài viết đã được Nguyễn Văn Thử sửa lúc", html, StringComparison.Ordinal);
        Assert.Contains("Nội dung của bạn chưa được lưu", html, StringComparison.Ordinal);
        Assert.Contains("Văn bản của người thứ hai", html, StringComparison.Ordinal);
        Assert.Contains($"{url}/so-sanh?a=1&amp;b=2", html, StringComparison.Ordinal);
        Assert.Equal("Văn bản của người thứ nhất", (await portal.ArticleAsync(id)).Body);
    }

    [Fact]
    public async Task Revisions_are_listed_compared_side_by_side_and_restored_as_a_new_draft()
    {
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var title = EditingKit.Unique("Bài nhiều phiên bản");
        var id = await editor.CreateArticleAsync(portal, title);
        var url = $"/quan-tri/bai-viet/{id}";
        var response = await editor.PostFormAsync(url, url,
            EditingKit.ArticleFields(title, body: "Dòng một\nDòng <b>hai</b> đã sửa", version: await editor.FormVersionAsync(url)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var list = await editor.GetStringAsync($"{url}/phien-ban");
        Assert.Contains("Tạo mới", list, StringComparison.Ordinal);
        Assert.Contains("Khôi phục bản 1", list, StringComparison.Ordinal);

        var diff = await editor.GetStringAsync($"{url}/so-sanh?a=1&b=2");
        Assert.Contains("<th scope=\"col\">Bản 1</th>", diff, StringComparison.Ordinal);
        Assert.Contains("Dòng &lt;b&gt;hai&lt;/b&gt; đã sửa", diff, StringComparison.Ordinal);
        Assert.Contains("Đã thêm: ", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>hai</b>", diff, StringComparison.Ordinal);

        var version = (await portal.ArticleAsync(id)).Version;
        response = await editor.PostFormAsync($"{url}/phien-ban", $"{url}/khoi-phuc",
            [("so", "1"), ("version", version.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var article = await portal.ArticleAsync(id);
        Assert.Equal("Nội dung **thử**.", article.Body);
        Assert.Equal(PublicationStatus.Draft, article.Status);
        var revisions = await portal.WithDbAsync(db => db.Revisions.Where(r => r.ContentType == "article" && r.ContentId == id).OrderBy(r => r.Number).ToListAsync());
        Assert.Equal([1, 2, 3], revisions.Select(r => r.Number));
        Assert.Equal("Khôi phục phiên bản 1", revisions[2].Note);
        Assert.Equal("Dòng một\nDòng <b>hai</b> đã sửa", revisions[1].Body);
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.Restored && a.Target == "article:" + article.Slug)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RevisionsOnSqlite(SqlitePortal portal) : RevisionTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class RevisionsOnPostgres(PostgresPortal portal) : RevisionTests(portal);
