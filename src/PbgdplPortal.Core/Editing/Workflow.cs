using PbgdplPortal.Content;

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

    /// <summary>Write an old revision back as a new draft ("Khôi phục").</summary>
    Restore,
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
        WorkflowAction.Save or WorkflowAction.Restore => canReview || (canEdit && status == PublicationStatus.Draft),
        WorkflowAction.Submit => (canEdit || canReview) && status == PublicationStatus.Draft,
        WorkflowAction.Publish => canReview && status != PublicationStatus.Published,
        WorkflowAction.SendBack => canReview && status is PublicationStatus.Submitted or PublicationStatus.Unpublished,
        WorkflowAction.Unpublish => canReview && status == PublicationStatus.Published,
        WorkflowAction.Delete => canReview,
        _ => false,
    };

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
        ListState.Submitted => rows.Where(r => r.Status == PublicationStatus.Submitted),
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
}
