using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace PbgdplPortal.Web.Tests.Search;

/// <summary>
/// Realistic citizen queries over the sample content, each with the items a reader would accept in
/// the first three results (tests/data/judged-queries.json, shared with the PostgreSQL full-text
/// comparison benchmark).
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class JudgedQueriesTests(SqlitePortal portal, ITestOutputHelper output)
{
    private const double RequiredHitsAt3 = 0.90;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string[] Kinds = ["no-diacritics", "diacritics", "nfd", "old-tone", "citation", "phrase", "audience", "topic", "provision"];

    private sealed record JudgedQuery(string Query, string Kind, List<string> Relevant);

    private static List<JudgedQuery> Load()
    {
        var path = Path.Combine(TestPaths.Repository, "tests", "data", "judged-queries.json");
        return JsonSerializer.Deserialize<List<JudgedQuery>>(File.ReadAllText(path), Json)!;
    }

    [Fact]
    public async Task The_judged_set_is_well_formed_and_names_only_items_that_exist()
    {
        var queries = Load();
        var items = await SearchTestKit.ItemsAsync(portal);
        Assert.True(queries.Count >= 40, $"The judged set has only {queries.Count} queries.");
        Assert.All(queries, q =>
        {
            Assert.False(string.IsNullOrWhiteSpace(q.Query));
            Assert.Contains(q.Kind, Kinds);
            Assert.NotEmpty(q.Relevant);
            Assert.All(q.Relevant, id => Assert.True(items.ContainsKey(id), $"'{q.Query}' names {id}, which is not in the index."));
        });
        Assert.All(Kinds, kind => Assert.Contains(queries, q => q.Kind == kind));
        // The NFD queries must really be decomposed, or they test nothing.
        Assert.All(queries.Where(q => q.Kind == "nfd"), q => Assert.False(q.Query.IsNormalized(NormalizationForm.FormC), q.Query));
    }

    [Fact]
    public async Task At_least_nine_in_ten_judged_queries_have_a_right_answer_in_the_top_three()
    {
        var engine = await SearchTestKit.EngineAsync(portal);
        var queries = Load();
        var report = new StringBuilder();
        var hitsAt3 = 0;
        var reciprocalRanks = 0.0;
        var byKind = new Dictionary<string, (int Hits, int Count)>();
        foreach (var q in queries)
        {
            var top = engine.Top(q.Query, 10);
            var rank = top.FindIndex(q.Relevant.Contains) + 1;
            var hit = rank is > 0 and <= 3;
            hitsAt3 += hit ? 1 : 0;
            reciprocalRanks += rank > 0 ? 1.0 / rank : 0;
            var (kindHits, kindCount) = byKind.GetValueOrDefault(q.Kind);
            byKind[q.Kind] = (kindHits + (hit ? 1 : 0), kindCount + 1);
            if (!hit)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"MISS [{q.Kind}] '{q.Query}': first right answer at {(rank > 0 ? rank.ToString(CultureInfo.InvariantCulture) : "none")}; top 3: {string.Join(", ", top.Take(3))}");
            }
        }
        var share = (double)hitsAt3 / queries.Count;
        var mrr = reciprocalRanks / queries.Count;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"Judged queries: {queries.Count}; hits@3 {hitsAt3}/{queries.Count} = {share:P1}; MRR@10 {mrr:F3}");
        report.Insert(0, summary + Environment.NewLine + string.Join(Environment.NewLine,
            byKind.Select(k => string.Create(CultureInfo.InvariantCulture, $"  {k.Key}: {k.Value.Hits}/{k.Value.Count}"))) + Environment.NewLine);
        output.WriteLine(report.ToString());
        Console.WriteLine(report.ToString());
        Assert.True(share >= RequiredHitsAt3, report.ToString());
    }
}
