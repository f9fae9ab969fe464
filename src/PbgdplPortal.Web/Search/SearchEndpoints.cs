using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PbgdplPortal.Search;

namespace PbgdplPortal.Web.Search;

public static class SearchEndpoints
{
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddOptions<SearchIndexOptions>().BindConfiguration("Portal:Search");
        services.AddSingleton(sp => SearchIndex.Open(Path.Combine(sp.GetRequiredService<IOptions<PortalOptions>>().Value.DataDir, "search-index")));
        services.AddSingleton<ISearchSource, LegalDocumentSearchSource>();
        services.AddSingleton<ISearchSource, ArticleSearchSource>();
        services.AddSingleton<SearchEngine>();
        services.AddSingleton<SearchIndexer>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchIndexer>());
        return services;
    }

    public static void MapSearch(this WebApplication app)
    {
        var api = app.MapGroup("/api/search").WithTags("Tìm kiếm");
        api.MapGet("/", (SearchEngine engine, string? q, string? type, string? topic, string? audience, string? agency, string? year,
            string? sort, string? page, string? pageSize) =>
        {
            var errors = new Dictionary<string, string[]>();
            var request = new SearchRequest
            {
                Query = q,
                Type = type,
                Topic = topic,
                Audience = audience,
                Agency = agency,
                Year = year,
                Sort = ParseSort(sort, errors),
                Page = ParseInt(page, "page", 1, errors),
                PageSize = ParseInt(pageSize, "pageSize", 10, errors),
            };
            foreach (var (key, value) in request.Validate())
            {
                errors.TryAdd(key, value);
            }
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors, title: "Tham số tìm kiếm không hợp lệ.");
            }
            var result = engine.Search(request);
            return Results.Ok(new
            {
                total = result.Total,
                page = result.Page,
                hits = result.Hits.Select(h => new { type = h.Type, slug = h.Key, title = h.Title, url = h.Url, snippet = h.SnippetHtml, published = h.Published }),
                facets = result.Facets.ToDictionary(f => f.Key, f => f.Value.Select(v => new { value = v.Value, label = v.Label, count = v.Count })),
            });
        });
        api.MapGet("/suggest", (SearchEngine engine, string? q) =>
            q?.Length > SearchRequest.MaxQueryLength
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["q"] = [$"Từ khóa dài tối đa {SearchRequest.MaxQueryLength} ký tự."] })
                : Results.Ok(engine.Suggest(q).Select(s => new { title = s.Title, url = s.Url })));
    }

    internal static SearchSort ParseSort(string? sort, Dictionary<string, string[]> errors)
    {
        switch (sort?.Trim().ToLowerInvariant())
        {
            case null or "" or "relevance" or "lien-quan":
                return SearchSort.Relevance;
            case "newest" or "moi-nhat":
                return SearchSort.Newest;
            default:
                errors["sort"] = ["Cách sắp xếp không hợp lệ: chọn 'relevance' hoặc 'newest'."];
                return SearchSort.Relevance;
        }
    }

    internal static int ParseInt(string? value, string name, int fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }
        errors[name] = [$"'{name}' phải là một số nguyên."];
        return fallback;
    }
}

/// <summary>The search page of the public site (/tim-kiem), in Vietnamese parameters, without JavaScript.</summary>
public sealed class SearchController(SearchEngine engine) : Controller
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
            Sort = SearchEndpoints.ParseSort(sort, errors),
            Page = Math.Clamp(SearchEndpoints.ParseInt(page, "trang", 1, errors), 1, SearchRequest.MaxResultWindow / PageSize),
            PageSize = PageSize,
        };
        var result = engine.Search(request);
        return View(new PbgdplPortal.Site.SearchPage(request, result, q?.Length > SearchRequest.MaxQueryLength));
    }
}
