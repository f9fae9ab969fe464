using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Contests;
using PbgdplPortal.Web.Tests.BackOffice;

namespace PbgdplPortal.Web.Tests.Contests;

/// <summary>
/// A submission is checked against the attempt's own paper: an answer naming anything else refuses it whole, stores
/// nothing, and leaves the attempt open for a corrected submission before the deadline.
/// </summary>
public abstract partial class ContestPaperTests(ContestPortal portal)
{
    [GeneratedRegex("name=\"q(\\d+)\" value=\"(\\d+)\"")]
    private static partial Regex OptionPattern();

    private sealed record Paper(JsonElement Json, List<int> Questions, Dictionary<int, List<int>> Options);

    private static Paper Read(JsonElement json)
    {
        var options = json.GetProperty("questions").EnumerateArray().ToDictionary(
            q => q.GetProperty("id").GetInt32(),
            q => q.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetInt32()).ToList());
        return new Paper(json, [.. options.Keys], options);
    }

    private static object Body(IEnumerable<(int Question, int Option)> answers) =>
        new { answers = answers.Select(a => new { question = a.Question, option = a.Option }).ToList(), prediction = 3 };

    private async Task AssertRefusedAndNothingStoredAsync(HttpResponseMessage response, Guid attempt, string key, params string[] named)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var message = string.Join(" ", errors.GetProperty(key).EnumerateArray().Select(e => e.GetString()));
        Assert.All(named, n => Assert.Contains(n, message, StringComparison.Ordinal));
        var stored = await portal.WithDbAsync(db => db.Attempts.Where(a => a.Id == attempt).Select(a => new { a.SubmittedAt, a.Score, a.Answers }).SingleAsync());
        Assert.Null(stored.SubmittedAt);
        Assert.Null(stored.Score);
        Assert.Null(stored.Answers);
    }

    [Fact]
    public async Task Answers_that_are_not_on_the_paper_refuse_the_whole_submission_which_can_then_be_corrected()
    {
        var slug = await portal.CreateOpenContestAsync();
        var entrant = await portal.RegisterAsync();
        var paper = Read(await entrant.StartAsync(slug));
        var attempt = paper.Json.GetProperty("attemptId").GetGuid();
        var correct = await portal.CorrectAsync(paper.Json);
        var right = paper.Questions.Select(q => (q, correct[q])).ToList();
        var (first, second) = (paper.Questions[0], paper.Questions[1]);

        // An option id that does not exist.
        var unknown = await entrant.Api.SubmitAsync(paper.Json, Body([.. right.Skip(1), (first, 987_654_321)]));
        await AssertRefusedAndNothingStoredAsync(unknown, attempt, $"answers[{first}]", $"câu hỏi {first}", "987654321");

        // An option of another question on the same paper.
        var foreign = paper.Options[second][0];
        var mixed = await entrant.Api.SubmitAsync(paper.Json, Body([.. right.Skip(1), (first, foreign)]));
        await AssertRefusedAndNothingStoredAsync(mixed, attempt, $"answers[{first}]", $"câu hỏi {first}", $"Phương án {foreign}");

        // A question of the same quiz that this attempt did not draw, with one of its own options.
        var other = await portal.WithDbAsync(db => db.QuizOptions
            .Where(o => o.Question.Quiz.Slug == ContestKit.QuizSlug && !paper.Questions.Contains(o.QuestionId))
            .Select(o => new { o.QuestionId, o.Id }).FirstAsync());
        var notDrawn = await entrant.Api.SubmitAsync(paper.Json, Body([.. right, (other.QuestionId, other.Id)]));
        await AssertRefusedAndNothingStoredAsync(notDrawn, attempt, $"answers[{other.QuestionId}]", $"Câu hỏi {other.QuestionId} không có trong bài thi");

        // Two answers to one question, even when both are its own options.
        var wrong = paper.Options[first].First(o => o != correct[first]);
        var twice = await entrant.Api.SubmitAsync(paper.Json, Body([.. right, (first, wrong)]));
        await AssertRefusedAndNothingStoredAsync(twice, attempt, $"answers[{first}]", $"Câu hỏi {first} được trả lời 2 lần");

        // Every bad answer is named at once.
        var several = await entrant.Api.SubmitAsync(paper.Json, Body([(first, 987_654_321), (second, paper.Options[first][0]), (other.QuestionId, other.Id)]));
        Assert.Equal(HttpStatusCode.BadRequest, several.StatusCode);
        var keys = (await several.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(new[] { $"answers[{first}]", $"answers[{second}]", $"answers[{other.QuestionId}]" }.Order(), keys.Order());

        // The corrected paper is accepted and marked.
        var accepted = await entrant.Api.SubmitAsync(paper.Json, Body(right));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(5, (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("score").GetInt32());
        Assert.Equal(5, await portal.WithDbAsync(db => db.Attempts.Where(a => a.Id == attempt).Select(a => a.Score).SingleAsync()));
    }

    [Fact]
    public async Task The_paper_form_refuses_an_answer_that_is_not_on_the_paper_in_Vietnamese_and_shows_the_paper_again()
    {
        var slug = await portal.CreateOpenContestAsync();
        var entrant = await portal.RegisterAsync();
        var client = portal.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(ContestUrls.SignIn, ContestUrls.SignIn,
            [("so-dien-thoai", entrant.Phone), ("mat-khau", ContestKit.EntrantPassword), ("returnUrl", "")])).StatusCode);
        var round = ContestUrls.Round(slug, 1);
        var attemptUrl = (await client.PostFormAsync(round, round, [])).Headers.Location!.OriginalString;
        var attempt = Guid.Parse(attemptUrl[(attemptUrl.LastIndexOf('/') + 1)..]);
        var options = OptionPattern().Matches(await client.GetStringAsync(attemptUrl)).Select(m => (Question: int.Parse(m.Groups[1].Value), Option: int.Parse(m.Groups[2].Value))).ToList();
        var questions = options.Select(o => o.Question).Distinct().ToList();
        var foreign = options.First(o => o.Question == questions[1]).Option;

        var refused = await client.PostFormAsync(attemptUrl, attemptUrl, [($"q{questions[0]}", foreign.ToString()), ("du-doan", "3")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains($"Phương án {foreign} không phải là phương án của câu hỏi {questions[0]}.", page, StringComparison.Ordinal);
        Assert.Contains($"name=\"q{questions[0]}\"", page, StringComparison.Ordinal);
        Assert.Null(await portal.WithDbAsync(db => db.Attempts.Where(a => a.Id == attempt).Select(a => a.SubmittedAt).SingleAsync()));

        var twice = await client.PostFormAsync(attemptUrl, attemptUrl,
            [($"q{questions[0]}", options.First(o => o.Question == questions[0]).Option.ToString()), ($"q{questions[0]}", options.Last(o => o.Question == questions[0]).Option.ToString()), ("du-doan", "3")]);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains($"Câu hỏi {questions[0]} được trả lời 2 lần", WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var accepted = await client.PostFormAsync(attemptUrl, attemptUrl, [($"q{questions[0]}", options.First(o => o.Question == questions[0]).Option.ToString()), ("du-doan", "3")]);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.NotNull(await portal.WithDbAsync(db => db.Attempts.Where(a => a.Id == attempt).Select(a => a.SubmittedAt).SingleAsync()));
    }
}

public sealed class ContestPaperOnSqlite(ContestSqlitePortal portal) : ContestPaperTests(portal), IClassFixture<ContestSqlitePortal>;

public sealed class ContestPaperOnPostgres(ContestPostgresPortal portal) : ContestPaperTests(portal), IClassFixture<ContestPostgresPortal>;
