using PbgdplPortal.Editing;
using PbgdplPortal.Content;

namespace PbgdplPortal.Quizzes;

public enum QuizQuestionDifficulty
{
    Easy,
    Medium,
    Hard,
}

/// <summary>A set of multiple-choice questions on a legal field: a practice quiz, and the pool contest rounds draw from.</summary>
public class Quiz : IEditable
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;
    public List<Topic> Topics { get; } = [];
    public List<AudienceGroup> Audiences { get; } = [];
    public List<QuizQuestion> Questions { get; } = [];
    public PublicationStatus Status { get; set; }
    public DateTime PublishedAt { get; set; }
    public bool IsSample { get; set; }
    public int Version { get; set; }

    /// <summary>The reviewer's comment when the quiz was sent back to its editor.</summary>
    public string? ReviewComment { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? CreatedById { get; set; }
    public string? UpdatedById { get; set; }

    int? IEditable.AgencyId => AgencyId == 0 ? null : AgencyId;

    /// <summary>A quiz has no withdrawal moment: it stays until taken down.</summary>
    DateTime? IEditable.UnpublishAt { get => null; set { } }
}

/// <summary>A question with 2–6 options, exactly one correct, and an explanation citing its legal basis.</summary>
public class QuizQuestion
{
    public int Id { get; set; }
    public int QuizId { get; set; }
    public Quiz Quiz { get; set; } = null!;

    /// <summary>The question's identifier within its quiz file ("q1"), stable across imports.</summary>
    public required string Key { get; set; }

    public int Position { get; set; }

    /// <summary>Markdown.</summary>
    public required string Text { get; set; }

    /// <summary>Markdown: why the right option is right, with its legal basis.</summary>
    public required string Explanation { get; set; }

    public QuizQuestionDifficulty Difficulty { get; set; } = QuizQuestionDifficulty.Medium;
    public List<QuizOption> Options { get; } = [];
    public List<QuizQuestionCitation> Citations { get; } = [];
}

public class QuizOption
{
    public int Id { get; set; }
    public int QuestionId { get; set; }
    public QuizQuestion Question { get; set; } = null!;
    public int Position { get; set; }
    public required string Text { get; set; }
    public bool IsCorrect { get; set; }
}

/// <summary>A question's legal basis: a document held by the portal and, optionally, the provision.</summary>
public class QuizQuestionCitation
{
    public int Id { get; set; }
    public int QuestionId { get; set; }
    public QuizQuestion Question { get; set; } = null!;
    public int LegalDocumentId { get; set; }
    public LegalDocument LegalDocument { get; set; } = null!;
    public string? Provision { get; set; }
    public int Position { get; set; }
}
