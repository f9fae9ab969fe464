using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Web.Tests.BackOffice;

namespace PbgdplPortal.Web.Tests.Quizzes;

/// <summary>Practice quizzes over the sample content: pages without JavaScript, the JSON API, search, OpenAPI.</summary>
public abstract partial class PracticeQuizTests(PortalFactory portal)
{
    private const string Slug = "tim-hieu-phap-luat-hon-nhan-va-gia-dinh";

    [GeneratedRegex("name=\"q(\\d+)\" value=\"(\\d+)\"")]
    private static partial Regex OptionPattern();

    [Fact]
    public async Task The_quiz_index_lists_the_sample_quizzes_and_filters_by_topic()
    {
        var client = portal.CreateClient();
        var page = await client.GetStringAsync("/trac-nghiem-phap-luat");
        Assert.Contains("Tìm hiểu pháp luật về hôn nhân, gia đình", page, StringComparison.Ordinal);
        Assert.Contains("Tìm hiểu Luật Đất đai năm 2024", page, StringComparison.Ordinal);
        var filtered = await client.GetStringAsync("/trac-nghiem-phap-luat?chu-de=dat-dai");
        Assert.DoesNotContain($"/trac-nghiem-phap-luat/{Slug}\"", filtered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Practice_is_named_trac_nghiem_phap_luat_apart_from_the_official_contest_and_its_old_addresses_redirect()
    {
        var client = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var home = await client.GetStringAsync("/");
        Assert.Contains("<a href=\"/trac-nghiem-phap-luat\">Trắc nghiệm pháp luật</a>", home, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/cuoc-thi\">Cuộc thi</a>", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Thi trực tuyến", home, StringComparison.Ordinal);
        var page = await client.GetStringAsync("/trac-nghiem-phap-luat");
        Assert.Contains("<h1>Trắc nghiệm pháp luật</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<title>Trắc nghiệm pháp luật", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Thi tìm hiểu pháp luật trực tuyến", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Thi trực tuyến", await client.GetStringAsync($"/trac-nghiem-phap-luat/{Slug}"), StringComparison.Ordinal);
        foreach (var (old, now) in new[]
        {
            ("/thi-truc-tuyen", "/trac-nghiem-phap-luat"),
            ("/thi-truc-tuyen?chu-de=dat-dai", "/trac-nghiem-phap-luat?chu-de=dat-dai"),
            ($"/thi-truc-tuyen/{Slug}?so-cau=5", $"/trac-nghiem-phap-luat/{Slug}?so-cau=5"),
        })
        {
            var moved = await client.GetAsync(old);
            Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
            Assert.Equal(now, moved.Headers.Location!.OriginalString);
        }
        await portal.SearchReadyAsync();
        var search = await client.GetFromJsonAsync<JsonElement>("/api/search?q=h%C3%B4n+nh%C3%A2n&type=quiz");
        Assert.Contains(search.GetProperty("hits").EnumerateArray(), h => h.GetProperty("url").GetString()!.StartsWith("/trac-nghiem-phap-luat/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_paper_has_the_asked_number_of_questions_and_no_hint_of_the_answers()
    {
        var client = portal.CreateClient();
        var page = await client.GetStringAsync($"/trac-nghiem-phap-luat/{Slug}?so-cau=5");
        var questions = OptionPattern().Matches(page).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(5, questions.Count);
        Assert.DoesNotContain("correct", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("dap-an", page, StringComparison.OrdinalIgnoreCase);
        var explanations = await portal.WithDbAsync(db => db.QuizQuestions.Select(q => q.Explanation).ToListAsync());
        Assert.DoesNotContain(explanations, e => page.Contains(System.Net.WebUtility.HtmlEncode(e), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submitting_the_form_marks_each_answer_and_explains_it_with_its_legal_basis()
    {
        var client = portal.Browser();
        var form = await client.GetStringAsync($"/trac-nghiem-phap-luat/{Slug}?so-cau=4");
        var options = OptionPattern().Matches(form).Select(m => (Question: int.Parse(m.Groups[1].Value), Option: int.Parse(m.Groups[2].Value))).ToList();
        var questionIds = options.Select(o => o.Question).Distinct().ToList();
        var correct = await portal.WithDbAsync(db => db.QuizOptions.Where(o => o.IsCorrect && questionIds.Contains(o.QuestionId)).ToDictionaryAsync(o => o.QuestionId, o => o.Id));
        // Right on the first two, wrong on the third, the fourth left unanswered.
        var fields = new List<(string, string)> { ("cau-hoi", string.Join(",", questionIds)) };
        fields.Add(($"q{questionIds[0]}", correct[questionIds[0]].ToString()));
        fields.Add(($"q{questionIds[1]}", correct[questionIds[1]].ToString()));
        fields.Add(($"q{questionIds[2]}", options.First(o => o.Question == questionIds[2] && o.Option != correct[questionIds[2]]).Option.ToString()));
        var response = await client.PostFormAsync($"/trac-nghiem-phap-luat/{Slug}?so-cau=4", $"/trac-nghiem-phap-luat/{Slug}", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadAsStringAsync();
        Assert.Contains("Bạn trả lời đúng <strong>2 / 4</strong> câu.", result, StringComparison.Ordinal);
        Assert.Contains("Chưa trả lời", result, StringComparison.Ordinal);
        Assert.Contains("Căn cứ:", result, StringComparison.Ordinal);
        Assert.Contains("href=\"/van-ban/", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_explanation_names_each_cited_document_by_title_and_number_and_links_it_only_when_it_is_public()
    {
        var cited = await portal.WithDbAsync(db => db.QuizQuestionCitations.AsNoTracking()
            .Where(c => c.Question.Quiz.Slug == Slug && c.Provision != null)
            .Select(c => new { c.QuestionId, c.Provision, c.LegalDocumentId, c.LegalDocument.Title, c.LegalDocument.Number, c.LegalDocument.Slug, c.LegalDocument.UnpublishAt })
            .FirstAsync());
        async Task<string> CheckAsync()
        {
            var client = portal.Browser();
            var response = await client.PostFormAsync($"/trac-nghiem-phap-luat/{Slug}?so-cau=4", $"/trac-nghiem-phap-luat/{Slug}",
                [("cau-hoi", cited.QuestionId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }
        // "Căn cứ: Điều 8 <a>Luật Hôn nhân và gia đình 52/2014/QH13</a>", not the bare number.
        var linked = await CheckAsync();
        var basis = linked[linked.IndexOf("Căn cứ:", StringComparison.Ordinal)..];
        Assert.True(Regex.IsMatch(basis, $@"{Regex.Escape(cited.Provision!)}\s*<a href=""/van-ban/{Regex.Escape(cited.Slug)}"">\s*{Regex.Escape(cited.Title)}\s+{Regex.Escape(cited.Number)}\s*</a>"),
            basis[..Math.Min(600, basis.Length)]);
        try
        {
            // A document the public cannot open: its number only, no link to a missing page.
            await portal.WithDbAsync(db => db.LegalDocuments.Where(d => d.Id == cited.LegalDocumentId).ExecuteUpdateAsync(s => s.SetProperty(d => d.UnpublishAt, DateTime.UtcNow.AddMinutes(-1))));
            var html = await CheckAsync();
            Assert.Matches($@"{Regex.Escape(cited.Provision!)}\s*{Regex.Escape(cited.Number)}", html);
            Assert.DoesNotContain($"href=\"/van-ban/{cited.Slug}\"", html, StringComparison.Ordinal);
        }
        finally
        {
            await portal.WithDbAsync(db => db.LegalDocuments.Where(d => d.Id == cited.LegalDocumentId).ExecuteUpdateAsync(s => s.SetProperty(d => d.UnpublishAt, cited.UnpublishAt)));
        }
    }

    [Fact]
    public async Task The_practice_form_is_protected_against_cross_site_posts()
    {
        var response = await portal.CreateClient().PostAsync($"/trac-nghiem-phap-luat/{Slug}", new FormUrlEncodedContent([new("cau-hoi", "1")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_api_draws_questions_without_answers_and_checks_them()
    {
        var client = portal.CreateClient();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/quizzes");
        Assert.Contains(list.EnumerateArray(), q => q.GetProperty("slug").GetString() == Slug);
        var paper = await client.GetFromJsonAsync<JsonElement>($"/api/quizzes/{Slug}/questions?count=3");
        var questions = paper.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal(3, questions.Count);
        Assert.DoesNotContain("correct", paper.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("explanation", paper.GetRawText(), StringComparison.OrdinalIgnoreCase);
        var answers = questions.Select(q => new { question = q.GetProperty("id").GetInt32(), option = q.GetProperty("options")[0].GetProperty("id").GetInt32() }).ToList();
        var check = await client.PostAsJsonAsync($"/api/quizzes/{Slug}/check", new { answers });
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var marked = await check.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, marked.GetProperty("total").GetInt32());
        var ids = answers.Select(a => a.question).ToList();
        var rightCount = await portal.WithDbAsync(db => db.QuizOptions.CountAsync(o => o.IsCorrect && answers.Select(a => a.option).Contains(o.Id)));
        Assert.Equal(rightCount, marked.GetProperty("right").GetInt32());
        Assert.NotEmpty(marked.GetProperty("questions").EnumerateArray());
        Assert.All(marked.GetProperty("questions").EnumerateArray(), q => Assert.False(string.IsNullOrEmpty(q.GetProperty("explanation").GetString())));
    }

    [Theory]
    [InlineData("/api/quizzes/{0}/questions?count=0")]
    [InlineData("/api/quizzes/{0}/questions?count=51")]
    [InlineData("/api/quizzes/{0}/questions?count=abc")]
    public async Task Bad_counts_get_problem_details(string url)
    {
        var response = await portal.CreateClient().GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, Slug));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_quizzes_and_empty_submissions_get_problem_details()
    {
        var client = portal.CreateClient();
        var missing = await client.GetAsync("/api/quizzes/khong-co/questions");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        var empty = await client.PostAsJsonAsync($"/api/quizzes/{Slug}/check", new { answers = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var garbage = await client.PostAsync($"/api/quizzes/{Slug}/check", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
    }

    [Fact]
    public async Task Quizzes_are_found_by_search_by_their_questions_but_never_by_their_answers()
    {
        await portal.SearchReadyAsync();
        var client = portal.CreateClient();
        var hit = await client.GetFromJsonAsync<JsonElement>("/api/search?q=ket+hon&type=quiz");
        Assert.Contains(hit.GetProperty("hits").EnumerateArray(), h => h.GetProperty("slug").GetString() == Slug);
        var explanation = await portal.WithDbAsync(db => db.QuizQuestions.Where(q => q.Quiz.Slug == Slug).Select(q => q.Explanation).FirstAsync());
        Assert.DoesNotContain(explanation[..Math.Min(30, explanation.Length)], hit.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_quiz_and_search_api()
    {
        var doc = await portal.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/quizzes/{slug}/questions", paths);
        Assert.Contains("/api/quizzes/{slug}/check", paths);
        Assert.Contains("/api/search", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/quan-tri", StringComparison.Ordinal) || p.StartsWith("/bai-viet", StringComparison.Ordinal));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PracticeQuizzesOnSqlite(SqlitePortal portal) : PracticeQuizTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class PracticeQuizzesOnPostgres(PostgresPortal portal) : PracticeQuizTests(portal);
