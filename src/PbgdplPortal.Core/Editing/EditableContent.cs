using PbgdplPortal.Content;
using PbgdplPortal.Quizzes;

namespace PbgdplPortal.Editing;

/// <summary>
/// The workflow-facing view of an article, a legal document record or a quiz, so that one workflow,
/// one revision history and one journal/audit path serve them all.
/// </summary>
public abstract class EditableContent
{
    /// <summary>The revision content type ("article", "document"), also the audit target prefix.</summary>
    public abstract string RevisionType { get; }

    /// <summary>The change-journal entity type ("Article", "LegalDocument").</summary>
    public abstract string JournalType { get; }

    /// <summary>"Bài viết", "Văn bản".</summary>
    public abstract string KindLabel { get; }

    public abstract object Entity { get; }
    public abstract int Id { get; }
    public abstract string Slug { get; }
    public abstract string Title { get; }
    public abstract int? AgencyId { get; }
    public abstract PublicationStatus Status { get; set; }
    public abstract DateTime PublishedAt { get; set; }
    public abstract DateTime? UnpublishAt { get; set; }
    public abstract string? ReviewComment { get; set; }
    public abstract int Version { get; set; }
    public abstract string? UpdatedById { get; set; }
    public abstract DateTime UpdatedAt { get; set; }
    public abstract DateTime CreatedAt { get; set; }
    public abstract string? CreatedById { get; set; }

    /// <summary>Called when a reviewer approves the content (publish, or save while published).</summary>
    public virtual void Approved()
    {
    }

    public string AuditTarget => $"{RevisionType}:{Slug}";

    public bool IsPublic(DateTime now) => Status == PublicationStatus.Published && PublishedAt <= now && (UnpublishAt is null || UnpublishAt > now);

    public static EditableContent Of(Article article) => new ArticleContent(article);

    public static EditableContent Of(LegalDocument document) => new DocumentContent(document);

    public static EditableContent Of(Quiz quiz) => new QuizContent(quiz);

    private sealed class ArticleContent(Article a) : EditableContent
    {
        public override string RevisionType => RevisionContentTypes.Article;
        public override string JournalType => nameof(Article);
        public override string KindLabel => "Bài viết";
        public override object Entity => a;
        public override int Id => a.Id;
        public override string Slug => a.Slug;
        public override string Title => a.Title;
        public override int? AgencyId => a.AgencyId;
        public override PublicationStatus Status { get => a.Status; set => a.Status = value; }
        public override DateTime PublishedAt { get => a.PublishedAt; set => a.PublishedAt = value; }
        public override DateTime? UnpublishAt { get => a.UnpublishAt; set => a.UnpublishAt = value; }
        public override string? ReviewComment { get => a.ReviewComment; set => a.ReviewComment = value; }
        public override int Version { get => a.Version; set => a.Version = value; }
        public override string? UpdatedById { get => a.UpdatedById; set => a.UpdatedById = value; }
        public override DateTime UpdatedAt { get => a.UpdatedAt; set => a.UpdatedAt = value; }
        public override DateTime CreatedAt { get => a.CreatedAt; set => a.CreatedAt = value; }
        public override string? CreatedById { get => a.CreatedById; set => a.CreatedById = value; }
    }

    /// <summary>A quiz is published at once and has no withdrawal moment: it stays until taken down.</summary>
    private sealed class QuizContent(Quiz q) : EditableContent
    {
        public override string RevisionType => RevisionContentTypes.Quiz;
        public override string JournalType => nameof(Quiz);
        public override string KindLabel => "Bộ câu hỏi";
        public override object Entity => q;
        public override int Id => q.Id;
        public override string Slug => q.Slug;
        public override string Title => q.Title;
        public override int? AgencyId => q.AgencyId == 0 ? null : q.AgencyId;
        public override PublicationStatus Status { get => q.Status; set => q.Status = value; }
        public override DateTime PublishedAt { get => q.PublishedAt; set => q.PublishedAt = value; }

        public override DateTime? UnpublishAt
        {
            get => null;
            set { }
        }

        public override string? ReviewComment { get => q.ReviewComment; set => q.ReviewComment = value; }
        public override int Version { get => q.Version; set => q.Version = value; }
        public override string? UpdatedById { get => q.UpdatedById; set => q.UpdatedById = value; }
        public override DateTime UpdatedAt { get => q.UpdatedAt; set => q.UpdatedAt = value; }
        public override DateTime CreatedAt { get => q.CreatedAt; set => q.CreatedAt = value; }
        public override string? CreatedById { get => q.CreatedById; set => q.CreatedById = value; }
    }

    private sealed class DocumentContent(LegalDocument d) : EditableContent
    {
        public override string RevisionType => RevisionContentTypes.Document;
        public override string JournalType => nameof(LegalDocument);
        public override string KindLabel => "Văn bản";
        public override object Entity => d;
        public override int Id => d.Id;
        public override string Slug => d.Slug;
        public override string Title => d.Title;
        public override int? AgencyId => d.AgencyId;
        public override PublicationStatus Status { get => d.Publication; set => d.Publication = value; }
        public override DateTime PublishedAt { get => d.PublishedAt; set => d.PublishedAt = value; }
        public override DateTime? UnpublishAt { get => d.UnpublishAt; set => d.UnpublishAt = value; }
        public override string? ReviewComment { get => d.ReviewComment; set => d.ReviewComment = value; }
        public override int Version { get => d.Version; set => d.Version = value; }
        public override string? UpdatedById { get => d.UpdatedById; set => d.UpdatedById = value; }
        public override DateTime UpdatedAt { get => d.UpdatedAt; set => d.UpdatedAt = value; }
        public override DateTime CreatedAt { get => d.CreatedAt; set => d.CreatedAt = value; }
        public override string? CreatedById { get => d.CreatedById; set => d.CreatedById = value; }
    }
}

/// <summary>The text of an item and everything else about it as JSON, as a revision keeps it.</summary>
public sealed record RevisionSnapshot(string Title, string? Summary, string Body, string Metadata);
