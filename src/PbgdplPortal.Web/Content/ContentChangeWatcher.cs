using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Site;
using PbgdplPortal.Web.Hosting;

namespace PbgdplPortal.Web.Content;

public sealed class ContentWatchOptions
{
    /// <summary>How often the change journal is polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Polls the change journal in the shared database and drops this node's caches when content
/// changed anywhere, or when a scheduled article is due to appear or disappear.
/// </summary>
public sealed class ContentChangeWatcher(IServiceScopeFactory scopes, IOutputCacheStore cache, DocumentNumberIndex directory,
    TimeProvider time, Microsoft.Extensions.Options.IOptions<ContentWatchOptions> options, ILogger<ContentChangeWatcher> logger)
    : PeriodicWork(scopes, time, logger)
{
    public const string CacheTag = "content";

    private long? lastSeen;
    private DateTime? nextTransition;

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override string FailureMessage => "Could not read the change journal";

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<PortalDbContext>();
        var now = Time.GetUtcNow().UtcDateTime;
        var latest = await db.ContentChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
        if (lastSeen is null || latest != lastSeen || now >= nextTransition)
        {
            if (lastSeen is not null)
            {
                logger.LogDebug("Content changed (journal {Latest}); dropping cached pages", latest);
            }
            lastSeen = latest;
            directory.Invalidate();
            await cache.EvictByTagAsync(CacheTag, cancellationToken);
            nextTransition = await NextTransitionAsync(db, now, cancellationToken);
        }
    }

    /// <summary>The next moment an article or a document record is scheduled to appear or be withdrawn.</summary>
    private static async Task<DateTime?> NextTransitionAsync(PortalDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var published = db.Articles.Where(a => a.Status == PublicationStatus.Published);
        var documents = db.LegalDocuments.Where(d => d.Publication == PublicationStatus.Published);
        DateTime?[] moments =
        [
            await published.Where(a => a.PublishedAt > now).MinAsync(a => (DateTime?)a.PublishedAt, cancellationToken),
            await published.Where(a => a.UnpublishAt > now).MinAsync(a => a.UnpublishAt, cancellationToken),
            await documents.Where(d => d.PublishedAt > now).MinAsync(d => (DateTime?)d.PublishedAt, cancellationToken),
            await documents.Where(d => d.UnpublishAt > now).MinAsync(d => d.UnpublishAt, cancellationToken),
        ];
        return moments.Where(m => m is not null).Min();
    }
}
