using System.Globalization;
using PbgdplPortal.Quizzes;

namespace PbgdplPortal.Web.Quizzes;

/// <summary>A practice answer sent to the API: the question and the chosen option.</summary>
public sealed record PracticeAnswer(int Question, int Option);

/// <summary>The body of POST /api/quizzes/{slug}/check.</summary>
public sealed record PracticeSubmission(IReadOnlyList<PracticeAnswer>? Answers);

/// <summary>The practice quizzes' JSON API under /api/quizzes.</summary>
internal static class QuizApi
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/quizzes").WithTags(QuizUrls.Name);
        api.MapGet("/", async (PracticeQuizzes quizzes, string? topic, string? audience, CancellationToken cancellationToken) =>
            Results.Ok((await quizzes.ListAsync(topic, audience, cancellationToken)).Select(Summary)))
            .WithSummary("Bộ câu hỏi thi thử đang đăng, lọc theo chủ đề và đối tượng.");
        api.MapGet("/{slug}/questions", async (PracticeQuizzes quizzes, string slug, string? count, CancellationToken cancellationToken) =>
        {
            var n = PracticeQuizzes.DefaultCount;
            if (count is not null && (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out n) || n < 1 || n > PracticeQuizzes.MaxCount))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["count"] = [$"Số câu hỏi phải từ 1 đến {PracticeQuizzes.MaxCount}."] });
            }
            return await quizzes.DrawAsync(slug, n, Random.Shared, cancellationToken) is { } paper
                ? Results.Ok(new
                {
                    quiz = Summary(paper.Quiz),
                    questions = paper.Questions.Select(q => new { id = q.Id, html = q.Html, options = q.Options.Select(o => new { id = o.Id, text = o.Text }) }),
                })
                : NotFound(slug);
        }).WithSummary("Rút ngẫu nhiên N câu hỏi (không kèm đáp án), phương án đã xáo trộn.");
        api.MapPost("/{slug}/check", async (PracticeQuizzes quizzes, string slug, PracticeSubmission? body, CancellationToken cancellationToken) =>
        {
            var answers = body?.Answers;
            if (answers is null || answers.Count == 0 || answers.Count > PracticeQuizzes.MaxCount)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["answers"] = [$"Cần từ 1 đến {PracticeQuizzes.MaxCount} câu trả lời."] });
            }
            var asked = answers.Select(a => a.Question).ToList();
            var chosen = answers.GroupBy(a => a.Question).ToDictionary(g => g.Key, g => g.Last().Option);
            return await quizzes.CheckAsync(slug, asked, chosen, cancellationToken) is { } result
                ? Results.Ok(new
                {
                    right = result.Right,
                    total = result.Questions.Count,
                    questions = result.Questions.Select(q => new
                    {
                        id = q.Id,
                        chosen = q.Chosen,
                        correct = q.Correct,
                        isRight = q.IsRight,
                        explanation = q.ExplanationHtml,
                        basis = q.Basis.Select(b => new { number = b.Number, title = b.Title, url = b.Url, provision = b.Provision }),
                    }),
                })
                : NotFound(slug);
        }).WithSummary("Chấm bài trắc nghiệm luyện tập: đúng/sai và giải thích từng câu.");
    }

    private static object Summary(QuizSummary q) => new
    {
        slug = q.Slug,
        title = q.Title,
        description = q.Description,
        questionCount = q.QuestionCount,
        agency = q.AgencyName,
        url = q.Url,
        topics = q.Topics.Select(t => new { value = t.Slug, label = t.Name }),
        audiences = q.Audiences.Select(t => new { value = t.Slug, label = t.Name }),
    };

    private static IResult NotFound(string slug) =>
        Results.Problem($"Không có bộ câu hỏi '{slug}'.", statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy");
}
