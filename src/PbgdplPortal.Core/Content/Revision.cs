namespace PbgdplPortal.Content;

/// <summary>Kinds of content that keep revisions.</summary>
public static class RevisionContentTypes
{
    public const string Article = "article";
    public const string Document = "document";
    public const string Quiz = "quiz";
}

/// <summary>
/// One saved state of an article, legal document record or quiz. Every save appends one; restoring an old
/// revision writes it back as a new draft, so history is never rewritten. Restoring a revision of a published
/// item writes a pending draft beside it (<see cref="Pending"/>): what is published stays until a reviewer approves.
/// </summary>
public class Revision
{
    public long Id { get; set; }

    /// <summary>One of <see cref="RevisionContentTypes"/>.</summary>
    public required string ContentType { get; set; }

    public int ContentId { get; set; }

    /// <summary>1, 2, 3… per content item.</summary>
    public int Number { get; set; }

    public required string Title { get; set; }
    public string? Summary { get; set; }
    public required string Body { get; set; }

    /// <summary>Everything else the item held (terms, citations, dates, images) as JSON, for comparing and restoring.</summary>
    public required string Metadata { get; set; }

    /// <summary>The workflow state right after this save.</summary>
    public PublicationStatus Status { get; set; }

    /// <summary>What happened ("Lưu nháp", "Gửi duyệt", "Trả lại: …", "Khôi phục phiên bản 3").</summary>
    public string? Note { get; set; }

    /// <summary>
    /// A draft waiting beside the published version (a restored revision of a published item): the item itself
    /// still holds the published text until a reviewer approves this draft or someone discards it.
    /// </summary>
    public bool Pending { get; set; }

    public string? AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public DateTime CreatedAt { get; set; }
}
