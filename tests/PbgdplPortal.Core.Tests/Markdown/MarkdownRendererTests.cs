using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PbgdplPortal.Markdown;

namespace PbgdplPortal.Core.Tests.Markdown;

public class MarkdownRendererTests
{
    private static readonly HtmlParser Parser = new();

    private static IDocument Render(string markdown, Func<string, string?>? documentUrl = null) =>
        Parser.ParseDocument(MarkdownRenderer.ToHtml(markdown, documentUrl));

    [Fact]
    public void A_pipe_table_renders_as_a_table()
    {
        var html = Render("""
            | Đối tượng | Tuổi kết hôn |
            |---|---|
            | Nam | 20 |
            | Nữ | 18 |
            """);
        var table = Assert.Single(html.QuerySelectorAll("table"));
        Assert.Equal(["Đối tượng", "Tuổi kết hôn"], table.QuerySelectorAll("th").Select(c => c.TextContent));
        Assert.Equal(2, table.QuerySelectorAll("tbody tr").Length);
        Assert.Equal("18", table.QuerySelectorAll("tbody tr")[1].QuerySelectorAll("td")[1].TextContent);
    }

    [Fact]
    public void Headings_get_distinct_ids_for_anchors()
    {
        var html = Render("""
            ## Dieu kien ket hon

            ## Hồ sơ đăng ký

            ## Hồ sơ đăng ký
            """);
        var headings = html.QuerySelectorAll("h2");
        Assert.Equal(3, headings.Length);
        Assert.Equal("dieu-kien-ket-hon", headings[0].Id);
        Assert.All(headings, h => Assert.False(string.IsNullOrEmpty(h.Id)));
        Assert.Equal(3, headings.Select(h => h.Id).Distinct().Count());
    }

    [Fact]
    public void Bulleted_and_numbered_lists_render_as_lists()
    {
        var html = Render("""
            - Giấy tờ tùy thân
            - Tờ khai đăng ký kết hôn

            1. Nộp hồ sơ
            2. Nhận kết quả
            """);
        Assert.Equal(2, html.QuerySelectorAll("ul > li").Length);
        Assert.Equal(["Nộp hồ sơ", "Nhận kết quả"], html.QuerySelectorAll("ol > li").Select(li => li.TextContent));
    }

    [Fact]
    public void Emphasis_renders()
    {
        var html = Render("**Lưu ý:** hồ sơ nộp *trực tiếp* hoặc ~~qua bưu điện~~.");
        Assert.Equal("Lưu ý:", html.QuerySelector("strong")?.TextContent);
        Assert.Equal("trực tiếp", html.QuerySelector("em")?.TextContent);
    }

    [Theory]
    [InlineData("[Cổng dịch vụ công](https://dichvucong.gov.vn/p/home)", "https://dichvucong.gov.vn/p/home")]
    [InlineData("[trang trước](/van-ban/luat-ho-tich-2014)", "/van-ban/luat-ho-tich-2014")]
    [InlineData("[mục dưới](#ho-so)", "#ho-so")]
    [InlineData("[gửi thư](mailto:sotuphap@camau.gov.vn)", "mailto:sotuphap@camau.gov.vn")]
    [InlineData("[gọi tổng đài](tel:+842903831234)", "tel:+842903831234")]
    [InlineData("<https://camau.gov.vn>", "https://camau.gov.vn")]
    [InlineData("Xem https://camau.gov.vn/tin-tuc để biết thêm.", "https://camau.gov.vn/tin-tuc")]
    public void Links_with_allowed_addresses_render_as_links(string markdown, string href)
    {
        var link = Assert.Single(Render(markdown).QuerySelectorAll("a"));
        Assert.Equal(href, link.GetAttribute("href"));
    }

    [Fact]
    public void External_links_are_marked_nofollow_and_noopener()
    {
        var link = Render("[Cổng](https://example.vn)").QuerySelector("a")!;
        Assert.Contains("nofollow", link.GetAttribute("rel") ?? "", StringComparison.Ordinal);
        Assert.Contains("noopener", link.GetAttribute("rel") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_with_an_allowed_address_renders_lazily()
    {
        var image = Assert.Single(Render("![Sơ đồ thủ tục](/media/so-do.png)").QuerySelectorAll("img"));
        Assert.Equal("/media/so-do.png", image.GetAttribute("src"));
        Assert.Equal("Sơ đồ thủ tục", image.GetAttribute("alt"));
        Assert.Equal("lazy", image.GetAttribute("loading"));
    }

    [Fact]
    public void Raw_HTML_is_shown_as_text_never_as_tags()
    {
        var html = Render("""
            Chữ <b>đậm</b> và <span style="color:red">đỏ</span>.

            <div class="hop">
            <p>Khối HTML</p>
            </div>
            """);
        Assert.Null(html.Body!.QuerySelector("b, span, div"));
        Assert.Contains("<b>đậm</b>", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("<div class=\"hop\">", html.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Decomposed_text_is_rendered_composed()
    {
        var html = MarkdownRenderer.ToHtml("Hòa giải ở cơ sở".Normalize(System.Text.NormalizationForm.FormD));
        Assert.Contains("Hòa giải ở cơ sở", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_drops_the_markup()
    {
        var text = MarkdownRenderer.ToPlainText("## Tiêu đề\n\n**Đậm** và [liên kết](https://example.vn).");
        Assert.Contains("Đậm và liên kết", text, StringComparison.Ordinal);
        Assert.DoesNotContain("**", text, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_of_the_media_library_get_their_smaller_copies_size_and_lazy_loading_and_other_images_do_not()
    {
        var stored = new PbgdplPortal.Media.MediaImage("img/ab/so-do.png", 1600, 900,
            "img/ab/so-do-320.webp 320 180 9000\nimg/ab/so-do-640.webp 640 360 20000\nimg/ab/so-do-1280.webp 1280 720 60000\n");
        var markdown = "![Sơ đồ](/media/img/ab/so-do.png)\n\n![Khác](/media/img/ab/chua-luu.png)\n\n![Ngoài](https://example.org/a.png)";
        Assert.Equal(["img/ab/so-do.png", "img/ab/chua-luu.png"], MarkdownRenderer.MediaImageKeys(markdown));
        var html = Parser.ParseDocument(MarkdownRenderer.ToHtml(markdown, null, key => key == stored.StorageKey ? stored : null));
        var images = html.QuerySelectorAll("img");
        Assert.Equal(3, images.Length);
        var sized = images[0];
        Assert.Equal("/media/img/ab/so-do-640.webp", sized.GetAttribute("src"));
        Assert.Equal("/media/img/ab/so-do-320.webp 320w, /media/img/ab/so-do-640.webp 640w, /media/img/ab/so-do-1280.webp 1280w, /media/img/ab/so-do.png 1600w",
            sized.GetAttribute("srcset"));
        Assert.Equal(MarkdownRenderer.BodyImageSizes, sized.GetAttribute("sizes"));
        Assert.Equal(("1600", "900"), (sized.GetAttribute("width"), sized.GetAttribute("height")));
        Assert.Equal("lazy", sized.GetAttribute("loading"));
        Assert.Equal("Sơ đồ", sized.GetAttribute("alt"));
        foreach (var other in images.Skip(1))
        {
            Assert.Null(other.GetAttribute("srcset"));
            Assert.Null(other.GetAttribute("width"));
            Assert.Equal("lazy", other.GetAttribute("loading"));
        }
    }
}
