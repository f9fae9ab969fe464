using PbgdplPortal.Editing;
using PbgdplPortal.Media;

namespace PbgdplPortal.Content;

/// <summary>Tình trạng hiệu lực, the five values Vietnamese legal libraries use.</summary>
public enum ValidityStatus
{
    InForce,
    PartiallyExpired,
    Expired,
    NotYetInForce,
    Suspended,
}

public enum DocumentRelationKind
{
    Amends,
    Replaces,
    Repeals,
    Guides,
    BasedOn,

    /// <summary>Ngưng hiệu lực: suspends the target, wholly or in the provisions named.</summary>
    Suspends,
}

/// <summary>A legal document: law, decree, circular, plan…</summary>
public class LegalDocument : IEditable
{
    public int Id { get; set; }
    public required string Slug { get; set; }

    /// <summary>Số hiệu as written, e.g. "52/2014/QH13" or "138/KH-UBND".</summary>
    public required string Number { get; set; }

    /// <summary>Folded key of the number used for lookups ("100/2019/nd-cp").</summary>
    public required string NumberKey { get; set; }

    public required string Type { get; set; }
    public required string Title { get; set; }
    public required string Issuer { get; set; }
    public string? Signer { get; set; }

    /// <summary>The official full text elsewhere (the national legal database), shown as "Xem toàn văn"; http(s) only.</summary>
    public string? SourceUrl { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateOnly? EffectiveOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public ValidityStatus Status { get; set; }
    public required string Body { get; set; }
    public bool IsSample { get; set; }
    public List<DocumentRelation> Relations { get; } = [];
    public List<ArticleCitation> CitedBy { get; } = [];
    public List<Attachment> Attachments { get; } = [];

    /// <summary>Editorial state of the portal's record (not the document's legal validity, which is <see cref="Status"/>).</summary>
    public PublicationStatus Publication { get; set; }

    /// <summary>UTC moment from which a published record is public.</summary>
    public DateTime PublishedAt { get; set; }

    public DateTime? UnpublishAt { get; set; }

    /// <summary>The agency that maintains this record; null for records kept by administrators only.</summary>
    public int? AgencyId { get; set; }

    public Agency? Agency { get; set; }
    public string? ReviewComment { get; set; }

    /// <summary>Raised on every save; a save based on an older version is refused (optimistic concurrency).</summary>
    public int Version { get; set; }

    public string? CreatedById { get; set; }
    public string? UpdatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    PublicationStatus IEditable.Status { get => Publication; set => Publication = value; }
}

/// <summary>A relation from one document to another, which may not be held by the portal.</summary>
public class DocumentRelation
{
    public int Id { get; set; }
    public int FromDocumentId { get; set; }
    public LegalDocument FromDocument { get; set; } = null!;
    public DocumentRelationKind Kind { get; set; }

    /// <summary>The other document's number as written.</summary>
    public required string TargetNumber { get; set; }

    /// <summary>Folded key of <see cref="TargetNumber"/>, joined to <see cref="LegalDocument.NumberKey"/>.</summary>
    public required string TargetNumberKey { get; set; }

    /// <summary>
    /// The target's provisions the relation touches, separated by semicolons ("khoản 5 Điều 7; điểm đ khoản 7 Điều 7"),
    /// or null for the whole document; read by <see cref="LegalBasisWatch"/>.
    /// </summary>
    public string? Provisions { get; set; }

    /// <summary>
    /// UTC moment the relation was entered in the back office (kept while it stays the same); null for an imported one. An item
    /// reviewed before that moment is flagged even when the change took effect earlier, since its editors could not know of it.
    /// </summary>
    public DateTime? RecordedAt { get; set; }
}

public static class LegalDocumentLimits
{
    public const int MaxSourceUrlLength = 500;

    /// <summary>Why <paramref name="url"/> cannot be a document's source address (null when it can): an absolute http(s) address.</summary>
    public static string? SourceUrlProblem(string url) =>
        url.Length > MaxSourceUrlLength ? $"địa chỉ toàn văn quá dài (tối đa {MaxSourceUrlLength} ký tự)"
        : Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? null
        : $"địa chỉ toàn văn “{url}” không hợp lệ (cần một địa chỉ bắt đầu bằng https:// hoặc http://)";
}

public static class LegalDocumentQueries
{
    /// <summary>Document records the public may see at <paramref name="now"/> (UTC).</summary>
    public static IQueryable<LegalDocument> Published(this IQueryable<LegalDocument> documents, DateTime now) =>
        documents.Where(d => d.Publication == PublicationStatus.Published
            && d.PublishedAt <= now
            && (d.UnpublishAt == null || d.UnpublishAt > now));
}

public static class LegalVocabulary
{
    public static readonly IReadOnlyDictionary<string, ValidityStatus> StatusByLabel = new Dictionary<string, ValidityStatus>
    {
        ["Còn hiệu lực"] = ValidityStatus.InForce,
        ["Hết hiệu lực một phần"] = ValidityStatus.PartiallyExpired,
        ["Hết hiệu lực toàn bộ"] = ValidityStatus.Expired,
        ["Chưa có hiệu lực"] = ValidityStatus.NotYetInForce,
        ["Ngưng hiệu lực"] = ValidityStatus.Suspended,
    };

    public static readonly IReadOnlyDictionary<string, DocumentRelationKind> RelationByCode = new Dictionary<string, DocumentRelationKind>
    {
        ["amends"] = DocumentRelationKind.Amends,
        ["replaces"] = DocumentRelationKind.Replaces,
        ["repeals"] = DocumentRelationKind.Repeals,
        ["guides"] = DocumentRelationKind.Guides,
        ["based-on"] = DocumentRelationKind.BasedOn,
        ["suspends"] = DocumentRelationKind.Suspends,
    };

    public static string Label(this ValidityStatus status) =>
        StatusByLabel.First(p => p.Value == status).Key;

    /// <summary>True when the document no longer applies at all, so an article citing it needs review.</summary>
    public static bool NoLongerApplies(this ValidityStatus status) => status is ValidityStatus.Expired or ValidityStatus.Suspended;

    /// <summary>"Luật Hôn nhân và gia đình (52/2014/QH13)", or "Nghị định 168/2024/NĐ-CP: Quy định…" when the title does not name the type.</summary>
    public static string DisplayTitle(string type, string number, string title) =>
        title.StartsWith(type, StringComparison.OrdinalIgnoreCase) ? $"{title} ({number})" : $"{type} {number}: {title}";

    /// <summary>How the relation reads from the document that holds it ("Sửa đổi, bổ sung").</summary>
    public static string Label(this DocumentRelationKind kind) => kind switch
    {
        DocumentRelationKind.Amends => "Sửa đổi, bổ sung",
        DocumentRelationKind.Replaces => "Thay thế",
        DocumentRelationKind.Repeals => "Bãi bỏ",
        DocumentRelationKind.Guides => "Hướng dẫn",
        DocumentRelationKind.Suspends => "Ngưng hiệu lực",
        _ => "Căn cứ",
    };

    /// <summary>How the relation reads from its target ("Được sửa đổi, bổ sung bởi").</summary>
    public static string InverseLabel(this DocumentRelationKind kind) => kind switch
    {
        DocumentRelationKind.Amends => "Được sửa đổi, bổ sung bởi",
        DocumentRelationKind.Replaces => "Bị thay thế bởi",
        DocumentRelationKind.Repeals => "Bị bãi bỏ bởi",
        DocumentRelationKind.Guides => "Được hướng dẫn bởi",
        DocumentRelationKind.Suspends => "Bị ngưng hiệu lực bởi",
        _ => "Là căn cứ của",
    };
}
