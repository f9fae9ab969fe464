using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Questions;
using PbgdplPortal.Web.Tests.BackOffice;

namespace PbgdplPortal.Web.Tests.Questions;

/// <summary>
/// A citizen's question from the public form through moderation, an expert's answer and review to the
/// public page, the feeds, search and the asker's e-mail; and the rights of each kind of staff on the way.
/// </summary>
public abstract class QuestionFlowTests(QuestionPortal portal)
{
    private const string Hostile = "<script>window.__pwned=1</script><img src=x onerror=alert(1)>";

    private static string Unique() => "tomcangxanh" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_question_goes_from_the_form_through_moderation_and_an_answer_to_its_public_page_feeds_search_and_the_askers_mail()
    {
        var word = Unique();
        var email = $"nguoi-hoi-{Guid.NewGuid():N}@kiemthu.vn";
        var text = $"Tôi muốn hỏi thủ tục đăng ký kết hôn {word} với người nước ngoài cần giấy tờ gì? {Hostile}";
        var (id, tracking) = await portal.AskAsync(text, email, "Nguyễn Văn An", "Ấp 3, xã Tân Thành");
        var asked = await portal.QuestionAsync(id);
        Assert.Equal(QuestionStatus.Received, asked.Status);
        Assert.NotNull(asked.EmailConsentAt);
        Assert.DoesNotContain(tracking.Split('/')[^1], asked.TrackingTokenHash, StringComparison.Ordinal);

        using var anonymous = portal.Browser();
        var trackingHtml = await anonymous.GetStringAsync(tracking);
        Assert.Contains("Đã tiếp nhận", trackingHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>window.__pwned", trackingHtml, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;window.__pwned", trackingHtml, StringComparison.Ordinal);

        var moderator = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Moderator, QuestionKit.Agency));
        var queue = await moderator.GetStringAsync("/quan-tri/hoi-dap");
        Assert.Contains($"/quan-tri/hoi-dap/{id}\"", queue, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.StepAsync(portal, id, "duyet", ("tieu-de", $"Đăng ký kết hôn với người nước ngoài {word}"))).StatusCode);
        var agencyId = await portal.AgencyIdAsync(QuestionKit.Agency);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.StepAsync(portal, id, "giao", ("co-quan", agencyId.ToString(System.Globalization.CultureInfo.InvariantCulture)))).StatusCode);
        Assert.Equal(QuestionStatus.Assigned, (await portal.QuestionAsync(id)).Status);

        // Another agency's expert never learns the question exists.
        var outsider = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Expert, QuestionKit.OtherAgency));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/quan-tri/hoi-dap/{id}")).StatusCode);
        Assert.DoesNotContain($"/quan-tri/hoi-dap/{id}\"", await outsider.GetStringAsync("/quan-tri/hoi-dap"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.StepAsync(portal, id, "tra-loi", ("noi-dung", "Trả lời trái phép."))).StatusCode);

        var expert = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Expert, QuestionKit.Agency));
        Assert.Contains($"/quan-tri/hoi-dap/{id}\"", await expert.GetStringAsync("/quan-tri/hoi-dap"), StringComparison.Ordinal);
        // An unknown document in the legal basis is refused with a clear message, and nothing changes.
        var bad = await expert.StepAsync(portal, id, "tra-loi", ("noi-dung", "Trả lời."), ("can-cu", "999/2099/QH99 | Điều 1"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("không có văn bản số hiệu", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(QuestionStatus.Assigned, (await portal.QuestionAsync(id)).Status);
        var answer = $"Theo **Luật Hôn nhân và gia đình** 52/2014/QH13, bạn cần chuẩn bị tờ khai {word}. {Hostile}\n\n[liên kết](javascript:alert(1))";
        Assert.Equal(HttpStatusCode.Redirect, (await expert.StepAsync(portal, id, "tra-loi", ("noi-dung", answer), ("can-cu", "52/2014/QH13 | Điều 18"))).StatusCode);
        // The expert cannot publish their own answer; a reviewer of the agency does.
        Assert.Equal(HttpStatusCode.Forbidden, (await expert.StepAsync(portal, id, "dang")).StatusCode);
        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, QuestionKit.Agency));
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.StepAsync(portal, id, "dang")).StatusCode);

        var published = await portal.QuestionAsync(id);
        Assert.Equal(QuestionStatus.Published, published.Status);
        Assert.False(published.AnswerIsPrivate);
        Assert.Single(published.Citations);
        Assert.Null(published.SenderKey);
        var page = await anonymous.GetAsync(QuestionUrls.Show(published.Slug));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("\"@type\":\"QAPage\"", html, StringComparison.Ordinal);
        Assert.Contains("Nguyễn V. A", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Nguyễn Văn An", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Ấp 3", html, StringComparison.Ordinal);
        Assert.DoesNotContain(email, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>window.__pwned", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=\"x\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Luật Hôn nhân và gia đình</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Điều 18", html, StringComparison.Ordinal);

        Assert.Contains(published.Slug, await anonymous.GetStringAsync($"/hoi-dap?chu-de={QuestionKit.Topic}"), StringComparison.Ordinal);
        Assert.DoesNotContain(published.Slug, await anonymous.GetStringAsync("/hoi-dap?chu-de=giao-thong"), StringComparison.Ordinal);
        var api = await anonymous.GetFromJsonAsync<JsonElement>($"/api/questions?topic={QuestionKit.Topic}&audience={QuestionKit.Audience}&pageSize=100");
        Assert.Contains(api.GetProperty("items").EnumerateArray(), i => i.GetProperty("slug").GetString() == published.Slug);
        Assert.Contains(QuestionUrls.Show(published.Slug), await anonymous.GetStringAsync(QuestionUrls.Feed), StringComparison.Ordinal);
        Assert.Contains(QuestionUrls.Show(published.Slug), await anonymous.GetStringAsync("/sitemap.xml"), StringComparison.Ordinal);
        Assert.Contains("Đã trả lời và đăng công khai", await anonymous.GetStringAsync(tracking), StringComparison.Ordinal);

        await Eventually.HoldsAsync(async () =>
        {
            var found = await anonymous.GetFromJsonAsync<JsonElement>($"/api/search?q={word}");
            return found.GetProperty("hits").EnumerateArray().Any(h => h.GetProperty("type").GetString() == "question" && h.GetProperty("slug").GetString() == published.Slug);
        }, "the search index holds the answered question");

        var mail = Assert.Single(await portal.Smtp.WaitForAsync(email));
        Assert.Equal("Câu hỏi của bạn đã được trả lời", mail.Subject);
        Assert.Contains(QuestionUrls.Show(published.Slug), mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(word, mail.TextBody, StringComparison.Ordinal);

        var actions = await portal.WithDbAsync(db => db.AuditEntries.Where(a => a.Target == $"question:{id}").Select(a => a.Action).ToListAsync());
        Assert.Equal(
            new[] { AuditActions.QuestionApproved, AuditActions.QuestionAssigned, AuditActions.QuestionAnswered, AuditActions.AnswerPublished }.Order(),
            actions.Order());
    }

    [Fact]
    public async Task A_private_answer_is_seen_only_through_the_askers_link_and_mail()
    {
        var word = Unique();
        var email = $"rieng-{Guid.NewGuid():N}@kiemthu.vn";
        var (id, tracking) = await portal.AskAsync($"Chồng tôi bạo lực gia đình {word}, tôi cần được bảo vệ thế nào?", email, "Trần Thị Bình");
        var moderator = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Moderator, QuestionKit.Agency));
        await moderator.StepAsync(portal, id, "giao", ("co-quan", (await portal.AgencyIdAsync(QuestionKit.Agency)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var expert = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Expert, QuestionKit.Agency));
        var secret = $"Bạn hãy liên hệ ngay công an xã {word}.";
        Assert.Equal(HttpStatusCode.Redirect, (await expert.StepAsync(portal, id, "tra-loi", ("noi-dung", secret), ("rieng", "1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.StepAsync(portal, id, "gui-rieng")).StatusCode);

        var question = await portal.QuestionAsync(id);
        Assert.Equal(QuestionStatus.Published, question.Status);
        Assert.True(question.AnswerIsPrivate);
        using var anonymous = portal.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(QuestionUrls.Show(question.Slug))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/questions/{question.Slug}")).StatusCode);
        Assert.DoesNotContain(question.Slug, await anonymous.GetStringAsync("/hoi-dap"), StringComparison.Ordinal);
        Assert.DoesNotContain(question.Slug, await anonymous.GetStringAsync(QuestionUrls.Feed), StringComparison.Ordinal);
        Assert.DoesNotContain(question.Slug, await anonymous.GetStringAsync("/sitemap.xml"), StringComparison.Ordinal);
        // A made-up link shows nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/hoi-dap/theo-doi/" + new string('A', 32))).StatusCode);

        var response = await anonymous.GetAsync(tracking);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(word, html, StringComparison.Ordinal);
        Assert.Contains("gửi riêng cho bạn", html, StringComparison.Ordinal);
        var mail = Assert.Single(await portal.Smtp.WaitForAsync(email));
        Assert.Equal("Câu hỏi của bạn đã được trả lời riêng", mail.Subject);
        Assert.Contains(word, mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/hoi-dap/" + question.Slug, mail.TextBody, StringComparison.Ordinal);
        var search = await anonymous.GetFromJsonAsync<JsonElement>($"/api/search?q={word}");
        Assert.Equal(0, search.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_published_answer_withdrawn_for_correction_leaves_every_public_place_and_returns_corrected_at_the_same_address()
    {
        var word = Unique();
        var corrected = Unique();
        var email = $"sua-{Guid.NewGuid():N}@kiemthu.vn";
        var (id, tracking) = await portal.AskAsync($"Mức phạt khi không đội mũ bảo hiểm {word} là bao nhiêu?", email);
        var moderator = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Moderator, QuestionKit.Agency));
        await moderator.StepAsync(portal, id, "giao", ("co-quan", (await portal.AgencyIdAsync(QuestionKit.Agency)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var expert = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Expert, QuestionKit.Agency));
        Assert.Equal(HttpStatusCode.Redirect, (await expert.StepAsync(portal, id, "tra-loi", ("noi-dung", $"Mức phạt cũ {word}."), ("can-cu", "168/2024/NĐ-CP | Điều 7"))).StatusCode);
        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, QuestionKit.Agency));
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.StepAsync(portal, id, "dang")).StatusCode);
        var slug = (await portal.QuestionAsync(id)).Slug;
        using var anonymous = portal.Browser();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(QuestionUrls.Show(slug))).StatusCode);
        await Eventually.HoldsAsync(async () => (await SearchTotalAsync(anonymous, word)) == 1, "the search index holds the answer");
        Assert.Single(await portal.Smtp.WaitForAsync(email));

        // The expert cannot take down what a reviewer released; the reviewer must give a reason.
        Assert.Equal(HttpStatusCode.Forbidden, (await expert.StepAsync(portal, id, "go-tra-loi", ("ly-do-go", "Sai mức phạt."))).StatusCode);
        var noReason = await reviewer.StepAsync(portal, id, "go-tra-loi", ("ly-do-go", " "));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Hãy nêu lý do gỡ câu trả lời", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(QuestionStatus.Published, (await portal.QuestionAsync(id)).Status);
        Assert.Contains("Gỡ câu trả lời", await reviewer.GetStringAsync($"/quan-tri/hoi-dap/{id}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.StepAsync(portal, id, "go-tra-loi", ("ly-do-go", "Viện dẫn sai khoản; sửa lại mức phạt."))).StatusCode);

        var withdrawn = await portal.QuestionAsync(id);
        Assert.Equal(QuestionStatus.Assigned, withdrawn.Status);
        Assert.Equal("Viện dẫn sai khoản; sửa lại mức phạt.", withdrawn.ReviewComment);
        // Cached pages go with the next poll of the change journal, on every node.
        await Eventually.HoldsAsync(async () => (await anonymous.GetAsync(QuestionUrls.Show(slug))).StatusCode == HttpStatusCode.NotFound, "the public page is gone");
        foreach (var place in new[] { $"/hoi-dap?chu-de={QuestionKit.Topic}", QuestionUrls.Feed, "/sitemap.xml" })
        {
            await Eventually.HoldsAsync(async () => !(await anonymous.GetStringAsync(place)).Contains(slug, StringComparison.Ordinal), $"{place} no longer lists the question");
        }
        var trackingHtml = await anonymous.GetStringAsync(tracking);
        Assert.Contains("Cơ quan có thẩm quyền đang trả lời", trackingHtml, StringComparison.Ordinal);
        Assert.DoesNotContain($"Mức phạt cũ {word}", trackingHtml, StringComparison.Ordinal);
        await Eventually.HoldsAsync(async () => (await SearchTotalAsync(anonymous, word)) == 0, "the search index drops the withdrawn answer");
        Assert.Contains("Viện dẫn sai khoản; sửa lại mức phạt.", await expert.GetStringAsync($"/quan-tri/hoi-dap/{id}"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await expert.StepAsync(portal, id, "tra-loi", ("noi-dung", $"Mức phạt đúng {corrected}."), ("can-cu", "168/2024/NĐ-CP | điểm h khoản 2 Điều 7"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.StepAsync(portal, id, "dang")).StatusCode);
        await Eventually.HoldsAsync(async () => (await anonymous.GetAsync(QuestionUrls.Show(slug))).StatusCode == HttpStatusCode.OK, "the corrected answer is public");
        var html = await anonymous.GetStringAsync(QuestionUrls.Show(slug));
        Assert.Contains($"Mức phạt đúng {corrected}", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"Mức phạt cũ {word}", html, StringComparison.Ordinal);
        await Eventually.HoldsAsync(async () => (await SearchTotalAsync(anonymous, corrected)) == 1, "the search index holds the corrected answer");
        await Eventually.HoldsAsync(async () => (await portal.Smtp.WaitForAsync(email)).Count == 2, "the asker is told of the correction");
        Assert.Contains(await portal.Smtp.WaitForAsync(email), m => m.Subject == "Câu trả lời cho câu hỏi của bạn đã được cập nhật" && (m.TextBody ?? "").Contains(corrected, StringComparison.Ordinal));

        var actions = await portal.WithDbAsync(db => db.AuditEntries.Where(a => a.Target == $"question:{id}").Select(a => a.Action).ToListAsync());
        Assert.Equal(1, actions.Count(a => a == AuditActions.AnswerWithdrawn));
        Assert.Equal(2, actions.Count(a => a == AuditActions.AnswerPublished));
    }

    private static async Task<int> SearchTotalAsync(HttpClient client, string word) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/search?q={word}")).GetProperty("total").GetInt32();

    [Fact]
    public async Task Moderators_reject_with_a_reason_and_merge_duplicates_and_the_asker_sees_both()
    {
        var (rejected, rejectedLink) = await portal.AskAsync("Câu hỏi này không liên quan đến pháp luật, chỉ để thử nghiệm.");
        var (original, _) = await portal.AskAsync("Người lao động nghỉ việc có được trả sổ bảo hiểm xã hội không?");
        var (duplicate, duplicateLink) = await portal.AskAsync("Nghỉ việc rồi thì công ty có phải trả sổ bảo hiểm xã hội cho tôi không?");
        var moderator = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Moderator, QuestionKit.Agency));

        var noReason = await moderator.StepAsync(portal, rejected, "tu-choi", ("ly-do", "  "));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Hãy nêu lý do từ chối", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.StepAsync(portal, rejected, "tu-choi", ("ly-do", "Câu hỏi không thuộc lĩnh vực pháp luật."))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.StepAsync(portal, duplicate, "gop", ("vao", $"#{original}"))).StatusCode);
        // A step on a question that has moved on is refused, not applied twice.
        Assert.Equal(HttpStatusCode.Conflict, (await moderator.StepAsync(portal, duplicate, "duyet")).StatusCode);

        using var anonymous = portal.Browser();
        var rejectedHtml = await anonymous.GetStringAsync(rejectedLink);
        Assert.Contains("Không được tiếp nhận", rejectedHtml, StringComparison.Ordinal);
        Assert.Contains("Câu hỏi không thuộc lĩnh vực pháp luật.", rejectedHtml, StringComparison.Ordinal);
        Assert.Contains("Đã gộp", await anonymous.GetStringAsync(duplicateLink), StringComparison.Ordinal);
        var merged = await portal.QuestionAsync(duplicate);
        Assert.Equal(original, merged.MergedIntoId);

        // A reviewer (not a moderator) cannot screen; it does not even see unassigned questions.
        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, QuestionKit.Agency));
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.StepAsync(portal, original, "duyet")).StatusCode);
        // An editor has no business with questions at all.
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, QuestionKit.Agency));
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/quan-tri/hoi-dap")).StatusCode);
    }

    [Fact]
    public async Task Bad_input_gets_clear_vietnamese_errors_and_stores_nothing()
    {
        var before = await portal.WithDbAsync(db => db.Questions.CountAsync());
        using var client = portal.Browser();
        var form = await client.AskThroughFormAsync("Ngắn quá", email: "khong-phai-thu", consent: false, topic: "khong-co", audience: "");
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("ít nhất 20 ký tự", html, StringComparison.Ordinal);
        Assert.Contains("Hãy chọn lĩnh vực", html, StringComparison.Ordinal);
        Assert.Contains("Hãy chọn nhóm đối tượng", html, StringComparison.Ordinal);
        Assert.Contains("Địa chỉ thư điện tử không hợp lệ", html, StringComparison.Ordinal);
        var noConsent = await client.AskThroughFormAsync("Tôi muốn hỏi về thủ tục ly hôn thuận tình cần những gì?", email: "a@kiemthu.vn", consent: false);
        Assert.Equal(HttpStatusCode.BadRequest, noConsent.StatusCode);
        Assert.Contains("hãy đồng ý cho lưu địa chỉ thư", await noConsent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tooLong = await client.AskThroughFormAsync(new string('a', QuestionLimits.TextLength + 1));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        // The honeypot: a field people never see, filled in only by programs.
        var bot = await client.AskThroughFormAsync("Tôi muốn hỏi về thủ tục ly hôn thuận tình cần những gì?", honeypot: "http://spam.example");
        Assert.Equal(HttpStatusCode.BadRequest, bot.StatusCode);
        // No antiforgery token: refused.
        var forged = await client.PostAsync(QuestionUrls.Ask, new FormUrlEncodedContent([new("cau-hoi", "Tôi muốn hỏi về thủ tục ly hôn thuận tình cần những gì?"), new("linh-vuc", QuestionKit.Topic), new("doi-tuong", QuestionKit.Audience)]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var api = await client.PostAsJsonAsync("/api/questions", new { text = "ngắn", topic = "khong-co", audience = QuestionKit.Audience, email = "x@" });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Contains("ít nhất", errors.GetProperty("text")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("topic", out _));
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/questions", new StringContent("{không phải json", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/questions?page=0")).StatusCode);
        Assert.Equal(before, await portal.WithDbAsync(db => db.Questions.CountAsync()));
    }

    [Fact]
    public async Task The_api_takes_a_question_in_nfc_and_answers_201_with_the_tracking_link()
    {
        using var client = portal.Browser();
        var decomposed = "Tôi muốn hỏi về quyền nuôi con sau ly hôn".Normalize(System.Text.NormalizationForm.FormD) + " " + Unique() + "?";
        var response = await client.PostAsJsonAsync("/api/questions", new { text = decomposed, topic = QuestionKit.Topic, audience = QuestionKit.Audience, name = "Lê Văn Cường", place = "Phường Tân Thành" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var tracking = body.GetProperty("tracking").GetString()!;
        Assert.Equal(tracking, response.Headers.Location!.ToString());
        var path = new Uri(tracking).AbsolutePath;
        var hash = QuestionService.Hash(path.Split('/')[^1]);
        var stored = await portal.WithDbAsync(db => db.Questions.SingleAsync(q => q.TrackingTokenHash == hash));
        Assert.True(stored.Text.IsNormalized(System.Text.NormalizationForm.FormC));
        Assert.StartsWith("Tôi muốn hỏi về quyền nuôi con", stored.Text, StringComparison.Ordinal);
        Assert.Null(stored.AskerEmail);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_question_routes()
    {
        var document = await portal.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/api/questions\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/questions/{slug}\"", document, StringComparison.Ordinal);
        Assert.Contains("Gửi câu hỏi pháp luật", document, StringComparison.Ordinal);
        Assert.Contains("\"429\"", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_agency_queue_shows_how_long_each_question_has_waited_and_marks_the_overdue()
    {
        var (late, _) = await portal.AskAsync("Câu hỏi đã chờ lâu về thủ tục chuyển nhượng quyền sử dụng đất?");
        var (fresh, _) = await portal.AskAsync("Câu hỏi mới về thủ tục chuyển nhượng quyền sử dụng đất nông nghiệp?");
        var agencyId = await portal.AgencyIdAsync(QuestionKit.Agency);
        await portal.WithDbAsync(async db =>
        {
            // Asked three weeks ago: well past five working days.
            await db.Questions.Where(q => q.Id == late).ExecuteUpdateAsync(s => s.SetProperty(q => q.AskedAt, DateTime.UtcNow.AddDays(-21)));
            return await db.Questions.Where(q => q.Id == late || q.Id == fresh)
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.Status, QuestionStatus.Assigned).SetProperty(q => q.AgencyId, agencyId));
        });
        var expert = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Expert, QuestionKit.Agency));
        var html = await expert.GetStringAsync("/quan-tri/hoi-dap?loc=cho-tra-loi&trang=1");
        var lateRow = Row(html, late);
        var freshRow = Row(html, fresh);
        Assert.Contains("class=\"overdue\"", lateRow, StringComparison.Ordinal);
        Assert.Contains("Quá hạn", lateRow, StringComparison.Ordinal);
        Assert.Contains("15 ngày làm việc", lateRow, StringComparison.Ordinal);
        Assert.DoesNotContain("Quá hạn", freshRow, StringComparison.Ordinal);
        Assert.Contains("0 ngày làm việc", freshRow, StringComparison.Ordinal);
    }

    /// <summary>The table row of question <paramref name="id"/> (the list spans pages of 50; the test's rows are the newest).</summary>
    private static string Row(string html, int id)
    {
        var at = html.IndexOf($"/quan-tri/hoi-dap/{id}\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"Question {id} is not in the queue.");
        var start = html.LastIndexOf("<tr", at, StringComparison.Ordinal);
        var end = html.IndexOf("</tr>", at, StringComparison.Ordinal);
        return html[start..end];
    }

    [Fact]
    public async Task Mail_that_the_server_refuses_stays_in_the_outbox_and_is_sent_on_a_later_try()
    {
        var to = $"thu-lai-{Guid.NewGuid():N}@kiemthu.vn";
        portal.Smtp.RefuseNext(2);
        await portal.WithDbAsync(async db =>
        {
            PbgdplPortal.Mail.MailOutbox.Enqueue(db, to, "Thử gửi lại", "Nội dung thử gửi lại.", DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        var mail = Assert.Single(await portal.Smtp.WaitForAsync(to, TimeSpan.FromSeconds(30)));
        Assert.Equal("Thử gửi lại", mail.Subject);
        var row = await portal.WithDbAsync(db => db.OutgoingMails.AsNoTracking().SingleAsync(m => m.To == to));
        Assert.NotNull(row.SentAt);
        Assert.Null(row.NextAttemptAt);
        Assert.True(row.Attempts >= 2, $"{row.Attempts} attempts");
        Assert.True(portal.Smtp.Refused >= 2);
    }
}

public sealed class QuestionFlowOnSqlite(SqliteQuestionPortal portal) : QuestionFlowTests(portal), IClassFixture<SqliteQuestionPortal>;

public sealed class QuestionFlowOnPostgres(PostgresQuestionPortal portal) : QuestionFlowTests(portal), IClassFixture<PostgresQuestionPortal>;
