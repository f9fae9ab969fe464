using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PbgdplPortal.Accounts;
using PbgdplPortal.Contests;
using PbgdplPortal.Text;
using PbgdplPortal.Web.Tests.BackOffice;

namespace PbgdplPortal.Web.Tests.Contests;

/// <summary>The contest pages without JavaScript, and the results: organisers' ranking, publication, public masked results, certificates.</summary>
public abstract partial class ContestWebTests(ContestPortal portal)
{
    [GeneratedRegex("name=\"q(\\d+)\" value=\"(\\d+)\"")]
    private static partial Regex OptionPattern();

    private static (string, string)[] RegistrationForm(string phone, bool consent) =>
    [
        ("so-dien-thoai", phone), ("mat-khau", ContestKit.EntrantPassword), ("ho-ten", "Lê Thị Hồng Nhung"), ("ngay-sinh", "2001-02-03"),
        ("don-vi", "so-tu-phap"), ("so-dinh-danh", ""), ("thu-dien-tu", ""), .. consent ? new[] { ("dong-y", "1") } : [],
    ];

    private async Task<HttpClient> SignedInEntrantAsync(string phone)
    {
        var client = portal.Browser();
        var response = await client.PostFormAsync(ContestUrls.SignIn, ContestUrls.SignIn, [("so-dien-thoai", phone), ("mat-khau", ContestKit.EntrantPassword), ("returnUrl", "")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [Fact]
    public async Task The_contest_pages_show_rules_rounds_and_prizes()
    {
        var client = portal.CreateClient();
        var index = await client.GetStringAsync("/cuoc-thi");
        Assert.Contains("Cuộc thi trực tuyến tìm hiểu pháp luật tỉnh Cà Mau năm 2026", index, StringComparison.Ordinal);
        var page = await client.GetStringAsync("/cuoc-thi/tim-hieu-phap-luat-ca-mau-2026");
        Assert.Contains("THỂ LỆ CUỘC THI", page, StringComparison.Ordinal);
        Assert.Contains("01/11/2026 08:00", page, StringComparison.Ordinal);
        Assert.Contains("05/02/2027 17:00", page, StringComparison.Ordinal);
        Assert.Contains("Chưa mở", page, StringComparison.Ordinal);
        Assert.Contains("1 Nhất, 2 Nhì, 3 Ba, 10 Khuyến khích", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/cuoc-thi/khong-co")).StatusCode);
    }

    [Fact]
    public async Task Registering_on_the_web_needs_consent_and_signs_the_entrant_in_with_a_cookie_kept_under_cuoc_thi()
    {
        var client = portal.Browser();
        var form = await client.GetStringAsync(ContestUrls.Register);
        Assert.Contains(ContestConsent.Text[..60], form, StringComparison.Ordinal);
        Assert.Contains("type=\"checkbox\" value=\"1\" required", form, StringComparison.Ordinal);
        var phone = ContestKit.NewPhone();
        var refused = await client.PostFormAsync(ContestUrls.Register, ContestUrls.Register, RegistrationForm(phone, consent: false));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Bạn cần đồng ý với việc xử lý dữ liệu cá nhân", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var response = await client.PostFormAsync(ContestUrls.Register, ContestUrls.Register, RegistrationForm(phone, consent: true));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ContestUrls.Account, response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("pbgdpl.thisinh=", StringComparison.Ordinal));
        Assert.Contains("path=/cuoc-thi", cookie, StringComparison.OrdinalIgnoreCase);
        var account = await client.GetStringAsync(ContestUrls.Account);
        Assert.Contains("Lê Thị Hồng Nhung", account, StringComparison.Ordinal);
        Assert.Contains(phone, account, StringComparison.Ordinal);
        Assert.Contains("03/02/2001", account, StringComparison.Ordinal);
        var duplicate = await portal.Browser().PostFormAsync(ContestUrls.Register, ContestUrls.Register, RegistrationForm(phone, consent: true));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [Fact]
    public async Task Form_pages_are_never_served_from_the_cache()
    {
        // A visitor who already holds the antiforgery cookie gets a page without Set-Cookie; it must not be cached for the next one.
        var first = portal.Browser();
        await first.GetStringAsync(ContestUrls.Register);
        var page = await first.GetAsync(ContestUrls.Register);
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var response = await portal.Browser().PostFormAsync(ContestUrls.Register, ContestUrls.Register, RegistrationForm(ContestKit.NewPhone(), consent: true));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task An_entrant_takes_a_round_on_the_web_without_javascript()
    {
        var slug = await portal.CreateOpenContestAsync(maxAttempts: 1);
        var anonymous = await portal.Browser().GetAsync(ContestUrls.Round(slug, 1));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/cuoc-thi/dang-nhap", anonymous.Headers.Location?.ToString(), StringComparison.Ordinal);
        var entrant = await portal.RegisterAsync();
        var client = await SignedInEntrantAsync(entrant.Phone);
        var round = ContestUrls.Round(slug, 1);
        var started = await client.PostFormAsync(round, round, []);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var attemptUrl = started.Headers.Location!.OriginalString;
        Assert.StartsWith("/cuoc-thi/bai-thi/", attemptUrl, StringComparison.Ordinal);
        var paper = await client.GetStringAsync(attemptUrl);
        Assert.Contains("Hạn nộp bài: " + ContestFormat.DateTime(portal.Clock.UtcNow.AddMinutes(15)), paper, StringComparison.Ordinal);
        Assert.Contains("Câu hỏi dự đoán", paper, StringComparison.Ordinal);
        var options = OptionPattern().Matches(paper).Select(m => (Question: int.Parse(m.Groups[1].Value), Option: int.Parse(m.Groups[2].Value))).ToList();
        var questions = options.Select(o => o.Question).Distinct().ToList();
        Assert.Equal(5, questions.Count);
        var correct = await portal.WithDbAsync(db => db.QuizOptions.Where(o => o.IsCorrect && questions.Contains(o.QuestionId)).ToDictionaryAsync(o => o.QuestionId, o => o.Id));
        var fields = questions.Take(3).Select(q => ($"q{q}", correct[q].ToString())).Append(("du-doan", "12")).ToList();
        var submitted = await client.PostFormAsync(attemptUrl, attemptUrl, fields);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var result = await client.GetStringAsync(attemptUrl);
        Assert.Contains("Bạn trả lời đúng <strong>3 / 5</strong> câu.", result, StringComparison.Ordinal);
        var again = await client.PostFormAsync(ContestUrls.Account, round, []);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("hết số lượt thi", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Someone else's attempt is not found.
        var other = await portal.RegisterAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignedInEntrantAsync(other.Phone)).GetAsync(attemptUrl)).StatusCode);
    }

    [Fact]
    public async Task A_paper_past_its_deadline_is_no_longer_offered()
    {
        var slug = await portal.CreateOpenContestAsync(timeLimitMinutes: 5);
        var entrant = await portal.RegisterAsync();
        var paper = await entrant.StartAsync(slug);
        var url = ContestUrls.Attempt(paper.GetProperty("attemptId").GetGuid());
        var live = await (await SignedInEntrantAsync(entrant.Phone)).GetStringAsync(url);
        Assert.Contains("contest.js", live, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await portal.CreateClient().GetAsync("/_content/PbgdplPortal.Themes.Default/contest.js")).StatusCode);
        Assert.Contains($"action=\"{url}\"", live, StringComparison.Ordinal);
        portal.Clock.UtcNow = portal.Clock.UtcNow.AddMinutes(6);
        var expired = await (await SignedInEntrantAsync(entrant.Phone)).GetStringAsync(url);
        Assert.Contains("Đã quá thời gian làm bài", expired, StringComparison.Ordinal);
        Assert.DoesNotContain($"action=\"{url}\"", expired, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entrant_erases_their_data_on_the_account_page()
    {
        var entrant = await portal.RegisterAsync(fullName: "Phạm Quốc Khánh");
        var client = await SignedInEntrantAsync(entrant.Phone);
        var refused = await client.PostFormAsync(ContestUrls.Account, ContestUrls.Account + "/xoa", []);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var erased = await client.PostFormAsync(ContestUrls.Account, ContestUrls.Account + "/xoa", [("xac-nhan", "1")]);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Contains("Đã xóa dữ liệu cá nhân", await erased.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ContestConsent.DeletedName, await portal.WithDbAsync(db => db.Entrants.Where(e => e.Id == entrant.Id).Select(e => e.FullName).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(ContestUrls.Account)).StatusCode);
    }

    [Fact]
    public async Task After_closing_organisers_rank_disqualify_publish_and_export_while_the_public_sees_masked_results()
    {
        var start = portal.Clock.UtcNow;
        var slug = await portal.CreateContestAsync(start.AddHours(-1), start.AddHours(1), maxAttempts: 2, timeLimitMinutes: 15, prizes: (1, 1, 0, 1));
        var people = new (string Name, string Unit, int Right, long Prediction)[]
        {
            ("Hoàng Văn Gian", "so-giao-duc-va-dao-tao", 5, 1),
            ("Trần Thị Bích Ngọc", "so-giao-duc-va-dao-tao", 5, 1),
            ("Võ Minh Trí", "so-tu-phap", 5, 2),
            ("Đặng Thu Hà", "so-tu-phap", 4, 1),
            ("Bùi Xuân Phúc", "so-noi-vu", 3, 1),
            ("Ngô Gia Bảo", "so-noi-vu", 2, 1),
        };
        var entrants = new List<(TestEntrant Entrant, Guid Attempt)>();
        foreach (var p in people)
        {
            var entrant = await portal.RegisterAsync(p.Name, p.Unit);
            var paper = await entrant.StartAsync(slug);
            var response = await entrant.Api.SubmitAsync(paper, ContestKit.Answers(paper, await portal.CorrectAsync(paper), p.Right, p.Prediction));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            entrants.Add((entrant, paper.GetProperty("attemptId").GetGuid()));
        }
        var adminUrl = $"/quan-tri/cuoc-thi/{slug}/dot-1";
        var resultsApi = $"/api/contests/{slug}/rounds/1/results";
        var anonymous = portal.CreateClient();
        Assert.Equal(HttpStatusCode.Conflict, (await anonymous.GetAsync(resultsApi)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(ContestUrls.Results(slug, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/contests/{slug}/rounds/7/results")).StatusCode);

        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, "so-tu-phap"));
        Assert.Contains("bảng xếp hạng có sau khi đợt thi kết thúc", await reviewer.GetStringAsync(adminUrl), StringComparison.Ordinal);

        // Closed, but an attempt could still be submitted: provisional ranking, not yet publishable.
        portal.Clock.UtcNow = start.AddHours(1).AddMinutes(5);
        reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, "so-tu-phap"));
        Assert.Contains($"href=\"{adminUrl}\"", await reviewer.GetStringAsync("/quan-tri/cuoc-thi"), StringComparison.Ordinal);
        var provisional = await reviewer.GetStringAsync(adminUrl);
        Assert.Contains("Xếp hạng tạm thời", provisional, StringComparison.Ordinal);
        Assert.Contains("Trần Thị Bích Ngọc", provisional, StringComparison.Ordinal);
        var early = await reviewer.PostFormAsync(adminUrl, adminUrl + "/cong-bo", []);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("Chỉ công bố được kết quả sau", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap"));
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync(adminUrl)).StatusCode);
        var stranger = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, "so-noi-vu"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(adminUrl)).StatusCode);

        var cheater = entrants[0];
        var noReason = await reviewer.PostFormAsync(adminUrl, adminUrl + "/huy-ket-qua", [("thi-sinh", cheater.Entrant.Id.ToString()), ("ly-do", "")]);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var disqualified = await reviewer.PostFormAsync(adminUrl, adminUrl + "/huy-ket-qua", [("thi-sinh", cheater.Entrant.Id.ToString()), ("ly-do", "Dùng nhiều tài khoản")]);
        Assert.Equal(HttpStatusCode.Redirect, disqualified.StatusCode);
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "contest.disqualify" && a.Target == $"{slug}/dot-1")));

        portal.Clock.UtcNow = start.AddHours(1).AddMinutes(16);
        reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, "so-tu-phap"));
        var published = await reviewer.PostFormAsync(adminUrl, adminUrl + "/cong-bo", []);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var round = await portal.WithDbAsync(db => db.ContestRounds.SingleAsync(r => r.Contest.Slug == slug));
        Assert.NotNull(round.ResultsPublishedAt);
        // Full marks among the counted entries: Ngọc and Trí (the disqualified entrant does not count).
        Assert.Equal(2, round.TrueFigure);
        Assert.True(await portal.WithDbAsync(db => db.ContentChanges.AnyAsync(c => c.EntityType == "Contest" && c.EntityKey == slug)));
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "contest.publish")));

        // Public results: masked, winners first, units tallied, paged.
        var json = await anonymous.GetStringAsync(resultsApi + "?pageSize=2");
        var results = JsonSerializer.Deserialize<JsonElement>(json);
        Assert.Equal(2, results.GetProperty("trueFigure").GetInt32());
        Assert.Equal(5, results.GetProperty("total").GetInt32());
        var ranking = results.GetProperty("ranking").EnumerateArray().ToList();
        Assert.Equal(2, ranking.Count);
        Assert.Equal("Võ M. T", ranking[0].GetProperty("name").GetString());
        Assert.Equal("Giải Nhất", ranking[0].GetProperty("prize").GetString());
        Assert.Equal("Trần T. B. N", ranking[1].GetProperty("name").GetString());
        Assert.Equal(PersonalData.MaskPhone(entrants[2].Entrant.Phone), ranking[0].GetProperty("phone").GetString());
        var units = results.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal("Sở Tư pháp tỉnh Cà Mau", units[0].GetProperty("unit").GetString());
        Assert.Equal(2, units[0].GetProperty("entrants").GetInt32());
        Assert.Equal(2, units[0].GetProperty("winners").GetInt32());
        var page = await anonymous.GetStringAsync(ContestUrls.Results(slug, 1));
        Assert.Contains("Giải Nhất", page, StringComparison.Ordinal);
        Assert.Contains("Võ M. T", page, StringComparison.Ordinal);
        var all = json + await anonymous.GetStringAsync(resultsApi + "?pageSize=100") + page;
        foreach (var (entrant, _) in entrants)
        {
            Assert.DoesNotContain(entrant.FullName, all, StringComparison.Ordinal);
            Assert.DoesNotContain(entrant.Phone, all, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("Hoàng V. G", all, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync(resultsApi + "?pageSize=101")).StatusCode);

        // Certificates: the winner's own, nobody else's, no loser's, no disqualified entry's.
        var winner = entrants[2];
        var winnerClient = await SignedInEntrantAsync(winner.Entrant.Phone);
        var certificate = await winnerClient.GetAsync(ContestUrls.Certificate(winner.Attempt));
        Assert.Equal(HttpStatusCode.OK, certificate.StatusCode);
        var certificateHtml = await certificate.Content.ReadAsStringAsync();
        Assert.Contains("Võ Minh Trí", certificateHtml, StringComparison.Ordinal);
        Assert.Contains("Giải Nhất", certificateHtml, StringComparison.Ordinal);
        Assert.Contains("Giấy chứng nhận", await winnerClient.GetStringAsync(ContestUrls.Account), StringComparison.Ordinal);
        var loser = entrants[4];
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignedInEntrantAsync(loser.Entrant.Phone)).GetAsync(ContestUrls.Certificate(loser.Attempt))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignedInEntrantAsync(loser.Entrant.Phone)).GetAsync(ContestUrls.Certificate(winner.Attempt))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignedInEntrantAsync(cheater.Entrant.Phone)).GetAsync(ContestUrls.Certificate(cheater.Attempt))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await portal.Browser().GetAsync(ContestUrls.Certificate(winner.Attempt))).StatusCode);

        // An entrant who erases their data keeps their place under the placeholder name.
        var erased = entrants[3];
        Assert.Equal(HttpStatusCode.NoContent, (await erased.Entrant.Api.DeleteAsync("/api/entrants/me")).StatusCode);
        var after = await anonymous.GetFromJsonAsync<JsonElement>(resultsApi);
        Assert.Equal(5, after.GetProperty("total").GetInt32());
        var third = after.GetProperty("ranking").EnumerateArray().ElementAt(2);
        Assert.Equal(ContestConsent.DeletedName, third.GetProperty("name").GetString());
        Assert.Equal("—", third.GetProperty("phone").GetString());
        Assert.Equal("Giải Khuyến khích", third.GetProperty("prize").GetString());
        await Eventually.HoldsAsync(async () => !(await anonymous.GetStringAsync(ContestUrls.Results(slug, 1))).Contains("Đặng T. H", StringComparison.Ordinal),
            "the cached results page drops the erased entrant's name");

        // Excel: the ranking and every entry, with full details for the organisers.
        var export = await reviewer.GetAsync(adminUrl + "/xuat-excel");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        using var workbook = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        Assert.Equal(new[] { "Xếp hạng", "Bài thi" }, MiniExcel.GetSheetNames(workbook));
        workbook.Position = 0;
        var rankingRows = workbook.Query(useHeaderRow: true, sheetName: "Xếp hạng").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(5, rankingRows.Count);
        Assert.Equal("Võ Minh Trí", rankingRows[0]["Họ và tên"]);
        Assert.Equal("Giải Nhất", rankingRows[0]["Giải"]);
        workbook.Position = 0;
        var entryRows = workbook.Query(useHeaderRow: true, sheetName: "Bài thi").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(6, entryRows.Count);
        Assert.Contains(entryRows, r => (string)r["Bị hủy kết quả"] == "Có" && (string)r["Lý do hủy"] == "Dùng nhiều tài khoản");
    }
}

public sealed class ContestWebOnSqlite(ContestSqlitePortal portal) : ContestWebTests(portal), IClassFixture<ContestSqlitePortal>;

public sealed class ContestWebOnPostgres(ContestPostgresPortal portal) : ContestWebTests(portal), IClassFixture<ContestPostgresPortal>;
