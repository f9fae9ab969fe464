namespace PbgdplPortal.Media;

/// <summary>A kind of document that may be attached to articles and legal documents.</summary>
public sealed record AttachmentType(string Extension, string ContentType, string Name)
{
    public static readonly AttachmentType Pdf = new("pdf", "application/pdf", "PDF");
    public static readonly AttachmentType Docx = new("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word");
    public static readonly AttachmentType Xlsx = new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel");
    public static readonly AttachmentType Pptx = new("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint");
    public static readonly AttachmentType Doc = new("doc", "application/msword", "Word");
    public static readonly AttachmentType Xls = new("xls", "application/vnd.ms-excel", "Excel");
    public static readonly AttachmentType Ppt = new("ppt", "application/vnd.ms-powerpoint", "PowerPoint");
    public static readonly AttachmentType Odt = new("odt", "application/vnd.oasis.opendocument.text", "OpenDocument");
    public static readonly AttachmentType Ods = new("ods", "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument");
    public static readonly AttachmentType Odp = new("odp", "application/vnd.oasis.opendocument.presentation", "OpenDocument");

    public static IReadOnlyList<AttachmentType> All { get; } = [Pdf, Docx, Xlsx, Pptx, Doc, Xls, Ppt, Odt, Ods, Odp];
}
