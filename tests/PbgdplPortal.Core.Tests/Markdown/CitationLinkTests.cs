using AngleSharp.Html.Parser;
using PbgdplPortal.Markdown;

namespace PbgdplPortal.Core.Tests.Markdown;

public class CitationLinkTests
{
    private static string? KnownDocuments(string key) => key switch
    {
        "52/2014/qh13" => "/van-ban/luat-hon-nhan-va-gia-dinh-2014",
        "100/2019/nd-cp" => "/van-ban/nghi-dinh-100-2019-nd-cp",
        _ => null,
    };

    private static AngleSharp.Dom.IElement Render(string markdown) =>
        new HtmlParser().ParseDocument(MarkdownRenderer.ToHtml(markdown, KnownDocuments)).Body!;

    [Fact]
    public void A_number_the_portal_holds_becomes_a_link_to_its_page()
    {
        var body = Render("Điều kiện kết hôn theo Luật 52/2014/QH13.");
        var link = Assert.Single(body.QuerySelectorAll("a"));
        Assert.Equal("/van-ban/luat-hon-nhan-va-gia-dinh-2014", link.GetAttribute("href"));
        Assert.Equal("52/2014/QH13", link.TextContent);
        Assert.Equal("Điều kiện kết hôn theo Luật 52/2014/QH13.", body.TextContent.Trim());
    }

    [Fact]
    public void The_resolver_is_asked_with_the_folded_key_so_any_spelling_is_linked()
    {
        var body = Render("Xem Nghị định 100/2019/nđ-cp và 100/2019/NĐ-CP.");
        Assert.Equal(["/van-ban/nghi-dinh-100-2019-nd-cp", "/van-ban/nghi-dinh-100-2019-nd-cp"],
            body.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void Several_numbers_in_one_sentence_are_each_linked_and_the_text_between_is_kept()
    {
        var body = Render("Căn cứ 52/2014/QH13, 138/KH-UBND và **100/2019/NĐ-CP**; hết.");
        Assert.Equal(["52/2014/QH13", "100/2019/NĐ-CP"], body.QuerySelectorAll("a").Select(a => a.TextContent));
        Assert.Equal("Căn cứ 52/2014/QH13, 138/KH-UBND và 100/2019/NĐ-CP; hết.", body.TextContent.Trim());
    }

    [Fact]
    public void A_number_the_portal_does_not_hold_stays_text()
    {
        var body = Render("Theo Luật 91/2015/QH13 và Kế hoạch 138/KH-UBND.");
        Assert.Empty(body.QuerySelectorAll("a"));
        Assert.Equal("Theo Luật 91/2015/QH13 và Kế hoạch 138/KH-UBND.", body.TextContent.Trim());
    }

    [Fact]
    public void A_number_inside_an_existing_link_is_not_linked_again()
    {
        var body = Render("Xem [Luật 52/2014/QH13 trên Cổng pháp luật](https://vbpl.vn/van-ban/52-2014-qh13) và [**52/2014/QH13**](/khac).");
        Assert.Equal(["https://vbpl.vn/van-ban/52-2014-qh13", "/khac"], body.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Empty(body.QuerySelectorAll("a a"));
    }

    [Fact]
    public void A_number_inside_a_bare_web_address_is_not_linked()
    {
        var body = Render("Nguồn: https://vbpl.vn/tw/Pages/52/2014/QH13 (bản gốc).");
        var link = Assert.Single(body.QuerySelectorAll("a"));
        Assert.StartsWith("https://vbpl.vn/", link.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_in_code_is_not_linked()
    {
        var body = Render("Gõ `52/2014/QH13` vào ô tìm kiếm.\n\n```\nLuật 52/2014/QH13\n```");
        Assert.Empty(body.QuerySelectorAll("a"));
        Assert.Equal(["52/2014/QH13", "Luật 52/2014/QH13\n"], body.QuerySelectorAll("code").Select(c => c.TextContent));
    }

    [Fact]
    public void A_number_in_image_alt_text_is_not_linked()
    {
        var body = Render("![Trang bìa Luật 52/2014/QH13](/media/bia.png)");
        Assert.Empty(body.QuerySelectorAll("a"));
        Assert.Equal("Trang bìa Luật 52/2014/QH13", body.QuerySelector("img")?.GetAttribute("alt"));
    }

    [Fact]
    public void Numbers_in_headings_tables_and_lists_are_linked()
    {
        var body = Render("""
            ## Luật 52/2014/QH13

            | Văn bản | Ghi chú |
            |---|---|
            | 100/2019/NĐ-CP | hết hiệu lực |

            - 52/2014/QH13
            """);
        Assert.Equal(3, body.QuerySelectorAll("a").Length);
        Assert.NotNull(body.QuerySelector("h2 a"));
        Assert.NotNull(body.QuerySelector("td a"));
        Assert.NotNull(body.QuerySelector("li a"));
    }

    [Fact]
    public void Without_a_resolver_nothing_is_linked() =>
        Assert.DoesNotContain("<a", MarkdownRenderer.ToHtml("Theo Luật 52/2014/QH13."), StringComparison.Ordinal);
}
