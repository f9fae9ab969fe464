using Microsoft.AspNetCore.Mvc;
using PbgdplPortal.Site;

namespace PbgdplPortal.Web.Site;

public static class PublicSiteEndpoints
{
    public static IServiceCollection AddPublicSite(this IServiceCollection services)
    {
        services.AddScoped<PublicSite>();
        services.AddControllersWithViews();
        services.AddRouting(o => o.LowercaseUrls = true);
        return services;
    }

    public static void MapPublicSite(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapControllers();
    }
}

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
        var model = code switch
        {
            404 => new ErrorPage(404, "Không tìm thấy trang", "Trang bạn tìm không tồn tại, đã được gỡ xuống hoặc chưa được đăng. Hãy quay về trang chủ hoặc xem các chủ đề pháp luật."),
            400 => new ErrorPage(400, "Yêu cầu không hợp lệ", "Địa chỉ hoặc dữ liệu gửi lên không hợp lệ."),
            403 => new ErrorPage(403, "Không có quyền truy cập", "Bạn không có quyền xem trang này."),
            413 => new ErrorPage(413, "Tệp tải lên quá lớn", "Tổng dung lượng các tệp gửi lên vượt quá giới hạn. Hãy tải ít tệp hơn trong mỗi lần."),
            429 => new ErrorPage(429, "Quá nhiều yêu cầu", "Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút."),
            >= 400 and < 500 => new ErrorPage(code, "Yêu cầu không thực hiện được", "Yêu cầu của bạn không thực hiện được."),
            _ => new ErrorPage(500, "Đã có lỗi xảy ra", "Hệ thống đang gặp sự cố. Vui lòng thử lại sau ít phút."),
        };
        Response.StatusCode = model.StatusCode;
        return View(model);
    }
}
