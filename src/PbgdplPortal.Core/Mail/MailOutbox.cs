using PbgdplPortal.Data;

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
}
