using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Markdown;
using PbgdplPortal.Quizzes;
using PbgdplPortal.Site;
using PbgdplPortal.Text;

namespace PbgdplPortal.Contests;

/// <summary>
/// Online law contests: entrants, attempts within each round's window and limits, rankings and their
/// publication. Every time comes from <see cref="TimeProvider"/>; every rule is checked here, on the server.
/// </summary>
public sealed class ContestService(PortalDbContext db, DocumentDirectory directory, TimeProvider time, IOptions<ContestOptions> options, IMemoryCache cache)
{
    private const int MaxStartTries = 50;
    private static readonly PasswordHasher<Entrant> Hasher = new();

    /// <summary>Verified when there is no account to check, so an unknown or erased number costs what a wrong password costs.</summary>
    private static readonly DecoyPassword<Entrant> Decoy = new(Hasher, new Entrant { Phone = "", PasswordHash = "", FullName = "", ConsentVersion = "" });

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    // ---- Entrants ----

    /// <summary>"+84 912 345 612", "0912.345.612" → "0912345612"; null when it is not a 10-digit mobile number.</summary>
    public static string? NormalizePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }
        var text = phone.Trim();
        var international = text.StartsWith('+');
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (text.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '.' or '-' or '+' or '(' or ')')))
        {
            return null;
        }
        if (international || (digits.StartsWith("84", StringComparison.Ordinal) && digits.Length == 11))
        {
            if (!digits.StartsWith("84", StringComparison.Ordinal))
            {
                return null;
            }
            digits = "0" + digits[2..];
        }
        return digits.Length == 10 && digits[0] == '0' && digits[1] != '0' ? digits : null;
    }

    /// <summary>The units an entrant may choose: agencies that still exist, by name.</summary>
    public async Task<IReadOnlyList<UnitOption>> UnitsAsync(CancellationToken cancellationToken = default) =>
        await db.Agencies.AsNoTracking().Active().OrderBy(a => a.Name).Select(a => new UnitOption(a.Slug, a.Name)).ToListAsync(cancellationToken);

    /// <summary>Checks every field, then creates the account; one account per phone number.</summary>
    public async Task<RegistrationResult> RegisterAsync(RegistrationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>();
        var phone = NormalizePhone(input.Phone);
        if (phone is null)
        {
            errors["phone"] = ["Số điện thoại di động phải gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84)."];
        }
        if (string.IsNullOrEmpty(input.Password) || input.Password.Length < 8)
        {
            errors["password"] = ["Mật khẩu phải có ít nhất 8 ký tự."];
        }
        else if (input.Password.Length > 128)
        {
            errors["password"] = ["Mật khẩu dài quá 128 ký tự."];
        }
        var fullName = string.Join(' ', VietnameseText.Nfc(input.FullName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (fullName.Length < 2 || fullName.Length > 100 || !fullName.Any(char.IsLetter) || fullName.Any(c => char.IsDigit(c) || char.IsControl(c)))
        {
            errors["fullName"] = ["Vui lòng nhập họ và tên (2–100 ký tự, không có chữ số)."];
        }
        var today = DateOnly.FromDateTime(VietnameseText.ToVietnamTime(Now));
        if (!DateOnly.TryParseExact(input.BirthDate?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate))
        {
            errors["birthDate"] = ["Vui lòng nhập ngày sinh theo dạng năm-tháng-ngày (ví dụ 1990-05-31)."];
        }
        else if (birthDate >= today || birthDate < today.AddYears(-120))
        {
            errors["birthDate"] = ["Ngày sinh không hợp lệ."];
        }
        var unitSlug = input.Unit?.Trim();
        var unit = string.IsNullOrEmpty(unitSlug) ? null
            : await db.Agencies.AsNoTracking().Active().Where(a => a.Slug == unitSlug).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (unit is null)
        {
            errors["unit"] = ["Vui lòng chọn đơn vị trong danh sách."];
        }
        var idNumber = string.IsNullOrWhiteSpace(input.IdNumber) ? null : input.IdNumber.Trim();
        if (idNumber is not null && (idNumber.Length != 12 || !idNumber.All(char.IsAsciiDigit)))
        {
            errors["idNumber"] = ["Số định danh cá nhân gồm 12 chữ số."];
        }
        var email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        if (email is not null && (email.Length > 256 || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !parsed.Host.Contains('.', StringComparison.Ordinal)))
        {
            errors["email"] = ["Địa chỉ thư điện tử không hợp lệ."];
        }
        if (!input.Consent)
        {
            errors["consent"] = ["Bạn cần đồng ý với việc xử lý dữ liệu cá nhân để đăng ký dự thi."];
        }
        if (errors.Count > 0)
        {
            return new RegistrationResult(null, errors, false);
        }
        if (await db.Entrants.AnyAsync(e => e.Phone == phone, cancellationToken))
        {
            return Duplicate();
        }
        var now = Now;
        var entrant = new Entrant
        {
            Phone = phone!,
            PasswordHash = "",
            FullName = fullName,
            BirthDate = birthDate,
            UnitId = unit!.Value,
            IdNumber = idNumber,
            Email = email,
            ConsentedAt = now,
            ConsentVersion = ContestConsent.Version,
            CreatedAt = now,
        };
        entrant.PasswordHash = Hasher.HashPassword(entrant, input.Password!);
        db.Entrants.Add(entrant);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two registrations of the same phone at once: the unique index lets one through.
            db.Entry(entrant).State = EntityState.Detached;
            return Duplicate();
        }
        return new RegistrationResult(entrant, errors, false);

        static RegistrationResult Duplicate() => new(null,
            new Dictionary<string, string[]> { ["phone"] = ["Số điện thoại này đã được đăng ký. Mỗi số điện thoại chỉ đăng ký được một tài khoản."] }, true);
    }

    /// <summary>The entrant with this phone and password; null otherwise (also for a deleted account).</summary>
    public async Task<Entrant?> VerifyAsync(string? phone, string? password, CancellationToken cancellationToken = default)
    {
        var normalized = NormalizePhone(phone);
        if (normalized is null || string.IsNullOrEmpty(password))
        {
            return null;
        }
        var entrant = await db.Entrants.FirstOrDefaultAsync(e => e.Phone == normalized, cancellationToken);
        if (entrant is null || entrant.PasswordHash.Length == 0)
        {
            Decoy.Verify(password);
            return null;
        }
        var result = Hasher.VerifyHashedPassword(entrant, entrant.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            entrant.PasswordHash = Hasher.HashPassword(entrant, password);
            await db.SaveChangesAsync(cancellationToken);
        }
        return result == PasswordVerificationResult.Failed ? null : entrant;
    }

    /// <summary>True while the account exists and has not been erased.</summary>
    public Task<bool> IsActiveAsync(int entrantId, CancellationToken cancellationToken = default) =>
        db.Entrants.AnyAsync(e => e.Id == entrantId && e.PasswordHash != "", cancellationToken);

    public async Task<EntrantAccount?> AccountAsync(int entrantId, CancellationToken cancellationToken = default)
    {
        var e = await db.Entrants.AsNoTracking().Where(x => x.Id == entrantId && x.PasswordHash != "")
            .Select(x => new { x.Id, x.Phone, x.FullName, x.BirthDate, UnitSlug = x.Unit.Slug, UnitName = x.Unit.Name, x.IdNumber, x.Email, x.ConsentedAt, x.ConsentVersion, x.CreatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (e is null)
        {
            return null;
        }
        var attempts = await db.Attempts.AsNoTracking().Where(a => a.EntrantId == entrantId)
            .OrderByDescending(a => a.StartedAt)
            .Select(a => new { a.Id, a.RoundId, Contest = a.Round.Contest.Title, Round = a.Round.Title, a.Number, a.StartedAt, a.SubmittedAt, a.Score, a.Paper, Published = a.Round.ResultsPublishedAt != null })
            .ToListAsync(cancellationToken);
        var list = new List<AccountAttempt>();
        var winnersByRound = new Dictionary<int, HashSet<Guid>>();
        foreach (var a in attempts)
        {
            var hasCertificate = false;
            if (a.Published && a.SubmittedAt is not null)
            {
                if (!winnersByRound.TryGetValue(a.RoundId, out var winners))
                {
                    winners = (await RankAsync(a.RoundId, cancellationToken)).Ranked.Where(r => r.Prize is not null).Select(r => r.Attempt.AttemptId).ToHashSet();
                    winnersByRound[a.RoundId] = winners;
                }
                hasCertificate = winners.Contains(a.Id);
            }
            list.Add(new AccountAttempt(a.Id, a.Contest, a.Round, a.Number, a.StartedAt, a.SubmittedAt, a.Score, ReadPaper(a.Paper).Count, hasCertificate));
        }
        return new EntrantAccount(e.Id, e.Phone, e.FullName, e.BirthDate, e.UnitSlug, e.UnitName, e.IdNumber, e.Email, e.ConsentedAt, e.ConsentVersion, e.CreatedAt, list);
    }

    /// <summary>
    /// Erases the entrant's personal data and makes the account unusable; the attempts stay, under a
    /// placeholder name, so that published rankings keep their places.
    /// </summary>
    public async Task<bool> EraseAsync(int entrantId, CancellationToken cancellationToken = default)
    {
        var idText = entrantId.ToString(CultureInfo.InvariantCulture);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.Entrants.Where(e => e.Id == entrantId && e.PasswordHash != "")
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.FullName, ContestConsent.DeletedName)
                .SetProperty(e => e.Phone, ContestConsent.DeletedPhonePrefix + idText)
                .SetProperty(e => e.BirthDate, DateOnly.MinValue)
                .SetProperty(e => e.IdNumber, (string?)null)
                .SetProperty(e => e.Email, (string?)null)
                .SetProperty(e => e.PasswordHash, ""), cancellationToken);
        if (rows == 0)
        {
            return false;
        }
        // Cached result pages show the entrant's masked name: drop them now rather than at their expiry.
        db.RecordChange(nameof(Entrant), idText, Now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

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
        if (contest is null || round is null || !await IsActiveAsync(entrantId, cancellationToken))
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

    /// <summary>Why an organiser's action on a round was refused, or null when done.</summary>
    public async Task<string?> DisqualifyAsync(int roundId, int entrantId, string? reason, Action beforeSave, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(beforeSave);
        var round = await db.ContestRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return "Không tìm thấy đợt thi.";
        }
        if (round.ResultsPublishedAt is not null)
        {
            return "Kết quả đợt thi đã được công bố, không thể hủy kết quả.";
        }
        var text = VietnameseText.Nfc(reason ?? "").Trim();
        if (text.Length is < 5 or > 1000)
        {
            return "Vui lòng ghi lý do hủy kết quả (5–1000 ký tự).";
        }
        var attempts = await db.Attempts.Where(a => a.RoundId == roundId && a.EntrantId == entrantId).ToListAsync(cancellationToken);
        if (attempts.Count == 0)
        {
            return "Thí sinh không có bài thi trong đợt này.";
        }
        foreach (var a in attempts)
        {
            a.Disqualified = true;
            a.DisqualifiedReason = text;
        }
        beforeSave();
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Fixes the true figure and publishes the round's results, once no attempt can still be submitted.
    /// Returns why it was refused, or null when done.
    /// </summary>
    public async Task<string?> PublishAsync(int roundId, Action beforeSave, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(beforeSave);
        var round = await db.ContestRounds.Include(r => r.Contest).FirstOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return "Không tìm thấy đợt thi.";
        }
        if (round.ResultsPublishedAt is not null)
        {
            return "Kết quả đợt thi đã được công bố.";
        }
        var now = Now;
        var lastDeadline = round.ClosesAt.AddMinutes(round.TimeLimitMinutes) + options.Value.SubmissionGrace;
        if (now < lastDeadline)
        {
            return $"Chỉ công bố được kết quả sau {ContestFormat.DateTime(lastDeadline)}, khi lượt thi cuối cùng đã hết thời gian làm bài.";
        }
        var outcome = await RankAsync(roundId, cancellationToken);
        round.TrueFigure = outcome.TrueFigure;
        round.ResultsPublishedAt = now;
        db.RecordChange(nameof(Contest), round.Contest.Slug, now);
        beforeSave();
        await db.SaveChangesAsync(cancellationToken);
        return null;
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
