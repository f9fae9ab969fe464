using System.Globalization;
using PbgdplPortal.Quizzes;
using PbgdplPortal.Text;

namespace PbgdplPortal.Contests;

/// <summary>The "Portal:Contests" configuration section.</summary>
public sealed class ContestOptions
{
    /// <summary>Added to an attempt's deadline when its submission is checked (network delays, a slow phone).</summary>
    public TimeSpan SubmissionGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Registrations allowed per client address per minute.</summary>
    public int RegistrationPermitsPerMinute { get; set; } = 10;

    /// <summary>Sign-ins (web and API token) allowed per client address per minute.</summary>
    public int SignInPermitsPerMinute { get; set; } = 20;
}

/// <summary>The consent an entrant gives when registering, and its version stored with the account.</summary>
public static class ContestConsent
{
    public const string Version = "2026-11-01";

    public const string Text =
        "Tôi đồng ý để Ban Tổ chức cuộc thi (cơ quan tổ chức nêu trong thể lệ) xử lý dữ liệu cá nhân tôi khai báo (họ và tên, ngày sinh, " +
        "số điện thoại, đơn vị; số định danh cá nhân và thư điện tử nếu có) cùng kết quả và thời gian làm bài, nhằm quản lý tài khoản " +
        "dự thi, chấm điểm, xếp giải, xác minh và liên hệ trao giải, thống kê kết quả cuộc thi, theo Luật Bảo vệ dữ liệu cá nhân. " +
        "Kết quả công bố chỉ hiển thị họ tên và số điện thoại ở dạng đã che. Tôi có thể xem và xóa dữ liệu của mình bất cứ lúc nào " +
        "tại trang tài khoản dự thi; khi đó tôi không còn được xét giải.";

    /// <summary>What a deleted entrant's name becomes; their attempts stay so that published rankings remain right.</summary>
    public const string DeletedName = "Thí sinh đã xóa dữ liệu";

    public const string DeletedPhonePrefix = "xoa-";
}

/// <summary>Where a round stands.</summary>
public enum RoundState
{
    NotOpen,
    Open,
    Closed,
    Published,
}

public static class RoundStates
{
    public static string Label(this RoundState state) => state switch
    {
        RoundState.NotOpen => "Chưa mở",
        RoundState.Open => "Đang mở",
        RoundState.Closed => "Đã kết thúc",
        _ => "Đã công bố kết quả",
    };

    /// <summary>The code used in the API.</summary>
    public static string Code(this RoundState state) => state switch
    {
        RoundState.NotOpen => "not-open",
        RoundState.Open => "open",
        RoundState.Closed => "closed",
        _ => "published",
    };

    public static RoundState Of(DateTime opensAt, DateTime closesAt, DateTime? publishedAt, DateTime now) =>
        publishedAt is not null ? RoundState.Published
        : now < opensAt ? RoundState.NotOpen
        : now < closesAt ? RoundState.Open
        : RoundState.Closed;
}

public static class ContestUrls
{
    public const string Index = "/cuoc-thi";
    public const string Register = "/cuoc-thi/dang-ky";
    public const string SignIn = "/cuoc-thi/dang-nhap";
    public const string SignOut = "/cuoc-thi/dang-xuat";
    public const string Account = "/cuoc-thi/tai-khoan";

    public static string Contest(string slug) => $"/cuoc-thi/{slug}";

    public static string Round(string slug, int number) => string.Create(CultureInfo.InvariantCulture, $"/cuoc-thi/{slug}/dot-{number}");

    public static string Results(string slug, int number) => Round(slug, number) + "/ket-qua";

    public static string Attempt(Guid id) => $"/cuoc-thi/bai-thi/{id}";

    public static string Certificate(Guid id) => $"/cuoc-thi/chung-nhan/{id}";
}

public static class ContestFormat
{
    /// <summary>"01/11/2026 08:00", Vietnam time.</summary>
    public static string DateTime(DateTime utc) =>
        VietnameseText.FormatMinute(utc);
}

public sealed record RoundView(int Id, string ContestSlug, int Number, string Title, string? Theme, DateTime OpensAt, DateTime ClosesAt, RoundState State,
    int QuestionCount, int TimeLimitMinutes, int MaxAttempts, PrizeCounts Prizes, int? TrueFigure, DateTime? ResultsPublishedAt)
{
    public string Url => ContestUrls.Round(ContestSlug, Number);

    public string ResultsUrl => ContestUrls.Results(ContestSlug, Number);
}

/// <summary>A round with the title of its contest, for lists that span contests.</summary>
public sealed record ContestRoundLink(string ContestTitle, RoundView Round);

/// <summary>What an entrant can take part in now: the open rounds, or else the next to open (if any).</summary>
public sealed record RoundsNow(IReadOnlyList<ContestRoundLink> Open, ContestRoundLink? Next);

public sealed record ContestView(int Id, string Slug, string Title, string AgencyName, int AgencyId, string? DescriptionHtml, PredictionKind Prediction,
    IReadOnlyList<RankingCriterion> RankingOrder, bool IsSample, IReadOnlyList<RoundView> Rounds)
{
    public string Url => ContestUrls.Contest(Slug);

    public string? PredictionQuestion(int questionCount) => Prediction switch
    {
        PredictionKind.AllCorrect => $"Đợt thi này có bao nhiêu người trả lời đúng tất cả {questionCount} câu hỏi?",
        PredictionKind.Entrants => "Đợt thi này có bao nhiêu người tham gia?",
        _ => null,
    };
}

/// <summary>An attempt's questions in their drawn order, options shuffled, answers withheld; with the result once submitted.</summary>
public sealed record AttemptPaper(Guid Id, ContestView Contest, RoundView Round, int Number, DateTime StartedAt, DateTime Deadline,
    IReadOnlyList<PaperQuestion> Questions, AttemptOutcome? Outcome, bool Expired)
{
    public string Url => ContestUrls.Attempt(Id);
}

public sealed record AttemptOutcome(int Score, int Total, int DurationMs, DateTime SubmittedAt, long? Prediction);

public enum StartStatus
{
    Started,
    NotFound,
    NotOpen,
    LimitReached,
}

public sealed record StartResult(StartStatus Status, AttemptPaper? Paper = null);

public enum SubmitStatus
{
    Accepted,
    NotFound,
    TooLate,
    Invalid,
}

/// <summary>One answer of a submission: the question and the chosen option, as sent.</summary>
public sealed record SubmittedAnswer(int Question, int Option);

public sealed record SubmitResult(SubmitStatus Status, AttemptOutcome? Outcome = null, IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>What a registration form or request carries; strings as typed.</summary>
public sealed record RegistrationInput(string? Phone, string? Password, string? FullName, string? BirthDate, string? Unit, string? IdNumber, string? Email, bool Consent);

public sealed record RegistrationResult(Entrant? Entrant, IReadOnlyDictionary<string, string[]> Errors, bool DuplicatePhone)
{
    public bool Succeeded => Entrant is not null;
}

/// <summary>A unit an entrant may choose.</summary>
public sealed record UnitOption(string Slug, string Name);

/// <summary>The registration page: the units to choose from, what was typed, the problems.</summary>
/// <param name="ReturnUrl">Where the new entrant goes once registered (the round they came to take), local only.</param>
public sealed record RegistrationPage(IReadOnlyList<UnitOption> Units, RegistrationInput Input, IReadOnlyDictionary<string, string[]> Errors, string? ReturnUrl = null)
{
    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}

/// <summary>A round's page for a signed-in entrant: what they may do now.</summary>
public sealed record RoundPage(ContestView Contest, RoundView Round, int AttemptsUsed, Guid? OpenAttempt, string? Message);

public sealed record SignInPage(string? Phone, string? Error, string? ReturnUrl);

/// <summary>An attempt listed on the entrant's own account page.</summary>
public sealed record AccountAttempt(Guid Id, string ContestTitle, string RoundTitle, int Number, DateTime StartedAt, DateTime? SubmittedAt, int? Score,
    int Total, bool HasCertificate)
{
    public string Url => ContestUrls.Attempt(Id);
}

/// <summary>Everything the portal holds about an entrant, shown to them alone.</summary>
public sealed record EntrantAccount(int Id, string Phone, string FullName, DateOnly BirthDate, string UnitSlug, string UnitName, string? IdNumber, string? Email,
    DateTime ConsentedAt, string ConsentVersion, DateTime CreatedAt, IReadOnlyList<AccountAttempt> Attempts);

/// <summary>A place in a round's ranking with the entrant's details in full: for organisers only.</summary>
public sealed record RankingRow(int Rank, Guid AttemptId, int EntrantId, string FullName, string Phone, string Unit, int Score, int DurationMs,
    DateTime SubmittedAt, long? Prediction, long? PredictionDistance, PrizeTier? Prize);

/// <summary>How a unit fared: entrants counted in the ranking and prize winners.</summary>
public sealed record UnitTally(string Unit, int Entrants, int Winners);

/// <summary>A disqualified entry as organisers see it.</summary>
public sealed record DisqualifiedEntry(int EntrantId, string FullName, string Phone, string Unit, string? Reason);

/// <summary>The full ranking of a closed round: for organisers only.</summary>
public sealed record RoundRanking(ContestView Contest, RoundView Round, int? TrueFigure, IReadOnlyList<RankingRow> Rows, IReadOnlyList<UnitTally> Units,
    IReadOnlyList<DisqualifiedEntry> Disqualified, int Submitted);

/// <summary>A place in a published ranking: personal data masked.</summary>
public sealed record PublicRankingRow(int Rank, string Name, string Phone, string Unit, int Score, int DurationMs, long? Prediction, PrizeTier? Prize);

/// <summary>A published round's results page: winners by tier, then the ranking paged.</summary>
public sealed record PublicResults(ContestView Contest, RoundView Round, int? TrueFigure, IReadOnlyList<PublicRankingRow> Winners,
    IReadOnlyList<PublicRankingRow> Page, int PageNumber, int PageSize, int Total, IReadOnlyList<UnitTally> Units)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>A winner's certificate.</summary>
public sealed record Certificate(Guid AttemptId, string FullName, string Unit, string ContestTitle, string RoundTitle, string AgencyName, PrizeTier Prize,
    int Rank, int Score, int Total, DateTime PublishedAt);
