using System.Globalization;

namespace PbgdplPortal.Contests;

/// <summary>The criteria a contest ranks by, applied in the order its rules set.</summary>
public enum RankingCriterion
{
    /// <summary>Higher score first.</summary>
    Score,

    /// <summary>Prediction closer to the true figure first (no prediction comes last).</summary>
    Prediction,

    /// <summary>Shorter time taken first.</summary>
    Duration,

    /// <summary>Earlier submission first.</summary>
    Submitted,
}

public static class RankingCriteria
{
    public const string DefaultOrder = "score,prediction,duration,submitted";

    private static readonly Dictionary<string, RankingCriterion> ByCode = new(StringComparer.OrdinalIgnoreCase)
    {
        ["score"] = RankingCriterion.Score,
        ["prediction"] = RankingCriterion.Prediction,
        ["duration"] = RankingCriterion.Duration,
        ["submitted"] = RankingCriterion.Submitted,
    };

    public static string Code(this RankingCriterion criterion) => ByCode.First(p => p.Value == criterion).Key;

    /// <summary>Reads "score,prediction,…"; null when a code is unknown or repeated.</summary>
    public static IReadOnlyList<RankingCriterion>? Parse(string? order)
    {
        var codes = (order ?? DefaultOrder).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var result = new List<RankingCriterion>();
        foreach (var code in codes)
        {
            if (!ByCode.TryGetValue(code, out var criterion) || result.Contains(criterion))
            {
                return null;
            }
            result.Add(criterion);
        }
        return result.Count == 0 ? null : result;
    }

    public static string Label(this RankingCriterion criterion) => criterion switch
    {
        RankingCriterion.Score => "Điểm cao hơn",
        RankingCriterion.Prediction => "Dự đoán gần đúng hơn",
        RankingCriterion.Duration => "Thời gian làm bài ngắn hơn",
        _ => "Nộp bài sớm hơn",
    };
}

public enum PrizeTier
{
    First,
    Second,
    Third,
    Consolation,
}

public static class PrizeTiers
{
    public static string Label(this PrizeTier tier) => tier switch
    {
        PrizeTier.First => "Giải Nhất",
        PrizeTier.Second => "Giải Nhì",
        PrizeTier.Third => "Giải Ba",
        _ => "Giải Khuyến khích",
    };
}

/// <summary>How many prizes of each tier a round awards.</summary>
public sealed record PrizeCounts(int First, int Second, int Third, int Consolation)
{
    public IEnumerable<PrizeTier> InOrder()
    {
        foreach (var (tier, count) in new[] { (PrizeTier.First, First), (PrizeTier.Second, Second), (PrizeTier.Third, Third), (PrizeTier.Consolation, Consolation) })
        {
            for (var i = 0; i < count; i++)
            {
                yield return tier;
            }
        }
    }
}

/// <summary>A submitted attempt, as ranking sees it.</summary>
public sealed record AttemptResult(Guid AttemptId, int EntrantId, int Score, int DurationMs, DateTime SubmittedAt, long? Prediction, bool Disqualified = false);

/// <summary>A place in the ranking: 1, 2, 3… with the prize it wins, if any.</summary>
public sealed record RankedEntry(int Rank, AttemptResult Attempt, long? PredictionDistance, PrizeTier? Prize);

/// <summary>Scoring rules of a round, as Vietnamese contests apply them.</summary>
public static class ContestRanking
{
    /// <summary>
    /// The attempt that counts for each entrant: best score, then the earliest submission. An entrant
    /// with a disqualified attempt is out of the round altogether.
    /// </summary>
    public static IReadOnlyList<AttemptResult> CountedAttempts(IEnumerable<AttemptResult> submitted)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        return submitted
            .GroupBy(a => a.EntrantId)
            .Where(g => !g.Any(a => a.Disqualified))
            .Select(g => g.OrderByDescending(a => a.Score).ThenBy(a => a.SubmittedAt).ThenBy(a => a.AttemptId).First())
            .ToList();
    }

    /// <summary>The true figure the prediction question asked about, over the counted attempts.</summary>
    public static int? TrueFigure(PredictionKind kind, IReadOnlyCollection<AttemptResult> counted, int questionCount)
    {
        ArgumentNullException.ThrowIfNull(counted);
        return kind switch
        {
            PredictionKind.AllCorrect => counted.Count(a => a.Score == questionCount),
            PredictionKind.Entrants => counted.Count,
            _ => null,
        };
    }

    /// <summary>
    /// Ranks the counted attempts by <paramref name="order"/>, then by entrant id so that the order is
    /// total and the same on every run, and hands out prizes down the ranking.
    /// </summary>
    public static IReadOnlyList<RankedEntry> Rank(IEnumerable<AttemptResult> counted, IReadOnlyList<RankingCriterion> order, int? trueFigure, PrizeCounts prizes)
    {
        ArgumentNullException.ThrowIfNull(counted);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(prizes);
        var sorted = counted.Select(a => (Attempt: a, Distance: Distance(a.Prediction, trueFigure))).ToList();
        sorted.Sort((x, y) =>
        {
            foreach (var criterion in order)
            {
                var c = criterion switch
                {
                    RankingCriterion.Score => y.Attempt.Score.CompareTo(x.Attempt.Score),
                    RankingCriterion.Prediction => (x.Distance ?? long.MaxValue).CompareTo(y.Distance ?? long.MaxValue),
                    RankingCriterion.Duration => x.Attempt.DurationMs.CompareTo(y.Attempt.DurationMs),
                    _ => x.Attempt.SubmittedAt.CompareTo(y.Attempt.SubmittedAt),
                };
                if (c != 0)
                {
                    return c;
                }
            }
            return x.Attempt.EntrantId.CompareTo(y.Attempt.EntrantId);
        });
        using var tiers = prizes.InOrder().GetEnumerator();
        var ranked = new List<RankedEntry>(sorted.Count);
        foreach (var (attempt, distance) in sorted)
        {
            PrizeTier? prize = tiers.MoveNext() ? tiers.Current : null;
            ranked.Add(new RankedEntry(ranked.Count + 1, attempt, distance, prize));
        }
        return ranked;
    }

    private static long? Distance(long? prediction, int? trueFigure) =>
        prediction is { } p && trueFigure is { } t ? Math.Abs(p - t) : null;

    /// <summary>"12 phút 05 giây" for a duration in milliseconds.</summary>
    public static string FormatDuration(int milliseconds)
    {
        var span = TimeSpan.FromMilliseconds(milliseconds);
        return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} phút {span.Seconds:00},{span.Milliseconds / 10:00} giây");
    }
}
