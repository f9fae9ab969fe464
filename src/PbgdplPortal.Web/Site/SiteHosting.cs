using PbgdplPortal.Site;

namespace PbgdplPortal.Web.Site;

/// <summary>The public reading site: its queries, and its feeds, sitemap and robots.txt.</summary>
public static class SiteHosting
{
    public static IServiceCollection AddSite(this IServiceCollection services) => services.AddScoped<PublicSite>();

    public static void MapSite(this WebApplication app) => app.MapFeeds();
}
