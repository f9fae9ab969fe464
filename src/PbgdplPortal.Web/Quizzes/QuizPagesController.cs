using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using PbgdplPortal.Quizzes;
using PbgdplPortal.Web.Hosting;

namespace PbgdplPortal.Web.Quizzes;

/// <summary>The practice pages: choose a quiz, answer N random questions, see each answer explained. No JavaScript needed.</summary>
[ViewFolder("Quiz")]
public sealed class QuizPagesController(PracticeQuizzes quizzes) : Controller
{
    /// <summary>The old addresses ("Thi trực tuyến") lead permanently to the new ones, query included; a form posted there keeps its method.</summary>
    [HttpGet("/thi-truc-tuyen/{**rest}")]
    [HttpPost("/thi-truc-tuyen/{**rest}")]
    public IActionResult Moved(string? rest)
    {
        var target = QuizUrls.Index + (string.IsNullOrEmpty(rest) ? "" : "/" + Uri.EscapeDataString(rest)) + Request.QueryString.Value;
        return HttpMethods.IsGet(Request.Method) ? RedirectPermanent(target) : RedirectPermanentPreserveMethod(target);
    }

    [HttpGet(QuizUrls.Index)]
    public async Task<IActionResult> Index([FromQuery(Name = "chu-de")] string? topic, [FromQuery(Name = "doi-tuong")] string? audience, CancellationToken cancellationToken) =>
        View(new QuizIndexPage(await quizzes.ListAsync(topic, audience, cancellationToken), topic, audience));

    [HttpGet(QuizUrls.Index + "/{slug}")]
    public async Task<IActionResult> Take(string slug, [FromQuery(Name = "so-cau")] int count = PracticeQuizzes.DefaultCount, CancellationToken cancellationToken = default) =>
        await quizzes.DrawAsync(slug, Math.Clamp(count, 1, PracticeQuizzes.MaxCount), Random.Shared, cancellationToken) is { } paper ? View(paper) : NotFound();

    [HttpPost(QuizUrls.Index + "/{slug}")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Check(string slug, [FromForm(Name = "cau-hoi")] string? asked, CancellationToken cancellationToken)
    {
        var ids = (asked ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();
        var answers = new Dictionary<int, int>();
        foreach (var id in ids)
        {
            if (int.TryParse(Request.Form[$"q{id}"], NumberStyles.None, CultureInfo.InvariantCulture, out var option))
            {
                answers[id] = option;
            }
        }
        if (ids.Count == 0)
        {
            return RedirectToAction(nameof(Take), new { slug });
        }
        return await quizzes.CheckAsync(slug, ids, answers, cancellationToken) is { } result ? View(result) : NotFound();
    }
}
