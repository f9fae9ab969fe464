namespace PbgdplPortal.Web.Tests.Search;

/// <summary>Readers type with or without diacritics; both find the text, and what was typed exactly ranks first.</summary>
[Collection(SqliteCollection.Name)]
public sealed class DiacriticsTests(SqlitePortal portal)
{
    [Theory]
    [InlineData("dang ky ket hon")]
    [InlineData("DANG KY KET HON")]
    [InlineData("Đăng ký kết hôn")]
    public async Task A_query_with_or_without_diacritics_finds_the_text_written_with_them(string query)
    {
        var engine = await SearchTestKit.EngineAsync(portal);
        Assert.Equal("article:dang-ky-ket-hon", engine.Top(query).FirstOrDefault());
    }

    [Theory]
    [InlineData("luật đất đai")]
    [InlineData("luat dat dai")]
    [InlineData("LUẬT ĐẤT ĐAI")]
    [InlineData("Luat Dat Dai")]
    [InlineData("luat đat đai")]
    public async Task Đ_and_d_are_interchangeable(string query)
    {
        var engine = await SearchTestKit.EngineAsync(portal);
        Assert.Equal("document:luat-dat-dai-2024", engine.Top(query).FirstOrDefault());
    }

    [Fact]
    public async Task Đ_typed_where_the_text_has_d_still_finds_it()
    {
        var engine = await SearchTestKit.EngineAsync(portal);
        // "doanh nghiệp" is written with a plain d everywhere.
        Assert.Equal(engine.Top("doanh nghiep", 5), engine.Top("đoanh nghiệp", 5));
    }

    [Theory]
    [InlineData("tôm")] // folds to "tom" like "tóm" (tóm tắt), which is in every document
    [InlineData("cồn")] // like "con", "còn"
    [InlineData("bạo")] // like "bảo", "báo"
    [InlineData("đất")] // like "đặt", "đạt"
    public async Task Typed_with_diacritics_exact_matches_rank_above_matches_that_agree_only_after_folding(string word)
    {
        var engine = await SearchTestKit.EngineAsync(portal);
        var items = await SearchTestKit.ItemsAsync(portal);
        var hits = engine.Top(word, 100);
        var exact = hits.Select(id => items[id]).Select(i => SearchTestKit.Words(i).Contains($" {word} ", StringComparison.Ordinal)).ToList();
        Assert.Contains(true, exact);
        Assert.Contains(false, exact);
        var lastExact = exact.LastIndexOf(true);
        var firstFoldedOnly = exact.IndexOf(false);
        Assert.True(lastExact < firstFoldedOnly,
            $"'{word}': {hits[firstFoldedOnly]} (folded only) ranks above {hits[lastExact]} (exact). Order: {string.Join(", ", hits.Zip(exact, (h, e) => e ? h : h + " (folded)"))}");
    }
}
