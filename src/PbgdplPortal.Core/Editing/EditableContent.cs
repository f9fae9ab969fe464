using PbgdplPortal.Content;
using PbgdplPortal.Quizzes;

namespace PbgdplPortal.Editing;

/// <summary>What the editing workflow reads and writes on an article, a legal document record or a quiz.</summary>
public interface IEditable
{
    int Id { get; }
    string Slug { get; }
    string Title { get; }

    /// <summary>The agency that maintains the item; null for items kept by administrators only.</summary>
    int? AgencyId { get; }

    /// <summary>The editorial state (for a legal document, of the portal's record, not its legal validity).</summary>
    PublicationStatus Status { get; set; }

    DateTime PublishedAt { get; set; }
    DateTime? UnpublishAt { get; set; }
    string? ReviewComment { get; set; }
    int Version { get; set; }
    string? UpdatedById { get; set; }
    DateTime UpdatedAt { get; set; }
    DateTime CreatedAt { get; set; }
    string? CreatedById { get; set; }
}

/// <summary>
/// The workflow-facing view of an article, a legal document record or a quiz, so that one workflow,
/// one revision history and one journal/audit path serve them all.
/// </summary>
public sealed class EditableContent
{
    private readonly IEditable item;

    private EditableContent(IEditable item, string revisionType, string journalType, string kindLabel)
    {
        this.item = item;
        RevisionType = revisionType;
        JournalType = journalType;
        KindLabel = kindLabel;
    }

    /// <summary>The revision content type ("article", "document"), also the audit target prefix.</summary>
    public string RevisionType { get; }

    /// <summary>The change-journal entity type ("Article", "LegalDocument").</summary>
    public string JournalType { get; }

    /// <summary>"Bài viết", "Văn bản".</summary>
    public string KindLabel { get; }

    public object Entity => item;
    public int Id => item.Id;
    public string Slug => item.Slug;
    public string Title => item.Title;
    public int? AgencyId => item.AgencyId;
    public PublicationStatus Status { get => item.Status; set => item.Status = value; }
    public DateTime PublishedAt { get => item.PublishedAt; set => item.PublishedAt = value; }
    public DateTime? UnpublishAt { get => item.UnpublishAt; set => item.UnpublishAt = value; }
    public string? ReviewComment { get => item.ReviewComment; set => item.ReviewComment = value; }
    public int Version { get => item.Version; set => item.Version = value; }
    public string? UpdatedById { get => item.UpdatedById; set => item.UpdatedById = value; }
    public DateTime UpdatedAt { get => item.UpdatedAt; set => item.UpdatedAt = value; }
    public DateTime CreatedAt { get => item.CreatedAt; set => item.CreatedAt = value; }
    public string? CreatedById { get => item.CreatedById; set => item.CreatedById = value; }

    public string AuditTarget => $"{RevisionType}:{Slug}";

    public bool IsPublic(DateTime now) => Status == PublicationStatus.Published && PublishedAt <= now && (UnpublishAt is null || UnpublishAt > now);

    public static EditableContent Of(Article article) => new(article, RevisionContentTypes.Article, nameof(Article), "Bài viết");

    public static EditableContent Of(LegalDocument document) =>
        new(document, RevisionContentTypes.Document, nameof(LegalDocument), "Văn bản");

    /// <summary>A quiz is published at once and has no withdrawal moment: it stays until taken down.</summary>
    public static EditableContent Of(Quiz quiz) => new(quiz, RevisionContentTypes.Quiz, nameof(Quiz), "Bộ câu hỏi");
}

/// <summary>The text of an item and everything else about it as JSON, as a revision keeps it.</summary>
public sealed record RevisionSnapshot(string Title, string? Summary, string Body, string Metadata);
