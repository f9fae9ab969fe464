using System.Diagnostics;

namespace PbgdplPortal.Benchmarks;

/// <summary>What one load level measured.</summary>
internal sealed record LoadResult(int Clients, LatencySummary Latency, double Throughput, int Errors, TimeSpan Elapsed, CpuUse Cpu,
    IReadOnlyDictionary<string, LatencySummary> ByKind);

/// <summary>
/// A closed-loop load generator: each client sends a query, waits for the whole answer, then sends
/// the next, walking the query mix in its own shuffled order, until the time or the request budget
/// is spent. Latency is measured per request; throughput is completed requests per second.
/// </summary>
internal static class ClosedLoop
{
    public static async Task<LoadResult> RunAsync(IReadOnlyList<BenchQuery> mix, int clients, TimeSpan duration, int maxRequests,
        Func<BenchQuery, CancellationToken, Task> execute, int seed, Func<double>? serverCpuSeconds = null)
    {
        var all = new Latencies();
        var byKind = mix.Select(q => q.Kind).Distinct().ToDictionary(k => k, _ => new Latencies());
        var errors = 0;
        var issued = 0;
        using var stop = new CancellationTokenSource(duration);
        var cpuBefore = CpuSnapshot.Take(serverCpuSeconds);
        var started = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(seed + client);
            var order = mix.ToArray();
            while (!stop.IsCancellationRequested)
            {
                random.Shuffle(order);
                foreach (var query in order)
                {
                    if (stop.IsCancellationRequested || Interlocked.Increment(ref issued) > maxRequests)
                    {
                        return;
                    }
                    var begin = Stopwatch.GetTimestamp();
                    try
                    {
                        await execute(query, CancellationToken.None);
                        var ms = Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
                        all.Add(ms);
                        byKind[query.Kind].Add(ms);
                    }
                    catch (Exception e) when (e is HttpRequestException or InvalidOperationException or Npgsql.NpgsqlException or TaskCanceledException)
                    {
                        if (Interlocked.Increment(ref errors) <= 3)
                        {
                            Console.Error.WriteLine($"  error on '{query.Text}': {e.Message}");
                        }
                    }
                }
            }
        })).ToList();
        await Task.WhenAll(tasks);
        var elapsed = started.Elapsed;
                return new LoadResult(clients, all.Summarize(), all.Count / elapsed.TotalSeconds, errors, elapsed, CpuSnapshot.Take(serverCpuSeconds) - cpuBefore,
            byKind.ToDictionary(p => p.Key, p => p.Value.Summarize()));
    }
}
