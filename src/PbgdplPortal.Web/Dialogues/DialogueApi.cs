using PbgdplPortal.Dialogues;
using PbgdplPortal.Questions;
using PbgdplPortal.Web.Questions;

namespace PbgdplPortal.Web.Dialogues;

/// <summary>The dialogues' JSON API: asking a question of a session.</summary>
internal static class DialogueApi
{
    public static void Map(WebApplication app) =>
        app.MapPost("/api/dialogues/{slug}/questions", async (HttpContext http, DialogueService dialogues, QuestionService questions, string slug,
            QuestionSubmission? body, CancellationToken cancellationToken) =>
        {
            body ??= new QuestionSubmission(null, null, null, null, null, null, null);
            var result = await dialogues.AskAsync(slug, new AskInput(body.Text, body.Topic, body.Audience, body.Name, body.Place, body.Email, body.Consent == true, Phone: body.Phone),
                http.SenderAddress(), cancellationToken);
            if (result is null)
            {
                return Results.Problem("Không có phiên đối thoại với đường dẫn này.", statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy");
            }
            if (result.RateLimited)
            {
                return Results.Problem(QuestionHosting.RateLimitMessage(questions.Options), statusCode: StatusCodes.Status429TooManyRequests, title: "Gửi quá nhiều câu hỏi");
            }
            if (result.Question is null)
            {
                return Results.ValidationProblem(result.Errors, title: "Câu hỏi chưa hợp lệ");
            }
            var tracking = http.Request.BaseUrl() + QuestionUrls.Track(result.Token!);
            return Results.Created(tracking, new { tracking, reference = QuestionReference.Format(result.Question.Id, result.Question.AskedAt), status = QuestionLabels.ForAsker(result.Question.Status, false) });
        })
            .WithTags("Đối thoại trực tuyến")
            .WithSummary("Gửi câu hỏi cho một phiên đối thoại đang nhận câu hỏi hoặc đang diễn ra; như POST /api/questions (cùng giới hạn mỗi địa chỉ), lĩnh vực là một trong các chủ đề của phiên.")
            .Produces(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
