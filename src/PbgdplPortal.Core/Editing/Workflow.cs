using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Text;

namespace PbgdplPortal.Editing;

/// <summary>What a user asks of an article or a legal document record.</summary>
public enum WorkflowAction
{
    /// <summary>Save the content, keeping its state.</summary>
    Save,

    /// <summary>Save and send to a reviewer ("Gửi duyệt").</summary>
    Submit,

    /// <summary>Save and publish now or at a chosen moment ("Duyệt và đăng").</summary>
    Publish,

    /// <summary>Return to the editor as a draft with a comment ("Trả lại").</summary>
    SendBack,

    /// <summary>Take down ("Gỡ xuống").</summary>
    Unpublish,

    Delete,

    /// <summary>
    /// Write an old revision back as a new draft ("Khôi phục"); for a published item, as a pending draft beside the
    /// published version, which stays on the site.
    /// </summary>
    Restore,

    /// <summary>Approve a pending draft of a published item: it replaces the published text ("Duyệt và đăng bản nháp").</summary>
    PublishDraft,

    /// <summary>Discard a pending draft of a published item ("Bỏ bản nháp").</summary>
    DiscardDraft,
}

/// <summary>
/// The editorial workflow: draft → submitted → published (now or scheduled) → unpublished. Editors
/// write and submit drafts; reviewers (of the item's agency) and administrators also publish, send
/// back, take down, delete, and edit items in any state. Editors never publish.
/// </summary>
public static class WorkflowRules
{
    /// <param name="action">What is asked.</param>
    /// <param name="status">The item's state now.</param>
    /// <param name="canEdit">The user may write content of the item's agency.</param>
    /// <param name="canReview">The user may review content of the item's agency.</param>
    public static bool Allows(WorkflowAction action, PublicationStatus status, bool canEdit, bool canReview) => action switch
    {
        WorkflowAction.Save => canReview || (canEdit && status == PublicationStatus.Draft),
        // Restoring on a published item only proposes a draft beside it, so its editors may do it too.
        WorkflowAction.Restore => canReview || (canEdit && status is PublicationStatus.Draft or PublicationStatus.Published),
        WorkflowAction.PublishDraft => canReview && status == PublicationStatus.Published,
        WorkflowAction.DiscardDraft => (canEdit || canReview) && status == PublicationStatus.Published,
        WorkflowAction.Submit => (canEdit || canReview) && status == PublicationStatus.Draft,
        WorkflowAction.Publish => canReview && status != PublicationStatus.Published,
        WorkflowAction.SendBack => canReview && status is PublicationStatus.Submitted or PublicationStatus.Unpublished,
        WorkflowAction.Unpublish => canReview && status == PublicationStatus.Published,
        WorkflowAction.Delete => canReview,
        _ => false,
    };

    /// <summary>
    /// What saving an item with <paramref name="action"/> does: its next state and publication moment, why the chosen
    /// moments cannot be (null when they can), and the revision note and audit action that record it.
    /// </summary>
    /// <param name="currentPublishedAt">The item's publication moment now (ignored for a new item).</param>
    /// <param name="publishAt">The moment chosen in the form, if any.</param>
    /// <param name="restoredNumber">The revision written back, for <see cref="WorkflowAction.Restore"/>.</param>
    /// <remarks>
    /// Restoring a revision of a published item never takes it off the site: the decision is then
    /// <see cref="SaveDecision.Beside"/>, the restored text is kept as a pending draft and the item is left as it is.
    /// </remarks>
    public static SaveDecision DecideSave(WorkflowAction action, PublicationStatus status, bool isNew, DateTime currentPublishedAt, DateTime? publishAt,
        DateTime? unpublishAt, int? restoredNumber, DateTime now)
    {
        var beside = action == WorkflowAction.Restore && status == PublicationStatus.Published && !isNew;
        var target = action switch
        {
            WorkflowAction.Submit => PublicationStatus.Submitted,
            WorkflowAction.Publish or WorkflowAction.PublishDraft => PublicationStatus.Published,
            WorkflowAction.Restore when beside => status,
            WorkflowAction.Restore => PublicationStatus.Draft,
            _ => status,
        };
        var published = publishAt ?? (action == WorkflowAction.Publish || isNew ? now : currentPublishedAt);
        var problem = unpublishAt is { } until && until <= published ? "Thời điểm gỡ phải sau thời điểm đăng." : null;
        var (note, audit) = action switch
        {
            WorkflowAction.Submit => ("Gửi duyệt", AuditActions.Submitted),
            WorkflowAction.Publish when published > now =>
                ($"Duyệt, hẹn đăng lúc {VietnameseText.FormatMinute(published)}", AuditActions.Published),
            WorkflowAction.Publish => ("Duyệt và đăng", AuditActions.Published),
            WorkflowAction.Restore when beside =>
                ($"Khôi phục phiên bản {restoredNumber} thành bản nháp chờ duyệt; bản đang đăng giữ nguyên", AuditActions.Restored),
            WorkflowAction.Restore => ($"Khôi phục phiên bản {restoredNumber}", AuditActions.Restored),
            WorkflowAction.PublishDraft => ($"Duyệt và đăng bản nháp phiên bản {restoredNumber}", AuditActions.Published),
            _ => (isNew ? "Tạo mới" : "Lưu", (string?)null),
        };
        return new SaveDecision(target, published, problem, note, audit, beside);
    }

    /// <summary>What sending back (with the reviewer's comment) or taking down does: the next state, the revision note and the audit action.</summary>
    public static (PublicationStatus Status, string Note, string AuditAction) DecideTakeDown(WorkflowAction action, string? comment) =>
        action == WorkflowAction.SendBack
            ? (PublicationStatus.Draft, $"Trả lại: {comment}", AuditActions.SentBack)
            : (PublicationStatus.Unpublished, "Gỡ xuống", AuditActions.Unpublished);

    /// <summary>Vietnamese label of a state as editors see it, distinguishing scheduled and expired publications.</summary>
    public static string Label(PublicationStatus status, DateTime publishedAt, DateTime? unpublishAt, DateTime now) => status switch
    {
        PublicationStatus.Draft => "Nháp",
        PublicationStatus.Submitted => "Chờ duyệt",
        PublicationStatus.Published when publishedAt > now => "Hẹn giờ",
        PublicationStatus.Published when unpublishAt <= now => "Đã gỡ (hết hạn)",
        PublicationStatus.Published => "Đã đăng",
        _ => "Đã gỡ",
    };
}

/// <summary>What a save does to an item (<see cref="WorkflowRules.DecideSave"/>).</summary>
/// <param name="ScheduleProblem">Why the chosen moments cannot be, or null.</param>
/// <param name="Beside">The text is kept as a pending draft beside the published item, which stays unchanged.</param>
public sealed record SaveDecision(PublicationStatus Target, DateTime PublishedAt, string? ScheduleProblem, string Note, string? AuditAction, bool Beside = false);

/// <summary>The states a back-office list filters by ("trang-thai").</summary>
public enum ListState
{
    Draft,
    Submitted,
    Published,
    Scheduled,
    Unpublished,
}

public static class ListStates
{
    public static readonly IReadOnlyList<(ListState State, string Code, string Label)> All =
    [
        (ListState.Draft, "nhap", "Nháp"),
        (ListState.Submitted, "cho-duyet", "Chờ duyệt"),
        (ListState.Published, "da-dang", "Đã đăng"),
        (ListState.Scheduled, "hen-gio", "Hẹn giờ"),
        (ListState.Unpublished, "da-go", "Đã gỡ"),
    ];

    public static ListState? Parse(string? code) => All.Where(s => s.Code == code).Select(s => (ListState?)s.State).FirstOrDefault();

    /// <summary>Rows in <paramref name="state"/> at <paramref name="now"/>; an expired publication counts as taken down.</summary>
    public static IQueryable<ContentRow> InState(this IQueryable<ContentRow> rows, ListState state, DateTime now) => state switch
    {
        ListState.Draft => rows.Where(r => r.Status == PublicationStatus.Draft),
        ListState.Submitted => rows.Where(r => r.Status == PublicationStatus.Submitted || r.HasPendingDraft),
        ListState.Published => rows.Where(r => r.Status == PublicationStatus.Published && r.PublishedAt <= now && (r.UnpublishAt == null || r.UnpublishAt > now)),
        ListState.Scheduled => rows.Where(r => r.Status == PublicationStatus.Published && r.PublishedAt > now),
        _ => rows.Where(r => r.Status == PublicationStatus.Unpublished || (r.Status == PublicationStatus.Published && r.UnpublishAt <= now)),
    };
}

/// <summary>One line of a back-office list, projected the same way from articles and document records.</summary>
public sealed class ContentRow
{
    public int Id { get; init; }
    public string Title { get; init; } = "";
    public string Slug { get; init; } = "";
    public string? Number { get; init; }
    public PublicationStatus Status { get; init; }
    public DateTime PublishedAt { get; init; }
    public DateTime? UnpublishAt { get; init; }
    public int? AgencyId { get; init; }
    public string? AgencyName { get; init; }
    public DateTime UpdatedAt { get; init; }
    public bool NeedsReview { get; init; }
    public string? NeedsReviewReason { get; init; }

    /// <summary>A restored draft waits for review beside the published version.</summary>
    public bool HasPendingDraft { get; init; }
}
