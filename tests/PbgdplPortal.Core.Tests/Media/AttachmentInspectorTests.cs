using System.IO.Compression;
using System.Text;
using PbgdplPortal.Media;

namespace PbgdplPortal.Core.Tests.Media;

public class AttachmentInspectorTests
{
    private readonly AttachmentInspector inspector = new(new MediaOptions());

    private Task<AttachmentInspection> InspectAsync(byte[] bytes, string? fileName) =>
        inspector.InspectAsync(new MemoryStream(bytes), fileName);

    [Fact]
    public async Task A_real_pdf_is_accepted_as_application_pdf_with_its_vietnamese_name_kept()
    {
        var result = await InspectAsync(TestDocuments.Pdf(), "Quyết định số 12.pdf");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(AttachmentType.Pdf, result.Type);
        Assert.Equal("application/pdf", result.Type.ContentType);
        Assert.Equal("Quyết định số 12.pdf", result.FileName);
        Assert.Equal(TestDocuments.Pdf(), result.Content.ToArray());
    }

    [Fact]
    public async Task A_docx_built_like_word_builds_it_is_accepted()
    {
        var result = await InspectAsync(TestDocuments.Docx(), "Đề án tuyên truyền.docx");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(AttachmentType.Docx, result.Type);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", result.Type.ContentType);
        Assert.Equal("Đề án tuyên truyền.docx", result.FileName);
    }

    [Theory]
    [InlineData("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "xlsx")]
    [InlineData("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", "pptx")]
    public async Task Excel_and_powerpoint_files_are_recognised_by_their_main_part(string part, string contentType, string extension)
    {
        var result = await InspectAsync(TestDocuments.OfficeOpenXml(part, contentType, "<root/>"), "bang-so-lieu");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(extension, result.Type.Extension);
        Assert.Equal($"bang-so-lieu.{extension}", result.FileName);
    }

    [Theory]
    [InlineData("application/vnd.oasis.opendocument.text", "odt")]
    [InlineData("application/vnd.oasis.opendocument.spreadsheet", "ods")]
    [InlineData("application/vnd.oasis.opendocument.presentation", "odp")]
    public async Task Opendocument_files_are_recognised_by_their_mimetype_entry(string mimeType, string extension)
    {
        var result = await InspectAsync(TestDocuments.OpenDocument(mimeType), "van-ban.odt");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(extension, result.Type.Extension);
        Assert.Equal(mimeType, result.Type.ContentType);
    }

    [Theory]
    [InlineData("WordDocument", "doc", "application/msword")]
    [InlineData("Workbook", "xls", "application/vnd.ms-excel")]
    [InlineData("PowerPoint Document", "ppt", "application/vnd.ms-powerpoint")]
    public async Task Legacy_office_files_are_recognised_by_the_streams_in_their_compound_file(string stream, string extension, string contentType)
    {
        var result = await InspectAsync(TestDocuments.CompoundFile("\u0005SummaryInformation", stream), "tai-lieu-cu.doc");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(extension, result.Type.Extension);
        Assert.Equal(contentType, result.Type.ContentType);
    }

    [Fact]
    public async Task A_compound_file_that_is_not_an_office_document_is_refused()
    {
        // An .msi installer is a compound file too.
        var result = await InspectAsync(TestDocuments.CompoundFile("\u0005SummaryInformation", "\u4840\u3B3F\u4577"), "cai-dat.doc");

        Assert.Equal(MediaMessages.UnsupportedAttachment, result.Error);
    }

    [Fact]
    public async Task A_legacy_word_file_with_macros_is_refused()
    {
        var result = await InspectAsync(TestDocuments.CompoundFile("WordDocument", "Macros"), "mau-don.doc");

        Assert.Equal("Không chấp nhận tài liệu có chứa macro.", result.Error);
    }

    [Fact]
    public async Task A_password_protected_office_file_is_refused()
    {
        var result = await InspectAsync(TestDocuments.CompoundFile("EncryptionInfo", "EncryptedPackage"), "mat.docx");

        Assert.Equal(MediaMessages.EncryptedAttachment, result.Error);
    }

    [Fact]
    public async Task A_compound_file_cut_short_is_refused_as_damaged()
    {
        var result = await InspectAsync(TestDocuments.CompoundFile("WordDocument")[..700], "hong.doc");

        Assert.Equal(MediaMessages.CorruptAttachment, result.Error);
    }

    [Fact]
    public async Task A_macro_enabled_word_file_is_refused()
    {
        var docm = TestDocuments.OfficeOpenXml("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml", "<w:document/>");

        var result = await InspectAsync(docm, "mau.docx");

        Assert.Equal(MediaMessages.MacroAttachment, result.Error);
    }

    [Fact]
    public async Task An_office_manifest_naming_a_main_part_that_is_missing_is_refused()
    {
        var hollow = TestDocuments.Zip(archive => TestDocuments.Add(archive, "[Content_Types].xml",
            $"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"{TestDocuments.WordMainType}\"/></Types>"));

        var result = await InspectAsync(hollow, "rong.docx");

        Assert.Equal(MediaMessages.UnsupportedAttachment, result.Error);
    }

    [Fact]
    public async Task A_plain_zip_archive_is_refused()
    {
        var zip = TestDocuments.Zip(archive => TestDocuments.Add(archive, "readme.txt", "xin chào"));

        var result = await InspectAsync(zip, "tai-lieu.docx");

        Assert.Equal(MediaMessages.UnsupportedAttachment, result.Error);
    }

    [Fact]
    public async Task A_docx_whose_entries_expand_a_thousandfold_is_refused_as_a_zip_bomb()
    {
        var bomb = TestDocuments.OfficeOpenXml("word/document.xml", TestDocuments.WordMainType, "<w:document/>",
            archive => TestDocuments.Add(archive, "word/media/padding.bin", new byte[20 * 1024 * 1024], CompressionLevel.SmallestSize));
        Assert.True(bomb.Length < 100_000, $"{bomb.Length} bytes");

        var result = await InspectAsync(bomb, "bom.docx");

        Assert.Equal("Tệp có cấu trúc nén bất thường, không thể chấp nhận.", result.Error);
    }

    [Fact]
    public async Task A_docx_declaring_more_unpacked_bytes_than_allowed_is_refused()
    {
        var inspector = new AttachmentInspector(new MediaOptions { MaxAttachmentUnpackedBytes = 100 });

        var result = await inspector.InspectAsync(new MemoryStream(TestDocuments.Docx()), "a.docx");

        Assert.Equal(MediaMessages.SuspiciousArchive, result.Error);
    }

    [Fact]
    public async Task A_damaged_zip_is_refused_as_damaged()
    {
        var docx = TestDocuments.Docx();

        var result = await InspectAsync(docx[..(docx.Length / 2)], "hong.docx");

        Assert.Equal("Tệp bị hỏng hoặc không đọc được.", result.Error);
    }

    [Fact]
    public async Task A_windows_program_renamed_pdf_is_refused()
    {
        var result = await InspectAsync(TestDocuments.WindowsExecutable(), "quyet-dinh.pdf");

        Assert.False(result.Succeeded);
        Assert.Equal("Không chấp nhận tệp chương trình hoặc tệp thực thi.", result.Error);
    }

    [Theory]
    [InlineData(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0 })]
    [InlineData(new byte[] { (byte)'#', (byte)'!', (byte)'/', (byte)'b', (byte)'i', (byte)'n', (byte)'/', (byte)'s', (byte)'h' })]
    [InlineData(new byte[] { 0xCF, 0xFA, 0xED, 0xFE, 7, 0, 0, 1 })]
    public async Task Linux_and_mac_programs_and_scripts_are_refused(byte[] bytes)
    {
        var result = await InspectAsync(bytes, "bang-bieu.xlsx");

        Assert.Equal(MediaMessages.ExecutableAttachment, result.Error);
    }

    [Fact]
    public async Task An_html_page_renamed_pdf_is_refused()
    {
        var result = await InspectAsync(TestDocuments.Html, "thong-bao.pdf");

        Assert.Equal(MediaMessages.UnsupportedAttachment, result.Error);
    }

    [Fact]
    public async Task An_svg_is_refused_as_an_attachment()
    {
        var result = await InspectAsync(TestImages.Svg, "so-do.pdf");

        Assert.Equal(MediaMessages.UnsupportedAttachment, result.Error);
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        var result = await InspectAsync([], "rong.pdf");

        Assert.Equal(MediaMessages.EmptyFile, result.Error);
    }

    [Fact]
    public async Task A_file_over_twenty_megabytes_is_refused_with_the_limit_in_the_message()
    {
        var bytes = new byte[(20 * 1024 * 1024) + 1];
        "%PDF-1.7"u8.CopyTo(bytes);

        var result = await InspectAsync(bytes, "lon.pdf");

        Assert.Equal("Tệp vượt quá dung lượng tối đa 20 MB.", result.Error);
    }

    [Fact]
    public async Task A_docx_renamed_pdf_is_served_as_a_docx_and_downloaded_with_the_right_extension()
    {
        var result = await InspectAsync(TestDocuments.Docx(), "Kế hoạch.pdf");

        Assert.Equal(AttachmentType.Docx, result.Type);
        Assert.Equal("Kế hoạch.docx", result.FileName);
    }

    [Fact]
    public async Task The_storage_key_is_named_by_content_so_the_same_file_is_stored_once()
    {
        var first = await InspectAsync(TestDocuments.Pdf(), "a.pdf");
        var second = await InspectAsync(TestDocuments.Pdf(), "b.pdf");
        var other = await InspectAsync(TestDocuments.Docx(), "a.docx");

        Assert.Matches(@"^doc/[0-9a-f]{2}/[0-9a-f]{32}\.pdf\z", first.StorageKey);
        Assert.Equal(first.StorageKey, second.StorageKey);
        Assert.NotEqual(first.StorageKey, other.StorageKey);
        Assert.True(MediaKey.IsValid(first.StorageKey));
    }

    [Fact]
    public void The_fixture_pdf_has_every_cross_reference_offset_pointing_at_its_object()
    {
        var pdf = Encoding.ASCII.GetString(TestDocuments.Pdf());
        var lines = pdf.Split('\n');
        var startxref = int.Parse(lines[Array.LastIndexOf(lines, "startxref") + 1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("xref\n0 6\n", pdf[startxref..], StringComparison.Ordinal);
        var entries = pdf[startxref..].Split('\n').Skip(3).Take(5).ToArray();
        for (var i = 0; i < entries.Length; i++)
        {
            var offset = int.Parse(entries[i][..10], System.Globalization.CultureInfo.InvariantCulture);
            Assert.StartsWith($"{i + 1} 0 obj", pdf[offset..], StringComparison.Ordinal);
        }
    }
}
