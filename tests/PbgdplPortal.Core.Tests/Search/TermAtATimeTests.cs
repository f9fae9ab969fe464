using Lucene.Net.Search;
using PbgdplPortal.Search;

namespace PbgdplPortal.Core.Tests.Search;

/// <summary>
/// The term-at-a-time evaluation finds the items the Lucene query of the same search matches, with
/// the same scores, in the same order (the Lucene query is kept as its reference).
/// </summary>
public sealed class TermAtATimeTests : IDisposable
{
    private static readonly string[] Syllables =
    [
        "kết", "kệt", "hôn", "hơn", "hỏn", "ngư", "người", "dân", "dẫn", "đất", "đặt", "quyền", "sử", "dụng", "giấy", "chứng", "nhận",
        "thu", "hồi", "hòa", "giải", "cơ", "có", "sở", "nồng", "độ", "cồn", "nông", "tàu", "cá", "cà", "ca", "bảo", "vệ", "dữ", "liệu",
    ];

    private static readonly string[] Phrases = ["quyền sử dụng đất", "nồng độ cồn", "kết hôn", "ngư dân"];

    private static readonly string[] Numbers = ["100/2019/nd-cp", "168/2024/nd-cp", "52/2014/qh13"];

    private readonly string path = Directory.CreateTempSubdirectory("pbgdpl-taat-").FullName;
    private readonly SearchIndex index;

    public TermAtATimeTests()
    {
        index = SearchIndex.Open(path);
        var random = new Random(20261128);
        // Word salad over a few syllables, some of them as phrases.
        string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => random.Next(12) == 0
            ? Phrases[random.Next(Phrases.Length)]
            : Syllables[(int)(Syllables.Length * Math.Pow(random.NextDouble(), 1.6))]));
        for (var i = 0; i < 400; i++)
        {
            var cites = Enumerable.Range(0, random.Next(3)).Select(_ => Numbers[random.Next(Numbers.Length)]).ToList();
            index.Upsert(new SearchDocument
            {
                Type = i % 10 == 0 ? "document" : "article",
                Key = $"item-{i}",
                Title = Words(random.Next(3, 9)),
                Text = Words(random.Next(20, 120)),
                Keywords = Words(random.Next(0, 4)),
                Url = $"/item-{i}",
                Published = new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(random.Next(3650)),
                NumberKey = i < Numbers.Length ? Numbers[i] : null,
                Cites = cites,
                Mentions = random.Next(5) == 0 ? [Numbers[random.Next(Numbers.Length)]] : [],
                Topics = [new FacetValue($"topic-{i % 4}", $"Chủ đề {i % 4}")],
            });
        }
        index.Commit(1);
        index.Refresh();
    }

    [Theory]
    [InlineData("kết hôn")]
    [InlineData("ket hon")]
    [InlineData("người dân")]
    [InlineData("ngư dân có quyền sử dụng đất")]
    [InlineData("hoà giải ở cơ sở")]
    [InlineData("cá")]
    [InlineData("\"quyền sử dụng đất\"")]
    [InlineData("\"nong do con\" tàu cá")]
    [InlineData("\"dân\"")]
    [InlineData("100/2019/NĐ-CP")]
    [InlineData("nghị định 168/2024/NĐ-CP")]
    [InlineData("52/2014/QH13 \"kết hôn\"")]
    public void Finds_and_scores_what_the_lucene_query_finds_and_scores(string query)
    {
        var parsed = ParsedQuery.Parse(SearchText.Normalize(query));
        foreach (var strict in new[] { true, false })
        {
            index.Search(searcher =>
            {
                var expected = searcher.Search(parsed.ToQuery(searcher, strict), 50);
                var actual = TermAtATime.Run(searcher, parsed, strict, [], DateTime.UtcNow, newest: false, keep: 50);
                Assert.Equal(expected.TotalHits, actual.Total);
                Assert.True(expected.TotalHits > 0, $"'{query}' matches nothing: a poor test");
                Assert.Equal(expected.ScoreDocs.Length, actual.Top.Length);
                for (var i = 0; i < actual.Top.Length; i++)
                {
                    // The same numbers, up to the order in which floats are added: equal scores may swap.
                    Assert.Equal(expected.ScoreDocs[i].Score, actual.Top[i].Score, expected.ScoreDocs[i].Score * 1e-5f);
                    if (expected.ScoreDocs[i].Doc != actual.Top[i].Doc)
                    {
                        Assert.Contains(expected.ScoreDocs, sd => sd.Doc == actual.Top[i].Doc && Math.Abs(sd.Score - actual.Top[i].Score) <= sd.Score * 1e-5f);
                    }
                }
                return 0;
            });
        }
    }

    [Theory]
    [InlineData("kết hôn")]
    [InlineData("\"quyền sử dụng đất\"")]
    [InlineData("168/2024/NĐ-CP")]
    public void Newest_first_finds_the_same_items_in_date_order(string query)
    {
        var parsed = ParsedQuery.Parse(SearchText.Normalize(query));
        index.Search(searcher =>
        {
            var sort = new Sort(new SortField("published_dv", SortFieldType.INT64, reverse: true));
            var expected = searcher.Search(parsed.ToQuery(searcher, strict: true), null, 30, sort);
            var actual = TermAtATime.Run(searcher, parsed, strict: true, [], DateTime.UtcNow, newest: true, keep: 30);
            Assert.Equal(expected.TotalHits, actual.Total);
            Assert.Equal(expected.ScoreDocs.Select(sd => sd.Doc), actual.Top.Select(sd => sd.Doc));
            return 0;
        });
    }

    [Fact]
    public void Facet_counts_add_up_to_the_total_and_a_chosen_value_keeps_its_dimension_counted_without_it()
    {
        var parsed = ParsedQuery.Parse("kết hôn");
        index.Search(searcher =>
        {
            var all = TermAtATime.Run(searcher, parsed, strict: true, [], DateTime.UtcNow, newest: false, keep: 10);
            Assert.Equal(all.Total, all.Facets[Facets.Topic].Sum(f => f.Count));
            Assert.Equal(all.Total, all.Facets[Facets.Type].Sum(f => f.Count));
            var one = TermAtATime.Run(searcher, parsed, strict: true, [(Facets.Topic, "topic-1")], DateTime.UtcNow, newest: false, keep: 10);
            Assert.Equal(all.Facets[Facets.Topic].Single(f => f.Value == "topic-1").Count, one.Total);
            Assert.Equal(all.Facets[Facets.Topic].OrderBy(f => f.Value), one.Facets[Facets.Topic].OrderBy(f => f.Value));
            Assert.Equal(one.Total, one.Facets[Facets.Type].Sum(f => f.Count));
            return 0;
        });
    }

    [Fact]
    public void Over_several_segments_hides_deleted_scheduled_and_expired_items_as_the_lucene_query_does_before_and_after_merging()
    {
        var now = DateTime.UtcNow;
        // Later batches, each refreshed on its own, land in segments of their own.
        for (var batch = 0; batch < 3; batch++)
        {
            for (var i = 0; i < 30; i++)
            {
                index.Upsert(new SearchDocument
                {
                    Type = "article",
                    Key = $"late-{batch}-{i}",
                    Title = i % 2 == 0 ? "người dân kết hôn" : "hôn nhân của người dân",
                    Text = $"ngư dân có quyền sử dụng đất {i}",
                    Url = $"/late-{batch}-{i}",
                    Published = now.AddDays(-i),
                    // A third scheduled, a third expired, a third visible until later.
                    VisibleFrom = i % 3 == 0 ? now.AddHours(1) : now.AddDays(-1),
                    VisibleUntil = i % 3 == 1 ? now.AddMinutes(-1) : now.AddHours(2),
                    Topics = [new FacetValue($"topic-{i % 4}", $"Chủ đề {i % 4}")],
                });
            }
            index.Delete("article", $"item-{batch}");
            index.Refresh();
        }
        Assert.True(index.SegmentCount > 1, "the test needs several segments");
        var parsed = ParsedQuery.Parse(SearchText.Normalize("người dân kết hôn"));

        (int Total, List<(string Key, float Score)> Top, string Facets) Run() => index.Search(searcher =>
        {
            var visible = new BooleanQuery
            {
                { parsed.ToQuery(searcher, strict: true), Occur.MUST },
                { NumericRangeQuery.NewInt64Range(Fields.VisibleFrom, now.Ticks, null, false, true), Occur.MUST_NOT },
                { NumericRangeQuery.NewInt64Range(Fields.VisibleUntil, null, now.Ticks, true, true), Occur.MUST_NOT },
            };
            var expected = searcher.Search(visible, 40);
            var actual = TermAtATime.Run(searcher, parsed, strict: true, [], now, newest: false, keep: 40);
            Assert.Equal(expected.TotalHits, actual.Total);
            Assert.Equal(expected.ScoreDocs.Select(sd => sd.Score), actual.Top.Select(sd => sd.Score), (a, b) => Math.Abs(a - b) <= a * 1e-5f);
            Assert.Equal(actual.Total, actual.Facets[Facets.Topic].Sum(f => f.Count));
            var keys = actual.Top.Select(sd => (searcher.Doc(sd.Doc).Get(Fields.Key), sd.Score)).ToList();
            Assert.DoesNotContain(keys, k => k.Item1 is "item-0" or "item-1" or "item-2");
            Assert.All(keys.Where(k => k.Item1.StartsWith("late-", StringComparison.Ordinal)), k => Assert.Equal(2, int.Parse(k.Item1.Split('-')[2]) % 3));
            return (actual.Total, keys, string.Join(";", actual.Facets[Facets.Topic].OrderBy(f => f.Value).Select(f => $"{f.Value}={f.Count}")));
        });

        var before = Run();
        Assert.Contains(before.Top, k => k.Key.StartsWith("late-", StringComparison.Ordinal));
        index.MergeSegments();
        index.Refresh();
        Assert.Equal(1, index.SegmentCount);
        var after = Run();
        Assert.Equal(before.Total, after.Total);
        Assert.Equal(before.Facets, after.Facets);
        // Scores may move a little: the deleted items leave the statistics (lengths, frequencies) with the merge.
    }

    public void Dispose()
    {
        index.Dispose();
        Directory.Delete(path, recursive: true);
    }
}
