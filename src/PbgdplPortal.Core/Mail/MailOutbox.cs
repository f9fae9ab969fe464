using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Data;
using PbgdplPortal.Editing;

namespace PbgdplPortal.Mail;

public static class MailOutbox
{
    /// <summary>Puts a message in the outbox; saved with the caller's other changes, so it is sent exactly when they happen.</summary>
    public static void Enqueue(this PortalDbContext db, string to, string subject, string textBody, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.OutgoingMails.Add(new OutgoingMail { To = to, Subject = subject, TextBody = textBody, CreatedAt = now, NextAttemptAt = now });
    }

    /// <summary>Messages due for an attempt at <paramref name="now"/>, oldest first.</summary>
    public static IQueryable<OutgoingMail> Due(this IQueryable<OutgoingMail> mails, DateTime now) =>
        mails.Where(m => m.SentAt == null && m.NextAttemptAt != null && m.NextAttemptAt <= now).OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id);

    /// <summary>Messages not sent yet, whether due now or after a retry delay, or given up after the last attempt.</summary>
    public static IQueryable<OutgoingMail> Unsent(this IQueryable<OutgoingMail> mails) => mails.Where(m => m.SentAt == null);

    /// <summary>What the back office shows of the outbox: whether mail can leave at all, and what waits.</summary>
    public static async Task<MailStatus> StatusAsync(this PortalDbContext db, bool serverConfigured, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var unsent = db.OutgoingMails.AsNoTracking().Unsent();
        var waiting = await unsent.CountAsync(cancellationToken);
        var oldest = waiting == 0 ? null : await unsent.OrderBy(m => m.CreatedAt).Select(m => (DateTime?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var failing = await unsent.CountAsync(m => m.LastError != null, cancellationToken);
        var lastError = failing == 0 ? null : await unsent.Where(m => m.LastError != null).OrderByDescending(m => m.Id).Select(m => m.LastError).FirstOrDefaultAsync(cancellationToken);
        return new MailStatus(serverConfigured, waiting, oldest, failing, lastError);
    }

    public const string TestSubject = "Thư thử từ Cổng PBGDPL";

    /// <summary>
    /// An administrator's test message, through the outbox like every other message (so it proves the sender and the
    /// server together), audited in the same save.
    /// </summary>
    public static async Task<StepResult> QueueTestAsync(this PortalDbContext db, string? to, AuditActor actor, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var address = to?.Trim();
        if (address is not { Length: > 0 and <= 256 } || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
        {
            return StepResult.Invalid("Hãy nhập một địa chỉ thư điện tử hợp lệ để nhận thư thử (ví dụ: ten@example.vn).");
        }
        db.Enqueue(address, TestSubject,
            "Đây là thư thử do quản trị viên gửi từ trang Hộp thư đi của Cổng phổ biến, giáo dục pháp luật.\n"
            + "Nếu bạn nhận được thư này, máy chủ thư (SMTP) của cổng đã được cấu hình đúng.\n", now);
        db.Audit(actor, AuditActions.MailTestQueued, "mail", address, now);
        await db.SaveChangesAsync(cancellationToken);
        return StepResult.Done;
    }
}

/// <summary>The outbox as the back office shows it.</summary>
public sealed record MailStatus(bool ServerConfigured, int Waiting, DateTime? OldestWaiting, int Failing, string? LastError)
{
    /// <summary>Mail waits and cannot leave: no SMTP server is configured.</summary>
    public bool Stuck => !ServerConfigured && Waiting > 0;
}
