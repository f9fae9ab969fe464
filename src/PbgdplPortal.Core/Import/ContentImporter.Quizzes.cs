using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;
using PbgdplPortal.Contests;
using PbgdplPortal.Quizzes;
using YamlDotNet.RepresentationModel;

namespace PbgdplPortal.Import;

// Quizzes (content/quizzes/*.yml) and contests (content/contests/*.yml).
public sealed partial class ContentImporter
{
    private sealed record QuestionEntry(int Line, string Key, string Text, List<string> Options, int Answer, string Explanation,
        QuizQuestionDifficulty Difficulty, List<CitationEntry> Cites);

    private sealed record QuizEntry(string File, int Line, string Slug, string Title, string? Description, List<Reference> Topics,
        List<Reference> Audiences, Reference Agency, bool IsSample, List<QuestionEntry> Questions, int DeclaredQuestions);

    private sealed record RoundEntry(int Line, int Number, string Title, string? Theme, DateTime Opens, DateTime Closes, string Quiz,
        int Questions, int TimeLimitMinutes, int MaxAttempts, PrizeCounts Prizes);

    private sealed record ContestEntry(string File, int Line, string Slug, string Title, string? Description, Reference Agency,
        PredictionKind Prediction, string Ranking, bool IsSample, List<RoundEntry> Rounds);

    private static readonly Dictionary<string, QuizQuestionDifficulty> Difficulties = new(StringComparer.Ordinal)
    {
        ["easy"] = QuizQuestionDifficulty.Easy,
        ["medium"] = QuizQuestionDifficulty.Medium,
        ["hard"] = QuizQuestionDifficulty.Hard,
    };

    private static readonly Dictionary<string, PredictionKind> Predictions = new(StringComparer.Ordinal)
    {
        ["none"] = PredictionKind.None,
        ["all-correct"] = PredictionKind.AllCorrect,
        ["entrants"] = PredictionKind.Entrants,
    };

    /// <summary>Reads every "*.yml" file of <paramref name="folder"/> as one mapping.</summary>
    private static List<T> ReadYamlFiles<T>(string root, string folder, List<ImportProblem> problems, Func<YamlRecord, T?> read) where T : class
    {
        var path = Path.Combine(root, folder);
        var items = new List<T>();
        if (!Directory.Exists(path))
        {
            return items;
        }
        foreach (var file in Directory.EnumerateFiles(path, "*.yml").Order(StringComparer.Ordinal))
        {
            var relative = RelativeName(root, file);
            switch (YamlFiles.Parse(relative, File.ReadAllText(file), 0, problems))
            {
                case YamlMappingNode map:
                    var record = new YamlRecord(relative, map, 0, problems);
                    var item = read(record);
                    record.RejectUnknownFields();
                    if (item is not null)
                    {
                        items.Add(item);
                    }
                    break;
                case null when problems.Any(p => p.File == relative):
                    break;
                default:
                    problems.Add(new ImportProblem(relative, 1, "tệp phải có dạng 'khóa: giá trị'"));
                    break;
            }
        }
        return items;
    }

    private static QuizEntry? ReadQuiz(YamlRecord r, KnownItems known)
    {
        var title = r.Text("title", required: true, maxLength: 500);
        var slug = ReadSlug(r, title);
        var description = r.Text("description", maxLength: 4000);
        var topics = r.List("topics", required: true).Select(t => new Reference(t.Value, t.Line)).ToList();
        var audiences = r.List("audiences").Select(t => new Reference(t.Value, t.Line)).ToList();
        var agencySlug = r.Text("agency", required: true);
        var agency = agencySlug is null ? null : new Reference(agencySlug, r.LineOfField("agency"));
        var sample = r.Flag("sample") ?? false;
        CheckReferences(r, topics, known.Topics, "chủ đề");
        CheckReferences(r, audiences, known.Audiences, "đối tượng");
        CheckReferences(r, agency is null ? [] : [agency], known.Agencies, "cơ quan");
        var questions = new List<QuestionEntry>();
        var records = r.Records("questions");
        if (records.Count == 0)
        {
            r.Problem(r.LineOfField("questions"), "bộ câu hỏi phải có ít nhất một câu hỏi ('questions')");
        }
        foreach (var q in records)
        {
            if (ReadQuestion(q, known) is { } question)
            {
                if (questions.FirstOrDefault(x => x.Key == question.Key) is { } twin)
                {
                    q.Problem(q.Line, $"mã câu hỏi trùng '{question.Key}' (đã có ở dòng {twin.Line})");
                    continue;
                }
                questions.Add(question);
            }
        }
        if (title is null || slug is null || topics.Count == 0 || agency is null || records.Count == 0)
        {
            return null;
        }
        return new QuizEntry(r.File, r.Line, slug, title, description, topics.DistinctBy(t => t.Slug).ToList(), audiences.DistinctBy(t => t.Slug).ToList(),
            agency, sample, questions, records.Count);
    }

    private static QuestionEntry? ReadQuestion(YamlRecord q, KnownItems known)
    {
        var key = q.Text("id", required: true, maxLength: 100);
        var text = q.Text("text", required: true, maxLength: 4000);
        var options = q.List("options", required: true);
        var answer = q.Int("answer", 1, 6, required: true);
        var explanation = q.Text("explanation", required: true, maxLength: 8000);
        var difficultyCode = q.Text("difficulty") ?? "medium";
        if (!Difficulties.TryGetValue(difficultyCode, out var difficulty))
        {
            q.Problem(q.LineOfField("difficulty"), $"độ khó không hợp lệ '{difficultyCode}' (easy, medium hoặc hard)");
        }
        var cites = ReadCitations(q, known);
        q.RejectUnknownFields();
        if (options.Count is > 0 and (< 2 or > 6))
        {
            q.Problem(q.LineOfField("options"), $"câu hỏi phải có từ 2 đến 6 phương án, không phải {options.Count}");
            return null;
        }
        if (options.FirstOrDefault(o => o.Value.Length > 1000) is { Value: not null } tooLong)
        {
            q.Problem(tooLong.Line, "phương án dài quá 1000 ký tự");
            return null;
        }
        if (answer > options.Count && options.Count > 0)
        {
            q.Problem(q.LineOfField("answer"), $"đáp án {answer} không có: câu hỏi chỉ có {options.Count} phương án");
            return null;
        }
        if (options.Select(o => o.Value).Distinct(StringComparer.Ordinal).Count() != options.Count)
        {
            q.Problem(q.LineOfField("options"), "hai phương án giống hệt nhau");
            return null;
        }
        if (key is null || text is null || options.Count == 0 || answer is null || explanation is null || !Difficulties.ContainsKey(difficultyCode))
        {
            return null;
        }
        return new QuestionEntry(q.Line, key, text, options.Select(o => o.Value).ToList(), answer.Value, explanation, difficulty, cites);
    }

    private static ContestEntry? ReadContest(YamlRecord r, KnownItems known, IReadOnlyDictionary<string, int> quizSizes)
    {
        var title = r.Text("title", required: true, maxLength: 500);
        var slug = ReadSlug(r, title);
        var description = r.Text("description", maxLength: 20000);
        var agencySlug = r.Text("agency", required: true);
        var agency = agencySlug is null ? null : new Reference(agencySlug, r.LineOfField("agency"));
        CheckReferences(r, agency is null ? [] : [agency], known.Agencies, "cơ quan");
        var sample = r.Flag("sample") ?? false;
        var predictionCode = r.Text("prediction") ?? "none";
        if (!Predictions.TryGetValue(predictionCode, out var prediction))
        {
            r.Problem(r.LineOfField("prediction"), $"câu hỏi dự đoán không hợp lệ '{predictionCode}' (all-correct, entrants hoặc none)");
        }
        var rankingCodes = r.List("ranking");
        var ranking = rankingCodes.Count == 0 ? RankingCriteria.DefaultOrder : string.Join(',', rankingCodes.Select(c => c.Value));
        if (RankingCriteria.Parse(ranking) is null)
        {
            r.Problem(r.LineOfField("ranking"), $"thứ tự xếp hạng không hợp lệ '{ranking}' (dùng score, prediction, duration, submitted, mỗi tiêu chí một lần)");
        }
        var rounds = new List<RoundEntry>();
        var records = r.Records("rounds");
        if (records.Count == 0)
        {
            r.Problem(r.LineOfField("rounds"), "cuộc thi phải có ít nhất một đợt ('rounds')");
        }
        foreach (var round in records)
        {
            if (ReadRound(round, quizSizes) is { } entry)
            {
                if (rounds.Any(x => x.Number == entry.Number))
                {
                    round.Problem(round.Line, $"số đợt trùng: {entry.Number}");
                    continue;
                }
                rounds.Add(entry);
            }
        }
        if (title is null || slug is null || agency is null || !Predictions.ContainsKey(predictionCode) || RankingCriteria.Parse(ranking) is null || records.Count == 0)
        {
            return null;
        }
        return new ContestEntry(r.File, r.Line, slug, title, description, agency, prediction, ranking, sample, rounds);
    }

    private static RoundEntry? ReadRound(YamlRecord round, IReadOnlyDictionary<string, int> quizSizes)
    {
        var number = round.Int("number", 1, 1000, required: true);
        var title = round.Text("title", required: true, maxLength: 500);
        var theme = round.Text("theme", maxLength: 2000);
        var opens = round.Moment("opens", required: true);
        var closes = round.Moment("closes", required: true);
        var quiz = round.Text("quiz", required: true);
        var questions = round.Int("questions", 1, 100, required: true);
        var timeLimit = round.Int("time_limit_minutes", 1, 240, required: true);
        var maxAttempts = round.Int("max_attempts", 1, 100) ?? 1;
        var prizes = round.Record("prizes");
        var counts = new PrizeCounts(prizes?.Int("nhat", 0, 1000) ?? 0, prizes?.Int("nhi", 0, 1000) ?? 0, prizes?.Int("ba", 0, 1000) ?? 0, prizes?.Int("khuyen_khich", 0, 10000) ?? 0);
        prizes?.RejectUnknownFields();
        round.RejectUnknownFields();
        if (closes <= opens)
        {
            round.Problem(round.LineOfField("closes"), "thời điểm kết thúc đợt phải sau thời điểm bắt đầu");
            return null;
        }
        if (quiz is not null && !quizSizes.ContainsKey(quiz))
        {
            round.Problem(round.LineOfField("quiz"), $"bộ câu hỏi không tồn tại: '{quiz}'");
            return null;
        }
        if (quiz is not null && questions > quizSizes[quiz])
        {
            round.Problem(round.LineOfField("questions"), $"đợt thi cần {questions} câu nhưng bộ câu hỏi '{quiz}' chỉ có {quizSizes[quiz]} câu");
            return null;
        }
        if (number is null || title is null || opens is null || closes is null || quiz is null || questions is null || timeLimit is null)
        {
            return null;
        }
        return new RoundEntry(round.Line, number.Value, title, theme, opens.Value, closes.Value, quiz, questions.Value, timeLimit.Value, maxAttempts, counts);
    }

    private async Task UpsertQuizzes(List<QuizEntry> entries, ImportResult result, DateTime now, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }
        var topics = await db.Topics.ToDictionaryAsync(t => t.Slug, cancellationToken);
        var audiences = await db.AudienceGroups.ToDictionaryAsync(t => t.Slug, cancellationToken);
        var agencyIds = await db.Agencies.ToDictionaryAsync(t => t.Slug, t => t.Id, cancellationToken);
        var documentIds = await db.LegalDocuments.ToDictionaryAsync(d => d.NumberKey, d => d.Id, cancellationToken);
        var slugs = entries.Select(e => e.Slug).ToList();
        var existing = await db.Quizzes
            .Include(q => q.Topics).Include(q => q.Audiences)
            .Include(q => q.Questions).ThenInclude(x => x.Options)
            .Include(q => q.Questions).ThenInclude(x => x.Citations)
            .Where(q => slugs.Contains(q.Slug))
            .ToDictionaryAsync(q => q.Slug, cancellationToken);
        foreach (var e in entries)
        {
            var isNew = !existing.TryGetValue(e.Slug, out var quiz);
            quiz ??= new Quiz { Slug = e.Slug, Title = e.Title, CreatedAt = now, UpdatedAt = now, Status = PublicationStatus.Published, PublishedAt = now };
            quiz.Title = e.Title;
            quiz.Description = e.Description;
            quiz.IsSample = e.IsSample;
            quiz.AgencyId = agencyIds[e.Agency.Slug];
            var changed = SyncSet(quiz.Topics, e.Topics.Select(r => topics[r.Slug]).ToList(), t => t.Id);
            changed |= SyncSet(quiz.Audiences, e.Audiences.Select(r => audiences[r.Slug]).ToList(), t => t.Id);
            changed |= SyncQuestions(quiz, e.Questions, documentIds);
            if (isNew)
            {
                db.Quizzes.Add(quiz);
            }
            Count(quiz, isNew, changed, nameof(Quiz), e.Slug, result, now);
        }
    }

    /// <summary>
    /// Matches questions by their id in the file. An option keeps its row while its position stays, so
    /// attempts already taken keep pointing at the option they chose.
    /// </summary>
    private bool SyncQuestions(Quiz quiz, List<QuestionEntry> entries, Dictionary<string, int> documentIds)
    {
        var changed = false;
        var byKey = quiz.Questions.ToDictionary(q => q.Key, StringComparer.Ordinal);
        foreach (var stale in quiz.Questions.Where(q => !entries.Any(e => e.Key == q.Key)).ToList())
        {
            quiz.Questions.Remove(stale);
            db.QuizQuestions.Remove(stale);
            changed = true;
        }
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (!byKey.TryGetValue(e.Key, out var question))
            {
                question = new QuizQuestion { Key = e.Key, Text = e.Text, Explanation = e.Explanation };
                quiz.Questions.Add(question);
                changed = true;
            }
            question.Position = i;
            question.Text = e.Text;
            question.Explanation = e.Explanation;
            question.Difficulty = e.Difficulty;
            changed |= db.Entry(question).State == EntityState.Modified;
            var options = question.Options.OrderBy(o => o.Position).ToList();
            for (var p = 0; p < e.Options.Count; p++)
            {
                var option = p < options.Count ? options[p] : null;
                if (option is null)
                {
                    question.Options.Add(new QuizOption { Position = p, Text = e.Options[p], IsCorrect = p + 1 == e.Answer });
                    changed = true;
                }
                else if (option.Text != e.Options[p] || option.IsCorrect != (p + 1 == e.Answer))
                {
                    option.Text = e.Options[p];
                    option.IsCorrect = p + 1 == e.Answer;
                    changed = true;
                }
            }
            foreach (var extra in options.Skip(e.Options.Count))
            {
                question.Options.Remove(extra);
                db.QuizOptions.Remove(extra);
                changed = true;
            }
            var wanted = e.Cites.Select(c => (DocumentId: documentIds[c.NumberKey], c.Provision)).ToList();
            if (!question.Citations.OrderBy(c => c.Position).Select(c => (DocumentId: c.LegalDocumentId, c.Provision)).SequenceEqual(wanted))
            {
                db.QuizQuestionCitations.RemoveRange(question.Citations);
                question.Citations.Clear();
                question.Citations.AddRange(wanted.Select((w, n) => new QuizQuestionCitation { LegalDocumentId = w.DocumentId, Provision = w.Provision, Position = n }));
                changed = true;
            }
        }
        return changed;
    }

    private async Task UpsertContests(List<ContestEntry> entries, ImportResult result, DateTime now, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }
        var agencyIds = await db.Agencies.ToDictionaryAsync(t => t.Slug, t => t.Id, cancellationToken);
        var quizIds = await db.Quizzes.ToDictionaryAsync(q => q.Slug, q => q.Id, cancellationToken);
        var slugs = entries.Select(e => e.Slug).ToList();
        var existing = await db.Contests.Include(c => c.Rounds).Where(c => slugs.Contains(c.Slug)).ToDictionaryAsync(c => c.Slug, cancellationToken);
        foreach (var e in entries)
        {
            var isNew = !existing.TryGetValue(e.Slug, out var contest);
            contest ??= new Contest { Slug = e.Slug, Title = e.Title, CreatedAt = now, UpdatedAt = now, Status = PublicationStatus.Published };
            contest.Title = e.Title;
            contest.Description = e.Description;
            contest.AgencyId = agencyIds[e.Agency.Slug];
            contest.Prediction = e.Prediction;
            contest.RankingOrder = e.Ranking;
            contest.IsSample = e.IsSample;
            var changed = false;
            foreach (var stale in contest.Rounds.Where(r => !e.Rounds.Any(x => x.Number == r.Number)).ToList())
            {
                contest.Rounds.Remove(stale);
                db.ContestRounds.Remove(stale);
                changed = true;
            }
            foreach (var r in e.Rounds)
            {
                var round = contest.Rounds.FirstOrDefault(x => x.Number == r.Number);
                if (round is null)
                {
                    round = new ContestRound { Number = r.Number, Title = r.Title };
                    contest.Rounds.Add(round);
                    changed = true;
                }
                round.Title = r.Title;
                round.Theme = r.Theme;
                round.OpensAt = r.Opens;
                round.ClosesAt = r.Closes;
                round.QuizId = quizIds[r.Quiz];
                round.QuestionCount = r.Questions;
                round.TimeLimitMinutes = r.TimeLimitMinutes;
                round.MaxAttempts = r.MaxAttempts;
                round.FirstPrizes = r.Prizes.First;
                round.SecondPrizes = r.Prizes.Second;
                round.ThirdPrizes = r.Prizes.Third;
                round.ConsolationPrizes = r.Prizes.Consolation;
                changed |= db.Entry(round).State == EntityState.Modified;
            }
            if (isNew)
            {
                db.Contests.Add(contest);
            }
            Count(contest, isNew, changed, nameof(Contest), e.Slug, result, now);
        }
    }
}
