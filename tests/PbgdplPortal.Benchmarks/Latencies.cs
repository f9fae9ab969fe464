namespace PbgdplPortal.Benchmarks;

/// <summary>Latency samples in milliseconds and what the report shows of them.</summary>
internal sealed class Latencies
{
    private readonly List<double> samples = [];
    private readonly System.Threading.Lock gate = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return samples.Count;
            }
        }
    }

    public void Add(double milliseconds)
    {
        lock (gate)
        {
            samples.Add(milliseconds);
        }
    }

    public void AddRange(Latencies other)
    {
        lock (gate)
        {
            samples.AddRange(other.Snapshot());
        }
    }

    private double[] Snapshot()
    {
        lock (gate)
        {
            return [.. samples];
        }
    }

    public LatencySummary Summarize()
    {
        var sorted = Snapshot();
        Array.Sort(sorted);
        if (sorted.Length == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(sorted.Length, sorted.Average(), Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted[^1]);
    }

    /// <summary>Nearest-rank percentile of sorted samples.</summary>
    private static double Percentile(double[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

internal sealed record LatencySummary(int Count, double Mean, double P50, double P95, double P99, double Max);
