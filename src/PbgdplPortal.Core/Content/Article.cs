using PbgdplPortal.Editing;
using PbgdplPortal.Media;

namespace PbgdplPortal.Content;

/// <summary>Where a piece of content stands in the editorial workflow.</summary>
public enum PublicationStatus
{
    /// <summary>Being written; a reviewer's send-back returns content here with a comment.</summary>
    Draft,

    /// <summary>Submitted by its editor and waiting for a reviewer.</summary>
    Submitted,

    /// <summary>Approved; public from <c>PublishedAt</c> (which may lie in the future) until <c>UnpublishAt</c>.</summary>
    Published,

    /// <summary>Taken down by a reviewer or administrator.</summary>
    Unpublished,
}

/// <summary>A legal explanation written for citizens.</summary>
public class Article : IEditable
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string? Summary { get; set; }
    public required string Body { get; set; }
    public PublicationStatus Status { get; set; }

    /// <summary>UTC moment from which a published article is public.</summary>
    public DateTime PublishedAt { get; set; }

    /// <summary>UTC moment from which the article is withdrawn, if any.</summary>
    public DateTime? UnpublishAt { get; set; }

    public bool IsSample { get; set; }
    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;
    public List<Topic> Topics { get; } = [];
    public List<AudienceGroup> Audiences { get; } = [];
    public List<ArticleCitation> Citations { get; } = [];
    public List<Attachment> Attachments { get; } = [];
    public int? FeaturedImageId { get; set; }
    public MediaAsset? FeaturedImage { get; set; }

    /// <summary>The reviewer's comment when the article was sent back to its editor.</summary>
    public string? ReviewComment { get; set; }

    /// <summary>Raised on every save; a save based on an older version is refused (optimistic concurrency).</summary>
    public int Version { get; set; }

    public string? CreatedById { get; set; }
    public string? UpdatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    int? IEditable.AgencyId => AgencyId;
}

/// <summary>An article's legal basis: a document and, optionally, the provision ("khoản 2 Điều 8").</summary>
public class ArticleCitation
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public int LegalDocumentId { get; set; }
    public LegalDocument LegalDocument { get; set; } = null!;
    public string? Provision { get; set; }
    public int Position { get; set; }
}

public static class ArticleQueries
{
    /// <summary>Articles the public may see at <paramref name="now"/> (UTC).</summary>
    public static IQueryable<Article> Published(this IQueryable<Article> articles, DateTime now) =>
        articles.Where(a => a.Status == PublicationStatus.Published
            && a.PublishedAt <= now
            && (a.UnpublishAt == null || a.UnpublishAt > now));

    public static IQueryable<Article> NewestFirst(this IQueryable<Article> articles) =>
        articles.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id);
}
