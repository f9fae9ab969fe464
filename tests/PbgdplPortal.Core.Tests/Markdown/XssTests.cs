using AngleSharp.Html.Parser;
using PbgdplPortal.Markdown;

namespace PbgdplPortal.Core.Tests.Markdown;

/// <summary>
/// Whatever an author writes, the rendered HTML has no active content: no scripting elements, no
/// event handler attributes, and no address with a scheme other than http, https, mailto or tel.
/// </summary>
public class XssTests
{
    public static TheoryData<string> Vectors => XssCorpus.Vectors;

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Rendered_HTML_has_no_active_content(string markdown)
    {
        var html = MarkdownRenderer.ToHtml(markdown);
        Assert.True(XssCorpus.ActiveContent(html) is [], $"{string.Join(", ", XssCorpus.ActiveContent(html))} in {html}");
    }

    [Fact]
    public void The_check_of_these_tests_finds_active_content_in_unsanitized_HTML()
    {
        var unsafeHtml = Markdig.Markdown.ToHtml("<img src=x onerror=alert(1)>\n\n[x](JaVaScRiPt:alert(1)) <svg></svg>");
        Assert.Equal(["onerror=\"alert(1)\"", "href=\"JaVaScRiPt:alert(1)\"", "<svg>"], XssCorpus.ActiveContent(unsafeHtml));
    }

    [Fact]
    public void The_corpus_has_at_least_forty_vectors() => Assert.True(Vectors.Count >= 40);

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">bấm</a>")]
    public void Raw_HTML_attacks_are_shown_to_the_reader_as_text(string markdown)
    {
        var body = new HtmlParser().ParseDocument(MarkdownRenderer.ToHtml(markdown)).Body!;
        Assert.Equal(markdown, body.TextContent.Trim());
    }

    [Theory]
    [InlineData("[bấm vào đây](javascript:alert(1))")]
    [InlineData("[bấm vào đây](data:text/html,abc)")]
    public void A_link_with_a_forbidden_scheme_keeps_its_text_and_loses_its_address(string markdown)
    {
        var body = new HtmlParser().ParseDocument(MarkdownRenderer.ToHtml(markdown)).Body!;
        Assert.Equal("bấm vào đây", body.TextContent.Trim());
        Assert.Null(body.QuerySelector("[href]"));
    }

    [Theory]
    [InlineData("JAVASCRIPT:alert(1)", "javascript")]
    [InlineData(" \tjava\nscript:alert(1)", "javascript")]
    [InlineData("\u0001javascript:alert(1)", "javascript")]
    [InlineData("/van-ban/a:b", null)]
    [InlineData("java%0ascript:alert(1)", null)]
    [InlineData("https://example.vn", "https")]
    public void The_scheme_check_of_these_tests_reads_addresses_as_a_browser_does(string address, string? scheme) =>
        Assert.Equal(scheme, XssCorpus.SchemeOf(address));
}
