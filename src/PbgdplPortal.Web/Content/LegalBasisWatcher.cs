using PbgdplPortal.Content;
using PbgdplPortal.Data;

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
    ILogger<LegalBasisWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var written = await new LegalBasisWatch(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), time).RunAsync(stoppingToken);
                if (written > 0)
                {
                    logger.LogInformation("Legal-basis watch: {Count} item(s) flagged for review", written);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The legal-basis watch could not run; retrying at the next interval");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
