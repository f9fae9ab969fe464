using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Data;
using PbgdplPortal.Text;

namespace PbgdplPortal.Quizzes;

/// <summary>A question as typed in the editor or read from a sheet row, before it is checked.</summary>
/// <param name="Key">The question's code within its quiz ("ma"); null to have one made.</param>
/// <param name="Text">Markdown.</param>
/// <param name="Options">The options' texts in order, blanks left out.</param>
/// <param name="Correct">1-based position of the correct option in <paramref name="Options"/>, or null.</param>
/// <param name="Explanation">Markdown.</param>
public sealed record QuizQuestionDraft(string? Key, string Text, IReadOnlyList<string> Options, int? Correct, string Explanation, QuizQuestionDifficulty Difficulty);

/// <summary>The rules every question meets, whether typed in the back office or imported.</summary>
public static class QuizQuestionRules
{
    public const int MinOptions = 2;
    public const int MaxOptions = 6;
    public const int MaxKeyLength = 100;
    public const int MaxTextLength = 4000;
    public const int MaxOptionLength = 1000;
    public const int MaxExplanationLength = 8000;
    public const string NoAnswer = "Chưa chọn đáp án đúng.";

    /// <summary>Codes of the difficulties as forms and sheets write them ("muc_do").</summary>
    public static readonly IReadOnlyList<(QuizQuestionDifficulty Difficulty, string Code, string Label)> Difficulties =
    [
        (QuizQuestionDifficulty.Easy, "de", "Dễ"),
        (QuizQuestionDifficulty.Medium, "trung-binh", "Trung bình"),
        (QuizQuestionDifficulty.Hard, "kho", "Khó"),
    ];

    public static string LabelOf(QuizQuestionDifficulty difficulty) => Difficulties.First(d => d.Difficulty == difficulty).Label;

    public static string CodeOf(QuizQuestionDifficulty difficulty) => Difficulties.First(d => d.Difficulty == difficulty).Code;

    /// <summary>Reads "de", "Dễ", "trung bình", "KHÓ"…; empty means medium.</summary>
    public static QuizQuestionDifficulty? ParseDifficulty(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return QuizQuestionDifficulty.Medium;
        }
        var code = Slug.From(text);
        return Difficulties.Where(d => d.Code == code).Select(d => (QuizQuestionDifficulty?)d.Difficulty).FirstOrDefault();
    }

    /// <summary>Whether <paramref name="key"/> can be a question code: 1–100 characters, no spaces.</summary>
    public static bool IsValidKey(string key) =>
        key is { Length: > 0 and <= MaxKeyLength } && !key.Any(char.IsWhiteSpace) && !key.Any(char.IsControl);

    /// <summary>Everything wrong with <paramref name="draft"/>, in Vietnamese; empty when it is fine.</summary>
    public static List<string> Check(QuizQuestionDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var problems = new List<string>();
        if (draft.Key is not null && !IsValidKey(draft.Key))
        {
            problems.Add($"Mã câu hỏi “{Shorten(draft.Key)}” không hợp lệ: tối đa {MaxKeyLength} ký tự, không có khoảng trắng.");
        }
        if (draft.Text.Trim().Length == 0)
        {
            problems.Add("Thiếu nội dung câu hỏi.");
        }
        else if (draft.Text.Length > MaxTextLength)
        {
            problems.Add("Nội dung câu hỏi quá dài (tối đa 4.000 ký tự).");
        }
        if (draft.Options.Count is < MinOptions or > MaxOptions)
        {
            problems.Add($"Câu hỏi phải có từ {MinOptions} đến {MaxOptions} phương án (đang có {draft.Options.Count}).");
        }
        for (var i = 0; i < draft.Options.Count; i++)
        {
            if (draft.Options[i].Length > MaxOptionLength)
            {
                problems.Add($"Phương án {i + 1} quá dài (tối đa {MaxOptionLength} ký tự).");
            }
            var twin = draft.Options.Take(i).ToList().IndexOf(draft.Options[i]);
            if (twin >= 0)
            {
                problems.Add($"Phương án {twin + 1} và phương án {i + 1} giống hệt nhau.");
            }
        }
        if (draft.Correct is null)
        {
            problems.Add(NoAnswer);
        }
        else if (draft.Correct < 1 || draft.Correct > draft.Options.Count)
        {
            problems.Add($"Đáp án {draft.Correct} không phải là một phương án đã nhập.");
        }
        if (draft.Explanation.Trim().Length == 0)
        {
            problems.Add("Thiếu giải thích đáp án.");
        }
        else if (draft.Explanation.Length > MaxExplanationLength)
        {
            problems.Add("Giải thích quá dài (tối đa 8.000 ký tự).");
        }
        return problems;
    }

    /// <summary>The first code "c1", "c2"… not in <paramref name="taken"/>.</summary>
    public static string NextKey(IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var n = used.Count + 1;
        for (var i = 1; i <= used.Count + 1; i++)
        {
            if (!used.Contains("c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                n = i;
                break;
            }
        }
        return "c" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    /// <summary>
    /// Contest rounds using <paramref name="quizId"/> that already have attempts, by title: while there is one,
    /// the quiz's questions may not be deleted, lose options or change their correct option, because the
    /// attempts' papers point at them.
    /// </summary>
    public static Task<List<string>> LockingRoundsAsync(this PortalDbContext db, int quizId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ContestRounds.AsNoTracking()
            .Where(r => r.QuizId == quizId && db.Attempts.Any(a => a.RoundId == r.Id))
            .OrderBy(r => r.Contest.Title).ThenBy(r => r.Number)
            .Select(r => r.Contest.Title + " – " + r.Title)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Contest rounds using <paramref name="quizId"/> that have not closed and draw more than
    /// <paramref name="remaining"/> questions per attempt, by title: the quiz may not shrink below what they draw.
    /// </summary>
    public static Task<List<string>> RoundsDrawingMoreThanAsync(this PortalDbContext db, int quizId, int remaining, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ContestRounds.AsNoTracking()
            .Where(r => r.QuizId == quizId && r.ClosesAt > now && r.QuestionCount > remaining)
            .OrderBy(r => r.Contest.Title).ThenBy(r => r.Number)
            .Select(r => r.Contest.Title + " – " + r.Title + " (" + r.QuestionCount + " câu)")
            .ToListAsync(cancellationToken);
    }

    /// <summary>What a change to a question used by contest attempts may not do, or null when it keeps every option and the correct one.</summary>
    /// <param name="kept">The existing options' ids the change keeps.</param>
    /// <param name="correctId">The id of the option that will be correct (null for a new option).</param>
    public static string? LockedChangeProblem(QuizQuestion question, IReadOnlyCollection<int> kept, int? correctId)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(kept);
        if (question.Options.Any(o => !kept.Contains(o.Id)))
        {
            return "Câu hỏi đã được dùng trong bài thi: không được bỏ phương án.";
        }
        if (question.Options.FirstOrDefault(o => o.IsCorrect) is { } correct && correct.Id != correctId)
        {
            return "Câu hỏi đã được dùng trong bài thi: không được đổi đáp án đúng.";
        }
        return null;
    }
}
