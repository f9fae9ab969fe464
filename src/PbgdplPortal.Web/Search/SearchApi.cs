using System.Globalization;
using PbgdplPortal.Search;

namespace PbgdplPortal.Web.Search;

/// <summary>The search API under /api/search, and the parameter parsing the search page shares.</summary>
internal static class SearchApi
{
    public static void Map(WebApplication app)
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
