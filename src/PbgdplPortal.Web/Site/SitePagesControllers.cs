using Microsoft.AspNetCore.Mvc;
using PbgdplPortal.Site;

namespace PbgdplPortal.Web.Site;

// The public reading pages: home, listings, articles, legal documents, and the error pages.

public sealed class HomeController(PublicSite site) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await site.GetHomeAsync(cancellationToken));
}

public sealed class ListingController(PublicSite site) : Controller
{
    [HttpGet("/chu-de")]
    public async Task<IActionResult> Topics(CancellationToken cancellationToken) => View("Index", await site.GetTopicIndexAsync(cancellationToken));

    [HttpGet("/doi-tuong")]
    public async Task<IActionResult> Audiences(CancellationToken cancellationToken) => View("Index", await site.GetAudienceIndexAsync(cancellationToken));

    [HttpGet("/co-quan")]
    public async Task<IActionResult> Agencies(CancellationToken cancellationToken) => View("Index", await site.GetAgencyIndexAsync(cancellationToken));

    [HttpGet("/chu-de/{slug}")]
    public async Task<IActionResult> Topic(string slug, [FromQuery(Name = "trang")] int page = 1, CancellationToken cancellationToken = default) =>
        Show(await site.GetTopicAsync(slug, page, cancellationToken));

    [HttpGet("/doi-tuong/{slug}")]
    public async Task<IActionResult> Audience(string slug, [FromQuery(Name = "trang")] int page = 1, CancellationToken cancellationToken = default) =>
        Show(await site.GetAudienceAsync(slug, page, cancellationToken));

    [HttpGet("/co-quan/{slug}")]
    public async Task<IActionResult> Agency(string slug, [FromQuery(Name = "trang")] int page = 1, CancellationToken cancellationToken = default) =>
        await site.GetAgencyAsync(slug, page, cancellationToken) is { } listing ? View("Show", listing)
        : page == 1 && await site.GetMergedAgencyAsync(slug, cancellationToken) is { } merged ? View("Merged", merged)
        : NotFound();

    private IActionResult Show(ListingPage? page) => page is null ? NotFound() : View("Show", page);
}

public sealed class ArticleController(PublicSite site) : Controller
{
    [HttpGet("/bai-viet/{slug}")]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken) =>
        await site.GetArticleAsync(slug, cancellationToken) is { } page ? View(page) : NotFound();
}

public sealed class DocumentController(PublicSite site) : Controller
{
    [HttpGet("/van-ban")]
    public async Task<IActionResult> Index([FromQuery(Name = "trang")] int page = 1, CancellationToken cancellationToken = default) =>
        await site.GetDocumentIndexAsync(page, cancellationToken) is { } model ? View(model) : NotFound();

    [HttpGet("/van-ban/{slug}")]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken) =>
        await site.GetDocumentAsync(slug, cancellationToken) is { } page ? View(page) : NotFound();
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    [Route("/loi/{code:int}")]
    public IActionResult Show(int code)
    {
        // A body that broke the server's limits while being read (one sent without announcing its length) is the client's error.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error is Microsoft.AspNetCore.Http.BadHttpRequestException bad)
        {
            code = bad.StatusCode;
        }
        var model = ErrorPage.For(code);
        Response.StatusCode = model.StatusCode;
        return View(model);
    }
}
