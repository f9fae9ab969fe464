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

    [Fact]
    public async Task Restoring_a_revision_of_a_published_article_keeps_it_on_the_site_and_puts_the_draft_in_the_review_queue()
    {
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, Agency));
        var title = EditingKit.Unique("Bài đang đăng được khôi phục");
        var id = await reviewer.CreateArticleAsync(portal, title);
        var url = $"/quan-tri/bai-viet/{id}";
        var response = await reviewer.PostFormAsync(url, url,
            EditingKit.ArticleFields(title, body: "Nội dung đang đăng trên cổng.", action: "duyet-dang", version: await reviewer.FormVersionAsync(url)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var article = await portal.ArticleAsync(id);
        var visitor = portal.CreateClient();
        await Eventually.HoldsAsync(async () => (await visitor.GetStringAsync($"/bai-viet/{article.Slug}")).Contains("Nội dung đang đăng trên cổng.", StringComparison.Ordinal),
            "the published text is public");

        // An editor of the agency restores version 1 of the published article: a proposal, nothing public changes.
        response = await editor.PostFormAsync($"{url}/phien-ban", $"{url}/khoi-phuc", [("so", "1"), ("version", Text(article.Version))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await editor.GetStringAsync(response.Headers.Location);
        Assert.Contains("Đã khôi phục phiên bản 1 thành bản nháp mới (phiên bản 3), đang chờ duyệt. Bản đang đăng vẫn hiển thị trên cổng thông tin", page,
            StringComparison.Ordinal);
        Assert.Contains("Bản nháp chờ duyệt (phiên bản 3)", page, StringComparison.Ordinal);
        var after = await portal.ArticleAsync(id);
        Assert.Equal(PublicationStatus.Published, after.Status);
        Assert.Equal("Nội dung đang đăng trên cổng.", after.Body);
        Assert.Equal(article.Version, after.Version);
        var publicPage = await visitor.GetAsync($"/bai-viet/{article.Slug}");
        Assert.Equal(HttpStatusCode.OK, publicPage.StatusCode);
        Assert.Contains("Nội dung đang đăng trên cổng.", await publicPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var draft = await portal.WithDbAsync(db => db.Revisions.AsNoTracking().SingleAsync(r => r.ContentType == "article" && r.ContentId == id && r.Number == 3));
        Assert.True(draft.Pending);
        Assert.Equal("Nội dung **thử**.", draft.Body);
        Assert.Equal(PublicationStatus.Submitted, draft.Status);
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.Restored && a.Target == "article:" + article.Slug)));

        // The review queue lists it; the reviewer approves it and then the restored text is what the site shows.
        Assert.Contains(title, await reviewer.GetStringAsync("/quan-tri/bai-viet?trang-thai=cho-duyet"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostFormAsync(url, $"{url}/ban-nhap/duyet", [("so", "3"), ("version", Text(after.Version))])).StatusCode);
        response = await reviewer.PostFormAsync(url, $"{url}/ban-nhap/duyet", [("so", "3"), ("version", Text(after.Version))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Đã duyệt và đăng bản nháp phiên bản 3", await reviewer.GetStringAsync(response.Headers.Location), StringComparison.Ordinal);
        var approved = await portal.ArticleAsync(id);
        Assert.Equal(PublicationStatus.Published, approved.Status);
        Assert.Equal("Nội dung **thử**.", approved.Body);
        Assert.Equal(article.PublishedAt, approved.PublishedAt);
        Assert.False(await portal.WithDbAsync(db => db.Revisions.AnyAsync(r => r.ContentType == "article" && r.ContentId == id && r.Pending)));
        Assert.DoesNotContain(title, await reviewer.GetStringAsync("/quan-tri/bai-viet?trang-thai=cho-duyet"), StringComparison.Ordinal);
        await Eventually.HoldsAsync(async () => (await visitor.GetStringAsync($"/bai-viet/{article.Slug}")).Contains("Nội dung <strong>thử</strong>.", StringComparison.Ordinal),
            "the approved draft is public");
    }

    [Fact]
    public async Task A_pending_draft_can_be_discarded_and_what_is_published_stays()
    {
        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, Agency));
        var title = EditingKit.Unique("Bài có bản nháp bị bỏ");
        var id = await reviewer.CreateArticleAsync(portal, title);
        var url = $"/quan-tri/bai-viet/{id}";
        var response = await reviewer.PostFormAsync(url, url,
            EditingKit.ArticleFields(title, body: "Bản đang đăng.", action: "duyet-dang", version: await reviewer.FormVersionAsync(url)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var article = await portal.ArticleAsync(id);
        response = await reviewer.PostFormAsync($"{url}/phien-ban", $"{url}/khoi-phuc", [("so", "1"), ("version", Text(article.Version))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(PublicationStatus.Published, (await portal.ArticleAsync(id)).Status);

        response = await reviewer.PostFormAsync(url, $"{url}/ban-nhap/bo", [("so", "3")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Đã bỏ bản nháp phiên bản 3; bản đang đăng giữ nguyên.", await reviewer.GetStringAsync(response.Headers.Location), StringComparison.Ordinal);
        Assert.Equal("Bản đang đăng.", (await portal.ArticleAsync(id)).Body);
        Assert.False(await portal.WithDbAsync(db => db.Revisions.AnyAsync(r => r.ContentType == "article" && r.ContentId == id && r.Pending)));
        // Discarding it again (a second reviewer's stale page) leads back to the editor, which says the draft no longer waits.
        var again = await reviewer.PostFormAsync(url, $"{url}/ban-nhap/bo", [("so", "3")]);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("Bản nháp phiên bản 3 không còn chờ duyệt", await reviewer.GetStringAsync(again.Headers.Location), StringComparison.Ordinal);
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.DraftDiscarded && a.Target == "article:" + article.Slug)));
    }

    [Fact]
    public async Task Restoring_a_published_document_record_or_quiz_keeps_it_public()
    {
        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, Agency));
        var visitor = portal.CreateClient();

        var number = $"{Random.Shared.Next(100, 9000)}/2026/QĐ-K{Guid.NewGuid().ToString("N")[..4].ToUpperInvariant().Replace('0', 'A')}";
        var title = EditingKit.Unique("Quyết định được khôi phục");
        (string, string)[] Document(string body, string action, int version) =>
        [
            ("Number", number), ("Type", "Quyết định"), ("Title", title), ("Issuer", "Ủy ban nhân dân tỉnh"), ("Signer", ""),
            ("IssuedOn", "2026-01-15"), ("EffectiveOn", ""), ("ExpiresOn", ""), ("Validity", "Còn hiệu lực"), ("Slug", ""),
            ("Body", body), ("Relations", ""), ("PublishAt", ""), ("UnpublishAt", ""), ("Version", Text(version)), ("hanh-dong", action),
        ];
        var response = await reviewer.PostFormAsync("/quan-tri/van-ban/moi", "/quan-tri/van-ban/moi", Document("Bản đầu của văn bản.", "luu", 0));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var document = await portal.WithDbAsync(db => db.LegalDocuments.AsNoTracking().SingleAsync(d => d.Title == title));
        var url = $"/quan-tri/van-ban/{document.Id}";
        response = await reviewer.PostFormAsync(url, url, Document("Bản đang đăng của văn bản.", "duyet-dang", document.Version));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var version = await portal.WithDbAsync(db => db.LegalDocuments.Where(d => d.Id == document.Id).Select(d => d.Version).SingleAsync());
        response = await reviewer.PostFormAsync($"{url}/phien-ban", $"{url}/khoi-phuc", [("so", "1"), ("version", Text(version))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(PublicationStatus.Published, await portal.WithDbAsync(db => db.LegalDocuments.Where(d => d.Id == document.Id).Select(d => d.Publication).SingleAsync()));
        await Eventually.HoldsAsync(async () => (await visitor.GetStringAsync($"/van-ban/{document.Slug}")).Contains("Bản đang đăng của văn bản.", StringComparison.Ordinal),
            "the published document stays public");
        Assert.True(await portal.WithDbAsync(db => db.Revisions.AnyAsync(r => r.ContentType == "document" && r.ContentId == document.Id && r.Pending)));
        Assert.Contains(title, await reviewer.GetStringAsync("/quan-tri/van-ban?trang-thai=cho-duyet"), StringComparison.Ordinal);

        var quizTitle = EditingKit.Unique("Bộ câu hỏi được khôi phục");
        var quizId = await reviewer.CreateQuizAsync(portal, quizTitle);
        await reviewer.AddQuestionAsync(portal, quizId, "Nam được kết hôn từ bao nhiêu tuổi?");
        var quizUrl = $"{QuizKit.Base}/{quizId}";
        var quiz = await portal.QuizAsync(quizId);
        response = await reviewer.PostFormAsync(quizUrl, quizUrl, QuizKit.QuizFields(quizTitle, "duyet-dang", quiz.Version));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        quiz = await portal.QuizAsync(quizId);
        Assert.Equal(PublicationStatus.Published, quiz.Status);
        response = await reviewer.PostFormAsync($"{quizUrl}/phien-ban", $"{quizUrl}/khoi-phuc", [("so", "1"), ("version", Text(quiz.Version))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var restored = await portal.QuizAsync(quizId);
        Assert.Equal(PublicationStatus.Published, restored.Status);
        Assert.Single(restored.Questions);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(PbgdplPortal.Quizzes.QuizUrls.Quiz(quiz.Slug))).StatusCode);
        Assert.True(await portal.WithDbAsync(db => db.Revisions.AnyAsync(r => r.ContentType == "quiz" && r.ContentId == quizId && r.Pending)));
    }

    private static string Text(int number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

[Collection(SqliteCollection.Name)]
public sealed class RevisionsOnSqlite(SqlitePortal portal) : RevisionTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class RevisionsOnPostgres(PostgresPortal portal) : RevisionTests(portal);
