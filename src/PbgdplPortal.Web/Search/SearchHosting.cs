using Microsoft.Extensions.Options;
using PbgdplPortal.Search;
using PbgdplPortal.Web.Content;

namespace PbgdplPortal.Web.Search;

/// <summary>Search: the index, its sources and indexer, the API and the cache rule of the search page.</summary>
public static class SearchHosting
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
        // Search answers come from the index, which changes on its own schedule.
        services.AddPageCacheRule(path => !path.StartsWithSegments("/tim-kiem"));
        return services;
    }

    public static void MapSearch(this WebApplication app) => SearchApi.Map(app);
}
