using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Data;

namespace PbgdplPortal.Contests;

/// <summary>One unit's part in a round: how many of its entrants took part, their attempts started and submitted.</summary>
public sealed record UnitActivity(int UnitId, string Unit, int Entrants, int Started, int Submitted);

/// <summary>Attempts submitted in one minute (UTC start of the minute).</summary>
public sealed record MinuteCount(DateTime Minute, int Submitted);

/// <summary>What organisers follow during a round, counted from the database at <paramref name="MeasuredAt"/>.</summary>
/// <param name="Accounts">Entrant accounts on the portal (erased accounts excluded).</param>
/// <param name="AccountsDuringRound">Accounts registered since the round opened.</param>
/// <param name="Entrants">Entrants with at least one attempt in the round.</param>
/// <param name="InProgress">Attempts started, not submitted, whose time has not run out.</param>
/// <param name="PerMinute">Submissions per minute over the last <see cref="ContestMonitoring.WindowMinutes"/> minutes of the round so far, oldest first, every minute present.</param>
public sealed record RoundActivity(RoundView Round, DateTime MeasuredAt, int Accounts, int AccountsDuringRound, int Entrants, int Started, int Submitted,
    int InProgress, IReadOnlyList<MinuteCount> PerMinute, IReadOnlyList<UnitActivity> ByUnit)
{
    /// <summary>The busiest minute of the window.</summary>
    public int PeakPerMinute => PerMinute.Count == 0 ? 0 : PerMinute.Max(m => m.Submitted);
}

/// <summary>Live counts of a round for its organisers; every figure is one aggregate query on the attempts.</summary>
public sealed class ContestMonitoring(PortalDbContext db, TimeProvider clock)
{
    public const int WindowMinutes = 60;

    public async Task<RoundActivity> RoundAsync(RoundView round, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(round);
        var now = clock.GetUtcNow().UtcDateTime;
        var attempts = db.Attempts.AsNoTracking().Where(a => a.RoundId == round.Id);
        var totals = await attempts
            .GroupBy(a => a.RoundId)
            .Select(g => new
            {
                Entrants = g.Select(a => a.EntrantId).Distinct().Count(),
                Started = g.Count(),
                Submitted = g.Count(a => a.SubmittedAt != null),
                InProgress = g.Count(a => a.SubmittedAt == null && a.Deadline > now),
            })
            .SingleOrDefaultAsync(cancellationToken);
        var accounts = await db.Entrants.CountAsync(e => e.PasswordHash != "", cancellationToken);
        var accountsDuringRound = now < round.OpensAt ? 0
            : await db.Entrants.CountAsync(e => e.PasswordHash != "" && e.CreatedAt >= round.OpensAt, cancellationToken);

        var units = await attempts
            .GroupBy(a => a.Entrant.UnitId)
            .Select(g => new
            {
                UnitId = g.Key,
                Entrants = g.Select(a => a.EntrantId).Distinct().Count(),
                Started = g.Count(),
                Submitted = g.Count(a => a.SubmittedAt != null),
            })
            .ToListAsync(cancellationToken);
        var unitIds = units.Select(u => u.UnitId).ToList();
        var names = await db.Agencies.AsNoTracking().Where(a => unitIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var byUnit = units
            .Select(u => new UnitActivity(u.UnitId, names.GetValueOrDefault(u.UnitId, "—"), u.Entrants, u.Started, u.Submitted))
            .OrderByDescending(u => u.Entrants).ThenBy(u => u.Unit, StringComparer.Ordinal)
            .ToList();

        return new RoundActivity(round, now, accounts, accountsDuringRound, totals?.Entrants ?? 0, totals?.Started ?? 0, totals?.Submitted ?? 0,
            totals?.InProgress ?? 0, await PerMinuteAsync(attempts, round, now, cancellationToken), byUnit);
    }

    /// <summary>The window ends at the current minute while the round runs, at its close (plus late submissions) after.</summary>
    private static async Task<IReadOnlyList<MinuteCount>> PerMinuteAsync(IQueryable<Attempt> attempts, RoundView round, DateTime now, CancellationToken cancellationToken)
    {
        if (now < round.OpensAt)
        {
            return [];
        }
        var closedAt = round.ClosesAt.AddMinutes(round.TimeLimitMinutes + 1);
        var end = Minute(now < closedAt ? now : closedAt).AddMinutes(1);
        var start = end.AddMinutes(-WindowMinutes);
        if (start < Minute(round.OpensAt))
        {
            start = Minute(round.OpensAt);
        }
        var counts = await attempts
            .Where(a => a.SubmittedAt >= start && a.SubmittedAt < end)
            .GroupBy(a => new { a.SubmittedAt!.Value.Year, a.SubmittedAt.Value.Month, a.SubmittedAt.Value.Day, a.SubmittedAt.Value.Hour, a.SubmittedAt.Value.Minute })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Day, g.Key.Hour, g.Key.Minute, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byMinute = counts.ToDictionary(c => new DateTime(c.Year, c.Month, c.Day, c.Hour, c.Minute, 0, DateTimeKind.Utc), c => c.Count);
        var minutes = new List<MinuteCount>();
        for (var m = start; m < end; m = m.AddMinutes(1))
        {
            minutes.Add(new MinuteCount(m, byMinute.GetValueOrDefault(m)));
        }
        return minutes;
    }

    private static DateTime Minute(DateTime utc) => new(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, DateTimeKind.Utc);
}
