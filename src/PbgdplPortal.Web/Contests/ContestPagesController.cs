using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using PbgdplPortal.Contests;
using PbgdplPortal.Web.Hosting;

namespace PbgdplPortal.Web.Contests;

/// <summary>The public contest pages: the same for everyone, cached and refreshed by the change journal.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
[OutputCache(Duration = 60)]
[ViewFolder("Contest")]
public sealed class ContestPagesController(ContestService contests) : Controller
{
    [HttpGet("/cuoc-thi")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View("Index", await contests.ListAsync(cancellationToken));

    [HttpGet("/cuoc-thi/{slug}")]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken) =>
        await contests.FindAsync(slug, cancellationToken: cancellationToken) is { } contest ? View("Show", contest) : NotFound();

    [HttpGet("/cuoc-thi/{slug}/dot-{number:int}/ket-qua")]
    public async Task<IActionResult> Results(string slug, int number, [FromQuery(Name = "trang")] int page = 1, CancellationToken cancellationToken = default) =>
        await contests.PublicResultsAsync(slug, number, page, 50, cancellationToken) is { } results ? View("Results", results) : NotFound();
}
