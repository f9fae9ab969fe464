using Microsoft.AspNetCore.Mvc;
using PbgdplPortal.Search;
using PbgdplPortal.Web.Hosting;

namespace PbgdplPortal.Web.Search;

/// <summary>The search page of the public site (/tim-kiem), in Vietnamese parameters, without JavaScript.</summary>
[ViewFolder("Search")]
public sealed class SearchPagesController(SearchEngine engine) : Controller
{
    public const int PageSize = 10;

    [HttpGet("/tim-kiem")]
    public IActionResult Index([FromQuery(Name = "q")] string? q, [FromQuery(Name = "loai")] string? type, [FromQuery(Name = "chu-de")] string? topic,
        [FromQuery(Name = "doi-tuong")] string? audience, [FromQuery(Name = "co-quan")] string? agency, [FromQuery(Name = "nam")] string? year,
        [FromQuery(Name = "sap-xep")] string? sort, [FromQuery(Name = "trang")] string? page)
    {
        var errors = new Dictionary<string, string[]>();
        var request = new SearchRequest
        {
            Query = q?.Length > SearchRequest.MaxQueryLength ? q[..SearchRequest.MaxQueryLength] : q,
            Type = type,
            Topic = topic,
            Audience = audience,
            Agency = agency,
            Year = year,
            Sort = SearchApi.ParseSort(sort, errors),
            Page = Math.Clamp(SearchApi.ParseInt(page, "trang", 1, errors), 1, SearchRequest.MaxResultWindow / PageSize),
            PageSize = PageSize,
        };
        var result = engine.Search(request);
        return View(new PbgdplPortal.Site.SearchPage(request, result, q?.Length > SearchRequest.MaxQueryLength));
    }
}
