using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Data;
using PbgdplPortal.Editing;
using PbgdplPortal.Questions;
using PbgdplPortal.Text;

namespace PbgdplPortal.Content;

/// <summary>
/// The legal-basis watch: once a document that amends, replaces, repeals or suspends another has taken effect, or a
/// document has stopped applying, every item citing what changed (articles, quiz questions, published answers, also
/// those of dialogues) and last reviewed before that day is flagged "cần rà soát", provision by provision: an item
/// citing Điều 7 is flagged by a change of Điều 7 or of a clause of it, not by one of Điều 30; a change naming no
/// provision flags every item citing the document. Run on every node by a background service (so a change flags on
/// its effective day with no one editing), after each document save and after each import; its writes are idempotent
/// (one flag per item and change, unique in the database).
/// </summary>
/// <remarks>
/// An item counts as reviewed at its last approved edit: an article's and a quiz's last save (an import dates new
/// content from its <c>reviewed</c> date or publication), an answer's writing. Flags are cleared by an approved
/// edit (<see cref="ClearAfterApprovedEdit"/>) or a reviewer's "still correct" decision (<see cref="DecideStillCorrectAsync"/>).
/// </remarks>
public sealed class LegalBasisWatch(PortalDbContext db, TimeProvider time)
{
    public const int MaxNoteLength = 2000;

    /// <param name="FlagsBefore">Items last reviewed before this moment are flagged: the change's effective day, or the moment the portal learnt of it when later.</param>
    private sealed record Change(string Key, int CitedDocumentId, string CitedNumber, DocumentRelationKind? Kind, int? ChangingDocumentId,
        string? ChangingLabel, string? Provisions, DateOnly EffectiveOn, DateTime FlagsBefore, string? StatusLabel);

    /// <param name="ReviewedAt">When the item was last reviewed; null when never (an answer without its dates).</param>
    private sealed record Citing(ReviewItemType Type, int ItemId, int DocumentId, string? Provision, int? AgencyId, DateTime? ReviewedAt);

    /// <summary>Flags what the changes in force today require and has not flagged yet; returns how many flags were written.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(VietnameseText.ToVietnamTime(now));
        var changes = await ChangesInForceAsync(now, today, cancellationToken);
        if (changes.Count == 0)
        {
            return 0;
        }
        var documentIds = changes.Select(c => c.CitedDocumentId).Distinct().ToList();
        var citing = await CitingAsync(documentIds, cancellationToken);
        var keys = changes.Select(c => c.Key).Distinct().ToList();
        var existing = (await db.ReviewFlags.AsNoTracking().Where(f => keys.Contains(f.ChangeKey))
            .Select(f => new { f.ItemType, f.ItemId, f.ChangeKey }).ToListAsync(cancellationToken))
            .Select(f => (f.ItemType, f.ItemId, f.ChangeKey)).ToHashSet();
        var written = 0;
        foreach (var change in changes)
        {
            var touched = citing.Where(c => c.DocumentId == change.CitedDocumentId && (c.ReviewedAt ?? DateTime.MinValue) < change.FlagsBefore
                    && LegalProvisions.Touch(c.Provision, change.Provisions))
                .GroupBy(c => (c.Type, c.ItemId));
            foreach (var item in touched)
            {
                if (!existing.Add((item.Key.Type, item.Key.ItemId, change.Key)))
                {
                    continue;
                }
                var provisions = item.Select(c => c.Provision).ToList();
                var cited = provisions.Any(p => p is null) ? null : string.Join(", ", provisions.Distinct());
                db.ReviewFlags.Add(new ReviewFlag
                {
                    ItemType = item.Key.Type,
                    ItemId = item.Key.ItemId,
                    AgencyId = item.First().AgencyId,
                    ChangeKey = change.Key,
                    CitedDocumentId = change.CitedDocumentId,
                    CitedProvision = Cut(cited, 300),
                    Kind = change.Kind,
                    ChangingDocumentId = change.ChangingDocumentId,
                    ChangedProvisions = change.Provisions,
                    EffectiveOn = change.EffectiveOn,
                    Reason = Cut(Describe(cited, change.CitedNumber, change.Kind, change.ChangingLabel, change.Provisions, change.EffectiveOn, change.StatusLabel), 1000)!,
                    FlaggedAt = now,
                });
                written++;
            }
        }
        if (written == 0)
        {
            return 0;
        }
        // Public pages show the flags: the journal drops every node's cached pages.
        db.RecordChange(nameof(ReviewFlag), "watch", now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node wrote some of the same flags first; the next run writes what is still missing.
            db.ChangeTracker.Clear();
            return 0;
        }
        return written;
    }

    private async Task<List<Change>> ChangesInForceAsync(DateTime now, DateOnly today, CancellationToken cancellationToken)
    {
        var relations = await db.DocumentRelations.AsNoTracking()
            .Where(r => (r.Kind == DocumentRelationKind.Amends || r.Kind == DocumentRelationKind.Replaces || r.Kind == DocumentRelationKind.Repeals
                    || r.Kind == DocumentRelationKind.Suspends)
                && r.FromDocument.Publication == PublicationStatus.Published && r.FromDocument.PublishedAt <= now
                && (r.FromDocument.UnpublishAt == null || r.FromDocument.UnpublishAt > now))
            .Join(db.LegalDocuments, r => r.TargetNumberKey, d => d.NumberKey, (r, d) => new
            {
                r.Kind,
                r.Provisions,
                r.RecordedAt,
                r.FromDocumentId,
                FromType = r.FromDocument.Type,
                FromNumber = r.FromDocument.Number,
                From = r.FromDocument.EffectiveOn ?? r.FromDocument.IssuedOn,
                TargetId = d.Id,
                TargetNumber = d.Number,
            })
            .ToListAsync(cancellationToken);
        var changes = relations.Where(r => r.From <= today)
            .Select(r => new Change($"{r.Kind}:{r.FromDocumentId}:{r.TargetId}:{Fingerprint(r.Provisions)}", r.TargetId, r.TargetNumber, r.Kind,
                r.FromDocumentId, $"{r.FromType} {r.FromNumber}", r.Provisions, r.From, Later(VietnameseText.VietnamMidnightUtc(r.From), r.RecordedAt), null))
            .ToList();
        var ended = await db.LegalDocuments.AsNoTracking()
            .Where(d => d.Status == ValidityStatus.Expired || d.Status == ValidityStatus.Suspended || (d.ExpiresOn != null && d.ExpiresOn <= today))
            .Select(d => new { d.Id, d.Number, d.Status, d.ExpiresOn, d.UpdatedAt })
            .ToListAsync(cancellationToken);
        changes.AddRange(ended.Select(d =>
        {
            var status = d.Status.NoLongerApplies() ? d.Status : ValidityStatus.Expired;
            // An expiry date flags what was reviewed before it; a status set by hand, what was reviewed before the record's last save.
            var (on, before) = d.ExpiresOn is { } expires && expires <= today
                ? (expires, VietnameseText.VietnamMidnightUtc(expires))
                : (DateOnly.FromDateTime(VietnameseText.ToVietnamTime(d.UpdatedAt)), d.UpdatedAt);
            return new Change($"{status}:{d.Id}", d.Id, d.Number, null, null, null, null, on, before, status.Label());
        }));
        return changes;
    }

    private async Task<List<Citing>> CitingAsync(List<int> documentIds, CancellationToken cancellationToken)
    {
        var articles = await db.ArticleCitations.AsNoTracking().Where(c => documentIds.Contains(c.LegalDocumentId))
            .Select(c => new Citing(ReviewItemType.Article, c.ArticleId, c.LegalDocumentId, c.Provision, c.Article.AgencyId, c.Article.UpdatedAt))
            .ToListAsync(cancellationToken);
        var questions = await db.QuizQuestionCitations.AsNoTracking().Where(c => documentIds.Contains(c.LegalDocumentId))
            .Select(c => new Citing(ReviewItemType.QuizQuestion, c.QuestionId, c.LegalDocumentId, c.Provision, c.Question.Quiz.AgencyId, c.Question.Quiz.UpdatedAt))
            .ToListAsync(cancellationToken);
        var answers = await db.AnswerCitations.AsNoTracking()
            .Where(c => documentIds.Contains(c.LegalDocumentId) && c.Question.Answer != null
                && (c.Question.Status == QuestionStatus.Published || c.Question.DialogueSessionId != null))
            .Select(c => new Citing(ReviewItemType.Answer, c.QuestionId, c.LegalDocumentId, c.Provision, c.Question.AgencyId,
                c.Question.AnsweredAt ?? c.Question.PublishedAt))
            .ToListAsync(cancellationToken);
        return [.. articles, .. questions, .. answers];
    }

    /// <summary>
    /// "Điều 7 của 11/2017/QH14 đã được sửa đổi, bổ sung bởi Luật 59/2024/QH15 (khoản 5 Điều 7), có hiệu lực từ 01/01/2026":
    /// the reason of a flag.
    /// </summary>
    public static string Describe(string? citedProvision, string citedNumber, DocumentRelationKind? kind, string? changingLabel, string? changedProvisions,
        DateOnly effectiveOn, string? statusLabel)
    {
        var subject = citedProvision is null ? $"Văn bản {citedNumber}" : $"{citedProvision} của {citedNumber}";
        return subject + " " + What(kind, changingLabel, changedProvisions, effectiveOn, statusLabel);
    }

    /// <summary>What a flag tells the public beside the cited document: "Điều 7 đã được sửa đổi, bổ sung bởi …; nội dung đang được rà soát."</summary>
    public static string Notice(ReviewFlag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var changing = flag.ChangingDocument is { } d ? $"{d.Type} {d.Number}" : null;
        var status = flag.Kind is null
            ? (flag.ChangeKey.StartsWith(nameof(ValidityStatus.Suspended), StringComparison.Ordinal) ? ValidityStatus.Suspended : ValidityStatus.Expired).Label()
            : null;
        return $"{flag.CitedProvision ?? "Văn bản"} {What(flag.Kind, changing, flag.ChangedProvisions, flag.EffectiveOn, status)}; nội dung đang được rà soát.";
    }

    private static string What(DocumentRelationKind? kind, string? changingLabel, string? changedProvisions, DateOnly effectiveOn, string? statusLabel)
    {
        var date = VietnameseText.FormatDate(effectiveOn);
        if (kind is not { } k)
        {
            return $"có tình trạng “{statusLabel}” từ {date}";
        }
        var verb = k switch
        {
            DocumentRelationKind.Amends => "đã được sửa đổi, bổ sung bởi",
            DocumentRelationKind.Replaces => "đã bị thay thế bởi",
            DocumentRelationKind.Repeals => "đã bị bãi bỏ bởi",
            _ => "đã bị ngưng hiệu lực bởi",
        };
        var provisions = LegalProvisions.Split(changedProvisions);
        var which = provisions.Count == 0 ? "" : $" ({string.Join("; ", provisions)})";
        return $"{verb} {changingLabel}{which}, có hiệu lực từ {date}";
    }

    /// <summary>The open flags of items, by item, with the changing document loaded (for notices).</summary>
    public async Task<Dictionary<int, List<ReviewFlag>>> OpenFlagsAsync(ReviewItemType type, IReadOnlyCollection<int> itemIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        if (itemIds.Count == 0)
        {
            return [];
        }
        var flags = await db.ReviewFlags.AsNoTracking().Include(f => f.ChangingDocument).Include(f => f.CitedDocument)
            .Where(f => f.ItemType == type && itemIds.Contains(f.ItemId) && f.ClearedAt == null)
            .OrderBy(f => f.EffectiveOn).ThenBy(f => f.Id)
            .ToListAsync(cancellationToken);
        return flags.GroupBy(f => f.ItemId).ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>
    /// Clears the open flags of items whose edit a reviewer approved, in the caller's save: the flags record the edit and
    /// who approved it, and the audit log has a line per cleared flag.
    /// </summary>
    public async Task ClearAfterApprovedEdit(ReviewItemType type, IReadOnlyCollection<int> itemIds, AuditActor actor, string auditTarget, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        ArgumentNullException.ThrowIfNull(actor);
        if (itemIds.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var open = await db.ReviewFlags.Where(f => f.ItemType == type && itemIds.Contains(f.ItemId) && f.ClearedAt == null).ToListAsync(cancellationToken);
        foreach (var flag in open)
        {
            Clear(flag, ReviewResolution.Edited, actor, null, now);
            db.Audit(actor, AuditActions.ReviewFlagCleared, auditTarget, $"Đã sửa và duyệt: {flag.Reason}", now);
        }
    }

    /// <summary>
    /// A reviewer's decision that an item is still correct despite the change a flag reports; the note says why. The
    /// flag is cleared and the decision audited in one save. <paramref name="mayReview"/> says whether the user may
    /// review content of an agency (null: content kept by administrators).
    /// </summary>
    public async Task<StepResult> DecideStillCorrectAsync(int flagId, string? note, AuditActor actor, Func<int?, bool> mayReview, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(mayReview);
        var flag = await db.ReviewFlags.FirstOrDefaultAsync(f => f.Id == flagId, cancellationToken);
        if (flag is null || !mayReview(flag.AgencyId))
        {
            return StepResult.Missing("Không tìm thấy mục cần rà soát.");
        }
        if (flag.ClearedAt is not null)
        {
            return StepResult.Conflict("Mục này đã được rà soát.");
        }
        var text = VietnameseText.Nfc(note ?? "").Trim();
        if (text.Length == 0)
        {
            return StepResult.Invalid("Hãy ghi rõ vì sao nội dung vẫn đúng.");
        }
        if (text.Length > MaxNoteLength)
        {
            return StepResult.Invalid($"Ghi chú quá dài (tối đa {MaxNoteLength:N0} ký tự).".Replace(",", ".", StringComparison.Ordinal));
        }
        var now = time.GetUtcNow().UtcDateTime;
        Clear(flag, ReviewResolution.StillCorrect, actor, text, now);
        db.RecordChange(nameof(ReviewFlag), flag.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), now);
        db.Audit(actor, AuditActions.ReviewFlagCleared, $"{flag.ItemType.ToString().ToLowerInvariant()}:{flag.ItemId}", $"Vẫn đúng: {flag.Reason}. Ghi chú: {text}", now);
        await db.SaveChangesAsync(cancellationToken);
        return StepResult.Done;
    }

    private static void Clear(ReviewFlag flag, ReviewResolution resolution, AuditActor actor, string? note, DateTime now)
    {
        flag.ClearedAt = now;
        flag.Resolution = resolution;
        flag.ClearedById = actor.UserId;
        flag.ClearedByName = actor.UserName;
        flag.ClearNote = note;
    }

    private static DateTime Later(DateTime a, DateTime? b) => b is { } t && t > a ? t : a;

    private static string Fingerprint(string? provisions)
    {
        var text = string.Join(";", LegalProvisions.Split(provisions).Select(p => VietnameseText.Nfc(p).ToLowerInvariant()));
        return text.Length == 0 ? "all" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    private static string? Cut(string? text, int max) => text is { Length: > 0 } t && t.Length > max ? t[..max] : text;
}
