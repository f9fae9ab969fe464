using System.Text;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Editing;
using PbgdplPortal.Mail;
using PbgdplPortal.Markdown;
using PbgdplPortal.Text;

namespace PbgdplPortal.Questions;

/// <summary>The answer's steps: the expert's answer, the reviewer's send-back, release (public or private) and withdrawal.</summary>
public sealed partial class QuestionService
{
    /// <summary>An expert's answer, in Markdown with its legal basis, sent to review; the expert may ask for it to stay private.</summary>
    public async Task<StepResult> AnswerAsync(int id, int version, string? answer, string? citations, bool wantsPrivate, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var (question, problem) = await LoadAsync(id, version, cancellationToken, QuestionStatus.Assigned, QuestionStatus.Answered);
        if (question is null)
        {
            return problem!;
        }
        var text = answer is null ? null : VietnameseText.Nfc(answer).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text is not { Length: > 0 })
        {
            return StepResult.Invalid("Hãy viết câu trả lời.");
        }
        if (text.Length > QuestionLimits.AnswerLength)
        {
            return StepResult.Invalid($"Câu trả lời dài {text.Length} ký tự, vượt quá {QuestionLimits.AnswerLength} ký tự cho phép.");
        }
        var (cited, errors) = await CitationLines.ResolveAsync(db, citations, "Dòng", ['\n'], cancellationToken);
        if (errors.Count > 0)
        {
            return StepResult.Invalid("Căn cứ pháp lý: " + string.Join(" ", errors));
        }
        var now = Now;
        question.Answer = text;
        question.AnswerIsPrivate = wantsPrivate;
        db.AnswerCitations.RemoveRange(question.Citations);
        question.Citations.Clear();
        question.Citations.AddRange(cited.Select((c, i) => new AnswerCitation { LegalDocumentId = c.DocumentId, Provision = c.Provision, Position = i }));
        question.AnsweredById = actor.UserId;
        question.AnsweredByName = actor.UserName;
        question.AnsweredAt = now;
        question.ReviewComment = null;
        question.Status = QuestionStatus.Answered;
        db.Audit(actor, AuditActions.QuestionAnswered, Target(question), wantsPrivate ? "Đề nghị trả lời riêng" : null, now);
        return await SaveAsync(question, cancellationToken);
    }

    public async Task<StepResult> SendBackAsync(int id, int version, string? comment, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var (question, problem) = await LoadAsync(id, version, cancellationToken, QuestionStatus.Answered);
        if (question is null)
        {
            return problem!;
        }
        var text = Clean(comment, multiline: true);
        if (text is null || text.Length > QuestionLimits.ReasonLength)
        {
            return StepResult.Invalid($"Hãy ghi nhận xét cho chuyên gia (tối đa {QuestionLimits.ReasonLength} ký tự).");
        }
        question.Status = QuestionStatus.Assigned;
        question.ReviewComment = text;
        db.Audit(actor, AuditActions.AnswerSentBack, Target(question), text, Now);
        return await SaveAsync(question, cancellationToken);
    }

    /// <summary>
    /// Releases a reviewed answer: on the public site, or only to the asker when <paramref name="privately"/>. An asker who
    /// left an e-mail (and those whose duplicates were merged into a public question) get a message through the outbox.
    /// </summary>
    public async Task<StepResult> ReleaseAsync(int id, int version, bool privately, AuditActor actor, string baseUrl, CancellationToken cancellationToken = default)
    {
        var (question, problem) = await LoadAsync(id, version, cancellationToken, QuestionStatus.Answered);
        if (question is null)
        {
            return problem!;
        }
        var now = Now;
        // Released before and withdrawn for correction since: the asker is told the answer was updated.
        var updated = question.PublishedAt is not null;
        question.Status = QuestionStatus.Published;
        question.AnswerIsPrivate = privately;
        question.PublishedAt = now;
        question.ReviewedById = actor.UserId;
        question.SenderKey = null;
        if (!privately)
        {
            await PreparePublicAsync(question, wasPublic: updated, now, cancellationToken);
        }
        var plain = MarkdownRenderer.ToPlainText(question.Answer!);
        var publicUrl = baseUrl + QuestionUrls.Show(question.Slug);
        if (question.AskerEmail is { } email)
        {
            var subject = updated ? UpdatedSubject
                : privately ? "Câu hỏi của bạn đã được trả lời riêng" : "Câu hỏi của bạn đã được trả lời";
            db.Enqueue(email, subject, AnswerMail(question.Title, plain, privately ? null : publicUrl, updated), now);
        }
        if (!privately)
        {
            await RecordPublicChangeAsync(question, now, cancellationToken);
            var merged = await db.Questions.Where(q => q.MergedIntoId == question.Id && q.AskerEmail != null).Select(q => new { q.AskerEmail, q.Title }).ToListAsync(cancellationToken);
            foreach (var m in merged)
            {
                db.Enqueue(m.AskerEmail!, updated ? UpdatedSubject : "Câu hỏi của bạn đã được trả lời",
                    AnswerMail(m.Title, plain, publicUrl, updated), now);
            }
        }
        db.Audit(actor, privately ? AuditActions.AnswerSentPrivately : AuditActions.AnswerPublished, Target(question), updated ? "Câu trả lời đã sửa" : null, now);
        return await SaveAsync(question, cancellationToken);
    }

    /// <summary>
    /// Takes a released answer back for correction (a mistake found, or the law changed): the public page, its place in
    /// lists, feeds, search and a dialogue's transcript go with the next poll of the change journal, and the question
    /// returns to the agency's experts with the reason as the reviewer's note. Released again, it reappears at the same
    /// address.
    /// </summary>
    public async Task<StepResult> WithdrawAsync(int id, int version, string? reason, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var (question, problem) = await LoadAsync(id, version, cancellationToken, QuestionStatus.Published);
        if (question is null)
        {
            return problem!;
        }
        var text = Clean(reason, multiline: true);
        if (text is null || text.Length > QuestionLimits.ReasonLength)
        {
            return StepResult.Invalid($"Hãy nêu lý do gỡ câu trả lời (tối đa {QuestionLimits.ReasonLength} ký tự); chuyên gia sẽ thấy lý do này khi sửa.");
        }
        var now = Now;
        question.Status = QuestionStatus.Assigned;
        question.ReviewComment = text;
        if (!question.AnswerIsPrivate)
        {
            await RecordPublicChangeAsync(question, now, cancellationToken);
        }
        db.Audit(actor, AuditActions.AnswerWithdrawn, Target(question), text, now);
        return await SaveAsync(question, cancellationToken);
    }

    private const string UpdatedSubject = "Câu trả lời cho câu hỏi của bạn đã được cập nhật";

    private static string AnswerMail(string title, string answer, string? publicUrl, bool updated)
    {
        var sb = new StringBuilder();
        sb.Append("Kính gửi Quý ông/bà,\n\n");
        sb.Append("Câu hỏi «").Append(title).Append("» của Quý ông/bà gửi Cổng phổ biến, giáo dục pháp luật tỉnh Cà Mau ")
            .Append(updated ? "có câu trả lời đã được cập nhật; câu trả lời trước đây không còn giá trị.\n\n" : "đã được trả lời.\n\n");
        sb.Append("Trả lời:\n").Append(answer).Append("\n\n");
        if (publicUrl is not null)
        {
            sb.Append("Câu hỏi và câu trả lời được đăng công khai (tên và địa chỉ người hỏi đã được che) tại: ").Append(publicUrl).Append('\n');
        }
        else
        {
            sb.Append("Câu trả lời này chỉ gửi riêng cho Quý ông/bà; có thể xem lại bằng đường liên kết theo dõi nhận được khi gửi câu hỏi.\n");
        }
        sb.Append("\nThư này được gửi tự động vì Quý ông/bà đã để lại địa chỉ thư điện tử và đồng ý nhận thông báo. Vui lòng không trả lời thư này.\n");
        return sb.ToString();
    }
}
