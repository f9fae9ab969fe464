using System.Globalization;
using PbgdplPortal.Questions;

namespace PbgdplPortal.Web.Questions;

/// <summary>The body of POST /api/questions; topic and audience are slugs.</summary>
public sealed record QuestionSubmission(string? Text, string? Topic, string? Audience, string? Name, string? Place, string? Email, bool? Consent, string? Phone = null);

/// <summary>The questions' JSON API under /api/questions: asking, the published list and one published question.</summary>
internal static class QuestionApi
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/questions").WithTags("Hỏi đáp pháp luật");
        api.MapPost("/", async (HttpContext http, QuestionService questions, QuestionSubmission? body, CancellationToken cancellationToken) =>
        {
            body ??= new QuestionSubmission(null, null, null, null, null, null, null);
            var result = await questions.AskAsync(new AskInput(body.Text, body.Topic, body.Audience, body.Name, body.Place, body.Email, body.Consent == true, Phone: body.Phone),
                http.SenderAddress(), cancellationToken);
            if (result.RateLimited)
            {
                return TooMany(questions.Options);
            }
            if (result.Question is not { } question)
            {
                return Results.ValidationProblem(result.Errors, title: "Câu hỏi chưa hợp lệ");
            }
            var tracking = http.Request.BaseUrl() + QuestionUrls.Track(result.Token!);
            return Results.Created(tracking, new { tracking, reference = QuestionReference.Format(question.Id, question.AskedAt), status = QuestionLabels.ForAsker(question.Status, false) });
        })
            .WithSummary("Gửi câu hỏi pháp luật. Trả về đường liên kết theo dõi riêng (chỉ trả về một lần; hãy lưu lại) và số tham chiếu (tra cứu cùng số điện thoại hoặc thư điện tử đã gửi). Giới hạn số câu hỏi mỗi giờ cho mỗi địa chỉ.")
            .Produces(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/", async (QuestionService questions, string? topic, string? audience, string? page, string? pageSize, CancellationToken cancellationToken) =>
        {
            var errors = new Dictionary<string, string[]>();
            var p = ParsePositive(page, 1, int.MaxValue, "page", "Trang bắt đầu từ 1.", errors);
            var size = ParsePositive(pageSize, QuestionService.PageSize, 100, "pageSize", "Mỗi trang có từ 1 đến 100 câu hỏi.", errors);
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors, title: "Tham số chưa hợp lệ");
            }
            var (items, total) = await questions.ApiListAsync(topic, audience, p, size, cancellationToken);
            return Results.Ok(new
            {
                page = p,
                pageSize = size,
                total,
                items = items.Select(q => new
                {
                    slug = q.Slug,
                    title = q.Title,
                    text = q.Text,
                    topic = q.Topic.Slug,
                    audience = q.Audience.Slug,
                    agency = q.AgencyName,
                    published = q.PublishedAt,
                    url = q.Url,
                }),
            });
        }).WithSummary("Các câu hỏi đã được trả lời công khai, mới nhất trước; lọc theo chủ đề và đối tượng (slug).");
        api.MapGet("/{slug}", async (QuestionService questions, string slug, CancellationToken cancellationToken) =>
            await questions.GetAsync(slug, cancellationToken) is { } q
                ? Results.Ok(new
                {
                    slug = q.Slug,
                    title = q.Title,
                    text = q.Text,
                    asker = q.AskerName,
                    place = q.AskerPlace,
                    asked = q.AskedAt,
                    published = q.PublishedAt,
                    answerHtml = q.AnswerHtml,
                    agency = q.Agency.Slug,
                    topic = q.Topic.Slug,
                    audience = q.Audience.Slug,
                    legalBasis = q.LegalBasis.Select(c => new { number = c.Number, title = c.Title, provision = c.Provision, url = c.Url }),
                })
                : Results.Problem("Không có câu hỏi đã trả lời công khai với đường dẫn này.", statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy"))
            .WithSummary("Một câu hỏi đã trả lời công khai: câu trả lời (HTML đã làm sạch), căn cứ pháp lý; tên và địa chỉ người hỏi đã được che.");
    }

    private static int ParsePositive(string? value, int fallback, int max, string field, string message, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return fallback;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max)
        {
            return n;
        }
        errors[field] = [message];
        return fallback;
    }

    private static IResult TooMany(QuestionOptions options) =>
        Results.Problem(QuestionHosting.RateLimitMessage(options), statusCode: StatusCodes.Status429TooManyRequests, title: "Gửi quá nhiều câu hỏi");
}
