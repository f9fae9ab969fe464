using System.Text.Json;
using Npgsql;
using PbgdplPortal.Search;

namespace PbgdplPortal.Benchmarks;

/// <summary>A query of the judged set (tests/data/judged-queries.json) and the items that answer it ("article:slug", "document:slug").</summary>
internal sealed record JudgedQuery(string Query, string Kind, IReadOnlyList<string> Relevant);

internal sealed record Score(int Queries, double HitsAt3, double MrrAt10);

internal sealed record EngineScore(Score All, IReadOnlyDictionary<string, Score> ByKind);

/// <summary>The rank (1-based) of the first relevant item in each engine's first 10 results, null when none.</summary>
internal sealed record JudgedOutcome(string Query, string Kind, int? PortalRank, int? PostgresRank, IReadOnlyList<string> PortalTop3, IReadOnlyList<string> PostgresTop3);

internal sealed record RelevanceResult(int Queries, EngineScore Portal, EngineScore Postgres, IReadOnlyList<JudgedOutcome> Outcomes);

/// <summary>hits@3 and MRR@10 of the portal's search and of PostgreSQL full-text search on the judged queries.</summary>
internal static class Relevance
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static List<JudgedQuery> Load(string path) =>
        JsonSerializer.Deserialize<List<JudgedQuery>>(File.ReadAllText(path), Json) ?? [];

    public static async Task<RelevanceResult> RunAsync(IReadOnlyList<JudgedQuery> judged, string indexPath, NpgsqlDataSource postgres)
    {
        using var index = SearchIndex.Open(indexPath);
        var engine = InProcessSearch.Engine(index);
        var outcomes = new List<JudgedOutcome>();
        foreach (var query in judged)
        {
            var portal = engine.Search(new SearchRequest { Query = query.Query, PageSize = 10 }).Hits.Select(h => h.Type + ":" + h.Key).ToList();
            var pg = await PostgresFullText.SearchAsync(postgres, query.Query, CancellationToken.None);
            outcomes.Add(new JudgedOutcome(query.Query, query.Kind, FirstRelevant(portal, query.Relevant), FirstRelevant(pg, query.Relevant),
                portal.Take(3).ToList(), pg.Take(3).ToList()));
        }
        return new RelevanceResult(judged.Count, Scores(outcomes, o => o.PortalRank), Scores(outcomes, o => o.PostgresRank), outcomes);
    }

    private static int? FirstRelevant(List<string> keys, IReadOnlyList<string> relevant)
    {
        var i = keys.FindIndex(k => relevant.Contains(k, StringComparer.Ordinal));
        return i < 0 ? null : i + 1;
    }

    private static EngineScore Scores(List<JudgedOutcome> outcomes, Func<JudgedOutcome, int?> rank) =>
        new(Score(outcomes, rank), outcomes.GroupBy(o => o.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Score(g.ToList(), rank)));

    private static Score Score(List<JudgedOutcome> outcomes, Func<JudgedOutcome, int?> rank) =>
        outcomes.Count == 0
            ? new Score(0, 0, 0)
            : new Score(outcomes.Count,
                outcomes.Count(o => rank(o) is <= 3) / (double)outcomes.Count,
                outcomes.Sum(o => rank(o) is { } r ? 1.0 / r : 0) / outcomes.Count);
}
