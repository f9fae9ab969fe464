using System.Security.Claims;
using PbgdplPortal.Contests;
using PbgdplPortal.Web.Hosting;

namespace PbgdplPortal.Web.Contests;

/// <summary>The body of POST /api/entrants.</summary>
public sealed record EntrantRegistration(string? Phone, string? Password, string? FullName, string? BirthDate, string? Unit, string? IdNumber, string? Email, bool? Consent);

/// <summary>The body of POST /api/entrants/token.</summary>
public sealed record EntrantCredentials(string? Phone, string? Password);

/// <summary>An answer in a submission: the question and the chosen option.</summary>
public sealed record ContestAnswer(int Question, int Option);

/// <summary>The body of POST /api/attempts/{id}/submission.</summary>
public sealed record ContestSubmission(IReadOnlyList<ContestAnswer>? Answers, long? Prediction);

internal static class ContestApi
{
    public static void Map(WebApplication app)
    {
        var entrants = app.MapGroup("/api/entrants").WithTags("Cuộc thi: thí sinh");
        entrants.MapPost("/", async (EntrantAccounts service, EntrantRegistration? body, CancellationToken cancellationToken) =>
        {
            body ??= new EntrantRegistration(null, null, null, null, null, null, null, null);
            var result = await service.RegisterAsync(new RegistrationInput(body.Phone, body.Password, body.FullName, body.BirthDate, body.Unit, body.IdNumber, body.Email, body.Consent == true), cancellationToken);
            if (result.DuplicatePhone)
            {
                return Results.Problem(result.Errors["phone"][0], statusCode: StatusCodes.Status409Conflict, title: "Số điện thoại đã được đăng ký");
            }
            if (result.Entrant is not { } entrant)
            {
                return Results.ValidationProblem(result.Errors, title: "Thông tin đăng ký chưa hợp lệ");
            }
            var account = await service.AccountAsync(entrant.Id, cancellationToken);
            return Results.Created("/api/entrants/me", Account(account!));
        })
            .RequireAddressLimit(ContestHosting.RegisterRateLimit)
            .WithSummary("Đăng ký tài khoản dự thi (một tài khoản cho mỗi số điện thoại), với sự đồng ý xử lý dữ liệu cá nhân.");
        entrants.MapPost("/token", async (EntrantAccounts service, EntrantCredentials? body, CancellationToken cancellationToken) =>
            await service.VerifyAsync(body?.Phone, body?.Password, cancellationToken) is { } entrant
                ? Results.SignIn(ContestHosting.Principal(entrant.Id, ContestHosting.BearerScheme), authenticationScheme: ContestHosting.BearerScheme)
                : Results.Problem("Số điện thoại hoặc mật khẩu không đúng.", statusCode: StatusCodes.Status401Unauthorized, title: "Đăng nhập không thành công"))
            .RequireAddressLimit(ContestHosting.SignInRateLimit)
            .WithSummary("Đăng nhập bằng số điện thoại và mật khẩu; trả về mã truy cập (bearer token).");
        entrants.MapGet("/me", async (EntrantAccounts service, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            await service.AccountAsync(user.EntrantId() ?? 0, cancellationToken) is { } account ? Results.Ok(Account(account)) : Unauthorized())
            .RequireAuthorization(ContestHosting.ApiPolicy)
            .WithSummary("Toàn bộ dữ liệu cá nhân và các lượt thi của thí sinh đang đăng nhập.");
        entrants.MapDelete("/me", async (EntrantAccounts service, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            await service.EraseAsync(user.EntrantId() ?? 0, cancellationToken) ? Results.NoContent() : Unauthorized())
            .RequireAuthorization(ContestHosting.ApiPolicy)
            .WithSummary("Xóa dữ liệu cá nhân của thí sinh; kết quả đã công bố được giữ dưới tên «Thí sinh đã xóa dữ liệu».");

        var contests = app.MapGroup("/api/contests").WithTags("Cuộc thi");
        contests.MapGet("/", async (ContestService service, CancellationToken cancellationToken) =>
            Results.Ok((await service.ListAsync(cancellationToken)).Select(Contest)))
            .WithSummary("Các cuộc thi đang đăng, với các đợt thi và trạng thái của từng đợt.");
        contests.MapGet("/{slug}", async (ContestService service, string slug, CancellationToken cancellationToken) =>
            await service.FindAsync(slug, cancellationToken: cancellationToken) is { } contest ? Results.Ok(Contest(contest)) : NotFound("Không có cuộc thi này."))
            .WithSummary("Một cuộc thi: thể lệ (HTML), các đợt thi, giải thưởng.");
        contests.MapPost("/{slug}/rounds/{number:int}/attempts", async (ContestService service, ClaimsPrincipal user, string slug, int number, CancellationToken cancellationToken) =>
        {
            var result = await service.StartAsync(slug, number, user.EntrantId() ?? 0, Random.Shared, cancellationToken);
            return result.Status switch
            {
                StartStatus.Started => Results.Created($"/api/attempts/{result.Paper!.Id}", Paper(result.Paper)),
                StartStatus.NotOpen => Results.Problem("Đợt thi chưa mở hoặc đã kết thúc.", statusCode: StatusCodes.Status409Conflict, title: "Đợt thi không mở"),
                StartStatus.LimitReached => Results.Problem("Bạn đã dùng hết số lượt thi của đợt này.", statusCode: StatusCodes.Status409Conflict, title: "Hết lượt thi"),
                _ => NotFound("Không có đợt thi này."),
            };
        })
            .RequireAuthorization(ContestHosting.ApiPolicy)
            .WithSummary("Bắt đầu một lượt thi: câu hỏi rút ngẫu nhiên, phương án xáo trộn, không kèm đáp án; hạn nộp bài tính từ lúc bắt đầu.");
        contests.MapGet("/{slug}/rounds/{number:int}/results", async (ContestService service, string slug, int number, int? page, int? pageSize, CancellationToken cancellationToken) =>
        {
            if (pageSize is < 1 or > 100 || page is < 1)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["pageSize"] = ["Trang bắt đầu từ 1; mỗi trang có từ 1 đến 100 dòng."] });
            }
            var contest = await service.FindAsync(slug, withRules: false, cancellationToken);
            if (contest?.Rounds.FirstOrDefault(r => r.Number == number) is not { } round)
            {
                return NotFound("Không có đợt thi này.");
            }
            if (await service.PublicResultsAsync(slug, number, page ?? 1, pageSize ?? 50, cancellationToken) is not { } results)
            {
                return Results.Problem($"Kết quả đợt thi chưa được công bố ({round.State.Label().ToLowerInvariant()}).", statusCode: StatusCodes.Status409Conflict, title: "Chưa công bố kết quả");
            }
            return Results.Ok(new
            {
                contest = results.Contest.Slug,
                round = results.Round.Number,
                publishedAt = results.Round.ResultsPublishedAt,
                trueFigure = results.TrueFigure,
                page = results.PageNumber,
                pageSize = results.PageSize,
                total = results.Total,
                ranking = results.Page.Select(r => new
                {
                    rank = r.Rank,
                    name = r.Name,
                    phone = r.Phone,
                    unit = r.Unit,
                    score = r.Score,
                    durationMs = r.DurationMs,
                    prediction = r.Prediction,
                    prize = r.Prize?.Label(),
                }),
                units = results.Units.Select(u => new { unit = u.Unit, entrants = u.Entrants, winners = u.Winners }),
            });
        }).WithSummary("Kết quả đã công bố của một đợt thi: xếp hạng (họ tên, số điện thoại đã che), giải thưởng, thống kê theo đơn vị; phân trang.");

        app.MapPost("/api/attempts/{id:guid}/submission", async (ContestService service, ClaimsPrincipal user, Guid id, ContestSubmission? body, CancellationToken cancellationToken) =>
        {
            var answers = body?.Answers ?? [];
            if (answers.Count > 200)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["answers"] = ["Quá nhiều câu trả lời."] });
            }
            var result = await service.SubmitAsync(id, user.EntrantId() ?? 0, [.. answers.Select(a => new SubmittedAnswer(a.Question, a.Option))], body?.Prediction, cancellationToken);
            return result.Status switch
            {
                SubmitStatus.Accepted => Results.Ok(Outcome(result.Outcome!)),
                SubmitStatus.TooLate => Results.Problem("Đã quá thời gian làm bài.", statusCode: StatusCodes.Status409Conflict, title: "Đã quá thời gian làm bài"),
                SubmitStatus.Invalid => Results.ValidationProblem(result.Errors!, title: "Bài làm chưa hợp lệ"),
                _ => NotFound("Không có lượt thi này."),
            };
        })
            .RequireAuthorization(ContestHosting.ApiPolicy)
            .WithTags("Cuộc thi")
            .WithSummary("Nộp bài một lần; nộp lại trả về kết quả lần đầu. Thời hạn được kiểm tra trên máy chủ. Câu trả lời cho câu hỏi không có trong bài, phương án không thuộc câu hỏi hoặc hai câu trả lời cho một câu: cả bài bị từ chối (400), không lưu gì.");
    }

    private static object Account(EntrantAccount a) => new
    {
        id = a.Id,
        phone = a.Phone,
        fullName = a.FullName,
        birthDate = a.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        unit = a.UnitSlug,
        unitName = a.UnitName,
        idNumber = a.IdNumber,
        email = a.Email,
        consentedAt = a.ConsentedAt,
        consentVersion = a.ConsentVersion,
        createdAt = a.CreatedAt,
        attempts = a.Attempts.Select(t => new { id = t.Id, contest = t.ContestTitle, round = t.RoundTitle, number = t.Number, startedAt = t.StartedAt, submittedAt = t.SubmittedAt, score = t.Score, total = t.Total }),
    };

    private static object Contest(ContestView c) => new
    {
        slug = c.Slug,
        title = c.Title,
        agency = c.AgencyName,
        url = c.Url,
        rules = c.DescriptionHtml,
        prediction = c.Rounds.Count > 0 ? c.PredictionQuestion(c.Rounds[0].QuestionCount) : null,
        isSample = c.IsSample,
        rounds = c.Rounds.Select(r => new
        {
            number = r.Number,
            title = r.Title,
            theme = r.Theme,
            opensAt = r.OpensAt,
            closesAt = r.ClosesAt,
            state = r.State.Code(),
            stateLabel = r.State.Label(),
            questions = r.QuestionCount,
            timeLimitMinutes = r.TimeLimitMinutes,
            maxAttempts = r.MaxAttempts,
            prizes = new { first = r.Prizes.First, second = r.Prizes.Second, third = r.Prizes.Third, consolation = r.Prizes.Consolation },
            resultsPublishedAt = r.ResultsPublishedAt,
        }),
    };

    private static object Paper(AttemptPaper p) => new
    {
        attemptId = p.Id,
        number = p.Number,
        startedAt = p.StartedAt,
        deadline = p.Deadline,
        prediction = p.Contest.PredictionQuestion(p.Questions.Count),
        questions = p.Questions.Select(q => new { id = q.Id, html = q.Html, options = q.Options.Select(o => new { id = o.Id, text = o.Text }) }),
    };

    private static object Outcome(AttemptOutcome o) => new { score = o.Score, total = o.Total, durationMs = o.DurationMs, submittedAt = o.SubmittedAt, prediction = o.Prediction };

    private static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy");

    private static IResult Unauthorized() => Results.Problem("Tài khoản không còn hiệu lực.", statusCode: StatusCodes.Status401Unauthorized, title: "Chưa đăng nhập");
}
