using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Web.Hosting;

namespace PbgdplPortal.Web.Content;

public sealed class LegalBasisWatchOptions
{
    /// <summary>How often each node runs the legal-basis watch (it also runs after document saves and imports).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Runs <see cref="LegalBasisWatch"/> on every node at start and then at each interval, so an amendment flags the items
/// citing what it changed on its effective day even when nobody edits anything; the watch's writes are idempotent.
/// </summary>
public sealed class LegalBasisWatcher(IServiceScopeFactory scopes, TimeProvider time, Microsoft.Extensions.Options.IOptions<LegalBasisWatchOptions> options,
    ILogger<LegalBasisWatcher> logger) : PeriodicWork(scopes, time, logger)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override string FailureMessage => "The legal-basis watch could not run";

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var written = await new LegalBasisWatch(services.GetRequiredService<PortalDbContext>(), Time).RunAsync(cancellationToken);
        if (written > 0)
        {
            logger.LogInformation("Legal-basis watch: {Count} item(s) flagged for review", written);
        }
    }
}
