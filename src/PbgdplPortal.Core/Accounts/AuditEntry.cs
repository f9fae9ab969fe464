namespace PbgdplPortal.Accounts;

/// <summary>Codes of audited actions.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignOut = "sign-out";
    public const string PasswordChanged = "password-changed";
    public const string TwoFactorChanged = "two-factor-changed";
    public const string UserCreated = "user-created";
    public const string RoleChanged = "role-changed";
    public const string UserAgencyChanged = "user-agency-changed";
    public const string UserDisabled = "user-disabled";
    public const string Submitted = "submitted";
    public const string SentBack = "sent-back";
    public const string Published = "published";
    public const string Unpublished = "unpublished";
    public const string Deleted = "deleted";
    public const string Restored = "restored";
    public const string DraftDiscarded = "draft-discarded";
    public const string PasswordResetRequested = "password-reset-requested";
    public const string PasswordReset = "password-reset";
    public const string ReviewFlagCleared = "review-flag-cleared";
    public const string AgencyChanged = "agency-changed";
    public const string TermChanged = "term-changed";
    public const string MediaDeleted = "media-deleted";
    public const string QuestionApproved = "question-approved";
    public const string QuestionAssigned = "question-assigned";
    public const string QuestionMerged = "question-merged";
    public const string QuestionRejected = "question-rejected";
    public const string QuestionAnswered = "question-answered";
    public const string AnswerSentBack = "answer-sent-back";
    public const string AnswerPublished = "answer-published";
    public const string AnswerSentPrivately = "answer-sent-privately";
    public const string AnswerWithdrawn = "answer-withdrawn";
    public const string QuestionsImported = "questions-imported";
    public const string MailTestQueued = "mail-test-queued";
}

/// <summary>One line of the audit log: who did what, when, from where.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }

    /// <summary>The account's e-mail at the time (kept when the account is later removed).</summary>
    public string? UserName { get; set; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What was acted on, e.g. "article:dang-ky-ket-hon" or "user:a@b.vn".</summary>
    public string? Target { get; set; }

    public string? Detail { get; set; }

    /// <summary>The client's IP address.</summary>
    public string? Address { get; set; }
}
