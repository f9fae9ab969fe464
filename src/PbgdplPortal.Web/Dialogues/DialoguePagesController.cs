using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using PbgdplPortal.Dialogues;
using PbgdplPortal.Questions;
using PbgdplPortal.Web.Questions;
using PbgdplPortal.Web.Hosting;

namespace PbgdplPortal.Web.Dialogues;

/// <summary>
/// The public dialogue pages. The list and a session's page are cached and dropped through the change journal whenever
/// a session changes or a question is shown; the ask form is never cached (it carries an antiforgery token).
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
[ViewFolder("Dialogue")]
public sealed class DialoguePagesController(DialogueService dialogues) : Controller
{
    [HttpGet("/doi-thoai")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View("Index", await dialogues.IndexAsync(cancellationToken));

    [HttpGet("/doi-thoai/{slug}")]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken) =>
        await dialogues.GetAsync(slug, cancellationToken) is { } page ? View("Show", page) : NotFound();

    [HttpGet("/doi-thoai/{slug}/dat-cau-hoi")]
    [OutputCache(NoStore = true)]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public async Task<IActionResult> Ask(string slug, CancellationToken cancellationToken) =>
        await dialogues.AskPageAsync(slug, new AskInput(null, null, null, null, null, null, false), cancellationToken: cancellationToken) is { } page
            ? View("Ask", page)
            : NotFound();

    [HttpPost("/doi-thoai/{slug}/dat-cau-hoi")]
    [ValidateAntiForgeryToken]
    [OutputCache(NoStore = true)]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public async Task<IActionResult> Ask(string slug, [FromForm(Name = "cau-hoi")] string? text, [FromForm(Name = "linh-vuc")] string? topic,
        [FromForm(Name = "doi-tuong")] string? audience, [FromForm(Name = "ho-ten")] string? name, [FromForm(Name = "dia-chi")] string? place,
        [FromForm(Name = "thu-dien-tu")] string? email, [FromForm(Name = "dong-y")] string? consent, [FromForm(Name = "website")] string? honeypot,
        [FromForm(Name = "so-dien-thoai")] string? phone, CancellationToken cancellationToken)
    {
        var input = new AskInput(text, topic, audience, name, place, email, consent == "1", honeypot, phone);
        var result = await dialogues.AskAsync(slug, input, HttpContext.SenderAddress(), cancellationToken);
        if (result is null)
        {
            return NotFound();
        }
        if (result.Question is null)
        {
            Response.StatusCode = result.RateLimited ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest;
            var page = await dialogues.AskPageAsync(slug, input with { Honeypot = null }, result.Errors, result.RateLimited, cancellationToken);
            return page is null ? NotFound() : View("Ask", page);
        }
        // Asked during the session: the asker stays with it, on its page, with the question's reference number.
        if (await dialogues.CardAsync(slug, cancellationToken) is { State: DialogueState.Live })
        {
            return Redirect(DialogueUrls.Sent(slug, QuestionReference.Format(result.Question.Id, result.Question.AskedAt)));
        }
        return Redirect(QuestionUrls.Track(result.Token!) + "?da-gui=1");
    }

    /// <summary>The session page with the notice for someone who has just asked during it; never cached.</summary>
    [HttpGet("/doi-thoai/{slug}/da-gui")]
    [OutputCache(NoStore = true)]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public async Task<IActionResult> Sent(string slug, [FromQuery(Name = "ma")] string? reference, CancellationToken cancellationToken)
    {
        if (await dialogues.GetAsync(slug, cancellationToken) is not { } page)
        {
            return NotFound();
        }
        if (QuestionReference.TryParse(reference, out var year, out var id))
        {
            ViewData["SentReference"] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{QuestionReference.Prefix}-{year:D4}-{id:D6}");
        }
        return View("Show", page);
    }
}
