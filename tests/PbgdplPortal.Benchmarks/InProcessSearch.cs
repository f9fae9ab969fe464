using System.Diagnostics;
using PbgdplPortal.Search;

namespace PbgdplPortal.Benchmarks;

internal sealed record QueryFacts(string Query, string Kind, int Total, double MedianMs);

internal sealed record InProcessResult(LatencySummary Latency, IReadOnlyDictionary<string, LatencySummary> ByKind, IReadOnlyList<QueryFacts> Queries,
    int Rounds, double WarmupSeconds, int IndexedDocuments);

/// <summary>
/// Query latency inside one process, without HTTP: <see cref="SearchEngine.Search"/> exactly as the
/// API calls it (first page of 10, snippets, facets), on one thread, each call timed on its own.
/// </summary>
internal static class InProcessSearch
{
    public static SearchEngine Engine(SearchIndex index) =>
        new(index, [new LegalDocumentSearchSource(), new ArticleSearchSource()], TimeProvider.System);

    public static InProcessResult Run(string indexPath, IReadOnlyList<BenchQuery> mix, TimeSpan warmup, int rounds, TimeSpan limit, int seed)
    {
        using var index = SearchIndex.Open(indexPath);
        var engine = Engine(index);
        // Warm-up: JIT (through tiering and PGO), the OS page cache and Lucene's per-segment caches.
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < warmup)
        {
            foreach (var query in mix)
            {
                engine.Search(new SearchRequest { Query = query.Text });
            }
        }
        var warmupSeconds = clock.Elapsed.TotalSeconds;
        var all = new Latencies();
        var byKind = mix.Select(q => q.Kind).Distinct().ToDictionary(k => k, _ => new Latencies());
        var byQuery = mix.ToDictionary(q => q, _ => new Latencies());
        var totals = new Dictionary<BenchQuery, int>();
        var random = new Random(seed);
        var order = mix.ToArray();
        var done = 0;
        clock.Restart();
        while (done < rounds && clock.Elapsed < limit)
        {
            random.Shuffle(order);
            foreach (var query in order)
            {
                var begin = Stopwatch.GetTimestamp();
                var result = engine.Search(new SearchRequest { Query = query.Text });
                var ms = Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
                all.Add(ms);
                byKind[query.Kind].Add(ms);
                byQuery[query].Add(ms);
                totals[query] = result.Total;
            }
            done++;
        }
        return new InProcessResult(all.Summarize(), byKind.ToDictionary(p => p.Key, p => p.Value.Summarize()),
            mix.Select(q => new QueryFacts(q.Text, q.Kind, totals.GetValueOrDefault(q), byQuery[q].Summarize().P50)).ToList(),
            done, warmupSeconds, index.DocumentCount);
    }
}
