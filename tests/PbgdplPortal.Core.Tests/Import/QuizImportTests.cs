using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Contests;
using PbgdplPortal.Import;
using PbgdplPortal.Quizzes;

namespace PbgdplPortal.Core.Tests.Import;

/// <summary>Quizzes (quizzes/*.yml) and contests (contests/*.yml) import with the same all-or-nothing rules.</summary>
public sealed class QuizImportTests : IAsyncLifetime
{
    private const string Quiz = """
        title: Tìm hiểu Luật Hôn nhân và gia đình
        topics: [hon-nhan-gia-dinh]
        audiences: [hoc-sinh-sinh-vien]
        agency: so-tu-phap
        sample: true
        questions:
          - id: q1
            text: Nam được kết hôn từ đủ bao nhiêu tuổi?
            options: ["Đủ 18 tuổi", "Đủ 20 tuổi", "Đủ 21 tuổi"]
            answer: 2
            difficulty: easy
            explanation: Điểm a khoản 1 Điều 8 Luật Hôn nhân và gia đình 2014.
            cites: ["52/2014/QH13 Điều 8"]
          - id: q2
            text: Nữ được kết hôn từ đủ bao nhiêu tuổi?
            options: ["Đủ 18 tuổi", "Đủ 20 tuổi"]
            answer: 1
            explanation: Điểm a khoản 1 Điều 8.
            cites: ["52/2014/QH13"]
        """;

    private const string Contest = """
        title: Cuộc thi tìm hiểu pháp luật 2026
        agency: so-tu-phap
        prediction: all-correct
        ranking: [score, prediction, duration, submitted]
        rounds:
          - number: 1
            title: Đợt 1
            opens: 2026-11-01T08:00:00+07:00
            closes: 2026-12-31T17:00:00+07:00
            quiz: tim-hieu-luat-hon-nhan-va-gia-dinh
            questions: 2
            time_limit_minutes: 15
            max_attempts: 3
            prizes: { nhat: 1, nhi: 2, ba: 3, khuyen_khich: 10 }
        """;

    private TestPortal portal = null!;

    public async Task InitializeAsync()
    {
        portal = await TestPortal.CreateAsync();
        SampleContent.WriteTo(portal);
        portal.Write("quizzes/hon-nhan.yml", Quiz);
        portal.Write("contests/cuoc-thi.yml", Contest);
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private async Task<ImportProblem> OnlyProblem(string file, string text)
    {
        portal.Write(file, text);
        var result = await portal.ImportAsync();
        var problem = Assert.Single(result.Problems);
        await using var db = portal.NewContext();
        Assert.False(await db.Quizzes.AnyAsync());
        Assert.False(await db.Articles.AnyAsync());
        return problem;
    }

    [Fact]
    public async Task A_quiz_and_a_contest_import_with_options_answers_citations_and_rounds()
    {
        var result = await portal.ImportAsync();
        Assert.Empty(result.Problems);
        await using var db = portal.NewContext();
        var quiz = await db.Quizzes.Include(q => q.Questions).ThenInclude(x => x.Options).Include(q => q.Questions).ThenInclude(x => x.Citations).ThenInclude(c => c.LegalDocument)
            .SingleAsync(q => q.Slug == "tim-hieu-luat-hon-nhan-va-gia-dinh");
        var first = quiz.Questions.Single(q => q.Key == "q1");
        Assert.Equal(["Đủ 18 tuổi", "Đủ 20 tuổi", "Đủ 21 tuổi"], first.Options.OrderBy(o => o.Position).Select(o => o.Text));
        Assert.Equal("Đủ 20 tuổi", first.Options.Single(o => o.IsCorrect).Text);
        Assert.Equal(("52/2014/QH13", "Điều 8"), (first.Citations.Single().LegalDocument.Number, first.Citations.Single().Provision));
        Assert.Equal(QuizQuestionDifficulty.Medium, quiz.Questions.Single(q => q.Key == "q2").Difficulty);
        var contest = await db.Contests.Include(c => c.Rounds).SingleAsync();
        Assert.Equal(("cuoc-thi-tim-hieu-phap-luat-2026", PredictionKind.AllCorrect, "score,prediction,duration,submitted"), (contest.Slug, contest.Prediction, contest.RankingOrder));
        var round = contest.Rounds.Single();
        Assert.Equal((2, 15, 3, 1, 2, 3, 10), (round.QuestionCount, round.TimeLimitMinutes, round.MaxAttempts, round.FirstPrizes, round.SecondPrizes, round.ThirdPrizes, round.ConsolationPrizes));
        Assert.Equal(new DateTime(2026, 11, 1, 1, 0, 0, DateTimeKind.Utc), round.OpensAt);
    }

    [Fact]
    public async Task Reimporting_keeps_option_rows_so_answers_already_given_still_point_at_them()
    {
        Assert.Empty((await portal.ImportAsync()).Problems);
        List<int> before;
        await using (var db = portal.NewContext())
        {
            before = await db.QuizOptions.OrderBy(o => o.Id).Select(o => o.Id).ToListAsync();
        }
        portal.Write("quizzes/hon-nhan.yml", Quiz.Replace("Đủ 21 tuổi", "Đủ 22 tuổi", StringComparison.Ordinal));
        var second = await portal.ImportAsync();
        Assert.Empty(second.Problems);
        Assert.Equal(1, second.Updated);
        await using var after = portal.NewContext();
        Assert.Equal(before, await after.QuizOptions.OrderBy(o => o.Id).Select(o => o.Id).ToListAsync());
        Assert.True(await after.QuizOptions.AnyAsync(o => o.Text == "Đủ 22 tuổi"));
        Assert.Equal((0, 0), ((await portal.ImportAsync()).Created, (await portal.ImportAsync()).Updated));
    }

    [Theory]
    [InlineData("an answer beyond the options is reported with its line", "quizzes/hon-nhan.yml", 17, "đáp án 3 không có: câu hỏi chỉ có 2 phương án", "answer: 1", "answer: 3")]
    [InlineData("a question with one option is refused", "quizzes/hon-nhan.yml", 16, "câu hỏi phải có từ 2 đến 6 phương án, không phải 1", "options: [\"Đủ 18 tuổi\", \"Đủ 20 tuổi\"]", "options: [\"Đủ 18 tuổi\"]")]
    [InlineData("a citation of a document the portal does not hold is refused", "quizzes/hon-nhan.yml", 19, "trích dẫn văn bản không có trong cổng thông tin: '99/2099/QH99'", "cites: [\"52/2014/QH13\"]", "cites: [\"99/2099/QH99\"]")]
    [InlineData("duplicate question ids are refused", "quizzes/hon-nhan.yml", 14, "mã câu hỏi trùng 'q1' (đã có ở dòng 7)", "id: q2", "id: q1")]
    [InlineData("a round asking more questions than its quiz holds is refused", "contests/cuoc-thi.yml", 11, "đợt thi cần 5 câu nhưng bộ câu hỏi 'tim-hieu-luat-hon-nhan-va-gia-dinh' chỉ có 2 câu", "questions: 2", "questions: 5")]
    [InlineData("a round closing before it opens is refused", "contests/cuoc-thi.yml", 9, "thời điểm kết thúc đợt phải sau thời điểm bắt đầu", "2026-12-31T17", "2026-10-31T17")]
    public async Task A_bad_value_in_a_quiz_or_contest_is_reported_with_its_line(string @case, string file, int line, string message, string find, string replace)
    {
        var text = (file.StartsWith("quizzes/", StringComparison.Ordinal) ? Quiz : Contest).Replace(find, replace, StringComparison.Ordinal);
        Assert.True(text != Quiz && text != Contest, $"{@case}: '{find}' is not in the sample");
        Assert.Equal((file, line, message), await Problem(file, text));
    }

    [Fact]
    public async Task An_unknown_ranking_criterion_is_refused()
    {
        var problem = await OnlyProblem("contests/cuoc-thi.yml", Contest.Replace("duration, submitted", "duration, luck", StringComparison.Ordinal));
        Assert.Equal(("contests/cuoc-thi.yml", 4), (problem.File, problem.Line));
        Assert.Contains("thứ tự xếp hạng không hợp lệ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_round_naming_an_unknown_quiz_is_refused() =>
        Assert.Equal(("contests/cuoc-thi.yml", 10, "bộ câu hỏi không tồn tại: 'khong-co'"),
            await Problem("contests/cuoc-thi.yml", Contest.Replace("quiz: tim-hieu-luat-hon-nhan-va-gia-dinh", "quiz: khong-co", StringComparison.Ordinal)));

    private async Task<(string File, int Line, string Message)> Problem(string file, string text)
    {
        var problem = await OnlyProblem(file, text);
        return (problem.File, problem.Line, problem.Message);
    }
}
