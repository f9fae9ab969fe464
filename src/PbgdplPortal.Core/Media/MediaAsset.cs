using PbgdplPortal.Content;

namespace PbgdplPortal.Media;

public enum MediaKind
{
    Image,
    Document,
}

/// <summary>A file in the media library: an image (with its resized copies) or an attached PDF/Office document.</summary>
public class MediaAsset
{
    public int Id { get; set; }
    public MediaKind Kind { get; set; }

    /// <summary>Storage key of the original (re-encoded for images, unchanged for documents).</summary>
    public required string StorageKey { get; set; }

    /// <summary>The name offered on download, cleaned, with the extension of the real type.</summary>
    public required string FileName { get; set; }

    public required string ContentType { get; set; }
    public long Bytes { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }

    /// <summary>Resized copies, narrowest first, as "key width height bytes" lines; empty for documents.</summary>
    public string? Variants { get; set; }

    /// <summary>Alternative text; required before an image may appear in published content.</summary>
    public string? AltText { get; set; }

    /// <summary>Title shown for a document attachment.</summary>
    public string? Title { get; set; }

    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;
    public string? UploadedById { get; set; }
    public DateTime UploadedAt { get; set; }
}

/// <summary>A document file attached to an article or a legal document record.</summary>
public class Attachment
{
    public int Id { get; set; }
    public int? ArticleId { get; set; }
    public Article? Article { get; set; }
    public int? LegalDocumentId { get; set; }
    public LegalDocument? LegalDocument { get; set; }
    public int MediaAssetId { get; set; }
    public MediaAsset MediaAsset { get; set; } = null!;
    public int Position { get; set; }
}
