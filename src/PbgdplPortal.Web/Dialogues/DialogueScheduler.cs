using Microsoft.Extensions.Options;
using PbgdplPortal.Dialogues;
using PbgdplPortal.Web.Hosting;

namespace PbgdplPortal.Web.Dialogues;

/// <summary>
/// Moves sessions by their schedule on every node (<see cref="DialogueService.FollowScheduleAsync"/>): live at the start
/// time, ended at the end time, with nobody clicking; the change journal then refreshes every node's pages and streams.
/// </summary>
public sealed class DialogueScheduler(IServiceScopeFactory scopes, TimeProvider time, IOptions<DialogueOptions> options, ILogger<DialogueScheduler> logger)
    : PeriodicWork(scopes, time, logger)
{
    protected override TimeSpan Interval => options.Value.SchedulePollInterval;

    protected override string FailureMessage => "Following the dialogue schedule failed";

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var moved = await services.GetRequiredService<DialogueService>().FollowScheduleAsync(cancellationToken);
        if (moved > 0)
        {
            logger.LogInformation("{Count} dialogue sessions moved by their schedule", moved);
        }
    }
}
