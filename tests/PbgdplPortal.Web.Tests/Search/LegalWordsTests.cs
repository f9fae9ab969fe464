using System.Text.RegularExpressions;

namespace PbgdplPortal.Web.Tests.Search;

/// <summary>Words other search engines drop as stopwords carry meaning in law and are searchable.</summary>
[Collection(SqliteCollection.Name)]
public sealed partial class LegalWordsTests(SqlitePortal portal)
{
    [GeneratedRegex(@"\bĐiều 5\b")]
    private static partial Regex Article5();

    [Theory]
    [InlineData("điều")]
    [InlineData("không")]
    [InlineData("được")]
    [InlineData("năm")]
    [InlineData("số")]
    [InlineData("người")]
    public async Task Common_words_of_legal_text_are_indexed_and_found(string word)
    {
        var engine = await SearchTestKit.EngineAsync(portal);
        Assert.NotEmpty(engine.Top(word));
    }

    [Fact]
    public async Task Điều_5_finds_items_that_quote_article_5_first()
    {
        var engine = await SearchTestKit.EngineAsync(portal);
        var items = await SearchTestKit.ItemsAsync(portal);
        var top = engine.Top("Điều 5", 3);
        Assert.Equal(3, top.Count);
        Assert.All(top, id => Assert.Matches(Article5(), items[id].Text));
        var snippet = engine.Search(new PbgdplPortal.Search.SearchRequest { Query = "Điều 5" }).Hits[0].SnippetHtml;
        Assert.Contains("<mark>Điều</mark> <mark>5</mark>", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provision_and_the_law_named_in_words_find_the_articles_explaining_it()
    {
        var engine = await SearchTestKit.EngineAsync(portal);
        Assert.Equal("article:quyen-cua-tre-em", engine.Top("Điều 5 Luật Trẻ em").FirstOrDefault());
        Assert.Contains("article:dieu-kien-ket-hon", engine.Top("khoản 2 Điều 5 luật hôn nhân và gia đình", 3));
    }

    [Fact]
    public async Task A_negation_is_searched_as_part_of_the_phrase()
    {
        var engine = await SearchTestKit.EngineAsync(portal);
        var items = await SearchTestKit.ItemsAsync(portal);
        var top = engine.Top("những việc không được làm", 2);
        Assert.NotEmpty(top);
        Assert.All(top, id => Assert.True(SearchTestKit.HasPhrase(SearchTestKit.Words(items[id]), "không được làm"), $"{id} does not say \"không được làm\"."));
    }
}
