using Microsoft.Extensions.Options;
using PbgdplPortal.Dialogues;

namespace PbgdplPortal.Web.Dialogues;

/// <summary>
/// Moves sessions by their schedule on every node (<see cref="DialogueService.FollowScheduleAsync"/>): live at the start
/// time, ended at the end time, with nobody clicking; the change journal then refreshes every node's pages and streams.
/// </summary>
public sealed class DialogueScheduler(IServiceScopeFactory scopes, IOptions<DialogueOptions> options, ILogger<DialogueScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SchedulePollInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var moved = await scope.ServiceProvider.GetRequiredService<DialogueService>().FollowScheduleAsync(stoppingToken);
                if (moved > 0)
                {
                    logger.LogInformation("{Count} dialogue sessions moved by their schedule", moved);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Following the dialogue schedule failed; trying again at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
