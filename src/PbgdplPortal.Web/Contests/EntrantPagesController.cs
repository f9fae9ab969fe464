using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using PbgdplPortal.Contests;
using PbgdplPortal.Web.Hosting;

namespace PbgdplPortal.Web.Contests;

/// <summary>Registration, sign-in, the account page and taking a round: private to each entrant, never cached.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
[OutputCache(NoStore = true)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[Authorize(Policy = ContestHosting.WebPolicy)]
[AutoValidateAntiforgeryToken]
[ViewFolder("Contest")]
public sealed class EntrantPagesController(ContestService contests, EntrantAccounts entrants) : Controller
{
    private int Me => User.EntrantId() ?? 0;

    [AllowAnonymous]
    [HttpGet("/cuoc-thi/dang-ky")]
    public async Task<IActionResult> Register(string? returnUrl, CancellationToken cancellationToken) =>
        View("Register", new RegistrationPage(await entrants.UnitsAsync(cancellationToken), new RegistrationInput(null, null, null, null, null, null, null, false),
            new Dictionary<string, string[]>(), LocalOrNull(returnUrl)));

    [AllowAnonymous]
    [HttpPost("/cuoc-thi/dang-ky")]
    [LimitPerAddress(ContestHosting.RegisterRateLimit)]
    public async Task<IActionResult> Register([FromForm(Name = "so-dien-thoai")] string? phone, [FromForm(Name = "mat-khau")] string? password,
        [FromForm(Name = "ho-ten")] string? fullName, [FromForm(Name = "ngay-sinh")] string? birthDate, [FromForm(Name = "don-vi")] string? unit,
        [FromForm(Name = "so-dinh-danh")] string? idNumber, [FromForm(Name = "thu-dien-tu")] string? email, [FromForm(Name = "dong-y")] string? consent,
        string? returnUrl, CancellationToken cancellationToken)
    {
        var input = new RegistrationInput(phone, password, fullName, birthDate, unit, idNumber, email, consent == "1");
        var result = await entrants.RegisterAsync(input, cancellationToken);
        if (result.Entrant is not { } entrant)
        {
            Response.StatusCode = result.DuplicatePhone ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return View("Register", new RegistrationPage(await entrants.UnitsAsync(cancellationToken), input with { Password = null }, result.Errors, LocalOrNull(returnUrl)));
        }
        await HttpContext.SignInAsync(ContestHosting.CookieScheme, ContestHosting.Principal(entrant.Id, ContestHosting.CookieScheme));
        // Straight on to the round the entrant came for; otherwise the account page, which leads to the open rounds.
        return Redirect(LocalOrNull(returnUrl) ?? ContestUrls.Account);
    }

    [AllowAnonymous]
    [HttpGet("/cuoc-thi/dang-nhap")]
    public IActionResult SignIn(string? returnUrl) => View("SignIn", new SignInPage(null, null, LocalOrNull(returnUrl)));

    [AllowAnonymous]
    [HttpPost("/cuoc-thi/dang-nhap")]
    [LimitPerAddress(ContestHosting.SignInRateLimit)]
    public async Task<IActionResult> SignIn([FromForm(Name = "so-dien-thoai")] string? phone, [FromForm(Name = "mat-khau")] string? password, string? returnUrl,
        CancellationToken cancellationToken)
    {
        if (await entrants.VerifyAsync(phone, password, cancellationToken) is not { } entrant)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("SignIn", new SignInPage(phone, "Số điện thoại hoặc mật khẩu không đúng.", LocalOrNull(returnUrl)));
        }
        await HttpContext.SignInAsync(ContestHosting.CookieScheme, ContestHosting.Principal(entrant.Id, ContestHosting.CookieScheme));
        return Redirect(LocalOrNull(returnUrl) ?? ContestUrls.Account);
    }

    [HttpPost("/cuoc-thi/dang-xuat")]
    public async Task<IActionResult> SignOut(CancellationToken cancellationToken)
    {
        await HttpContext.SignOutAsync(ContestHosting.CookieScheme);
        return Redirect(ContestUrls.Index);
    }

    [HttpGet("/cuoc-thi/tai-khoan")]
    public async Task<IActionResult> Account(CancellationToken cancellationToken)
    {
        if (await entrants.AccountAsync(Me, cancellationToken) is not { } account)
        {
            return Challenge(ContestHosting.CookieScheme);
        }
        ViewData["RoundsNow"] = await contests.RoundsNowAsync(cancellationToken);
        return View("Account", account);
    }

    [HttpPost("/cuoc-thi/tai-khoan/xoa")]
    public async Task<IActionResult> Erase([FromForm(Name = "xac-nhan")] string? confirm, CancellationToken cancellationToken)
    {
        if (confirm != "1")
        {
            var account = await entrants.AccountAsync(Me, cancellationToken);
            if (account is null)
            {
                return Challenge(ContestHosting.CookieScheme);
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            ViewData["EraseError"] = "Hãy đánh dấu ô xác nhận để xóa dữ liệu.";
            ViewData["RoundsNow"] = await contests.RoundsNowAsync(cancellationToken);
            return View("Account", account);
        }
        await entrants.EraseAsync(Me, cancellationToken);
        await HttpContext.SignOutAsync(ContestHosting.CookieScheme);
        return View("Erased", null);
    }

    [HttpGet("/cuoc-thi/{slug}/dot-{number:int}")]
    public async Task<IActionResult> Round(string slug, int number, CancellationToken cancellationToken) =>
        await RoundPageAsync(slug, number, null, cancellationToken) is { } page ? View("Round", page) : NotFound();

    [HttpPost("/cuoc-thi/{slug}/dot-{number:int}")]
    public async Task<IActionResult> Start(string slug, int number, CancellationToken cancellationToken)
    {
        var result = await contests.StartAsync(slug, number, Me, Random.Shared, cancellationToken);
        if (result.Status == StartStatus.Started)
        {
            return Redirect(result.Paper!.Url);
        }
        if (result.Status == StartStatus.NotFound)
        {
            return NotFound();
        }
        Response.StatusCode = StatusCodes.Status409Conflict;
        var message = result.Status == StartStatus.NotOpen ? "Đợt thi chưa mở hoặc đã kết thúc." : "Bạn đã dùng hết số lượt thi của đợt này.";
        return await RoundPageAsync(slug, number, message, cancellationToken) is { } page ? View("Round", page) : NotFound();
    }

    private async Task<RoundPage?> RoundPageAsync(string slug, int number, string? message, CancellationToken cancellationToken)
    {
        var contest = await contests.FindAsync(slug, withRules: false, cancellationToken);
        if (contest?.Rounds.FirstOrDefault(r => r.Number == number) is not { } round)
        {
            return null;
        }
        return new RoundPage(contest, round, await contests.AttemptsUsedAsync(round.Id, Me, cancellationToken),
            await contests.OpenAttemptAsync(round.Id, Me, cancellationToken), message);
    }

    [HttpGet("/cuoc-thi/bai-thi/{id:guid}")]
    public async Task<IActionResult> Attempt(Guid id, CancellationToken cancellationToken) =>
        await contests.PaperAsync(id, Me, cancellationToken) is { } paper ? View("Attempt", paper) : NotFound();

    [HttpPost("/cuoc-thi/bai-thi/{id:guid}")]
    public async Task<IActionResult> Submit(Guid id, [FromForm(Name = "du-doan")] string? prediction, CancellationToken cancellationToken)
    {
        // Every value of every "q{question}" field is an answer: a repeated field is two answers to one question, and a
        // value that is not a number is option 0, which no paper offers, so the submission is refused rather than trimmed.
        var submitted = new List<SubmittedAnswer>();
        foreach (var (key, values) in Request.Form)
        {
            if (key.Length > 1 && key[0] == 'q' && int.TryParse(key.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var question))
            {
                submitted.AddRange(values.Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var option) ? option : 0)
                    .Select(option => new SubmittedAnswer(question, option)));
            }
        }
        var answers = submitted.GroupBy(a => a.Question).ToDictionary(g => g.Key, g => g.Last().Option);
        long? guess = long.TryParse(prediction?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : null;
        var result = await contests.SubmitAsync(id, Me, submitted, guess, cancellationToken);
        switch (result.Status)
        {
            case SubmitStatus.Accepted:
                return Redirect(ContestUrls.Attempt(id));
            case SubmitStatus.NotFound:
                return NotFound();
        }
        var paper = await contests.PaperAsync(id, Me, cancellationToken);
        if (paper is null)
        {
            return NotFound();
        }
        Response.StatusCode = result.Status == SubmitStatus.TooLate ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        ViewData["Error"] = result.Status == SubmitStatus.TooLate ? "Đã quá thời gian làm bài: bài nộp không được chấp nhận." : string.Join(" ", result.Errors!.Values.SelectMany(v => v));
        ViewData["Answers"] = answers;
        ViewData["Prediction"] = prediction;
        return View("Attempt", paper);
    }

    [HttpGet("/cuoc-thi/chung-nhan/{id:guid}")]
    public async Task<IActionResult> Certificate(Guid id, CancellationToken cancellationToken) =>
        await contests.CertificateAsync(id, Me, cancellationToken) is { } certificate ? View("Certificate", certificate) : NotFound();


    private string? LocalOrNull(string? url) => !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) ? url : null;
}
