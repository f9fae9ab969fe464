using PbgdplPortal.Search;

namespace PbgdplPortal.Site;

/// <summary>The search page: the request, its results and the addresses of its links.</summary>
public sealed record SearchPage(SearchRequest Request, SearchResult Result, bool QueryTruncated)
{
    private static readonly Dictionary<string, string> ParameterOf = new()
    {
        [Facets.Type] = "loai",
        [Facets.Topic] = "chu-de",
        [Facets.Audience] = "doi-tuong",
        [Facets.Agency] = "co-quan",
        [Facets.Year] = "nam",
    };

    public static readonly IReadOnlyDictionary<string, string> DimensionLabels = new Dictionary<string, string>
    {
        [Facets.Type] = "Loại nội dung",
        [Facets.Topic] = "Chủ đề",
        [Facets.Audience] = "Đối tượng",
        [Facets.Agency] = "Cơ quan",
        [Facets.Year] = "Năm",
    };

    public string Query => Request.Query ?? string.Empty;

    public IReadOnlyList<Crumb> Crumbs { get; } = [new("Trang chủ", SiteUrls.Home), new("Tìm kiếm", null)];

    private Dictionary<string, string?> Parameters() => new()
    {
        ["q"] = Request.Query,
        ["loai"] = Request.Type,
        ["chu-de"] = Request.Topic,
        ["doi-tuong"] = Request.Audience,
        ["co-quan"] = Request.Agency,
        ["nam"] = Request.Year,
        ["sap-xep"] = Request.Sort == SearchSort.Newest ? "moi-nhat" : null,
    };

    private static string Build(Dictionary<string, string?> parameters) =>
        SiteUrls.Search + "?" + string.Join("&", parameters.Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value!)}"));

    /// <summary>This search with a facet value chosen, or cleared when it is already chosen.</summary>
    public string ToggleUrl(string dimension, FacetCount value)
    {
        var parameters = Parameters();
        parameters[ParameterOf[dimension]] = value.Selected ? null : value.Value;
        return Build(parameters);
    }

    public string SortUrl(SearchSort sort)
    {
        var parameters = Parameters();
        parameters["sap-xep"] = sort == SearchSort.Newest ? "moi-nhat" : null;
        return Build(parameters);
    }

    public string PageUrl(int page)
    {
        var parameters = Parameters();
        if (page > 1)
        {
            parameters["trang"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return Build(parameters);
    }

    /// <summary>The chosen filters, as hidden fields so a new query keeps them.</summary>
    public IEnumerable<KeyValuePair<string, string>> HiddenFilters() =>
        Parameters().Where(p => p.Key != "q" && !string.IsNullOrEmpty(p.Value)).Select(p => KeyValuePair.Create(p.Key, p.Value!));
}
