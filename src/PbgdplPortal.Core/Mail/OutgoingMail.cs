namespace PbgdplPortal.Mail;

/// <summary>
/// A message in the mail outbox. Written in the same transaction as the change it reports, then
/// sent by a background service; failures are retried later, so no message is lost with a node.
/// </summary>
public class OutgoingMail
{
    public long Id { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>UTC moment of the next attempt; null once sent.</summary>
    public DateTime? NextAttemptAt { get; set; }

    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
}
