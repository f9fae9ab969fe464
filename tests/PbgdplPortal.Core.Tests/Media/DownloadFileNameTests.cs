using PbgdplPortal.Media;

namespace PbgdplPortal.Core.Tests.Media;

public class DownloadFileNameTests
{
    [Theory]
    [InlineData("Quyết định số 12.pdf", "pdf", "Quyết định số 12.pdf")]
    [InlineData(@"C:\fakepath\Kế hoạch năm 2025.docx", "docx", "Kế hoạch năm 2025.docx")]
    [InlineData("/home/user/bao-cao.xls", "xls", "bao-cao.xls")]
    [InlineData("Bao cao.exe", "pdf", "Bao cao.pdf")]
    [InlineData("khong-co-duoi", "pdf", "khong-co-duoi.pdf")]
    [InlineData("  Hỏi:  đáp? \"pháp luật\" <2025>.pdf", "pdf", "Hỏi đáp pháp luật 2025.pdf")]
    [InlineData("...", "pdf", "tai-lieu.pdf")]
    [InlineData(null, "pdf", "tai-lieu.pdf")]
    [InlineData("", "odt", "tai-lieu.odt")]
    public void The_download_name_is_the_uploaded_name_cleaned_with_the_extension_of_the_real_type(string? uploaded, string extension, string expected) =>
        Assert.Equal(expected, DownloadFileName.From(uploaded, extension));

    [Fact]
    public void A_right_to_left_override_cannot_disguise_the_extension() =>
        Assert.Equal("hoa-donfdp.pdf", DownloadFileName.From("hoa-don\u202Efdp.exe", "pdf"));

    [Fact]
    public void Control_characters_and_line_breaks_are_removed() =>
        Assert.Equal("a b c.pdf", DownloadFileName.From("a\r\nb\0\tc.pdf", "pdf"));

    [Fact]
    public void Decomposed_vietnamese_is_stored_precomposed() =>
        Assert.Equal("Nghị định.pdf", DownloadFileName.From("Nghị định.pdf".Normalize(System.Text.NormalizationForm.FormD), "pdf"));

    [Fact]
    public void A_very_long_name_is_cut_to_a_hundred_characters_before_the_extension()
    {
        var name = DownloadFileName.From(string.Concat(Enumerable.Repeat("Luật Đất đai ", 30)) + ".pdf", "pdf");

        Assert.InRange(name.Length, 90 + ".pdf".Length, DownloadFileName.MaxBaseLength + ".pdf".Length);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_does_not_survive_into_the_name() =>
        Assert.Equal("a\uFFFDb.pdf", DownloadFileName.From("a\uD800b.pdf", "pdf"));

    [Theory]
    [InlineData("Quyết định số 12.pdf", "quyet-dinh-so-12.pdf")]
    [InlineData("Đề án ĐỔI MỚI.docx", "de-an-doi-moi.docx")]
    [InlineData("Điều lệ.pdf", "dieu-le.pdf")]
    [InlineData("!!!.pdf", "tai-lieu.pdf")]
    public void The_ascii_fallback_folds_vietnamese_letters_including_d_with_stroke(string fileName, string expected) =>
        Assert.Equal(expected, DownloadFileName.Ascii(fileName));

    [Fact]
    public void Content_disposition_carries_the_ascii_name_and_the_utf8_name_encoded_per_rfc_5987() =>
        Assert.Equal(
            "attachment; filename=\"de-an.pdf\"; filename*=UTF-8''%C4%90%E1%BB%81%20%C3%A1n.pdf",
            DownloadFileName.ContentDisposition("Đề án.pdf"));

    [Fact]
    public void Content_disposition_can_ask_the_browser_to_show_the_file_inline() =>
        Assert.StartsWith("inline; filename=\"de-an.pdf\"", DownloadFileName.ContentDisposition("Đề án.pdf", inline: true), StringComparison.Ordinal);

    [Fact]
    public void Quotes_semicolons_and_apostrophes_in_a_name_cannot_add_parameters_to_the_header()
    {
        var header = DownloadFileName.ContentDisposition(DownloadFileName.From("a\"; filename=evil.html; x='.pdf", "pdf"));

        const string start = "attachment; filename=\"a-filename-evil-html-x.pdf\"; filename*=UTF-8''";
        Assert.StartsWith(start, header, StringComparison.Ordinal);
        Assert.Matches(@"^[A-Za-z0-9%._~-]+\z", header[start.Length..]);
    }
}
