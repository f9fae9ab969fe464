namespace PbgdplPortal.Web.Tests.Search;

/// <summary>Where the words are matters: titles over bodies, words side by side over scattered words.</summary>
[Collection(SqliteCollection.Name)]
public sealed class RankingTests(SqlitePortal portal)
{
    [Theory]
    [InlineData("khai sinh")]
    [InlineData("hợp đồng lao động")]
    [InlineData("mũ bảo hiểm")]
    [InlineData("bạo lực gia đình")]
    [InlineData("khuyet tat")]
    [InlineData("an ninh mạng")]
    [InlineData("hoa giai")]
    public async Task Items_with_the_words_in_their_title_rank_above_items_with_them_only_in_the_body(string query)
    {
        var engine = await SearchTestKit.EngineAsync(portal);
        var items = await SearchTestKit.ItemsAsync(portal);
        var phrase = SearchTestKit.Folded(query.ToLowerInvariant());
        var hits = engine.Top(query, 100);
        var inTitle = hits.Select(id => SearchTestKit.HasPhrase(SearchTestKit.Folded(SearchTestKit.Words(items[id], titleOnly: true)), phrase)).ToList();
        Assert.Contains(true, inTitle);
        Assert.Contains(false, inTitle);
        Assert.True(inTitle.LastIndexOf(true) < inTitle.IndexOf(false),
            $"'{query}': {string.Join(", ", hits.Zip(inTitle, (h, t) => t ? h + " (title)" : h))}");
    }

    [Theory]
    [InlineData("tàu cá")]
    [InlineData("tre em")]
    [InlineData("hôn nhân")]
    [InlineData("lao động")]
    [InlineData("thu hoi")]
    [InlineData("dữ liệu")]
    public async Task The_first_results_have_the_words_side_by_side_before_any_with_them_scattered(string query)
    {
        var engine = await SearchTestKit.EngineAsync(portal);
        var items = await SearchTestKit.ItemsAsync(portal);
        var folded = SearchTestKit.Folded(query.ToLowerInvariant());
        var words = folded.Split(' ');
        var hits = engine.Top(query, 100)
            .Select(id => (Id: id, Words: SearchTestKit.Folded(SearchTestKit.Words(items[id]))))
            .Where(h => words.All(w => h.Words.Contains($" {w} ", StringComparison.Ordinal)))
            .Select(h => (h.Id, Adjacent: SearchTestKit.HasPhrase(h.Words, folded)))
            .ToList();
        Assert.Contains(hits, h => !h.Adjacent);
        var first = Math.Min(5, hits.Count(h => h.Adjacent));
        Assert.True(hits.Take(first).All(h => h.Adjacent),
            $"'{query}': {string.Join(", ", hits.Select(h => h.Adjacent ? h.Id + " (side by side)" : h.Id))}");
    }

    [Theory]
    [InlineData("ngu dan")]
    [InlineData("ngư dân")]
    public async Task Ngư_dân_finds_articles_for_fishermen_before_articles_about_người_dân(string query)
    {
        var engine = await SearchTestKit.EngineAsync(portal);
        var items = await SearchTestKit.ItemsAsync(portal);
        bool ForFishermen(string id) => items[id].Audiences.Any(a => a.Value == "ngu-dan");
        bool AboutNguoiDan(string id) => SearchTestKit.Words(items[id], titleOnly: true).Contains(" người dân ", StringComparison.Ordinal) && !ForFishermen(id);
        var top = engine.Top(query, 3);
        Assert.True(ForFishermen(top[0]), $"'{query}' starts with {top[0]}, which is not tagged for fishermen.");
        Assert.DoesNotContain(top, AboutNguoiDan);
        Assert.All(top, id => Assert.Contains(" ngư dân ", SearchTestKit.Words(items[id]), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("nong dan")]
    [InlineData("nông dân")]
    public async Task An_audience_finds_the_articles_aimed_at_it_before_look_alike_words(string query)
    {
        var engine = await SearchTestKit.EngineAsync(portal);
        var items = await SearchTestKit.ItemsAsync(portal);
        // "nong" is also "nồng" (nồng độ cồn): the article whose title has it must not come first for farmers.
        var first = engine.Top(query).First();
        Assert.Contains(items[first].Audiences, a => a.Value == "nong-dan");
        Assert.NotEqual("article:muc-phat-nong-do-con-khi-lai-xe", first);
    }
}
