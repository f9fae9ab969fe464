using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Dialogues;
using PbgdplPortal.Questions;
using PbgdplPortal.Web.Tests.BackOffice;
using PbgdplPortal.Web.Tests.Questions;

namespace PbgdplPortal.Web.Tests.Dialogues;

/// <summary>
/// Online dialogues through their real pages and forms: a session from its creation to its searchable transcript, the
/// rights of each kind of account, the live stream read over HTTP, the protections of the ask form, hostile text.
/// </summary>
public abstract class DialogueFlowTests(DialoguePortal portal)
{
    private static string Unique() => "mavach" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray());

    [Fact]
    public async Task A_session_runs_from_announcement_through_live_answers_to_a_searchable_transcript_and_each_account_may_do_only_its_part()
    {
        var word = Unique();
        var title = $"Đối thoại về hôn nhân và gia đình {word}";
        using var moderator = await portal.SignedInFromAsync(await portal.CreateAccountAsync(PortalRoles.Moderator));
        var (agencyId, topicId) = await portal.WithDbAsync(async db =>
            ((await db.Agencies.SingleAsync(a => a.Slug == QuestionKit.Agency)).Id, (await db.Topics.SingleAsync(t => t.Slug == QuestionKit.Topic)).Id));

        // Created through the back-office form; a missing agency is a clear error, not a half-written session.
        var invalid = await moderator.PostFormAsync("/quan-tri/doi-thoai/moi", "/quan-tri/doi-thoai/moi",
            [("Version", "0"), ("Title", title), ("AgencyId", ""), ("TopicIds", topicId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("StartsAt", "2027-12-01T08:00"), ("EndsAt", "2027-12-01T10:00")]);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("Hãy chọn cơ quan chủ trì", await invalid.TextAsync(), StringComparison.Ordinal);
        Assert.False(await portal.WithDbAsync(db => db.DialogueSessions.AnyAsync(s => s.Title == title)));
        var created = await moderator.PostFormAsync("/quan-tri/doi-thoai/moi", "/quan-tri/doi-thoai/moi",
        [
            ("Version", "0"), ("Title", title), ("AgencyId", agencyId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("TopicIds", topicId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Guests", "Giám đốc Sở Tư pháp\nLuật sư Trần Thị Bình"),
            ("StartsAt", "2027-12-01T08:00"), ("EndsAt", "2027-12-01T10:00"), ("VideoUrl", "https://video.example.vn/doi-thoai"), ("Description", "Giải đáp về **kết hôn**."),
        ]);
        var session = await portal.WithDbAsync(db => db.DialogueSessions.AsNoTracking().SingleAsync(s => s.Title == title));
        Assert.Equal($"/quan-tri/doi-thoai/{session.Id}", created.RedirectTarget());
        Assert.Equal(DialogueState.Announced, session.State);

        using var citizen = portal.ClientFrom("127.0.0.21");
        var announced = await (await citizen.GetAsync(DialogueUrls.Show(session.Slug))).TextAsync();
        Assert.Contains("01/12/2027 08:00", announced, StringComparison.Ordinal);
        Assert.Contains("Luật sư Trần Thị Bình", announced, StringComparison.Ordinal);
        Assert.Contains("https://video.example.vn/doi-thoai", announced, StringComparison.Ordinal);
        Assert.Contains("<strong>kết hôn</strong>", announced, StringComparison.Ordinal);
        Assert.DoesNotContain(DialogueUrls.Ask(session.Slug), announced, StringComparison.Ordinal);
        var early = await citizen.PostAsJsonAsync($"/api/dialogues/{session.Slug}/questions",
            new { text = $"Xin hỏi điều kiện kết hôn với người nước ngoài {word}?", topic = QuestionKit.Topic, audience = QuestionKit.Audience });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("chưa mở nhận câu hỏi", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("chưa mở nhận câu hỏi", await citizen.GetStringAsync(DialogueUrls.Ask(session.Slug)), StringComparison.Ordinal);

        Assert.Equal($"/quan-tri/doi-thoai/{session.Id}", (await moderator.MoveAsync(portal, session.Id, DialogueState.OpenForQuestions)).RedirectTarget());
        // The public page follows the change through the change journal.
        await Eventually.HoldsAsync(async () => (await citizen.GetStringAsync(DialogueUrls.Show(session.Slug))).Contains(DialogueUrls.Ask(session.Slug), StringComparison.Ordinal),
            "the cached session page offers the ask form");
        var questionId = await portal.AskedIdAsync(await citizen.AskSessionAsync(session.Slug,
            $"Xin hỏi điều kiện kết hôn với người nước ngoài {word} gồm những gì?", "Nguyễn Văn An", "Ấp 3, xã Tân Thành"));
        var asked = await portal.QuestionAsync(questionId);
        Assert.Equal(session.Id, asked.DialogueSessionId);
        Assert.Equal(QuestionStatus.Received, asked.Status);

        // Who may not: a citizen, an editor, another agency's expert.
        Assert.Contains("/quan-tri/dang-nhap", (await citizen.GetAsync("/quan-tri/doi-thoai")).Headers.Location!.ToString(), StringComparison.Ordinal);
        using var editor = await portal.SignedInFromAsync(await portal.CreateAccountAsync(PortalRoles.Editor, QuestionKit.Agency));
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync($"/quan-tri/doi-thoai/{session.Id}")).StatusCode);
        using var expert = await portal.SignedInFromAsync(await portal.CreateAccountAsync(PortalRoles.Expert, QuestionKit.Agency));
        Assert.Equal(HttpStatusCode.Forbidden, (await expert.QuestionStepAsync(portal, session.Id, questionId, "chon")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await expert.MoveAsync(portal, session.Id, DialogueState.Live)).StatusCode);

        Assert.Equal($"/quan-tri/doi-thoai/{session.Id}", (await moderator.QuestionStepAsync(portal, session.Id, questionId, "chon")).RedirectTarget());
        var picked = await portal.QuestionAsync(questionId);
        Assert.Equal(QuestionStatus.Assigned, picked.Status);
        Assert.Equal(agencyId, picked.AgencyId);

        using var otherExpert = await portal.SignedInFromAsync(await portal.CreateAccountAsync(PortalRoles.Expert, QuestionKit.OtherAgency));
        var refused = await otherExpert.QuestionStepAsync(portal, session.Id, questionId, "tra-loi", ("noi-dung", "Câu trả lời của cơ quan khác."), ("can-cu", ""));
        Assert.True(refused.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"got {(int)refused.StatusCode}");
        Assert.Equal(QuestionStatus.Assigned, (await portal.QuestionAsync(questionId)).Status);

        var answer = $"Theo Luật Hôn nhân và gia đình, nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi được kết hôn {word}.";
        Assert.Equal($"/quan-tri/doi-thoai/{session.Id}",
            (await expert.QuestionStepAsync(portal, session.Id, questionId, "tra-loi", ("noi-dung", answer), ("can-cu", ""))).RedirectTarget());
        Assert.Equal(QuestionStatus.Answered, (await portal.QuestionAsync(questionId)).Status);
        // Not yet live: nothing is shown.
        Assert.Equal(HttpStatusCode.Conflict, (await moderator.QuestionStepAsync(portal, session.Id, questionId, "hien-thi")).StatusCode);

        Assert.Equal($"/quan-tri/doi-thoai/{session.Id}", (await moderator.MoveAsync(portal, session.Id, DialogueState.Live)).RedirectTarget());
        using var viewer = portal.ClientFrom("127.0.0.22");
        using var stream = await viewer.GetAsync(DialogueUrls.Events(session.Slug), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        await DialogueKit.ReadUntilAsync(reader, e => e.Name == "state" && e.Data.StartsWith("live|", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        Assert.Equal($"/quan-tri/doi-thoai/{session.Id}", (await moderator.QuestionStepAsync(portal, session.Id, questionId, "hien-thi")).RedirectTarget());
        var item = await DialogueKit.ReadUntilAsync(reader, e => e.Name == "item", TimeSpan.FromSeconds(10));
        Assert.Equal("1", item.Id);
        Assert.Contains(answer, item.Data, StringComparison.Ordinal);
        Assert.Contains("Nguyễn V. A, xã Tân Thành", item.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("Ấp 3", item.Data, StringComparison.Ordinal);
        var shown = await portal.QuestionAsync(questionId);
        Assert.Equal(QuestionStatus.Published, shown.Status);
        Assert.Equal(1, shown.SessionOrder);
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == DialogueAuditActions.QuestionShown && a.Target == $"dialogue:{session.Id}")));

        // A viewer who reconnects with Last-Event-ID gets exactly what it missed: everything after 0, nothing after 1.
        foreach (var (last, expected) in new[] { ("0", "item"), ("1", "state") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, DialogueUrls.Events(session.Slug));
            request.Headers.Add("Last-Event-ID", last);
            using var resumed = await viewer.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using var resumedReader = new StreamReader(await resumed.Content.ReadAsStreamAsync());
            var first = await DialogueKit.ReadUntilAsync(resumedReader, _ => true, TimeSpan.FromSeconds(10));
            Assert.Equal(expected, first.Name);
        }

        await Eventually.HoldsAsync(async () => (await citizen.GetStringAsync(DialogueUrls.Show(session.Slug))).Contains(answer, StringComparison.Ordinal),
            "the session page shows the answer");
        Assert.Equal($"/quan-tri/doi-thoai/{session.Id}", (await moderator.MoveAsync(portal, session.Id, DialogueState.Ended)).RedirectTarget());
        Assert.Equal($"/quan-tri/doi-thoai/{session.Id}", (await moderator.MoveAsync(portal, session.Id, DialogueState.TranscriptPublished)).RedirectTarget());
        await Eventually.HoldsAsync(async () => (await citizen.GetStringAsync(DialogueUrls.Show(session.Slug))).Contains("Toàn văn các câu hỏi và trả lời", StringComparison.Ordinal),
            "the session page is the transcript");
        await Eventually.HoldsAsync(async () =>
        {
            var json = await citizen.GetFromJsonAsync<JsonElement>($"/api/search?q={word}&type=dialogue");
            return json.GetProperty("hits").EnumerateArray().Any(h => h.GetProperty("url").GetString() == DialogueUrls.Show(session.Slug));
        }, "the transcript is found by search", TimeSpan.FromSeconds(20));
        var sitemap = await citizen.GetStringAsync("/sitemap.xml");
        Assert.Contains(DialogueUrls.Show(session.Slug), sitemap, StringComparison.Ordinal);
        Assert.Contains(session.Slug, await citizen.GetStringAsync(DialogueUrls.Feed), StringComparison.Ordinal);

        // An answer found wrong after the session is withdrawn for correction: it leaves the transcript and search.
        Assert.Contains(answer, await citizen.GetStringAsync(DialogueUrls.Show(session.Slug)), StringComparison.Ordinal);
        await Eventually.HoldsAsync(async () => (await citizen.GetFromJsonAsync<JsonElement>($"/api/search?q={word}&type=question")).GetProperty("total").GetInt32() == 1,
            "the answered question is found by search", TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.StepAsync(portal, questionId, "go-tra-loi", ("ly-do-go", "Cần bổ sung điều kiện về năng lực hành vi dân sự."))).StatusCode);
        await Eventually.HoldsAsync(async () => !(await citizen.GetStringAsync(DialogueUrls.Show(session.Slug))).Contains(answer, StringComparison.Ordinal),
            "the transcript leaves the withdrawn answer out");
        await Eventually.HoldsAsync(async () =>
        {
            var json = await citizen.GetFromJsonAsync<JsonElement>($"/api/search?q={word}&type=question");
            return json.GetProperty("total").GetInt32() == 0;
        }, "search drops the withdrawn answer", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task The_ask_form_refuses_the_honeypot_and_limits_questions_per_address()
    {
        var session = await portal.AddSessionAsync(DialogueState.OpenForQuestions);
        using var bot = portal.ClientFrom("127.0.0.31");
        var before = await portal.WithDbAsync(db => db.Questions.CountAsync(q => q.DialogueSessionId == session.Id));
        var trapped = await bot.AskSessionAsync(session.Slug, "Tôi muốn hỏi về thủ tục đăng ký kết hôn cần những giấy tờ gì?", honeypot: "http://spam.example");
        Assert.Equal(HttpStatusCode.BadRequest, trapped.StatusCode);
        Assert.Contains("ô ẩn dùng để chặn thư rác", await trapped.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await portal.WithDbAsync(db => db.Questions.CountAsync(q => q.DialogueSessionId == session.Id)));
        var tooShort = await bot.AskSessionAsync(session.Slug, "Hỏi?");
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("ít nhất", await tooShort.TextAsync(), StringComparison.Ordinal);

        var permits = portal.AskPermitsPerHour;
        for (var i = 0; i < permits; i++)
        {
            await portal.AskedIdAsync(await bot.AskSessionAsync(session.Slug, $"Câu hỏi số {i + 1} về thủ tục đăng ký kết hôn tại xã?"));
        }
        var limited = await bot.AskSessionAsync(session.Slug, "Thêm một câu hỏi về thủ tục đăng ký kết hôn tại xã?");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Vui lòng thử lại sau một giờ", await limited.TextAsync(), StringComparison.Ordinal);
        var api = await bot.PostAsJsonAsync($"/api/dialogues/{session.Slug}/questions", new { text = "Thêm một câu hỏi qua API về đăng ký kết hôn?", topic = QuestionKit.Topic, audience = QuestionKit.Audience });
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before + permits, await portal.WithDbAsync(db => db.Questions.CountAsync(q => q.DialogueSessionId == session.Id)));

        // Another address still may ask, through the API too.
        using var neighbour = portal.ClientFrom("127.0.0.32");
        var accepted = await neighbour.PostAsJsonAsync($"/api/dialogues/{session.Slug}/questions", new { text = "Hỏi qua API về thủ tục đăng ký kết hôn lần đầu?", topic = QuestionKit.Topic, audience = QuestionKit.Audience });
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var wrongTopic = await neighbour.PostAsJsonAsync($"/api/dialogues/{session.Slug}/questions", new { text = "Hỏi qua API về một lĩnh vực khác của phiên?", topic = "khong-co-chu-de", audience = QuestionKit.Audience });
        Assert.Equal(HttpStatusCode.BadRequest, wrongTopic.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.PostAsJsonAsync("/api/dialogues/khong-co-phien/questions", new { text = "x" })).StatusCode);
    }

    [Fact]
    public async Task Hostile_text_in_a_question_and_its_answer_reaches_the_page_and_the_stream_only_encoded()
    {
        var session = await portal.AddSessionAsync(DialogueState.Live);
        using var citizen = portal.ClientFrom("127.0.0.41");
        var questionId = await portal.AskedIdAsync(await citizen.AskSessionAsync(session.Slug,
            "<script>alert('hoi')</script> Xin hỏi <img src=x onerror=alert(1)> về kết hôn?", "<b>Kẻ</b> <script>x</script>", "\"><svg onload=alert(3)>"));
        using var moderator = await portal.SignedInFromAsync(await portal.CreateAccountAsync(PortalRoles.Moderator));
        using var expert = await portal.SignedInFromAsync(await portal.CreateAccountAsync(PortalRoles.Expert, QuestionKit.Agency));
        using var viewer = portal.ClientFrom("127.0.0.42");
        using var stream = await viewer.GetAsync(DialogueUrls.Events(session.Slug), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());

        await moderator.QuestionStepAsync(portal, session.Id, questionId, "chon");
        Assert.Equal(QuestionStatus.Assigned, (await portal.QuestionAsync(questionId)).Status);
        await expert.QuestionStepAsync(portal, session.Id, questionId, "tra-loi",
            ("noi-dung", "Trả lời <script>alert('dap')</script> **rõ ràng** <img src=x onerror=alert(2)> [xem](javascript:alert(4))"), ("can-cu", ""));
        Assert.Equal(QuestionStatus.Answered, (await portal.QuestionAsync(questionId)).Status);
        await moderator.QuestionStepAsync(portal, session.Id, questionId, "hien-thi");

        var item = await DialogueKit.ReadUntilAsync(reader, e => e.Name == "item", TimeSpan.FromSeconds(10));
        await Eventually.HoldsAsync(async () => (await citizen.GetStringAsync(DialogueUrls.Show(session.Slug))).Contains("rõ ràng", StringComparison.Ordinal),
            "the page shows the answer");
        var page = await citizen.GetStringAsync(DialogueUrls.Show(session.Slug));
        foreach (var html in new[] { item.Data, page })
        {
            Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>Kẻ", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(&#x27;hoi&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
            Assert.Contains("<strong>rõ ràng</strong>", html, StringComparison.Ordinal);
        }
    }
}

[Collection(SqliteDialogueCollection.Name)]
public sealed class DialogueFlowOnSqlite(SqliteDialoguePortal portal) : DialogueFlowTests(portal);

[Collection(PostgresDialogueCollection.Name)]
public sealed class DialogueFlowOnPostgres(PostgresDialoguePortal portal) : DialogueFlowTests(portal);

[CollectionDefinition(Name)]
public sealed class SqliteDialogueCollection : ICollectionFixture<SqliteDialoguePortal>
{
    public const string Name = "dialogues-sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresDialogueCollection : ICollectionFixture<PostgresDialoguePortal>
{
    public const string Name = "dialogues-postgres";
}
