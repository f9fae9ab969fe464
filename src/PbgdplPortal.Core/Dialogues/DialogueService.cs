using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Editing;
using PbgdplPortal.Markdown;
using PbgdplPortal.Questions;
using PbgdplPortal.Site;
using PbgdplPortal.Text;

namespace PbgdplPortal.Dialogues;

/// <summary>
/// Online dialogue sessions: the public pages, questions sent to a session (through <see cref="QuestionService"/>, with
/// the same protections), the moderators' session steps, and showing an answered question live. Screening, answering and
/// review of each question are the Q&amp;A steps themselves.
/// </summary>
public sealed class DialogueService(PortalDbContext db, TimeProvider time, QuestionService questions)
{
    private static readonly Crumb HomeCrumb = new("Trang chủ", SiteUrls.Home);
    private static readonly Crumb IndexCrumb = new("Đối thoại trực tuyến", DialogueUrls.Index);
    public const int TitleLength = 500;
    public const int GuestsLength = 4000;
    public const int DescriptionLength = 20000;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    // ----- Public pages -----

    public async Task<DialogueIndexPage> IndexAsync(CancellationToken cancellationToken = default)
    {
        var cards = await db.DialogueSessions.AsNoTracking().OrderByDescending(s => s.StartsAt).Take(200)
            .Select(s => new DialogueCard(s.Slug, s.Title, s.Agency.Name, s.StartsAt, s.EndsAt, s.State)).ToListAsync(cancellationToken);
        var now = Now;
        cards = [.. cards.Select(c => c.At(now))];
        return new DialogueIndexPage(
            [.. cards.Where(c => c.State == DialogueState.Live)],
            [.. cards.Where(c => c.State is DialogueState.Announced or DialogueState.OpenForQuestions).OrderBy(c => c.StartsAt)],
            [.. cards.Where(c => c.State is DialogueState.Ended or DialogueState.TranscriptPublished)],
            [HomeCrumb, new Crumb("Đối thoại trực tuyến", null)]);
    }

    public async Task<DialoguePage?> GetAsync(string slug, CancellationToken cancellationToken = default)
    {
        var s = await db.DialogueSessions.AsNoTracking().Where(x => x.Slug == slug)
            .Select(x => new
            {
                x.Id, x.Slug, x.Title, x.Description, x.Guests, x.StartsAt, x.EndsAt, x.VideoUrl, x.State, x.TranscriptPublishedAt,
                Agency = new TermLink(x.Agency.Slug, x.Agency.Name, SiteUrls.Agency(x.Agency.Slug)),
                Topics = x.Topics.OrderBy(t => t.Name).Select(t => new TermLink(t.Slug, t.Name, SiteUrls.Topic(t.Slug))).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (s is null)
        {
            return null;
        }
        var items = await ItemsAsync(s.Id, 0, cancellationToken);
        items.Reverse();
        return new DialoguePage(s.Id, s.Slug, s.Title, s.Description is { Length: > 0 } d ? await questions.RenderAsync(d, cancellationToken) : null,
            s.Agency, s.Topics, GuestLines(s.Guests), s.StartsAt, s.EndsAt, s.VideoUrl, DialogueLabels.Scheduled(s.State, s.StartsAt, s.EndsAt, Now), s.TranscriptPublishedAt, items,
            [HomeCrumb, IndexCrumb, new Crumb(s.Title, null)]);
    }

    public static IReadOnlyList<string> GuestLines(string? guests) =>
        (guests ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The questions shown in a session after <paramref name="afterOrder"/>, in the order they were shown.</summary>
    public async Task<List<DialogueItem>> ItemsAsync(int sessionId, int afterOrder, CancellationToken cancellationToken = default)
    {
        var rows = await db.Questions.AsNoTracking()
            .Where(q => q.DialogueSessionId == sessionId && q.SessionOrder > afterOrder && q.Status == QuestionStatus.Published && q.Answer != null)
            .OrderBy(q => q.SessionOrder)
            .Select(q => new { q.Id, Order = q.SessionOrder!.Value, q.Slug, q.Title, Text = q.PublicText ?? "", q.AskerName, q.AskerPlace, q.Answer, Agency = q.Agency == null ? null : q.Agency.Name, q.PublishedAt })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }
        var ids = rows.Select(r => r.Id).ToList();
        var now = Now;
        var citations = (await db.AnswerCitations.AsNoTracking().Where(c => ids.Contains(c.QuestionId)).OrderBy(c => c.Position)
            .Select(c => new
            {
                c.QuestionId,
                View = new CitationView(c.LegalDocument.Number, c.LegalDocument.Title,
                    c.LegalDocument.Publication == PublicationStatus.Published && c.LegalDocument.PublishedAt <= now
                        && (c.LegalDocument.UnpublishAt == null || c.LegalDocument.UnpublishAt > now) ? SiteUrls.Document(c.LegalDocument.Slug) : null,
                    c.Provision, c.LegalDocument.Status),
            })
            .ToListAsync(cancellationToken)).Select(c => (c.QuestionId, c.View)).ToList();
        var withChanges = (await db.WithChangesAsync(citations, ReviewItemType.Answer, time, cancellationToken)).ToLookup(c => c.ItemId, c => c.Line);
        var items = new List<DialogueItem>(rows.Count);
        foreach (var r in rows)
        {
            items.Add(new DialogueItem(r.Order, r.Slug, r.Title, r.Text, PersonalData.MaskName(r.AskerName), QuestionService.MaskPlace(r.AskerPlace),
                await questions.RenderAsync(r.Answer!, cancellationToken), r.Agency, r.PublishedAt ?? now, [.. withChanges[r.Id]]));
        }
        return items;
    }

    /// <summary>The state of the given sessions, for the live stream.</summary>
    public Task<Dictionary<int, DialogueState>> StatesAsync(IReadOnlyCollection<int> sessionIds, CancellationToken cancellationToken = default) =>
        db.DialogueSessions.AsNoTracking().Where(s => sessionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.State, cancellationToken);

    public async Task<DialogueCard?> CardAsync(string slug, CancellationToken cancellationToken = default) =>
        (await db.DialogueSessions.AsNoTracking().Where(s => s.Slug == slug)
            .Select(s => new DialogueCard(s.Slug, s.Title, s.Agency.Name, s.StartsAt, s.EndsAt, s.State)).FirstOrDefaultAsync(cancellationToken))?.At(Now);

    public Task<int?> IdOfAsync(string slug, CancellationToken cancellationToken = default) =>
        db.DialogueSessions.AsNoTracking().Where(s => s.Slug == slug).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);

    // ----- Asking -----

    /// <summary>The ask form of a session: its topic groups only (all topics when the session names none).</summary>
    public async Task<DialogueAskPage?> AskPageAsync(string slug, AskInput input, IReadOnlyDictionary<string, string[]>? errors = null, bool rateLimited = false,
        CancellationToken cancellationToken = default)
    {
        if (await CardAsync(slug, cancellationToken) is not { } card)
        {
            return null;
        }
        var form = await questions.AskPageAsync(input, errors, rateLimited, cancellationToken);
        var topics = await db.DialogueSessions.AsNoTracking().Where(s => s.Slug == slug).SelectMany(s => s.Topics.Select(t => t.Slug)).ToListAsync(cancellationToken);
        if (topics.Count > 0)
        {
            form = form with { Topics = [.. form.Topics.Where(t => topics.Contains(t.Value))] };
        }
        return new DialogueAskPage(card, form);
    }

    /// <summary>
    /// A citizen's question to a session, checked and stored by <see cref="QuestionService.AskAsync"/> (honeypot, per-address
    /// limit, lengths, consent) and tied to the session in the same transaction. Null when there is no such session.
    /// </summary>
    public async Task<AskResult?> AskAsync(string slug, AskInput input, string? senderAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var session = await db.DialogueSessions.AsNoTracking().Where(s => s.Slug == slug)
            .Select(s => new { s.Id, s.State, s.StartsAt, s.EndsAt, Topics = s.Topics.Select(t => t.Slug).ToList() }).FirstOrDefaultAsync(cancellationToken);
        if (session is null)
        {
            return null;
        }
        var state = DialogueLabels.Scheduled(session.State, session.StartsAt, session.EndsAt, Now);
        if (!DialogueLabels.TakesQuestions(state))
        {
            return new AskResult(null, null, new Dictionary<string, string[]>
            {
                ["session"] = [state is DialogueState.Announced
                    ? "Phiên đối thoại chưa mở nhận câu hỏi. Vui lòng quay lại khi phiên bắt đầu nhận câu hỏi."
                    : "Phiên đối thoại đã kết thúc, không nhận thêm câu hỏi. Bạn có thể gửi câu hỏi qua mục Hỏi đáp pháp luật."],
            }, false);
        }
        if (session.Topics.Count > 0 && input.Topic is { Length: > 0 } topic && !session.Topics.Contains(topic))
        {
            return new AskResult(null, null, new Dictionary<string, string[]> { ["topic"] = ["Hãy chọn một lĩnh vực của phiên đối thoại này."] }, false);
        }
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await questions.AskAsync(input, senderAddress, cancellationToken);
            if (result.Question is { } question)
            {
                question.DialogueSessionId = session.Id;
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }

    // ----- Back office: sessions -----

    public async Task<(DialogueSession? Session, IReadOnlyDictionary<string, string> Errors)> SaveAsync(int? id, int version, DialogueInput input, AuditActor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        var title = Clean(input.Title);
        if (title is null || title.Length > TitleLength)
        {
            errors["title"] = $"Hãy nhập tên phiên đối thoại (tối đa {TitleLength} ký tự).";
        }
        var description = input.Description is null ? null : VietnameseText.Nfc(input.Description).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (description is { Length: > DescriptionLength })
        {
            errors["description"] = $"Phần giới thiệu dài tối đa {DescriptionLength} ký tự.";
        }
        var guests = input.Guests is null ? null : string.Join('\n', GuestLines(VietnameseText.Nfc(input.Guests).Replace("\r", "", StringComparison.Ordinal)));
        if (guests is { Length: > GuestsLength })
        {
            errors["guests"] = $"Danh sách khách mời dài tối đa {GuestsLength} ký tự.";
        }
        var agency = input.AgencyId is { } a ? await db.Agencies.Active().FirstOrDefaultAsync(x => x.Id == a, cancellationToken) : null;
        if (agency is null)
        {
            errors["agency"] = "Hãy chọn cơ quan chủ trì (cơ quan đang hoạt động); chuyên gia của cơ quan này trả lời câu hỏi.";
        }
        var startsAt = ParseMoment(input.StartsAt);
        var endsAt = ParseMoment(input.EndsAt);
        if (startsAt is null)
        {
            errors["starts"] = "Hãy nhập thời gian bắt đầu (ngày và giờ, giờ Việt Nam).";
        }
        if (endsAt is null)
        {
            errors["ends"] = "Hãy nhập thời gian kết thúc (ngày và giờ, giờ Việt Nam).";
        }
        else if (startsAt is not null && endsAt <= startsAt)
        {
            errors["ends"] = "Thời gian kết thúc phải sau thời gian bắt đầu.";
        }
        var video = Clean(input.VideoUrl);
        if (video is not null && (video.Length > 1000 || !Uri.TryCreate(video, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            errors["video"] = "Đường dẫn video phải là một địa chỉ http:// hoặc https:// đầy đủ.";
        }
        var topicIds = input.TopicIds.Distinct().ToList();
        var topics = await db.Topics.Where(t => topicIds.Contains(t.Id)).ToListAsync(cancellationToken);
        if (topics.Count == 0 || topics.Count != topicIds.Count)
        {
            errors["topics"] = "Hãy chọn ít nhất một nhóm chủ đề của phiên đối thoại.";
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var now = Now;
        DialogueSession? session;
        if (id is { } existing)
        {
            session = await db.DialogueSessions.Include(s => s.Topics).FirstOrDefaultAsync(s => s.Id == existing, cancellationToken);
            if (session is null)
            {
                return (null, new Dictionary<string, string> { ["session"] = "Không có phiên đối thoại này." });
            }
            if (session.Version != version)
            {
                return (null, new Dictionary<string, string> { ["session"] = "Phiên đối thoại vừa được người khác thay đổi. Hãy tải lại trang và thử lại." });
            }
        }
        else
        {
            session = new DialogueSession { Slug = await FreeSlugAsync(title!, cancellationToken), Title = title!, State = DialogueState.Announced, CreatedAt = now };
            db.DialogueSessions.Add(session);
        }
        session.Title = title!;
        session.Description = description is { Length: > 0 } ? description : null;
        session.Guests = guests is { Length: > 0 } ? guests : null;
        session.AgencyId = agency!.Id;
        session.StartsAt = startsAt!.Value;
        session.EndsAt = endsAt!.Value;
        session.VideoUrl = video;
        session.Topics.Clear();
        session.Topics.AddRange(topics);
        session.UpdatedAt = now;
        session.Version++;
        db.RecordChange(nameof(DialogueSession), session.Slug, now);
        db.Audit(actor, DialogueAuditActions.SessionSaved, null, session.Title, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (null, new Dictionary<string, string> { ["session"] = "Phiên đối thoại vừa được người khác thay đổi. Hãy tải lại trang và thử lại." });
        }
        return (session, errors);
    }

    private async Task<string> FreeSlugAsync(string title, CancellationToken cancellationToken)
    {
        var words = Slug.From(title).Split('-', StringSplitOptions.RemoveEmptyEntries).Take(10).ToList();
        var stem = words.Count == 0 ? "doi-thoai" : string.Join('-', words);
        return await db.DialogueSessions.AnyAsync(s => s.Slug == stem, cancellationToken)
            ? $"{stem}-{RandomNumberGenerator.GetHexString(6, lowercase: true)}"
            : stem;
    }

    private static DateTime? ParseMoment(string? text) =>
        text is { Length: > 0 } && DateTime.TryParseExact(text.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "dd/MM/yyyy HH:mm"], CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var local) && local.Year is > 2000 and < 2200
            ? new DateTimeOffset(local, TimeSpan.FromHours(7)).UtcDateTime
            : null;

    private static string? Clean(string? value)
    {
        var text = value is null ? null : string.Join(' ', VietnameseText.Nfc(value).Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return text is { Length: > 0 } ? text : null;
    }

    /// <summary>Moves a session to its next state; publishing the transcript makes it public and searchable.</summary>
    public async Task<StepResult> MoveAsync(int id, int version, DialogueState target, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var session = await db.DialogueSessions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null)
        {
            return new StepResult(StepOutcome.NotFound, "Không có phiên đối thoại này.");
        }
        if (session.Version != version)
        {
            return StepResult.Conflict("Phiên đối thoại vừa được người khác thay đổi. Hãy tải lại trang và thử lại.");
        }
        if (DialogueLabels.Next(session.State) != target)
        {
            return StepResult.Conflict($"Phiên đang ở trạng thái «{DialogueLabels.Of(session.State)}», không chuyển sang «{DialogueLabels.Of(target)}» được.");
        }
        var now = Now;
        if (target == DialogueState.TranscriptPublished)
        {
            if (!await db.Questions.AnyAsync(q => q.DialogueSessionId == id && q.SessionOrder != null && q.Status == QuestionStatus.Published, cancellationToken))
            {
                return StepResult.Invalid("Phiên chưa có câu hỏi nào được trả lời trực tiếp; chưa có gì để đăng toàn văn.");
            }
            session.TranscriptPublishedAt = now;
        }
        session.State = target;
        session.UpdatedAt = now;
        session.Version++;
        db.RecordChange(nameof(DialogueSession), session.Slug, now);
        db.Audit(actor, DialogueAuditActions.StateChanged, Target(id), DialogueLabels.Of(target), now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return StepResult.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return StepResult.Conflict("Phiên đối thoại vừa được người khác thay đổi. Hãy tải lại trang và thử lại.");
        }
    }

    /// <summary>
    /// Moves every session its schedule has overtaken (<see cref="DialogueLabels.Scheduled"/>): live from its start time,
    /// ended from its end time; journaled so every node's cached pages and live streams follow, and audited as the
    /// schedule's doing. Each node runs it; the session's version lets only one of them write a move.
    /// </summary>
    public async Task<int> FollowScheduleAsync(CancellationToken cancellationToken = default)
    {
        var now = Now;
        var due = await db.DialogueSessions
            .Where(s => ((s.State == DialogueState.Announced || s.State == DialogueState.OpenForQuestions) && s.StartsAt <= now)
                || (s.State == DialogueState.Live && s.EndsAt <= now))
            .ToListAsync(cancellationToken);
        var moved = 0;
        foreach (var session in due)
        {
            var target = DialogueLabels.Scheduled(session.State, session.StartsAt, session.EndsAt, now);
            if (target == session.State)
            {
                continue;
            }
            session.State = target;
            session.UpdatedAt = now;
            session.Version++;
            db.RecordChange(nameof(DialogueSession), session.Slug, now);
            db.Audit(ScheduleActor, DialogueAuditActions.StateChanged, Target(session.Id), $"{DialogueLabels.Of(target)} (theo lịch)", now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                moved++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another node, or a moderator, moved it first.
            }
            db.ChangeTracker.Clear();
        }
        return moved;
    }

    /// <summary>The audit log's name for moves the schedule made.</summary>
    public static readonly AuditActor ScheduleActor = new(null, "Lịch phiên đối thoại", null);

    // ----- Back office: questions of a session -----

    /// <summary>
    /// Picks a question for the session: it goes to the session's agency, whose experts answer it (the Q&amp;A assign step).
    /// </summary>
    public async Task<StepResult> PickAsync(int sessionId, int questionId, int version, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var session = await db.DialogueSessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => new { s.AgencyId, s.State }).FirstOrDefaultAsync(cancellationToken);
        if (session is null || !await db.Questions.AnyAsync(q => q.Id == questionId && q.DialogueSessionId == sessionId, cancellationToken))
        {
            return QuestionSteps.NotFound;
        }
        if (session.State is DialogueState.TranscriptPublished)
        {
            return StepResult.Conflict("Toàn văn phiên đối thoại đã được đăng; không chọn thêm câu hỏi.");
        }
        return await questions.AssignAsync(questionId, version, session.AgencyId, actor, cancellationToken);
    }

    /// <summary>
    /// Shows an answered question on the live page: the Q&amp;A release step (public, the asker told by e-mail) and, in the
    /// same save, the question's place in the session. The session's version guards the numbering, so two moderators
    /// showing at once on different nodes get consecutive numbers (the second retries).
    /// </summary>
    public async Task<StepResult> ShowAsync(int sessionId, int questionId, int version, AuditActor actor, string baseUrl, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var session = await db.DialogueSessions.FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
            var question = await db.Questions.Include(q => q.Citations).FirstOrDefaultAsync(q => q.Id == questionId && q.DialogueSessionId == sessionId, cancellationToken);
            if (session is null || question is null)
            {
                return QuestionSteps.NotFound;
            }
            if (session.State != DialogueState.Live)
            {
                return StepResult.Conflict("Chỉ đưa câu trả lời lên trực tiếp khi phiên đối thoại đang diễn ra.");
            }
            var now = Now;
            var last = await db.Questions.Where(q => q.DialogueSessionId == sessionId).MaxAsync(q => q.SessionOrder, cancellationToken) ?? 0;
            question.SessionOrder = last + 1;
            session.Version++;
            session.UpdatedAt = now;
            db.RecordChange(nameof(DialogueSession), session.Slug, now);
            db.Audit(actor, DialogueAuditActions.QuestionShown, Target(sessionId), $"Câu hỏi #{questionId} là câu {last + 1}", now);
            var result = await questions.ReleaseAsync(questionId, version, privately: false, actor, baseUrl, cancellationToken);
            if (result.Outcome == StepOutcome.Done || result != QuestionSteps.Stale || attempt >= 4)
            {
                db.ChangeTracker.Clear();
                return result;
            }
            // The question's own version still matches when only the numbering raced; otherwise this returns Stale next time.
            db.ChangeTracker.Clear();
        }
    }

    private static string Target(int sessionId) => $"dialogue:{sessionId}";

    /// <summary>A search text for the transcript: every question and answer shown.</summary>
    public static string TranscriptText(IEnumerable<(string Title, string Text, string? Answer)> items) =>
        string.Join("\n", items.Select(i => i.Title + "\n" + i.Text + "\n" + MarkdownRenderer.ToPlainText(i.Answer ?? "")));
}
