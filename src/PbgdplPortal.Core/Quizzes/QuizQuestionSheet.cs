using System.Text;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Data;
using PbgdplPortal.Editing;
using PbgdplPortal.Text;

namespace PbgdplPortal.Quizzes;

/// <summary>
/// One row of a sheet: its number as a spreadsheet shows it (the header is row 1) and its cells; <paramref name="Problem"/>
/// when the row could not be split into the header's columns (a CSV row with more cells than the header).
/// </summary>
public sealed record SheetRow(int Number, IReadOnlyList<string> Cells, string? Problem = null);

/// <summary>What is wrong with one row (0 for the file as a whole).</summary>
public sealed record SheetProblem(int Row, string Message);

/// <summary>A question read from a row, with its legal basis as typed.</summary>
public sealed record SheetQuestion(int Row, QuizQuestionDraft Draft, string? Citations);

/// <summary>The questions of a sheet and every problem found in it.</summary>
public sealed record SheetReading(IReadOnlyList<SheetQuestion> Questions, IReadOnlyList<SheetProblem> Problems);

/// <summary>
/// The question sheet (Excel or CSV) editors import into a quiz: a header row naming the columns, then one
/// question per row. Every row is checked; the sheet is imported only when no row has a problem.
/// </summary>
public static class QuizQuestionSheet
{
    public const int MaxRows = 1000;

    /// <summary>The columns, in the template's order; the first five of them are required.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["ma", "cau_hoi", "phuong_an_1", "phuong_an_2", "phuong_an_3", "phuong_an_4", "phuong_an_5", "phuong_an_6", "dap_an", "giai_thich", "can_cu", "muc_do"];

    private static readonly string[] Required = ["cau_hoi", "phuong_an_1", "phuong_an_2", "dap_an", "giai_thich"];

    private static readonly char[] CitationSeparators = ['\n', ';'];

    /// <summary>An example row for the template.</summary>
    public static readonly IReadOnlyList<string> ExampleRow =
    [
        "c1",
        "Theo Luật Hôn nhân và gia đình năm 2014, nam phải đủ bao nhiêu tuổi thì được kết hôn?",
        "Đủ 18 tuổi", "Từ đủ 20 tuổi trở lên", "Đủ 21 tuổi", "", "", "",
        "2",
        "Điểm a khoản 1 Điều 8 Luật Hôn nhân và gia đình: nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên.",
        "52/2014/QH13 | điểm a khoản 1 Điều 8",
        "de",
    ];

    /// <summary>
    /// Reads CSV bytes: UTF-8 with or without a byte-order mark, comma or semicolon separated (whichever the
    /// header row uses), fields optionally in double quotes with "" for a quote and line breaks inside.
    /// </summary>
    public static (List<SheetRow> Rows, SheetProblem? Problem) ReadCsv(ReadOnlySpan<byte> bytes)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return ([], new SheetProblem(0, "Tệp CSV không phải văn bản UTF-8. Hãy lưu lại tệp với bảng mã UTF-8 (trong Excel: “CSV UTF-8”)."));
        }
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return ([], new SheetProblem(0, "Tệp không phải tệp CSV (có ký tự nhị phân)."));
        }
        var firstLine = text.Split('\n', 2)[0];
        var delimiter = firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ';' : ',';
        var rows = new List<SheetRow>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var number = 1;
        var start = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        number++;
                    }
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                cells.Add(cell.ToString());
                cell.Clear();
                rows.Add(new SheetRow(start, [.. cells]));
                cells.Clear();
                number++;
                start = number;
            }
            else
            {
                cell.Append(c);
            }
            if (rows.Count > MaxRows + 1)
            {
                return (rows, TooManyRows());
            }
        }
        if (quoted)
        {
            return (rows, new SheetProblem(start, "Dấu ngoặc kép (\") mở mà không đóng."));
        }
        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            rows.Add(new SheetRow(start, [.. cells]));
        }
        return (MarkWideRows(rows, delimiter), null);
    }

    /// <summary>
    /// Marks the rows that have more cells than the header: an unquoted delimiter inside a cell shifts every later
    /// cell, so the row's other checks would only mislead.
    /// </summary>
    private static List<SheetRow> MarkWideRows(List<SheetRow> rows, char delimiter)
    {
        if (rows.Count == 0)
        {
            return rows;
        }
        var expected = rows[0].Cells.Count;
        var mark = delimiter == ';' ? "dấu chấm phẩy" : "dấu phẩy";
        return [.. rows.Select((row, i) => i > 0 && row.Cells.Count > expected
            ? row with { Problem = $"Có {row.Cells.Count} cột, cần {expected} — nếu nội dung có {mark}, hãy đặt ô trong dấu ngoặc kép (\"…\")." }
            : row)];
    }

    /// <summary>The heading of a problem list, counting exactly the problems listed ("3 lỗi cần sửa ở 2 dòng").</summary>
    public static string ProblemSummary(IReadOnlyCollection<SheetProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var rows = problems.Where(p => p.Row > 0).Select(p => p.Row).Distinct().Count();
        return rows > 0 && rows != problems.Count ? $"{problems.Count} lỗi cần sửa ở {rows} dòng" : $"{problems.Count} lỗi cần sửa";
    }

    public static SheetProblem TooManyRows() => new(0, $"Tệp có quá nhiều dòng: mỗi lần nhập tối đa {MaxRows} câu hỏi.");

    /// <summary>Checks the header and every row on its own (not yet against the quiz and the documents the portal holds).</summary>
    public static SheetReading Read(IReadOnlyList<SheetRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var problems = new List<SheetProblem>();
        var questions = new List<SheetQuestion>();
        if (rows.Count == 0 || rows[0].Cells.All(string.IsNullOrWhiteSpace))
        {
            problems.Add(new SheetProblem(1, $"Dòng 1 phải là dòng tên cột: {string.Join(", ", Columns)}."));
            return new SheetReading(questions, problems);
        }
        var header = rows[0];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Cells.Count; i++)
        {
            var name = VietnameseText.Nfc(header.Cells[i]).Trim().TrimStart('\uFEFF').ToLowerInvariant();
            if (name.Length == 0)
            {
                continue;
            }
            if (!Columns.Contains(name))
            {
                problems.Add(new SheetProblem(header.Number, $"Cột “{name}” không có trong mẫu (các cột: {string.Join(", ", Columns)})."));
            }
            else if (!index.TryAdd(name, i))
            {
                problems.Add(new SheetProblem(header.Number, $"Cột “{name}” có hai lần."));
            }
        }
        foreach (var missing in Required.Where(r => !index.ContainsKey(r)))
        {
            problems.Add(new SheetProblem(header.Number, $"Thiếu cột “{missing}”."));
        }
        if (problems.Count > 0)
        {
            return new SheetReading(questions, problems);
        }
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows.Skip(1))
        {
            string Cell(string column) =>
                index.TryGetValue(column, out var i) && i < row.Cells.Count ? VietnameseText.Nfc(row.Cells[i] ?? "").Trim() : "";
            if (row.Cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (row.Problem is { } split)
            {
                problems.Add(new SheetProblem(row.Number, split));
                continue;
            }
            var rowProblems = new List<string>();
            var key = Cell("ma") is { Length: > 0 } k ? k : null;
            var options = new List<string>();
            var positions = new List<int>();
            for (var n = 1; n <= QuizQuestionRules.MaxOptions; n++)
            {
                if (Cell($"phuong_an_{n}") is { Length: > 0 } option)
                {
                    options.Add(option);
                    positions.Add(n);
                }
            }
            int? correct = null;
            var answer = Cell("dap_an");
            var chosen = ParseAnswer(answer);
            if (answer.Length == 0)
            {
                rowProblems.Add("Thiếu đáp án (cột dap_an: số thứ tự phương án đúng, từ 1 đến 6).");
            }
            else if (chosen is null)
            {
                rowProblems.Add($"Đáp án “{answer}” không hợp lệ: ghi số thứ tự phương án đúng, từ 1 đến 6 (hoặc chữ A–F).");
            }
            else if (!positions.Contains(chosen.Value))
            {
                rowProblems.Add($"Đáp án là phương án {chosen} nhưng cột phuong_an_{chosen} để trống.");
            }
            else
            {
                correct = positions.IndexOf(chosen.Value) + 1;
            }
            var difficultyText = Cell("muc_do");
            var difficulty = QuizQuestionRules.ParseDifficulty(difficultyText);
            if (difficulty is null)
            {
                rowProblems.Add($"Mức độ “{difficultyText}” không hợp lệ: dùng de, trung-binh hoặc kho (để trống là trung bình).");
            }
            var draft = new QuizQuestionDraft(key, Cell("cau_hoi"), options, correct, Cell("giai_thich"), difficulty ?? QuizQuestionDifficulty.Medium);
            // The answer column's own messages above say more than the general one.
            rowProblems.AddRange(QuizQuestionRules.Check(draft).Where(p => p != QuizQuestionRules.NoAnswer));
            if (key is not null)
            {
                if (keys.TryGetValue(key, out var first))
                {
                    rowProblems.Add($"Mã câu hỏi “{key}” trùng với dòng {first}.");
                }
                else
                {
                    keys[key] = row.Number;
                }
            }
            if (rowProblems.Count > 0)
            {
                problems.AddRange(rowProblems.Select(p => new SheetProblem(row.Number, p)));
            }
            else
            {
                questions.Add(new SheetQuestion(row.Number, draft, Cell("can_cu") is { Length: > 0 } cites ? cites : null));
            }
        }
        if (questions.Count == 0 && problems.Count == 0)
        {
            problems.Add(new SheetProblem(0, "Tệp không có câu hỏi nào (chỉ có dòng tên cột)."));
        }
        if (questions.Count + problems.Select(p => p.Row).Distinct().Count() > MaxRows)
        {
            problems.Add(TooManyRows());
        }
        return new SheetReading(questions, problems);
    }

    private static int? ParseAnswer(string answer)
    {
        var text = answer.Trim();
        if (text.Length == 1 && char.ToUpperInvariant(text[0]) is >= 'A' and <= 'F' and var letter)
        {
            return letter - 'A' + 1;
        }
        // A number cell may arrive as "2" or "2.0".
        if (decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && number == decimal.Truncate(number) && number is >= 1 and <= QuizQuestionRules.MaxOptions)
        {
            return (int)number;
        }
        return null;
    }

    /// <summary>
    /// Checks the sheet's questions against <paramref name="quiz"/> (loaded with its questions and options) and the
    /// documents the portal holds: citations must resolve, and a row whose code names a question used by contest
    /// attempts must keep its options and correct option. Returns every problem, and the citations per row.
    /// </summary>
    public static async Task<(List<SheetProblem> Problems, Dictionary<int, List<ResolvedCitation>> Citations)> CheckAgainstAsync(PortalDbContext db, Quiz quiz,
        SheetReading reading, bool locked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(quiz);
        ArgumentNullException.ThrowIfNull(reading);
        var problems = new List<SheetProblem>();
        var citations = new Dictionary<int, List<ResolvedCitation>>();
        var existing = quiz.Questions.ToDictionary(q => q.Key, StringComparer.Ordinal);
        var resolvedRows = await CitationLines.ResolveAllAsync(db, [.. reading.Questions.Select(q => q.Citations)], "Căn cứ", CitationSeparators, cancellationToken);
        for (var r = 0; r < reading.Questions.Count; r++)
        {
            var q = reading.Questions[r];
            var (resolved, citationProblems) = resolvedRows[r];
            problems.AddRange(citationProblems.Select(p => new SheetProblem(q.Row, p)));
            citations[q.Row] = resolved;
            if (locked && q.Draft.Key is { } key && existing.TryGetValue(key, out var question))
            {
                var options = question.Options.OrderBy(o => o.Position).ToList();
                var kept = options.Take(q.Draft.Options.Count).Select(o => o.Id).ToList();
                int? correctId = q.Draft.Correct <= options.Count ? options[q.Draft.Correct.Value - 1].Id : null;
                if (QuizQuestionRules.LockedChangeProblem(question, kept, correctId) is { } problem)
                {
                    problems.Add(new SheetProblem(q.Row, $"{problem} (mã “{key}”)"));
                }
            }
        }
        return (problems, citations);
    }

    /// <summary>Writes the checked questions into <paramref name="quiz"/>: rows with a known code update that question, the others are added at the end.</summary>
    public static (int Added, int Updated) Apply(PortalDbContext db, Quiz quiz, SheetReading reading, IReadOnlyDictionary<int, List<ResolvedCitation>> citations)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(quiz);
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(citations);
        var added = 0;
        var updated = 0;
        var position = quiz.Questions.Count == 0 ? 0 : quiz.Questions.Max(q => q.Position) + 1;
        foreach (var row in reading.Questions)
        {
            var question = row.Draft.Key is { } key ? quiz.Questions.FirstOrDefault(q => q.Key == key) : null;
            if (question is null)
            {
                question = new QuizQuestion { Key = row.Draft.Key ?? QuizQuestionRules.NextKey(quiz.Questions.Select(q => q.Key)), Text = "", Explanation = "", Position = position++ };
                quiz.Questions.Add(question);
                added++;
            }
            else
            {
                updated++;
            }
            Write(db, question, row.Draft, citations[row.Row]);
        }
        return (added, updated);
    }

    /// <summary>
    /// Copies a checked draft onto <paramref name="question"/>. Options are matched by position, so an option
    /// keeps its row (and the attempts that chose it keep pointing at it) while its position stays.
    /// </summary>
    public static void Write(PortalDbContext db, QuizQuestion question, QuizQuestionDraft draft, IReadOnlyList<ResolvedCitation> citations)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(citations);
        question.Text = draft.Text;
        question.Explanation = draft.Explanation;
        question.Difficulty = draft.Difficulty;
        var options = question.Options.OrderBy(o => o.Position).ToList();
        for (var p = 0; p < draft.Options.Count; p++)
        {
            var option = p < options.Count ? options[p] : null;
            if (option is null)
            {
                option = new QuizOption { Text = draft.Options[p] };
                question.Options.Add(option);
            }
            option.Position = p;
            option.Text = draft.Options[p];
            option.IsCorrect = p + 1 == draft.Correct;
        }
        foreach (var extra in options.Skip(draft.Options.Count))
        {
            question.Options.Remove(extra);
            db.QuizOptions.Remove(extra);
        }
        db.QuizQuestionCitations.RemoveRange(question.Citations);
        question.Citations.Clear();
        question.Citations.AddRange(citations.Select((c, i) => new QuizQuestionCitation { LegalDocumentId = c.DocumentId, Provision = c.Provision, Position = i }));
    }
}
