using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;
using PbgdplPortal.Quizzes;

namespace PbgdplPortal.Contests;

/// <summary>What a contest's prediction question asks entrants to guess.</summary>
public enum PredictionKind
{
    None,

    /// <summary>How many entrants will answer every question correctly.</summary>
    AllCorrect,

    /// <summary>How many entrants will take part in the round.</summary>
    Entrants,
}

/// <summary>An online law contest (cuộc thi tìm hiểu pháp luật trực tuyến) in one or more rounds.</summary>
public class Contest
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }

    /// <summary>Markdown: the rules as published by the organisers.</summary>
    public string? Description { get; set; }

    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;
    public PredictionKind Prediction { get; set; }

    /// <summary>Comma-separated <see cref="RankingCriterion"/> codes, e.g. "score,prediction,duration,submitted".</summary>
    public string RankingOrder { get; set; } = RankingCriteria.DefaultOrder;

    public PublicationStatus Status { get; set; }
    public bool IsSample { get; set; }
    public List<ContestRound> Rounds { get; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A round (đợt, tuần thi) with its own window, questions and prizes.</summary>
public class ContestRound
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public Contest Contest { get; set; } = null!;
    public int Number { get; set; }
    public required string Title { get; set; }
    public string? Theme { get; set; }

    /// <summary>UTC: attempts may start from here…</summary>
    public DateTime OpensAt { get; set; }

    /// <summary>…until here; an attempt started before may still be submitted within its own time limit.</summary>
    public DateTime ClosesAt { get; set; }

    public int QuizId { get; set; }
    public Quiz Quiz { get; set; } = null!;

    /// <summary>Questions drawn per attempt; equal to the pool's size for a fixed set.</summary>
    public int QuestionCount { get; set; }

    public int TimeLimitMinutes { get; set; }
    public int MaxAttempts { get; set; } = 1;
    public int FirstPrizes { get; set; }
    public int SecondPrizes { get; set; }
    public int ThirdPrizes { get; set; }
    public int ConsolationPrizes { get; set; }

    /// <summary>The prediction question's true figure, computed when the results are produced.</summary>
    public int? TrueFigure { get; set; }

    /// <summary>Set when the organisers publish the results.</summary>
    public DateTime? ResultsPublishedAt { get; set; }
}

/// <summary>A registered contest entrant: one account per phone number.</summary>
public class Entrant
{
    public int Id { get; set; }

    /// <summary>Normalised to digits, "0" then 9 digits.</summary>
    public required string Phone { get; set; }

    public required string PasswordHash { get; set; }
    public required string FullName { get; set; }
    public DateOnly BirthDate { get; set; }

    /// <summary>The entrant's unit, chosen from the agency and commune catalogue.</summary>
    public int UnitId { get; set; }

    public Agency Unit { get; set; } = null!;
    public string? IdNumber { get; set; }
    public string? Email { get; set; }

    /// <summary>When the entrant consented to the processing of their personal data, and to which text.</summary>
    public DateTime ConsentedAt { get; set; }

    public required string ConsentVersion { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>Queries over entrants.</summary>
public static class EntrantQueries
{
    /// <summary>True while the account exists and has not been erased (erasure clears the password hash).</summary>
    public static Task<bool> IsActiveAsync(this IQueryable<Entrant> entrants, int entrantId, CancellationToken cancellationToken = default) =>
        entrants.AnyAsync(e => e.Id == entrantId && e.PasswordHash != "", cancellationToken);
}

/// <summary>One attempt at a round: the questions drawn, the answers, the result.</summary>
public class Attempt
{
    public Guid Id { get; set; }
    public int RoundId { get; set; }
    public ContestRound Round { get; set; } = null!;
    public int EntrantId { get; set; }
    public Entrant Entrant { get; set; } = null!;

    /// <summary>1…MaxAttempts; unique per entrant and round, which makes the attempt limit hold under parallel starts.</summary>
    public int Number { get; set; }

    public DateTime StartedAt { get; set; }

    /// <summary>StartedAt + the round's time limit (the server adds a small grace period when checking).</summary>
    public DateTime Deadline { get; set; }

    /// <summary>JSON: the drawn question ids, each with its shuffled option ids.</summary>
    public required string Paper { get; set; }

    public DateTime? SubmittedAt { get; set; }

    /// <summary>JSON: the chosen option id per question id.</summary>
    public string? Answers { get; set; }

    public int? Score { get; set; }
    public int? DurationMs { get; set; }
    public long? Prediction { get; set; }
    public bool Disqualified { get; set; }
    public string? DisqualifiedReason { get; set; }
}
