using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Contests;

namespace PbgdplPortal.Web.Tests.Contests;

/// <summary>Registration, tokens and taking a round through the JSON API, with the clock under the test's control.</summary>
public abstract class ContestApiTests(ContestPortal portal)
{
    [Fact]
    public async Task Registration_lists_every_invalid_field_in_Vietnamese()
    {
        var response = await portal.CreateClient().PostAsJsonAsync("/api/entrants", new
        {
            phone = "12345",
            password = "ngan",
            fullName = " ",
            birthDate = "31/05/1990",
            unit = "khong-co-don-vi",
            idNumber = "12ab",
            email = "khong-phai-thu",
            consent = false,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "phone", "password", "fullName", "birthDate", "unit", "idNumber", "email", "consent" })
        {
            Assert.True(errors.TryGetProperty(field, out var messages), field);
            Assert.NotEmpty(messages.EnumerateArray().First().GetString()!);
        }
        Assert.Contains("Mật khẩu phải có ít nhất 8 ký tự.", errors.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_requires_explicit_consent_and_stores_it()
    {
        var phone = ContestKit.NewPhone();
        var client = portal.CreateClient();
        var body = JsonSerializer.SerializeToElement(ContestKit.Registration(phone));
        var withoutConsent = JsonSerializer.Deserialize<Dictionary<string, object>>(body.GetRawText())!;
        withoutConsent.Remove("consent");
        var refused = await client.PostAsJsonAsync("/api/entrants", withoutConsent);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(new[] { "consent" }, errors.EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/entrants", ContestKit.Registration(phone))).StatusCode);
        var stored = await portal.WithDbAsync(db => db.Entrants.SingleAsync(e => e.Phone == phone));
        Assert.Equal(ContestConsent.Version, stored.ConsentVersion);
        Assert.True(stored.ConsentedAt > DateTime.MinValue);
        Assert.DoesNotContain(ContestKit.EntrantPassword, stored.PasswordHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_phone_registers_once_whatever_its_spelling()
    {
        var phone = ContestKit.NewPhone();
        var client = portal.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/entrants", ContestKit.Registration(phone))).StatusCode);
        var international = "+84 " + phone[1..4] + " " + phone[4..7] + " " + phone[7..];
        var duplicate = await client.PostAsJsonAsync("/api/entrants", ContestKit.Registration(international));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("application/problem+json", duplicate.Content.Headers.ContentType?.MediaType);
        Assert.Contains("đã được đăng ký", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await portal.WithDbAsync(db => db.Entrants.CountAsync(e => e.Phone == phone)));
    }

    [Fact]
    public async Task Parallel_registrations_of_one_phone_create_one_account()
    {
        var phone = ContestKit.NewPhone();
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => portal.CreateClient().PostAsJsonAsync("/api/entrants", ContestKit.Registration(phone))));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await portal.WithDbAsync(db => db.Entrants.CountAsync(e => e.Phone == phone)));
    }

    [Fact]
    public async Task A_retired_unit_cannot_be_chosen()
    {
        var slug = await portal.WithDbAsync(async db =>
        {
            var agency = new PbgdplPortal.Content.Agency { Slug = $"don-vi-cu-{Guid.NewGuid():N}"[..20], Name = "Đơn vị đã giải thể", RetiredAt = DateTime.UtcNow.AddYears(-1) };
            db.Agencies.Add(agency);
            await db.SaveChangesAsync();
            return agency.Slug;
        });
        var response = await portal.CreateClient().PostAsJsonAsync("/api/entrants", ContestKit.Registration(ContestKit.NewPhone(), unit: slug));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("unit", out _));
    }

    [Fact]
    public async Task A_token_is_issued_for_the_right_password_only_and_opens_the_account()
    {
        var entrant = await portal.RegisterAsync();
        var client = portal.CreateClient();
        var wrong = await client.PostAsJsonAsync("/api/entrants/token", new { phone = entrant.Phone, password = "sai-mat-khau" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/entrants/me")).StatusCode);
        var me = await entrant.Api.GetFromJsonAsync<JsonElement>("/api/entrants/me");
        Assert.Equal(entrant.Phone, me.GetProperty("phone").GetString());
        Assert.Equal("Nguyễn Văn An", me.GetProperty("fullName").GetString());
        Assert.Equal("1990-05-31", me.GetProperty("birthDate").GetString());
        Assert.Equal(ContestConsent.Version, me.GetProperty("consentVersion").GetString());
    }

    [Fact]
    public async Task Contests_are_listed_with_their_rounds_and_states()
    {
        var list = await portal.CreateClient().GetFromJsonAsync<JsonElement>("/api/contests");
        var sample = list.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "tim-hieu-phap-luat-ca-mau-2026");
        var rounds = sample.GetProperty("rounds").EnumerateArray().ToList();
        Assert.Equal(2, rounds.Count);
        var expectedFirst = portal.Clock.UtcNow < new DateTime(2026, 12, 31, 10, 0, 0, DateTimeKind.Utc) ? "open" : "closed";
        Assert.Equal(expectedFirst, rounds[0].GetProperty("state").GetString());
        Assert.Equal("not-open", rounds[1].GetProperty("state").GetString());
        Assert.Equal("Chưa mở", rounds[1].GetProperty("stateLabel").GetString());
    }

    [Fact]
    public async Task A_started_attempt_has_shuffled_questions_without_answers_and_a_right_paper_scores_full_marks()
    {
        var slug = await portal.CreateOpenContestAsync();
        var entrant = await portal.RegisterAsync();
        var paper = await entrant.StartAsync(slug);
        var questions = paper.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal(5, questions.Count);
        Assert.Equal(portal.Clock.UtcNow.AddMinutes(15), paper.GetProperty("deadline").GetDateTime().ToUniversalTime(), TimeSpan.FromSeconds(1));
        var raw = paper.GetRawText();
        Assert.DoesNotContain("correct", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("explanation", raw, StringComparison.OrdinalIgnoreCase);
        var explanations = await portal.WithDbAsync(db => db.QuizQuestions.Where(q => q.Quiz.Slug == ContestKit.QuizSlug).Select(q => q.Explanation).ToListAsync());
        Assert.DoesNotContain(explanations, e => raw.Contains(e[..Math.Min(40, e.Length)], StringComparison.Ordinal));
        var correct = await portal.CorrectAsync(paper);
        var response = await entrant.Api.SubmitAsync(paper, ContestKit.Answers(paper, correct, 5));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5, result.GetProperty("score").GetInt32());
        Assert.Equal(5, result.GetProperty("total").GetInt32());
        Assert.True(result.GetProperty("durationMs").GetInt32() >= 0);
    }

    [Fact]
    public async Task Papers_differ_between_attempts()
    {
        var slug = await portal.CreateOpenContestAsync(maxAttempts: 3);
        var entrant = await portal.RegisterAsync();
        var papers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var paper = await entrant.StartAsync(slug);
            papers.Add(string.Join(";", paper.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("id").GetInt32() + ":" +
                string.Join(",", q.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetInt32())))));
        }
        Assert.True(papers.Distinct().Count() > 1);
    }

    [Fact]
    public async Task A_second_submission_returns_the_first_result_unchanged()
    {
        var slug = await portal.CreateOpenContestAsync();
        var entrant = await portal.RegisterAsync();
        var paper = await entrant.StartAsync(slug);
        var correct = await portal.CorrectAsync(paper);
        var first = await (await entrant.Api.SubmitAsync(paper, ContestKit.Answers(paper, correct, 2, prediction: 7))).Content.ReadFromJsonAsync<JsonElement>();
        portal.Clock.UtcNow = portal.Clock.UtcNow.AddSeconds(5);
        var second = await entrant.Api.SubmitAsync(paper, ContestKit.Answers(paper, correct, 5, prediction: 9));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var again = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, again.GetProperty("score").GetInt32());
        Assert.Equal(first.GetProperty("durationMs").GetInt32(), again.GetProperty("durationMs").GetInt32());
        Assert.Equal(first.GetProperty("submittedAt").GetDateTime(), again.GetProperty("submittedAt").GetDateTime());
        Assert.Equal(7, again.GetProperty("prediction").GetInt64());
    }

    [Fact]
    public async Task Parallel_submissions_of_one_attempt_record_one_result()
    {
        var slug = await portal.CreateOpenContestAsync();
        var entrant = await portal.RegisterAsync();
        var paper = await entrant.StartAsync(slug);
        var correct = await portal.CorrectAsync(paper);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => entrant.Api.SubmitAsync(paper, ContestKit.Answers(paper, correct, i % 5 + 1))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var scores = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("score").GetInt32()));
        Assert.Single(scores.Distinct());
        var stored = await portal.WithDbAsync(db => db.Attempts.SingleAsync(a => a.Id == paper.GetProperty("attemptId").GetGuid()));
        Assert.Equal(scores[0], stored.Score);
    }

    [Fact]
    public async Task The_time_limit_is_enforced_on_the_server_with_a_grace_period()
    {
        var slug = await portal.CreateOpenContestAsync(maxAttempts: 2, timeLimitMinutes: 10);
        var entrant = await portal.RegisterAsync();
        var start = portal.Clock.UtcNow;
        var inTime = await entrant.StartAsync(slug);
        var late = await entrant.StartAsync(slug);
        var correct = await portal.CorrectAsync(inTime);
        portal.Clock.UtcNow = start.AddMinutes(10).AddSeconds(29);
        var accepted = await entrant.Api.SubmitAsync(inTime, ContestKit.Answers(inTime, correct, 3));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        portal.Clock.UtcNow = start.AddMinutes(10).AddSeconds(31);
        var refused = await entrant.Api.SubmitAsync(late, ContestKit.Answers(late, await portal.CorrectAsync(late), 3));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Đã quá thời gian làm bài", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await portal.WithDbAsync(db => db.Attempts.Where(a => a.Id == late.GetProperty("attemptId").GetGuid()).Select(a => a.SubmittedAt).SingleAsync()));
    }

    [Fact]
    public async Task An_attempt_started_before_closing_may_be_submitted_after_within_its_limit_but_none_may_start()
    {
        var now = portal.Clock.UtcNow;
        var slug = await portal.CreateContestAsync(now.AddHours(-1), now.AddMinutes(2), timeLimitMinutes: 15);
        var entrant = await portal.RegisterAsync();
        var paper = await entrant.StartAsync(slug);
        portal.Clock.UtcNow = now.AddMinutes(10);
        var late = await entrant.Api.PostAsync($"/api/contests/{slug}/rounds/1/attempts", null);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var submitted = await entrant.Api.SubmitAsync(paper, ContestKit.Answers(paper, await portal.CorrectAsync(paper), 4));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal(4, (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("score").GetInt32());
    }

    [Fact]
    public async Task A_round_not_yet_open_refuses_attempts()
    {
        var now = portal.Clock.UtcNow;
        var slug = await portal.CreateContestAsync(now.AddDays(1), now.AddDays(2));
        var entrant = await portal.RegisterAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await entrant.Api.PostAsync($"/api/contests/{slug}/rounds/1/attempts", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await entrant.Api.PostAsync($"/api/contests/{slug}/rounds/9/attempts", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await portal.CreateClient().PostAsync($"/api/contests/{slug}/rounds/1/attempts", null)).StatusCode);
    }

    [Fact]
    public async Task The_attempt_limit_holds_under_twenty_parallel_starts()
    {
        var slug = await portal.CreateOpenContestAsync(maxAttempts: 3);
        var entrant = await portal.RegisterAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => entrant.Api.PostAsync($"/api/contests/{slug}/rounds/1/attempts", null)));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(17, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var numbers = await portal.WithDbAsync(db => db.Attempts.Where(a => a.EntrantId == entrant.Id).Select(a => a.Number).OrderBy(n => n).ToListAsync());
        Assert.Equal(new[] { 1, 2, 3 }, numbers);
    }

    [Fact]
    public async Task Many_entrants_take_a_round_at_once()
    {
        var slug = await portal.CreateOpenContestAsync(maxAttempts: 1);
        var entrants = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => portal.RegisterAsync()));
        var scores = await Task.WhenAll(entrants.Select(async (e, i) =>
        {
            var paper = await e.StartAsync(slug);
            var response = await e.Api.SubmitAsync(paper, ContestKit.Answers(paper, await portal.CorrectAsync(paper), i % 6));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("score").GetInt32();
        }));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i % 6), scores);
        Assert.Equal(12, await portal.WithDbAsync(db => db.Attempts.CountAsync(a => a.Round.Contest.Slug == slug && a.SubmittedAt != null)));
    }

    [Fact]
    public async Task Only_the_owner_may_submit_and_the_prediction_is_required()
    {
        var slug = await portal.CreateOpenContestAsync();
        var owner = await portal.RegisterAsync();
        var other = await portal.RegisterAsync();
        var paper = await owner.StartAsync(slug);
        var correct = await portal.CorrectAsync(paper);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Api.SubmitAsync(paper, ContestKit.Answers(paper, correct, 5))).StatusCode);
        var noPrediction = await owner.Api.SubmitAsync(paper, ContestKit.Answers(paper, correct, 5, prediction: null));
        Assert.Equal(HttpStatusCode.BadRequest, noPrediction.StatusCode);
        Assert.True((await noPrediction.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("prediction", out _));
        var negative = await owner.Api.SubmitAsync(paper, ContestKit.Answers(paper, correct, 5, prediction: -1));
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Api.SubmitAsync(paper, ContestKit.Answers(paper, correct, 5, prediction: 0))).StatusCode);
    }

    [Fact]
    public async Task Deleting_the_account_erases_personal_data_but_keeps_attempts()
    {
        var slug = await portal.CreateOpenContestAsync();
        var entrant = await portal.RegisterAsync();
        var paper = await entrant.StartAsync(slug);
        await entrant.Api.SubmitAsync(paper, ContestKit.Answers(paper, await portal.CorrectAsync(paper), 3));
        Assert.Equal(HttpStatusCode.NoContent, (await entrant.Api.DeleteAsync("/api/entrants/me")).StatusCode);
        var stored = await portal.WithDbAsync(db => db.Entrants.SingleAsync(e => e.Id == entrant.Id));
        Assert.Equal(ContestConsent.DeletedName, stored.FullName);
        Assert.Equal($"xoa-{entrant.Id}", stored.Phone);
        Assert.Null(stored.IdNumber);
        Assert.Null(stored.Email);
        Assert.Equal(DateOnly.MinValue, stored.BirthDate);
        Assert.Equal("", stored.PasswordHash);
        Assert.Equal(1, await portal.WithDbAsync(db => db.Attempts.CountAsync(a => a.EntrantId == entrant.Id)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await entrant.Api.GetAsync("/api/entrants/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await portal.CreateClient().PostAsJsonAsync("/api/entrants/token", new { phone = entrant.Phone, password = entrant.Password })).StatusCode);
        // The phone number is free again.
        Assert.Equal(HttpStatusCode.Created, (await portal.CreateClient().PostAsJsonAsync("/api/entrants", ContestKit.Registration(entrant.Phone))).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_routes_and_the_entrants_bearer_scheme()
    {
        var document = await portal.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        (string Method, string Route, bool Bearer)[] operations =
        [
            ("get", "/api/quizzes", false),
            ("get", "/api/quizzes/{slug}/questions", false),
            ("post", "/api/quizzes/{slug}/check", false),
            ("post", "/api/entrants", false),
            ("post", "/api/entrants/token", false),
            ("get", "/api/entrants/me", true),
            ("delete", "/api/entrants/me", true),
            ("get", "/api/contests", false),
            ("get", "/api/contests/{slug}", false),
            ("post", "/api/contests/{slug}/rounds/{number}/attempts", true),
            ("post", "/api/attempts/{id}/submission", true),
            ("get", "/api/contests/{slug}/rounds/{number}/results", false),
        ];
        foreach (var (method, route, bearer) in operations)
        {
            Assert.True(paths.TryGetProperty(route, out var path), route);
            Assert.True(path.TryGetProperty(method, out var operation), $"{method} {route}");
            var schemes = operation.TryGetProperty("security", out var security)
                ? security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList()
                : [];
            if (bearer)
            {
                Assert.Equal(["entrant-bearer"], schemes);
                Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{method} {route} documents 401");
            }
            else
            {
                Assert.Empty(schemes);
            }
        }
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("entrant-bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Contains("/api/entrants/token", scheme.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("Bắt đầu một lượt thi", document.GetRawText(), StringComparison.Ordinal);
    }
}

public sealed class ContestApiOnSqlite(ContestSqlitePortal portal) : ContestApiTests(portal), IClassFixture<ContestSqlitePortal>;

public sealed class ContestApiOnPostgres(ContestPostgresPortal portal) : ContestApiTests(portal), IClassFixture<ContestPostgresPortal>;
