using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Editing;
using PbgdplPortal.Markdown;
using PbgdplPortal.Quizzes;
using PbgdplPortal.Site;
using PbgdplPortal.Text;

namespace PbgdplPortal.Contests;

/// <summary>
/// Online law contests: attempts within each round's window and limits, rankings and their publication
/// (entrants' accounts are <see cref="EntrantAccounts"/>). Every time comes from <see cref="TimeProvider"/>;
/// every rule is checked here, on the server.
/// </summary>
public sealed class ContestService(PortalDbContext db, DocumentNumberIndex directory, TimeProvider time, IOptions<ContestOptions> options, IMemoryCache cache)
{
    private const int MaxStartTries = 50;
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    // ---- Contests ----

    private IQueryable<Contest> Published => db.Contests.AsNoTracking().Where(c => c.Status == PublicationStatus.Published);

    public async Task<IReadOnlyList<ContestView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var contests = await Published.Include(c => c.Agency).Include(c => c.Rounds).ToListAsync(cancellationToken);
        var now = Now;
        return contests.Select(c => View(c, now, withDescription: false))
            .OrderByDescending(c => c.Rounds.Any(r => r.State == RoundState.Open))
            .ThenByDescending(c => c.Rounds.Count == 0 ? DateTime.MinValue : c.Rounds.Max(r => r.OpensAt))
            .ThenBy(c => c.Slug, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The rounds of published contests open now, and, when none is, the next one to open.</summary>
    public async Task<RoundsNow> RoundsNowAsync(CancellationToken cancellationToken = default)
    {
        var rounds = (await ListAsync(cancellationToken)).SelectMany(c => c.Rounds.Select(r => new ContestRoundLink(c.Title, r))).ToList();
        var open = rounds.Where(r => r.Round.State == RoundState.Open).OrderBy(r => r.Round.ClosesAt).ToList();
        var next = open.Count > 0 ? null : rounds.Where(r => r.Round.State == RoundState.NotOpen).MinBy(r => r.Round.OpensAt);
        return new RoundsNow(open, next);
    }

    /// <summary>A published contest; its rules rendered to HTML only when <paramref name="withRules"/>.</summary>
    public async Task<ContestView?> FindAsync(string slug, bool withRules = true, CancellationToken cancellationToken = default)
    {
        var contest = await Published.Include(c => c.Agency).Include(c => c.Rounds).FirstOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        return contest is null ? null : View(contest, Now, withDescription: withRules);
    }

    /// <summary>A contest of any status, for organisers.</summary>
    public async Task<ContestView?> FindAnyAsync(string slug, CancellationToken cancellationToken = default)
    {
        var contest = await db.Contests.AsNoTracking().Include(c => c.Agency).Include(c => c.Rounds).FirstOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        return contest is null ? null : View(contest, Now, withDescription: false);
    }

    /// <summary>Contests of an agency (all when null), for organisers.</summary>
    public async Task<IReadOnlyList<ContestView>> ListForAgencyAsync(int? agencyId, CancellationToken cancellationToken = default)
    {
        var query = db.Contests.AsNoTracking().Include(c => c.Agency).Include(c => c.Rounds).AsQueryable();
        if (agencyId is { } id)
        {
            query = query.Where(c => c.AgencyId == id);
        }
        var now = Now;
        return (await query.OrderBy(c => c.Title).ToListAsync(cancellationToken)).Select(c => View(c, now, withDescription: false)).ToList();
    }

    private static ContestView View(Contest c, DateTime now, bool withDescription) => new(
        c.Id, c.Slug, c.Title, c.Agency.Name, c.AgencyId,
        withDescription && c.Description is { Length: > 0 } d ? MarkdownRenderer.ToHtml(d) : null,
        c.Prediction, RankingCriteria.Parse(c.RankingOrder) ?? RankingCriteria.Parse(RankingCriteria.DefaultOrder)!, c.IsSample,
        c.Rounds.OrderBy(r => r.Number).Select(r => View(c.Slug, r, now)).ToList());

    private static RoundView View(string slug, ContestRound r, DateTime now) => new(
        r.Id, slug, r.Number, r.Title, r.Theme, r.OpensAt, r.ClosesAt, RoundStates.Of(r.OpensAt, r.ClosesAt, r.ResultsPublishedAt, now),
        r.QuestionCount, r.TimeLimitMinutes, r.MaxAttempts, new PrizeCounts(r.FirstPrizes, r.SecondPrizes, r.ThirdPrizes, r.ConsolationPrizes),
        r.TrueFigure, r.ResultsPublishedAt);

    /// <summary>How many attempts the entrant has started in the round.</summary>
    public Task<int> AttemptsUsedAsync(int roundId, int entrantId, CancellationToken cancellationToken = default) =>
        db.Attempts.CountAsync(a => a.RoundId == roundId && a.EntrantId == entrantId, cancellationToken);

    /// <summary>The entrant's attempt in the round still open for answers, if any.</summary>
    public async Task<Guid?> OpenAttemptAsync(int roundId, int entrantId, CancellationToken cancellationToken = default)
    {
        var limit = Now - options.Value.SubmissionGrace;
        return await db.Attempts.AsNoTracking()
            .Where(a => a.RoundId == roundId && a.EntrantId == entrantId && a.SubmittedAt == null && a.Deadline > limit)
            .OrderByDescending(a => a.Number).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
    }

    // ---- Attempts ----

    private sealed record PaperEntry(int Q, int[] O);

    private static List<PaperEntry> ReadPaper(string json) => JsonSerializer.Deserialize<List<PaperEntry>>(json) ?? [];

    /// <summary>How many questions an attempt's paper holds.</summary>
    internal static int PaperLength(string json) => ReadPaper(json).Count;

    /// <summary>
    /// Starts an attempt while the round is open. The attempt number is the count so far plus one; the
    /// unique index on (round, entrant, number) refuses a second insert of the same number made in
    /// parallel, which is then retried with a fresh count, so the limit holds however many requests race.
    /// </summary>
    public async Task<StartResult> StartAsync(string slug, int number, int entrantId, Random random, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(random);
        var contest = await FindAsync(slug, withRules: false, cancellationToken);
        var round = contest?.Rounds.FirstOrDefault(r => r.Number == number);
        if (contest is null || round is null || !await db.Entrants.IsActiveAsync(entrantId, cancellationToken))
        {
            return new StartResult(StartStatus.NotFound);
        }
        var now = Now;
        if (round.State != RoundState.Open)
        {
            return new StartResult(StartStatus.NotOpen);
        }
        var pool = await db.ContestRounds.AsNoTracking().Where(r => r.Id == round.Id)
            .SelectMany(r => r.Quiz.Questions.Select(q => new { q.Id, Options = q.Options.Select(o => o.Id).ToList() }))
            .ToListAsync(cancellationToken);
        var drawn = pool.ToArray();
        random.Shuffle(drawn);
        var paper = drawn.Take(Math.Max(1, round.QuestionCount)).Select(q =>
        {
            var o = q.Options.ToArray();
            random.Shuffle(o);
            return new PaperEntry(q.Id, o);
        }).ToList();
        var attempt = new Attempt
        {
            Id = Guid.NewGuid(),
            RoundId = round.Id,
            EntrantId = entrantId,
            StartedAt = now,
            Deadline = now.AddMinutes(round.TimeLimitMinutes),
            Paper = JsonSerializer.Serialize(paper),
        };
        for (var tries = 0; ; tries++)
        {
            var used = await AttemptsUsedAsync(round.Id, entrantId, cancellationToken);
            if (used >= round.MaxAttempts)
            {
                return new StartResult(StartStatus.LimitReached);
            }
            attempt.Number = used + 1;
            db.Attempts.Add(attempt);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException) when (tries < MaxStartTries)
            {
                // Another start took this number first: count again.
                db.Entry(attempt).State = EntityState.Detached;
                await Task.Delay(random.Next(5, 20), cancellationToken);
            }
        }
        return new StartResult(StartStatus.Started, await PaperAsync(attempt.Id, entrantId, cancellationToken));
    }

    /// <summary>The entrant's own attempt, its questions in drawn order; null for anyone else's.</summary>
    public async Task<AttemptPaper?> PaperAsync(Guid attemptId, int entrantId, CancellationToken cancellationToken = default)
    {
        var a = await db.Attempts.AsNoTracking().Where(x => x.Id == attemptId && x.EntrantId == entrantId)
            .Select(x => new { x.Id, x.Number, x.StartedAt, x.Deadline, x.Paper, x.SubmittedAt, x.Score, x.DurationMs, x.Prediction, Slug = x.Round.Contest.Slug, RoundNumber = x.Round.Number, RoundId = x.RoundId })
            .FirstOrDefaultAsync(cancellationToken);
        if (a is null)
        {
            return null;
        }
        var contest = await db.Contests.AsNoTracking().Include(c => c.Agency).Include(c => c.Rounds).FirstAsync(c => c.Slug == a.Slug, cancellationToken);
        var view = View(contest, Now, withDescription: false);
        var round = view.Rounds.First(r => r.Id == a.RoundId);
        var entries = ReadPaper(a.Paper);
        var ids = entries.Select(e => e.Q).ToList();
        var rows = await db.QuizQuestions.AsNoTracking().Where(q => ids.Contains(q.Id))
            .Select(q => new { q.Id, q.Text, Options = q.Options.Select(o => new { o.Id, o.Text }).ToList() })
            .ToListAsync(cancellationToken);
        var byId = rows.ToDictionary(r => r.Id);
        var documents = await directory.GetAsync(db, cancellationToken);
        var questions = entries.Where(e => byId.ContainsKey(e.Q)).Select(e =>
        {
            var q = byId[e.Q];
            var options = q.Options.ToDictionary(o => o.Id, o => o.Text);
            return new PaperQuestion(q.Id, MarkdownRenderer.ToHtml(q.Text, key => documents.TryGetValue(key, out var s) ? SiteUrls.Document(s) : null),
                e.O.Where(options.ContainsKey).Select(o => new PaperOption(o, options[o])).ToList());
        }).ToList();
        AttemptOutcome? outcome = a.SubmittedAt is { } submitted ? new AttemptOutcome(a.Score ?? 0, entries.Count, a.DurationMs ?? 0, submitted, a.Prediction) : null;
        return new AttemptPaper(a.Id, view, round, a.Number, a.StartedAt, a.Deadline, questions, outcome,
            outcome is null && Now > a.Deadline + options.Value.SubmissionGrace);
    }

    /// <summary>
    /// Marks and records the answers once. The write only happens while the attempt is unsubmitted, so a
    /// repeated or concurrent submission changes nothing and gets the first result back. A submission with any answer
    /// that is not on the attempt's paper (<see cref="PaperErrors"/>) is refused whole and stores nothing, so the
    /// entrant may correct it and submit again before the deadline.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(Guid attemptId, int entrantId, IReadOnlyList<SubmittedAnswer> answers, long? prediction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var a = await db.Attempts.AsNoTracking().Where(x => x.Id == attemptId && x.EntrantId == entrantId && x.Entrant.PasswordHash != "")
            .Select(x => new { x.Id, x.StartedAt, x.Deadline, x.Paper, x.SubmittedAt, Kind = x.Round.Contest.Prediction })
            .FirstOrDefaultAsync(cancellationToken);
        if (a is null)
        {
            return new SubmitResult(SubmitStatus.NotFound);
        }
        if (a.SubmittedAt is not null)
        {
            return new SubmitResult(SubmitStatus.Accepted, await OutcomeAsync(attemptId, cancellationToken));
        }
        var now = Now;
        if (now > a.Deadline + options.Value.SubmissionGrace)
        {
            return new SubmitResult(SubmitStatus.TooLate);
        }
        var paper = ReadPaper(a.Paper);
        var errors = PaperErrors(paper, answers);
        if (a.Kind != PredictionKind.None && prediction is null or < 0)
        {
            errors["prediction"] = ["Vui lòng trả lời câu hỏi dự đoán bằng một số nguyên không âm."];
        }
        if (errors.Count > 0)
        {
            return new SubmitResult(SubmitStatus.Invalid, Errors: errors);
        }
        var byQuestion = answers.ToDictionary(x => x.Question, x => x.Option);
        var asked = paper.Select(p => p.Q).ToList();
        var correct = await db.QuizOptions.AsNoTracking().Where(o => o.IsCorrect && asked.Contains(o.QuestionId)).Select(o => new { o.QuestionId, o.Id }).ToListAsync(cancellationToken);
        var correctByQuestion = correct.GroupBy(c => c.QuestionId).ToDictionary(g => g.Key, g => g.First().Id);
        var chosen = paper.Where(p => byQuestion.ContainsKey(p.Q)).ToDictionary(p => p.Q.ToString(CultureInfo.InvariantCulture), p => byQuestion[p.Q]);
        var score = paper.Count(p => byQuestion.TryGetValue(p.Q, out var o) && correctByQuestion.TryGetValue(p.Q, out var right) && right == o);
        var duration = (int)Math.Clamp((now - a.StartedAt).TotalMilliseconds, 0, int.MaxValue);
        var json = JsonSerializer.Serialize(chosen);
        long? storedPrediction = a.Kind == PredictionKind.None ? null : prediction;
        await db.Attempts.Where(x => x.Id == attemptId && x.SubmittedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.SubmittedAt, now)
                .SetProperty(x => x.Answers, json)
                .SetProperty(x => x.Score, score)
                .SetProperty(x => x.DurationMs, duration)
                .SetProperty(x => x.Prediction, storedPrediction), cancellationToken);
        return new SubmitResult(SubmitStatus.Accepted, await OutcomeAsync(attemptId, cancellationToken));
    }

    /// <summary>
    /// Every answer that is not on the paper, in Vietnamese, keyed "answers[questionId]": a question the attempt does not
    /// hold, an option that is not one of that question's options on the paper, or a second answer to one question.
    /// Empty when every answer is one of the paper's choices; unanswered questions are allowed (they score nothing).
    /// </summary>
    private static Dictionary<string, string[]> PaperErrors(IReadOnlyList<PaperEntry> paper, IReadOnlyList<SubmittedAnswer> answers)
    {
        var options = paper.ToDictionary(p => p.Q, p => p.O);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var group in answers.GroupBy(x => x.Question))
        {
            var question = group.Key;
            var messages = new List<string>();
            if (!options.TryGetValue(question, out var offered))
            {
                messages.Add(string.Create(CultureInfo.InvariantCulture, $"Câu hỏi {question} không có trong bài thi này."));
            }
            else
            {
                if (group.Count() > 1)
                {
                    messages.Add(string.Create(CultureInfo.InvariantCulture, $"Câu hỏi {question} được trả lời {group.Count()} lần; mỗi câu chỉ chọn một phương án."));
                }
                messages.AddRange(group.Select(x => x.Option).Distinct().Where(o => !offered.Contains(o))
                    .Select(o => string.Create(CultureInfo.InvariantCulture, $"Phương án {o} không phải là phương án của câu hỏi {question}.")));
            }
            if (messages.Count > 0)
            {
                errors[string.Create(CultureInfo.InvariantCulture, $"answers[{question}]")] = messages;
            }
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    private async Task<AttemptOutcome?> OutcomeAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        var a = await db.Attempts.AsNoTracking().Where(x => x.Id == attemptId)
            .Select(x => new { x.Paper, x.Score, x.DurationMs, x.SubmittedAt, x.Prediction }).FirstAsync(cancellationToken);
        return a.SubmittedAt is { } submitted ? new AttemptOutcome(a.Score ?? 0, ReadPaper(a.Paper).Count, a.DurationMs ?? 0, submitted, a.Prediction) : null;
    }

    // ---- Results ----

    private sealed record RankOutcome(IReadOnlyList<RankedEntry> Ranked, int? TrueFigure, IReadOnlyList<AttemptResult> Submitted);

    /// <summary>Ranks the round's submitted attempts; the published true figure once there is one.</summary>
    private async Task<RankOutcome> RankAsync(int roundId, CancellationToken cancellationToken)
    {
        var round = await db.ContestRounds.AsNoTracking().Include(r => r.Contest).FirstAsync(r => r.Id == roundId, cancellationToken);
        var submitted = await db.Attempts.AsNoTracking().Where(a => a.RoundId == roundId && a.SubmittedAt != null)
            .Select(a => new AttemptResult(a.Id, a.EntrantId, a.Score ?? 0, a.DurationMs ?? 0, a.SubmittedAt!.Value, a.Prediction, a.Disqualified))
            .ToListAsync(cancellationToken);
        var counted = ContestRanking.CountedAttempts(submitted);
        var trueFigure = round.ResultsPublishedAt is not null ? round.TrueFigure : ContestRanking.TrueFigure(round.Contest.Prediction, counted, round.QuestionCount);
        var order = RankingCriteria.Parse(round.Contest.RankingOrder) ?? RankingCriteria.Parse(RankingCriteria.DefaultOrder)!;
        var ranked = ContestRanking.Rank(counted, order, trueFigure,
            new PrizeCounts(round.FirstPrizes, round.SecondPrizes, round.ThirdPrizes, round.ConsolationPrizes));
        return new RankOutcome(ranked, trueFigure, submitted);
    }

    /// <summary>The round's prize-winning attempts.</summary>
    internal async Task<HashSet<Guid>> WinningAttemptsAsync(int roundId, CancellationToken cancellationToken) =>
        (await RankAsync(roundId, cancellationToken)).Ranked.Where(r => r.Prize is not null).Select(r => r.Attempt.AttemptId).ToHashSet();

    /// <summary>The full ranking of a round that has closed; null when unknown or still open.</summary>
    public async Task<RoundRanking?> RankingAsync(string slug, int number, CancellationToken cancellationToken = default)
    {
        var contest = await FindAnyAsync(slug, cancellationToken);
        var round = contest?.Rounds.FirstOrDefault(r => r.Number == number);
        if (contest is null || round is null || round.State is RoundState.NotOpen or RoundState.Open)
        {
            return null;
        }
        var outcome = await RankAsync(round.Id, cancellationToken);
        var entrantIds = outcome.Submitted.Select(a => a.EntrantId).Distinct().ToList();
        var people = await db.Entrants.AsNoTracking().Where(e => entrantIds.Contains(e.Id))
            .Select(e => new { e.Id, e.FullName, e.Phone, Unit = e.Unit.Name }).ToDictionaryAsync(e => e.Id, cancellationToken);
        var rows = outcome.Ranked.Select(r =>
        {
            var p = people[r.Attempt.EntrantId];
            return new RankingRow(r.Rank, r.Attempt.AttemptId, p.Id, p.FullName, p.Phone, p.Unit, r.Attempt.Score, r.Attempt.DurationMs, r.Attempt.SubmittedAt,
                r.Attempt.Prediction, r.PredictionDistance, r.Prize);
        }).ToList();
        var reasons = await db.Attempts.AsNoTracking().Where(a => a.RoundId == round.Id && a.Disqualified)
            .Select(a => new { a.EntrantId, a.DisqualifiedReason }).ToListAsync(cancellationToken);
        var disqualified = reasons.GroupBy(r => r.EntrantId).Where(g => people.ContainsKey(g.Key)).Select(g =>
        {
            var p = people[g.Key];
            return new DisqualifiedEntry(p.Id, p.FullName, p.Phone, p.Unit, g.Select(x => x.DisqualifiedReason).FirstOrDefault(x => x is not null));
        }).OrderBy(d => d.EntrantId).ToList();
        return new RoundRanking(contest, round, outcome.TrueFigure, rows, Units(rows.Select(r => (r.Unit, r.Prize))), disqualified, outcome.Submitted.Count);
    }

    private static List<UnitTally> Units(IEnumerable<(string Unit, PrizeTier? Prize)> rows) =>
        rows.GroupBy(r => r.Unit)
            .Select(g => new UnitTally(g.Key, g.Count(), g.Count(r => r.Prize is not null)))
            .OrderByDescending(u => u.Winners).ThenByDescending(u => u.Entrants).ThenBy(u => u.Unit, StringComparer.Ordinal)
            .ToList();

    /// <summary>Published results with personal data masked; null when unknown or not yet published.</summary>
    public async Task<PublicResults?> PublicResultsAsync(string slug, int number, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var contest = await FindAsync(slug, withRules: false, cancellationToken);
        var round = contest?.Rounds.FirstOrDefault(r => r.Number == number);
        if (contest is null || round is null || round.State != RoundState.Published)
        {
            return null;
        }
        // A published ranking changes only through the change journal (an erased entrant): cache it per journal position.
        var journal = await db.ContentChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
        var key = (nameof(PublicResultsAsync), round.Id, journal);
        if (!cache.TryGetValue(key, out RoundRanking? ranking) || ranking is null)
        {
            ranking = (await RankingAsync(slug, number, cancellationToken))!;
            cache.Set(key, ranking, TimeSpan.FromMinutes(5));
        }
        var rows = ranking.Rows.Select(r => new PublicRankingRow(r.Rank, MaskedName(r), MaskedPhone(r.Phone), r.Unit, r.Score, r.DurationMs, r.Prediction, r.Prize)).ToList();
        pageSize = Math.Clamp(pageSize, 1, 100);
        var pageCount = Math.Max(1, (rows.Count + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pageCount);
        return new PublicResults(contest, round, ranking.TrueFigure, rows.Where(r => r.Prize is not null).ToList(),
            rows.Skip((page - 1) * pageSize).Take(pageSize).ToList(), page, pageSize, rows.Count, ranking.Units);

        static string MaskedName(RankingRow r) => IsErased(r.Phone) ? ContestConsent.DeletedName : PersonalData.MaskName(r.FullName);
        static string MaskedPhone(string phone) => IsErased(phone) ? "—" : PersonalData.MaskPhone(phone);
    }

    private static bool IsErased(string phone) => phone.StartsWith(ContestConsent.DeletedPhonePrefix, StringComparison.Ordinal);

    /// <summary>Disqualifies an entrant's attempts in a round before its results are published, with a reason; audited.</summary>
    public async Task<StepResult> DisqualifyAsync(int roundId, int entrantId, string? reason, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var round = await db.ContestRounds.AsNoTracking().Include(r => r.Contest).FirstOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return StepResult.Missing("Không tìm thấy đợt thi.");
        }
        if (round.ResultsPublishedAt is not null)
        {
            return StepResult.Invalid("Kết quả đợt thi đã được công bố, không thể hủy kết quả.");
        }
        var text = VietnameseText.Nfc(reason ?? "").Trim();
        if (text.Length is < 5 or > 1000)
        {
            return StepResult.Invalid("Vui lòng ghi lý do hủy kết quả (5–1000 ký tự).");
        }
        var attempts = await db.Attempts.Where(a => a.RoundId == roundId && a.EntrantId == entrantId).ToListAsync(cancellationToken);
        if (attempts.Count == 0)
        {
            return StepResult.Invalid("Thí sinh không có bài thi trong đợt này.");
        }
        foreach (var a in attempts)
        {
            a.Disqualified = true;
            a.DisqualifiedReason = text;
        }
        db.Audit(actor, "contest.disqualify", RoundTarget(round), $"Thí sinh #{entrantId}: {text}", Now);
        await db.SaveChangesAsync(cancellationToken);
        return StepResult.Done;
    }

    private static string RoundTarget(ContestRound round) => $"{round.Contest.Slug}/dot-{round.Number}";

    /// <summary>
    /// Fixes the true figure and publishes the round's results, once no attempt can still be submitted.
    /// Audited.
    /// </summary>
    public async Task<StepResult> PublishAsync(int roundId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var round = await db.ContestRounds.Include(r => r.Contest).FirstOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return StepResult.Missing("Không tìm thấy đợt thi.");
        }
        if (round.ResultsPublishedAt is not null)
        {
            return StepResult.Invalid("Kết quả đợt thi đã được công bố.");
        }
        var now = Now;
        var lastDeadline = round.ClosesAt.AddMinutes(round.TimeLimitMinutes) + options.Value.SubmissionGrace;
        if (now < lastDeadline)
        {
            return StepResult.Invalid($"Chỉ công bố được kết quả sau {ContestFormat.DateTime(lastDeadline)}, khi lượt thi cuối cùng đã hết thời gian làm bài.");
        }
        var outcome = await RankAsync(roundId, cancellationToken);
        round.TrueFigure = outcome.TrueFigure;
        round.ResultsPublishedAt = now;
        db.RecordChange(nameof(Contest), round.Contest.Slug, now);
        db.Audit(actor, "contest.publish", RoundTarget(round), null, now);
        await db.SaveChangesAsync(cancellationToken);
        return StepResult.Done;
    }

    /// <summary>A winner's certificate: a prize-winning, published, not disqualified attempt of this entrant.</summary>
    public async Task<Certificate?> CertificateAsync(Guid attemptId, int entrantId, CancellationToken cancellationToken = default)
    {
        var a = await db.Attempts.AsNoTracking().Where(x => x.Id == attemptId && x.EntrantId == entrantId && !x.Disqualified && x.SubmittedAt != null
                && x.Round.ResultsPublishedAt != null && x.Round.Contest.Status == PublicationStatus.Published && x.Entrant.PasswordHash != "")
            .Select(x => new { x.RoundId, x.Paper, Name = x.Entrant.FullName, Unit = x.Entrant.Unit.Name, Contest = x.Round.Contest.Title, Round = x.Round.Title, Agency = x.Round.Contest.Agency.Name, Published = x.Round.ResultsPublishedAt!.Value })
            .FirstOrDefaultAsync(cancellationToken);
        if (a is null)
        {
            return null;
        }
        var entry = (await RankAsync(a.RoundId, cancellationToken)).Ranked.FirstOrDefault(r => r.Attempt.AttemptId == attemptId);
        return entry?.Prize is { } prize
            ? new Certificate(attemptId, a.Name, a.Unit, a.Contest, a.Round, a.Agency, prize, entry.Rank, entry.Attempt.Score, ReadPaper(a.Paper).Count, a.Published)
            : null;
    }

    /// <summary>Every attempt of a round with the entrant's details, for the organisers' export.</summary>
    public async Task<IReadOnlyList<EntryRow>> EntriesAsync(int roundId, CancellationToken cancellationToken = default) =>
        await db.Attempts.AsNoTracking().Where(a => a.RoundId == roundId)
            .OrderBy(a => a.StartedAt).ThenBy(a => a.Id)
            .Select(a => new EntryRow(a.Id, a.EntrantId, a.Entrant.FullName, a.Entrant.Phone, a.Entrant.Unit.Name, a.Number, a.StartedAt, a.SubmittedAt, a.Score, a.DurationMs, a.Prediction, a.Disqualified, a.DisqualifiedReason))
            .ToListAsync(cancellationToken);
}

/// <summary>One attempt in the organisers' export.</summary>
public sealed record EntryRow(Guid AttemptId, int EntrantId, string FullName, string Phone, string Unit, int Number, DateTime StartedAt, DateTime? SubmittedAt,
    int? Score, int? DurationMs, long? Prediction, bool Disqualified, string? DisqualifiedReason);
