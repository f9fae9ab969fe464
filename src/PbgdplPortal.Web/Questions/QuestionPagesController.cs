using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using PbgdplPortal.Questions;
using PbgdplPortal.Web.Hosting;

namespace PbgdplPortal.Web.Questions;

/// <summary>The public Q&amp;A pages: the list and published questions are cached; the form and the private link never are.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
[ViewFolder("Question")]
public sealed class QuestionPagesController(QuestionService questions) : Controller
{
    [HttpGet("/hoi-dap")]
    public async Task<IActionResult> Index([FromQuery(Name = "chu-de")] string? topic, [FromQuery(Name = "doi-tuong")] string? audience,
        [FromQuery(Name = "trang")] int page = 1, CancellationToken cancellationToken = default) =>
        await questions.ListAsync(topic, audience, page, cancellationToken) is { } list ? View("Index", list) : NotFound();

    [HttpGet("/hoi-dap/dat-cau-hoi")]
    [OutputCache(NoStore = true)]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public async Task<IActionResult> Ask([FromQuery(Name = "chu-de")] string? topic, CancellationToken cancellationToken) =>
        View("Ask", await questions.AskPageAsync(new AskInput(null, topic, null, null, null, null, false), cancellationToken: cancellationToken));

    [HttpPost("/hoi-dap/dat-cau-hoi")]
    [ValidateAntiForgeryToken]
    [OutputCache(NoStore = true)]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public async Task<IActionResult> Ask([FromForm(Name = "cau-hoi")] string? text, [FromForm(Name = "linh-vuc")] string? topic,
        [FromForm(Name = "doi-tuong")] string? audience, [FromForm(Name = "ho-ten")] string? name, [FromForm(Name = "dia-chi")] string? place,
        [FromForm(Name = "thu-dien-tu")] string? email, [FromForm(Name = "dong-y")] string? consent, [FromForm(Name = "website")] string? honeypot,
        [FromForm(Name = "so-dien-thoai")] string? phone, CancellationToken cancellationToken)
    {
        var input = new AskInput(text, topic, audience, name, place, email, consent == "1", honeypot, phone);
        var result = await questions.AskAsync(input, HttpContext.SenderAddress(), cancellationToken);
        if (result.Question is null)
        {
            Response.StatusCode = result.RateLimited ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest;
            return View("Ask", await questions.AskPageAsync(input with { Honeypot = null }, result.Errors, result.RateLimited, cancellationToken));
        }
        return Redirect(QuestionUrls.Track(result.Token!) + "?da-gui=1");
    }

    [HttpGet("/hoi-dap/theo-doi/{token}")]
    [OutputCache(NoStore = true)]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public async Task<IActionResult> Track(string token, [FromQuery(Name = "da-gui")] string? justSent, CancellationToken cancellationToken)
    {
        // The link itself is the secret: it must not leak to other sites through the Referer header.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        if (await questions.TrackAsync(token, cancellationToken) is not { } page)
        {
            return NotFound();
        }
        ViewData["JustSent"] = justSent == "1";
        return View("Track", page);
    }

    [HttpGet("/hoi-dap/tra-cuu")]
    [OutputCache(NoStore = true)]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public IActionResult Lookup() => View("Lookup", new LookupPage(null, null, null));

    /// <summary>
    /// The asker's page by reference number and contact. Limited per address before the antiforgery check, so every try
    /// counts; a wrong number and a wrong contact get the same answer.
    /// </summary>
    [HttpPost("/hoi-dap/tra-cuu")]
    [LimitPerAddress(QuestionHosting.LookupRateLimit)]
    [ValidateAntiForgeryToken]
    [OutputCache(NoStore = true)]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public async Task<IActionResult> Lookup([FromForm(Name = "ma-so")] string? reference, [FromForm(Name = "lien-he")] string? contact, CancellationToken cancellationToken)
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        if (string.IsNullOrWhiteSpace(reference) || string.IsNullOrWhiteSpace(contact))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Lookup", new LookupPage(reference, contact, "Hãy nhập số tham chiếu (ví dụ HD-2026-000123) và số điện thoại hoặc thư điện tử bạn đã ghi khi gửi câu hỏi."));
        }
        if (await questions.LookupAsync(reference, contact, cancellationToken) is not { } page)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View("Lookup", new LookupPage(reference, contact, "Không tìm thấy câu hỏi với số tham chiếu và thông tin liên hệ này. Hãy kiểm tra lại cả hai."));
        }
        return View("Track", page);
    }

    [HttpGet("/hoi-dap/{slug}")]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken)
    {
        if (await questions.GetAsync(slug, cancellationToken) is { } page)
        {
            return View("Show", page);
        }
        // An address published before the title was moderated or changed keeps working.
        return await questions.RenamedAsync(slug, cancellationToken) is { } current ? RedirectPermanent(QuestionUrls.Show(current)) : NotFound();
    }
}
