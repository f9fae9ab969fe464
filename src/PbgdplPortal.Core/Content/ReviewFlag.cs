namespace PbgdplPortal.Content;

/// <summary>The kinds of item whose legal basis the watch follows.</summary>
public enum ReviewItemType
{
    Article,
    QuizQuestion,

    /// <summary>A published answer to a citizen's question, also one given in an online dialogue.</summary>
    Answer,
}

/// <summary>How a review flag was cleared.</summary>
public enum ReviewResolution
{
    /// <summary>An approved edit of the item.</summary>
    Edited,

    /// <summary>A reviewer decided, with a note, that the item is still correct.</summary>
    StillCorrect,
}

/// <summary>
/// "Cần rà soát": a document an item cites was amended, replaced, repealed or suspended, or stopped applying, after the
/// item was last reviewed. Written by <see cref="LegalBasisWatch"/> once per item and change (the pair is unique, so
/// several nodes may run the watch at once); kept after it is cleared, as the record of the review.
/// </summary>
public class ReviewFlag
{
    public int Id { get; set; }
    public ReviewItemType ItemType { get; set; }
    public int ItemId { get; set; }

    /// <summary>The item's agency when flagged, for each agency's review queue.</summary>
    public int? AgencyId { get; set; }

    /// <summary>Identifies the change, so that it flags an item once ("amends:12:11/2017/qh14:khoản 5 điều 7").</summary>
    public required string ChangeKey { get; set; }

    /// <summary>The cited document that changed.</summary>
    public int CitedDocumentId { get; set; }

    public LegalDocument CitedDocument { get; set; } = null!;

    /// <summary>What the item cites of it ("Điều 7"), or null for the whole document.</summary>
    public string? CitedProvision { get; set; }

    /// <summary>The kind of change; null when the cited document itself stopped applying.</summary>
    public DocumentRelationKind? Kind { get; set; }

    /// <summary>The document that made the change, if any.</summary>
    public int? ChangingDocumentId { get; set; }

    public LegalDocument? ChangingDocument { get; set; }

    /// <summary>The provisions the change names ("khoản 5 Điều 7"), or null for the whole document.</summary>
    public string? ChangedProvisions { get; set; }

    /// <summary>The day the change took effect.</summary>
    public DateOnly EffectiveOn { get; set; }

    /// <summary>The reason, as editors and readers see it.</summary>
    public required string Reason { get; set; }

    public DateTime FlaggedAt { get; set; }
    public DateTime? ClearedAt { get; set; }
    public ReviewResolution? Resolution { get; set; }
    public string? ClearedById { get; set; }
    public string? ClearedByName { get; set; }

    /// <summary>The reviewer's note with a "still correct" decision.</summary>
    public string? ClearNote { get; set; }
}
