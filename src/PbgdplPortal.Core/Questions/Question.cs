using PbgdplPortal.Content;
using PbgdplPortal.Dialogues;

namespace PbgdplPortal.Questions;

/// <summary>Where a citizen's question stands.</summary>
public enum QuestionStatus
{
    /// <summary>Sent by the asker, waiting for a moderator.</summary>
    Received,

    /// <summary>Accepted by a moderator, not yet given to an agency.</summary>
    Approved,

    /// <summary>Given to the competent agency, whose experts answer it.</summary>
    Assigned,

    /// <summary>Answered by an expert, waiting for a reviewer.</summary>
    Answered,

    /// <summary>The answer is out: on the public site, or only to the asker when it is private.</summary>
    Published,

    /// <summary>Refused by a moderator, with a reason the asker sees.</summary>
    Rejected,

    /// <summary>A duplicate, merged into another question whose answer serves both.</summary>
    Merged,
}

/// <summary>A citizen's legal question (hỏi đáp pháp luật), from submission to its published answer.</summary>
public class Question
{
    public int Id { get; set; }

    /// <summary>
    /// A neutral "cau-hoi-…" at submission; when the answer is made public it is built from the moderated
    /// <see cref="Title"/> only (<see cref="QuestionSlugs.Public"/>), never from the asker's text. Earlier public
    /// slugs stay in <see cref="QuestionSlugAlias"/> and redirect here.
    /// </summary>
    public required string Slug { get; set; }

    /// <summary>A short heading for lists and the public page; the moderator may shorten the text into one.</summary>
    public required string Title { get; set; }

    /// <summary>The asker's original wording: only the asker and staff see it.</summary>
    public required string Text { get; set; }

    /// <summary>
    /// The question as shown in public (pages, feeds, search, structured data, transcripts): set by the moderator at
    /// approval, who may remove names and places; the original text when nobody edited it before release.
    /// </summary>
    public string? PublicText { get; set; }

    /// <summary>SHA-256 (keyed) of the phone number the asker gave, digits only; to look the question up with its number.</summary>
    public string? AskerPhoneKey { get; set; }
    public int TopicId { get; set; }
    public Topic Topic { get; set; } = null!;
    public int AudienceId { get; set; }
    public AudienceGroup Audience { get; set; } = null!;

    /// <summary>Optional; shown masked in public ("Nguyễn V. A").</summary>
    public string? AskerName { get; set; }

    /// <summary>Optional commune or ward; shown masked in public.</summary>
    public string? AskerPlace { get; set; }

    /// <summary>Optional, kept only with consent, never shown; used to tell the asker the answer is out.</summary>
    public string? AskerEmail { get; set; }

    /// <summary>UTC moment the asker consented to the e-mail being kept.</summary>
    public DateTime? EmailConsentAt { get; set; }

    /// <summary>SHA-256 (hex) of the private tracking token; the token itself is only in the asker's link.</summary>
    public required string TrackingTokenHash { get; set; }

    /// <summary>
    /// SHA-256 (hex) of the sender's network address, for the per-address limit on questions (shared by every
    /// node through the database); cleared once the question is answered or rejected.
    /// </summary>
    public string? SenderKey { get; set; }

    public QuestionStatus Status { get; set; }
    public string? RejectionReason { get; set; }
    public int? MergedIntoId { get; set; }
    public Question? MergedInto { get; set; }

    /// <summary>The competent agency, whose experts answer.</summary>
    public int? AgencyId { get; set; }

    public Agency? Agency { get; set; }

    /// <summary>Markdown answer, with the legal basis in <see cref="Citations"/>.</summary>
    public string? Answer { get; set; }

    /// <summary>Sensitive answers go only to the asker, through the tracking link and e-mail.</summary>
    public bool AnswerIsPrivate { get; set; }

    public List<AnswerCitation> Citations { get; } = [];
    public string? AnsweredById { get; set; }
    public string? AnsweredByName { get; set; }
    public string? ReviewedById { get; set; }

    /// <summary>The reviewer's note when an answer goes back to the expert.</summary>
    public string? ReviewComment { get; set; }

    public DateTime AskedAt { get; set; }
    public DateTime? ScreenedAt { get; set; }
    public DateTime? AssignedAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public DateTime? PublishedAt { get; set; }

    /// <summary>Set when the question was sent to an online dialogue session.</summary>
    public int? DialogueSessionId { get; set; }

    public DialogueSession? DialogueSession { get; set; }

    /// <summary>Order of the question within its session's transcript, once picked.</summary>
    public int? SessionOrder { get; set; }

    /// <summary>Raised on every change; a change based on an older version is refused (two moderators at once).</summary>
    public int Version { get; set; }
}

/// <summary>An answer's legal basis: a document and, optionally, the provision ("khoản 2 Điều 8").</summary>
public class AnswerCitation
{
    public int Id { get; set; }
    public int QuestionId { get; set; }
    public Question Question { get; set; } = null!;
    public int LegalDocumentId { get; set; }
    public LegalDocument LegalDocument { get; set; } = null!;
    public string? Provision { get; set; }
    public int Position { get; set; }
}

/// <summary>A public address a question had before its title changed; it answers with a permanent redirect.</summary>
public class QuestionSlugAlias
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public int QuestionId { get; set; }
    public Question Question { get; set; } = null!;
}
