using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Dialogues;
using PbgdplPortal.Editing;

namespace PbgdplPortal.Questions;

/// <summary>The question steps' own refusals.</summary>
internal static class QuestionSteps
{
    public static readonly StepResult NotFound = StepResult.Missing("Không có câu hỏi này.");
    public static readonly StepResult Stale = StepResult.Conflict("Câu hỏi vừa được người khác thay đổi. Hãy tải lại trang và thử lại.");
}

/// <summary>The moderators' steps: accepting, assigning to an agency, merging duplicates and rejecting.</summary>
public sealed partial class QuestionService
{
    private async Task<(Question? Question, StepResult? Problem)> LoadAsync(int id, int version, CancellationToken cancellationToken, params QuestionStatus[] allowed)
    {
        var question = await db.Questions.Include(q => q.Citations).FirstOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (question is null)
        {
            return (null, QuestionSteps.NotFound);
        }
        if (question.Version != version)
        {
            return (null, QuestionSteps.Stale);
        }
        if (!allowed.Contains(question.Status))
        {
            return (null, StepResult.Conflict($"Câu hỏi đang ở trạng thái «{QuestionLabels.ForStaff(question.Status, question.AnswerIsPrivate)}», không thực hiện được bước này."));
        }
        return (question, null);
    }

    private async Task<StepResult> SaveAsync(Question question, CancellationToken cancellationToken)
    {
        question.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return StepResult.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return QuestionSteps.Stale;
        }
    }

    /// <summary>
    /// Accepts a question, with an optional clearer title and the text to show in public (the moderator removes names,
    /// places and anything else that identifies the asker; left empty, the asker's text is kept).
    /// </summary>
    public async Task<StepResult> ApproveAsync(int id, int version, string? title, string? publicText, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var (question, problem) = await LoadAsync(id, version, cancellationToken, QuestionStatus.Received);
        if (question is null)
        {
            return problem!;
        }
        if (Clean(title) is { } clean)
        {
            if (clean.Length > QuestionLimits.TitleLength)
            {
                return StepResult.Invalid($"Tiêu đề dài tối đa {QuestionLimits.TitleLength} ký tự.");
            }
            question.Title = clean;
        }
        if (Clean(publicText, multiline: true) is { } shown)
        {
            if (shown.Length < QuestionLimits.TextMinLength || shown.Length > QuestionLimits.TextLength)
            {
                return StepResult.Invalid($"Nội dung công khai dài từ {QuestionLimits.TextMinLength} đến {QuestionLimits.TextLength} ký tự.");
            }
            question.PublicText = shown;
        }
        question.Status = QuestionStatus.Approved;
        question.ScreenedAt = Now;
        db.Audit(actor, AuditActions.QuestionApproved, Target(question), question.Title, Now);
        return await SaveAsync(question, cancellationToken);
    }

    /// <summary>Gives an approved (or received) question to the competent agency; also moves it to another agency.</summary>
    public async Task<StepResult> AssignAsync(int id, int version, int? agencyId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var (question, problem) = await LoadAsync(id, version, cancellationToken, QuestionStatus.Received, QuestionStatus.Approved, QuestionStatus.Assigned);
        if (question is null)
        {
            return problem!;
        }
        var agency = agencyId is { } a ? await db.Agencies.Active().FirstOrDefaultAsync(x => x.Id == a, cancellationToken) : null;
        if (agency is null)
        {
            return StepResult.Invalid("Hãy chọn cơ quan có thẩm quyền trả lời (cơ quan đang hoạt động).");
        }
        var now = Now;
        question.ScreenedAt ??= now;
        question.Status = QuestionStatus.Assigned;
        question.AgencyId = agency.Id;
        question.AssignedAt = now;
        db.Audit(actor, AuditActions.QuestionAssigned, Target(question), $"Giao cho: {agency.Name}", now);
        return await SaveAsync(question, cancellationToken);
    }

    /// <summary>Merges a duplicate into another question (by id or slug), whose answer then serves both askers.</summary>
    public async Task<StepResult> MergeAsync(int id, int version, string? into, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var (question, problem) = await LoadAsync(id, version, cancellationToken, QuestionStatus.Received, QuestionStatus.Approved, QuestionStatus.Assigned);
        if (question is null)
        {
            return problem!;
        }
        var key = Clean(into);
        var target = key is null ? null
            : int.TryParse(key.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var targetId)
                ? await db.Questions.FirstOrDefaultAsync(q => q.Id == targetId, cancellationToken)
                : await db.Questions.FirstOrDefaultAsync(q => q.Slug == key, cancellationToken);
        if (target is null)
        {
            return StepResult.Invalid("Hãy nhập số (#) hoặc đường dẫn của câu hỏi cùng nội dung để gộp vào.");
        }
        if (target.Id == question.Id || target.Status is QuestionStatus.Rejected or QuestionStatus.Merged)
        {
            return StepResult.Invalid("Chỉ gộp được vào một câu hỏi khác, chưa bị từ chối hay gộp.");
        }
        question.Status = QuestionStatus.Merged;
        question.MergedIntoId = target.Id;
        question.ScreenedAt ??= Now;
        question.SenderKey = null;
        db.Audit(actor, AuditActions.QuestionMerged, Target(question), $"Gộp vào câu hỏi #{target.Id}", Now);
        return await SaveAsync(question, cancellationToken);
    }

    public async Task<StepResult> RejectAsync(int id, int version, string? reason, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var (question, problem) = await LoadAsync(id, version, cancellationToken, QuestionStatus.Received, QuestionStatus.Approved, QuestionStatus.Assigned);
        if (question is null)
        {
            return problem!;
        }
        var text = Clean(reason, multiline: true);
        if (text is null || text.Length > QuestionLimits.ReasonLength)
        {
            return StepResult.Invalid($"Hãy nêu lý do từ chối (tối đa {QuestionLimits.ReasonLength} ký tự); người hỏi sẽ thấy lý do này.");
        }
        question.Status = QuestionStatus.Rejected;
        question.RejectionReason = text;
        question.ScreenedAt ??= Now;
        question.SenderKey = null;
        db.Audit(actor, AuditActions.QuestionRejected, Target(question), text, Now);
        return await SaveAsync(question, cancellationToken);
    }

    /// <summary>
    /// Before an answer goes public: the public text defaults to the asker's (nobody edited it at approval), and the address
    /// follows the moderated title. A previous public address is kept as an alias that redirects, and journaled so every
    /// node drops what it cached or indexed under it.
    /// </summary>
    private async Task PreparePublicAsync(Question question, bool wasPublic, DateTime now, CancellationToken cancellationToken)
    {
        question.PublicText ??= question.Text;
        var slug = QuestionSlugs.Public(question.Title, question.Slug);
        if (slug == question.Slug)
        {
            return;
        }
        var old = question.Slug;
        if (await db.QuestionSlugAliases.AnyAsync(a => a.Slug == slug && a.QuestionId != question.Id, cancellationToken)
            || await db.Questions.AnyAsync(q => q.Slug == slug && q.Id != question.Id, cancellationToken))
        {
            return;
        }
        await db.QuestionSlugAliases.Where(a => a.Slug == slug).ExecuteDeleteAsync(cancellationToken);
        if (wasPublic && !await db.QuestionSlugAliases.AnyAsync(a => a.Slug == old, cancellationToken))
        {
            db.QuestionSlugAliases.Add(new QuestionSlugAlias { Slug = old, QuestionId = question.Id });
        }
        db.RecordChange(nameof(Question), old, now);
        question.Slug = slug;
    }

    /// <summary>
    /// Gives every publicly answered question whose address is not its moderated title's (published before addresses were
    /// built from titles) that address, keeping the old one as a redirect. Run at start-up; every node computes the same
    /// addresses, so two nodes at once write the same thing and the loser's save is refused and dropped.
    /// </summary>
    public async Task<int> RenamePublishedAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Questions.AsNoTracking().PubliclyAnswered().Select(q => new { q.Id, q.Slug, q.Title }).ToListAsync(cancellationToken);
        var renamed = 0;
        foreach (var row in rows.Where(r => QuestionSlugs.Public(r.Title, r.Slug) != r.Slug))
        {
            var question = await db.Questions.FirstAsync(q => q.Id == row.Id, cancellationToken);
            await PreparePublicAsync(question, wasPublic: true, Now, cancellationToken);
            if (question.Slug == row.Slug)
            {
                db.ChangeTracker.Clear();
                continue;
            }
            try
            {
                question.Version++;
                await db.SaveChangesAsync(cancellationToken);
                renamed++;
            }
            catch (DbUpdateException)
            {
                // Another node renamed it first.
            }
            db.ChangeTracker.Clear();
        }
        return renamed;
    }

    /// <summary>Journals a change to the question's public page and to the transcript of the dialogue it was answered in.</summary>
    private async Task RecordPublicChangeAsync(Question question, DateTime now, CancellationToken cancellationToken)
    {
        db.RecordChange(nameof(Question), question.Slug, now);
        if (question.DialogueSessionId is { } sessionId
            && await db.DialogueSessions.Where(s => s.Id == sessionId).Select(s => s.Slug).FirstOrDefaultAsync(cancellationToken) is { } sessionSlug)
        {
            db.RecordChange(nameof(DialogueSession), sessionSlug, now);
        }
    }

    private static string Target(Question question) => $"question:{question.Id}";
}
