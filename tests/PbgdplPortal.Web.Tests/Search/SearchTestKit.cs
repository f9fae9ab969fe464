using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PbgdplPortal.Data;
using PbgdplPortal.Search;
using PbgdplPortal.Web.Search;

namespace PbgdplPortal.Web.Tests.Search;

/// <summary>What the search tests share: the engine once the index is built, hit ids, the indexed items.</summary>
internal static class SearchTestKit
{
    /// <summary>The engine, once the index holds the sample content.</summary>
    public static async Task<SearchEngine> EngineAsync(PortalFactory portal)
    {
        await portal.Services.GetRequiredService<SearchIndexer>().Ready.WaitAsync(TimeSpan.FromMinutes(2));
        return portal.Services.GetRequiredService<SearchEngine>();
    }

    public static string Id(SearchHit hit) => $"{hit.Type}:{hit.Key}";

    /// <summary>The ids ("article:dang-ky-ket-hon") of the first hits of a query, best first.</summary>
    public static List<string> Top(this SearchEngine engine, string query, int count = 10) =>
        engine.Search(new SearchRequest { Query = query, PageSize = count }).Hits.Select(Id).ToList();

    /// <summary>Every item as the index receives it, by id, to check hits against their text.</summary>
    public static async Task<Dictionary<string, SearchDocument>> ItemsAsync(PortalFactory portal)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var items = new Dictionary<string, SearchDocument>();
        foreach (var source in scope.ServiceProvider.GetServices<ISearchSource>())
        {
            await foreach (var item in source.LoadAllAsync(db, CancellationToken.None))
            {
                items[$"{item.Type}:{item.Key}"] = item;
            }
        }
        return items;
    }

    /// <summary>Title, text and keywords of an item, normalized and lower case, with spaces around, for word lookups.</summary>
    public static string Words(SearchDocument item, bool titleOnly = false) =>
        " " + string.Join(' ', SearchText.Normalize(titleOnly ? item.Title : $"{item.Title} {item.Text} {item.Keywords}")
            .ToLower(CultureInfo.GetCultureInfo("vi-VN"))
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim(',', '.', ':', ';', '?', '!', '(', ')', '"', '“', '”', '*', '…'))) + " ";

    /// <summary>The same without diacritics, đ as d: what a folded match sees.</summary>
    public static string Folded(string text)
    {
        var decomposed = text.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD);
        return new string(decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());
    }

    /// <summary>Whether the words appear side by side in the words of an item.</summary>
    public static bool HasPhrase(string words, string phrase) => words.Contains($" {phrase} ", StringComparison.Ordinal);
}
