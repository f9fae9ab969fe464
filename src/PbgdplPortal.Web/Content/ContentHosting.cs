using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using PbgdplPortal.Site;

namespace PbgdplPortal.Web.Content;

/// <summary>
/// Which requests the page cache may keep. Each feature adds the rule for its own addresses (<see cref="ContentHosting.AddPageCacheRule"/>);
/// a request is cached only when every rule allows it.
/// </summary>
public sealed class PageCacheRules
{
    public List<Func<PathString, bool>> Rules { get; } = [];

    public bool AllowCaching(PathString path) => Rules.TrueForAll(rule => rule(path));
}

/// <summary>Content (articles, legal documents and the catalogue): the change journal watcher and the page cache it drops.</summary>
public static class ContentHosting
{
    public static IServiceCollection AddContent(this IServiceCollection services)
    {
        services.AddOptions<ContentWatchOptions>().BindConfiguration("Portal:ContentWatch");
        services.AddSingleton<DocumentNumberIndex>();
        services.AddHostedService<ContentChangeWatcher>();
        services.AddOptions<LegalBasisWatchOptions>().BindConfiguration("Portal:LegalBasisWatch");
        services.AddHostedService<LegalBasisWatcher>();
        // Health must be live; the API answers from live data.
        services.AddPageCacheRule(path => !path.StartsWithSegments("/healthz") && !path.StartsWithSegments("/api"));
        services.AddOutputCache();
        // The features' rules are read once, when the cache is configured, not on every request.
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<PageCacheRules>>((o, rules) => o.AddBasePolicy(b => b
            .With(c => rules.Value.AllowCaching(c.HttpContext.Request.Path))
            .Expire(TimeSpan.FromMinutes(10))
            .Tag(ContentChangeWatcher.CacheTag)));
        return services;
    }

    /// <summary>Adds a feature's rule: true where its pages may be kept in the page cache.</summary>
    public static IServiceCollection AddPageCacheRule(this IServiceCollection services, Func<PathString, bool> allowCaching) =>
        services.Configure<PageCacheRules>(r => r.Rules.Add(allowCaching));
}
