using System.Globalization;

namespace PbgdplPortal.Media;

/// <summary>What an editor is told when an upload is refused.</summary>
public static class MediaMessages
{
    public const string EmptyFile = "Tệp không có nội dung.";

    public const string UnsupportedImage = "Định dạng tệp không được hỗ trợ. Chỉ chấp nhận ảnh JPEG, PNG, WebP hoặc GIF.";

    public const string CorruptImage = "Tệp ảnh bị hỏng hoặc không đọc được.";

    public const string UnsupportedAttachment =
        "Định dạng tệp không được hỗ trợ. Chỉ chấp nhận PDF, Word, Excel, PowerPoint (DOC, DOCX, XLS, XLSX, PPT, PPTX) hoặc OpenDocument (ODT, ODS, ODP).";

    /// <summary>Neither an image nor a document the library accepts (SVG, HTML, archives, …).</summary>
    public const string UnsupportedFile =
        "Định dạng tệp không được hỗ trợ. Chỉ chấp nhận ảnh JPEG, PNG, WebP, GIF và tài liệu PDF, Word, Excel, PowerPoint hoặc OpenDocument.";

    public const string CorruptAttachment = "Tệp bị hỏng hoặc không đọc được.";

    public const string ExecutableAttachment = "Không chấp nhận tệp chương trình hoặc tệp thực thi.";

    public const string MacroAttachment = "Không chấp nhận tài liệu có chứa macro.";

    public const string EncryptedAttachment = "Không chấp nhận tài liệu đã đặt mật khẩu.";

    public const string SuspiciousArchive = "Tệp có cấu trúc nén bất thường, không thể chấp nhận.";

    public const string AltTextMissing = "Ảnh cần có văn bản thay thế (mô tả nội dung ảnh) trước khi dùng trong nội dung được xuất bản.";

    public const string AltTextIsFileName = "Văn bản thay thế cần mô tả nội dung ảnh, không phải tên tệp.";

    public static string ImageTooLarge(long maxBytes) => $"Ảnh vượt quá dung lượng tối đa {Megabytes(maxBytes)} MB.";

    public static string ImageTooManyPixels(long maxPixels) =>
        $"Ảnh có kích thước quá lớn (tối đa {Format(maxPixels / 1_000_000d)} megapixel).";

    public static string AttachmentTooLarge(long maxBytes) => $"Tệp vượt quá dung lượng tối đa {Megabytes(maxBytes)} MB.";

    public static string AltTextTooLong(int maxLength) => $"Văn bản thay thế không được dài quá {maxLength} ký tự.";

    private static string Megabytes(long bytes) => Format(bytes / (double)MediaOptions.Megabyte);

    // Vietnamese writes a decimal comma: 2,5 MB.
    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture).Replace('.', ',');
}
