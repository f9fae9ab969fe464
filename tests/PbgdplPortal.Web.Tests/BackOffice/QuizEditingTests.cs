using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Web.Tests.Search;

namespace PbgdplPortal.Web.Tests.BackOffice;

public abstract class QuizEditingTests(PortalFactory portal)
{
    private const string Agency = "so-tu-phap";
    private const string OtherAgency = "so-giao-duc-va-dao-tao";
    private const string Base = QuizKit.Base;

    private static string V(int version) => version.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_quiz_goes_through_review_to_the_practice_page_and_search_with_audit_revisions_and_journal()
    {
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, Agency));
        var word = "kiemduyet" + Guid.NewGuid().ToString("N")[..6];
        var title = $"Bộ câu hỏi {word} về tuổi kết hôn";
        var id = await editor.CreateQuizAsync(portal, title);
        await editor.AddQuestionAsync(portal, id, "Nam được kết hôn từ bao nhiêu tuổi?", citations: "52/2014/QH13 | điểm a khoản 1 Điều 8");
        await editor.AddQuestionAsync(portal, id, "Nữ được kết hôn từ bao nhiêu tuổi?", key: "nu-ket-hon");
        var quiz = await portal.QuizAsync(id);
        Assert.Equal(["c1", "nu-ket-hon"], quiz.Questions.OrderBy(q => q.Position).Select(q => q.Key));
        Assert.Equal("điểm a khoản 1 Điều 8", quiz.Questions.Single(q => q.Key == "c1").Citations.Single().Provision);
        Assert.Equal(PublicationStatus.Draft, quiz.Status);

        var url = $"{Base}/{id}";
        var response = await editor.PostFormAsync(url, url, QuizKit.QuizFields(title, "gui-duyet", await editor.FormVersionAsync(url)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(PublicationStatus.Submitted, (await portal.QuizAsync(id)).Status);
        // Editors never publish, and a submitted quiz's questions are the reviewer's now.
        var version = await reviewer.FormVersionAsync(url);
        response = await editor.PostFormAsync(Base, url, QuizKit.QuizFields(title, "duyet-dang", version));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync($"{url}/cau-hoi/moi")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await portal.CreateClient().GetAsync($"/trac-nghiem-phap-luat/{quiz.Slug}")).StatusCode);

        response = await reviewer.PostFormAsync(url, url, QuizKit.QuizFields(title, "duyet-dang", version));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(PublicationStatus.Published, (await portal.QuizAsync(id)).Status);
        var anonymous = portal.CreateClient();
        await Eventually.HoldsAsync(async () => (await anonymous.GetStringAsync("/trac-nghiem-phap-luat")).Contains(title, StringComparison.Ordinal),
            "the published quiz is listed on the practice page");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/trac-nghiem-phap-luat/{quiz.Slug}")).StatusCode);
        var engine = await SearchTestKit.EngineAsync(portal);
        await Eventually.HoldsAsync(() => Task.FromResult(engine.Top(word).Contains($"quiz:{quiz.Slug}")), "the published quiz is found by search");

        response = await reviewer.PostFormAsync(url, $"{url}/go-xuong", [("version", V((await portal.QuizAsync(id)).Version))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await Eventually.HoldsAsync(() => Task.FromResult(!engine.Top(word).Contains($"quiz:{quiz.Slug}")), "the unpublished quiz leaves search");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/trac-nghiem-phap-luat/{quiz.Slug}")).StatusCode);

        var actions = await portal.WithDbAsync(db => db.AuditEntries.Where(a => a.Target == "quiz:" + quiz.Slug).Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.Submitted, actions);
        Assert.Contains(AuditActions.Published, actions);
        Assert.Contains(AuditActions.Unpublished, actions);
        var revisions = await portal.WithDbAsync(db => db.Revisions.Where(r => r.ContentType == "quiz" && r.ContentId == id).OrderBy(r => r.Number).ToListAsync());
        Assert.Equal(["Tạo mới", "Thêm câu hỏi c1", "Thêm câu hỏi nu-ket-hon", "Gửi duyệt", "Duyệt và đăng", "Gỡ xuống"], revisions.Select(r => r.Note));
        Assert.Contains("[nu-ket-hon] Nữ được kết hôn từ bao nhiêu tuổi?", revisions[^1].Body, StringComparison.Ordinal);
        Assert.True(await portal.WithDbAsync(db => db.ContentChanges.CountAsync(c => c.EntityType == "Quiz" && c.EntityKey == quiz.Slug)) >= 2);
    }

    [Fact]
    public async Task Other_agencies_get_404_and_editors_get_403_for_reviewer_actions()
    {
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var id = await editor.CreateQuizAsync(portal, EditingKit.Unique("Bộ câu hỏi của Sở Tư pháp"));
        await editor.AddQuestionAsync(portal, id, "Câu hỏi của Sở Tư pháp?");
        var questionId = (await portal.QuizAsync(id)).Questions.Single().Id;
        var url = $"{Base}/{id}";
        var otherEditor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, OtherAgency));
        var otherReviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, OtherAgency));
        foreach (var client in new[] { otherEditor, otherReviewer })
        {
            foreach (var page in new[] { url, $"{url}/phien-ban", $"{url}/cau-hoi/moi", $"{url}/cau-hoi/{questionId}", $"{url}/nhap" })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(page)).StatusCode);
            }
            Assert.Equal(HttpStatusCode.NotFound,
                (await client.PostFormAsync(Base, $"{url}/cau-hoi/{questionId}", QuizKit.QuestionFields(2, "Sửa lén?", ["A", "B"], 1))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync(Base, $"{url}/cau-hoi/{questionId}/xoa", [("version", "2")])).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync(Base, $"{url}/xoa", [("version", "2")])).StatusCode);
            Assert.DoesNotContain($"{Base}/{id}\"", await client.GetStringAsync(Base), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostFormAsync(url, $"{url}/xoa", [("version", "2")])).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostFormAsync(url, $"{url}/tra-lai", [("version", "2"), ("nhan-xet", "x")])).StatusCode);
        var version = (await portal.QuizAsync(id)).Version;
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostFormAsync(url, url, QuizKit.QuizFields("Tự đăng", "duyet-dang", version))).StatusCode);
        Assert.Single((await portal.QuizAsync(id)).Questions);
        Assert.Contains($"{Base}/{id}\"", await editor.GetStringAsync(Base), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reviewer_sends_a_quiz_back_with_a_comment_the_editor_sees()
    {
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, Agency));
        var title = EditingKit.Unique("Bộ câu hỏi trả lại");
        var id = await editor.CreateQuizAsync(portal, title);
        var url = $"{Base}/{id}";
        await editor.PostFormAsync(url, url, QuizKit.QuizFields(title, "gui-duyet", await editor.FormVersionAsync(url)));
        var response = await reviewer.PostFormAsync(url, $"{url}/tra-lai", [("version", V((await portal.QuizAsync(id)).Version)), ("nhan-xet", "Cần thêm câu hỏi về ly hôn.")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var quiz = await portal.QuizAsync(id);
        Assert.Equal(PublicationStatus.Draft, quiz.Status);
        Assert.Equal("Cần thêm câu hỏi về ly hôn.", quiz.ReviewComment);
        Assert.Contains("Cần thêm câu hỏi về ly hôn.", await editor.GetStringAsync(url), StringComparison.Ordinal);
        // Publishing an empty quiz is refused.
        response = await reviewer.PostFormAsync(url, url, QuizKit.QuizFields(title, "duyet-dang", quiz.Version));
        Assert.Contains("chưa có câu hỏi nào", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(PublicationStatus.Draft, (await portal.QuizAsync(id)).Status);
    }

    [Fact]
    public async Task A_bad_question_is_refused_with_every_problem_in_Vietnamese_and_nothing_saved()
    {
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var id = await editor.CreateQuizAsync(portal, EditingKit.Unique("Bộ câu hỏi kiểm tra dữ liệu"));
        var url = $"{Base}/{id}/cau-hoi/moi";
        var version = (await portal.QuizAsync(id)).Version;
        async Task<string> RefusedAsync(List<(string, string)> fields)
        {
            var response = await editor.PostFormAsync(url, url, fields);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, html);
            Assert.Contains("Chưa lưu được", html, StringComparison.Ordinal);
            return WebUtility.HtmlDecode(html);
        }
        var html = await RefusedAsync(QuizKit.QuestionFields(version, "", ["Chỉ một phương án"], null, explanation: " "));
        Assert.Contains("Thiếu nội dung câu hỏi.", html, StringComparison.Ordinal);
        Assert.Contains("Câu hỏi phải có từ 2 đến 6 phương án (đang có 1).", html, StringComparison.Ordinal);
        Assert.Contains("Chưa chọn đáp án đúng.", html, StringComparison.Ordinal);
        Assert.Contains("Thiếu giải thích đáp án.", html, StringComparison.Ordinal);

        html = await RefusedAsync(QuizKit.QuestionFields(version, "Câu hỏi?", ["Có", "Có", "Không"], 5, citations: "99/9999/QH99 | Điều 1", key: "mã có khoảng trắng"));
        Assert.Contains("Phương án 1 và phương án 2 giống hệt nhau.", html, StringComparison.Ordinal);
        Assert.Contains("Phương án được chọn làm đáp án đúng đang để trống.", html, StringComparison.Ordinal);
        Assert.Contains("không có văn bản số hiệu “99/9999/QH99” trong hệ thống", html, StringComparison.Ordinal);
        Assert.Contains("Mã câu hỏi “mã có khoảng trắng” không hợp lệ", html, StringComparison.Ordinal);
        // The user's text stays in the form.
        Assert.Contains("value=\"Không\"", html, StringComparison.Ordinal);

        var options = Enumerable.Range(1, 7).Select(i => $"Phương án {i}").ToArray();
        var fields = QuizKit.QuestionFields(version, "Câu hỏi?", options, 1);
        fields.Add(("Options[6]", "Phương án 7"));
        html = await RefusedAsync(fields);
        Assert.Contains("Câu hỏi phải có từ 2 đến 6 phương án", html, StringComparison.Ordinal);
        Assert.Empty((await portal.QuizAsync(id)).Questions);

        // Without JavaScript, "Xem trước" renders the Markdown through the public pipeline, sanitized.
        var preview = await editor.PostFormAsync(url, url, QuizKit.QuestionFields(version, "**Đậm** <script>alert(1)</script>", ["A", "B"], 1, action: "xem-truoc"));
        var previewHtml = await preview.Content.ReadAsStringAsync();
        Assert.Contains("<strong>Đậm</strong>", previewHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", previewHtml, StringComparison.Ordinal);
        Assert.Empty((await portal.QuizAsync(id)).Questions);
    }

    [Fact]
    public async Task Questions_are_reordered_edited_and_deleted_and_a_stale_form_is_refused()
    {
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var id = await editor.CreateQuizAsync(portal, EditingKit.Unique("Bộ câu hỏi sắp xếp"));
        foreach (var text in new[] { "Câu một?", "Câu hai?", "Câu ba?" })
        {
            await editor.AddQuestionAsync(portal, id, text);
        }
        var url = $"{Base}/{id}";
        var quiz = await portal.QuizAsync(id);
        var third = quiz.Questions.Single(q => q.Key == "c3");
        var response = await editor.PostFormAsync(url, $"{url}/cau-hoi/{third.Id}/di-chuyen", [("version", V(quiz.Version)), ("huong", "len")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        quiz = await portal.QuizAsync(id);
        Assert.Equal(["c1", "c3", "c2"], quiz.Questions.OrderBy(q => q.Position).Select(q => q.Key));

        // A form based on an older version changes nothing.
        var stale = quiz.Version - 1;
        response = await editor.PostFormAsync(url, $"{url}/cau-hoi/{third.Id}/di-chuyen", [("version", V(stale)), ("huong", "len")]);
        Assert.Contains("người khác thay đổi", await editor.GetStringAsync(response.Headers.Location), StringComparison.Ordinal);
        var edit = $"{url}/cau-hoi/{third.Id}";
        response = await editor.PostFormAsync(edit, edit, QuizKit.QuestionFields(stale, "Câu ba đã sửa?", ["Có", "Không"], 1));
        Assert.Contains("người khác thay đổi", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["c1", "c3", "c2"], (await portal.QuizAsync(id)).Questions.OrderBy(q => q.Position).Select(q => q.Key));
        Assert.Equal("Câu ba?", (await portal.QuizAsync(id)).Questions.Single(q => q.Key == "c3").Text);

        response = await editor.PostFormAsync(edit, edit, QuizKit.QuestionFields(quiz.Version, "Câu ba đã sửa?", ["Có", "Không"], 2, difficulty: "kho"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var edited = (await portal.QuizAsync(id)).Questions.Single(q => q.Key == "c3");
        Assert.Equal("Câu ba đã sửa?", edited.Text);
        Assert.Equal(PbgdplPortal.Quizzes.QuizQuestionDifficulty.Hard, edited.Difficulty);
        Assert.Equal(["Có", "Không"], edited.Options.OrderBy(o => o.Position).Select(o => o.Text));
        Assert.Equal("Không", edited.Options.Single(o => o.IsCorrect).Text);

        quiz = await portal.QuizAsync(id);
        var first = quiz.Questions.Single(q => q.Key == "c1");
        response = await editor.PostFormAsync(url, $"{url}/cau-hoi/{first.Id}/xoa", [("version", V(quiz.Version))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(["c3", "c2"], (await portal.QuizAsync(id)).Questions.OrderBy(q => q.Position).Select(q => q.Key));
    }

    [Fact]
    public async Task A_quiz_cannot_shrink_below_what_an_open_round_draws_from_it()
    {
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var id = await editor.CreateQuizAsync(portal, EditingKit.Unique("Bộ câu hỏi sắp thi"));
        await editor.AddQuestionAsync(portal, id, "Câu thứ nhất?");
        await editor.AddQuestionAsync(portal, id, "Câu thứ hai?");
        await portal.UseInOpenRoundAsync(id, 2);
        var url = $"{Base}/{id}";
        var quiz = await portal.QuizAsync(id);
        var response = await editor.PostFormAsync(url, $"{url}/cau-hoi/{quiz.Questions[0].Id}/xoa", [("version", V(quiz.Version))]);
        Assert.Contains("ít hơn số câu mỗi bài thi", WebUtility.HtmlDecode(await editor.GetStringAsync(response.Headers.Location)), StringComparison.Ordinal);
        Assert.Equal(2, (await portal.QuizAsync(id)).Questions.Count);

        // A third question makes room for deleting one.
        await editor.AddQuestionAsync(portal, id, "Câu thứ ba?");
        quiz = await portal.QuizAsync(id);
        response = await editor.PostFormAsync(url, $"{url}/cau-hoi/{quiz.Questions[0].Id}/xoa", [("version", V(quiz.Version))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, (await portal.QuizAsync(id)).Questions.Count);
    }

    [Fact]
    public async Task Questions_used_by_contest_attempts_keep_their_options_and_correct_answer()
    {
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var id = await editor.CreateQuizAsync(portal, EditingKit.Unique("Bộ câu hỏi đang thi"));
        await editor.AddQuestionAsync(portal, id, "Câu đang thi?");
        await portal.LockWithAttemptAsync(id);
        var url = $"{Base}/{id}";
        var page = await editor.GetStringAsync(url);
        Assert.Contains("Bộ câu hỏi đã được dùng trong bài thi", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/xoa\" data-confirm=\"Xóa câu hỏi", page, StringComparison.Ordinal);

        var quiz = await portal.QuizAsync(id);
        var question = quiz.Questions.Single();
        var before = question.Options.OrderBy(o => o.Position).Select(o => (o.Id, o.Text, o.IsCorrect)).ToList();
        var response = await editor.PostFormAsync(url, $"{url}/cau-hoi/{question.Id}/xoa", [("version", V(quiz.Version))]);
        Assert.Contains("Không xóa được câu hỏi c1", WebUtility.HtmlDecode(await editor.GetStringAsync(response.Headers.Location)), StringComparison.Ordinal);
        Assert.Single((await portal.QuizAsync(id)).Questions);

        var edit = $"{url}/cau-hoi/{question.Id}";
        var html = WebUtility.HtmlDecode(await (await editor.PostFormAsync(edit, edit,
            QuizKit.QuestionFields(quiz.Version, "Câu đang thi?", ["Đủ 18 tuổi", "Từ đủ 20 tuổi trở lên", "Đủ 21 tuổi"], 1))).Content.ReadAsStringAsync());
        Assert.Contains("không được đổi đáp án đúng", html, StringComparison.Ordinal);
        html = WebUtility.HtmlDecode(await (await editor.PostFormAsync(edit, edit,
            QuizKit.QuestionFields(quiz.Version, "Câu đang thi?", ["Đủ 18 tuổi", "Từ đủ 20 tuổi trở lên"], 2))).Content.ReadAsStringAsync());
        Assert.Contains("không được bỏ phương án", html, StringComparison.Ordinal);
        Assert.Equal(before, (await portal.QuizAsync(id)).Questions.Single().Options.OrderBy(o => o.Position).Select(o => (o.Id, o.Text, o.IsCorrect)));

        // Wording may still change, and options may be added: every option keeps its row.
        response = await editor.PostFormAsync(edit, edit,
            QuizKit.QuestionFields(quiz.Version, "Nam được kết hôn khi đủ bao nhiêu tuổi?", ["Đủ 18 tuổi", "Từ đủ 20 tuổi trở lên", "Đủ 21 tuổi", "Đủ 22 tuổi"], 2));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = (await portal.QuizAsync(id)).Questions.Single();
        Assert.Equal("Nam được kết hôn khi đủ bao nhiêu tuổi?", after.Text);
        Assert.Equal(before.Select(o => o.Id), after.Options.OrderBy(o => o.Position).Take(3).Select(o => o.Id));
        Assert.Equal(before.Single(o => o.IsCorrect).Id, after.Options.Single(o => o.IsCorrect).Id);

        // Deleting the quiz is refused while a contest round uses it.
        quiz = await portal.QuizAsync(id);
        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, Agency));
        response = await reviewer.PostFormAsync(url, $"{url}/xoa", [("version", V(quiz.Version))]);
        Assert.Contains("Không xóa được", WebUtility.HtmlDecode(await reviewer.GetStringAsync(response.Headers.Location)), StringComparison.Ordinal);
        Assert.True(await portal.WithDbAsync(db => db.Quizzes.AnyAsync(q => q.Id == id)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class QuizEditingOnSqlite(SqlitePortal portal) : QuizEditingTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class QuizEditingOnPostgres(PostgresPortal portal) : QuizEditingTests(portal);
