using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using PbgdplPortal.Data;
using PbgdplPortal.Mail;

namespace PbgdplPortal.Web.Mail;

/// <summary>The "Portal:Mail" configuration section.</summary>
public sealed class MailOptions
{
    /// <summary>The SMTP server; when empty, messages stay in the outbox (and are logged) until one is configured.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>"auto" (STARTTLS when offered), "none", "starttls" or "ssl".</summary>
    public string Security { get; set; } = "auto";

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Cổng PBGDPL Cà Mau <no-reply@localhost>";

    /// <summary>How often each node looks for due messages.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first retry waits this long; each further one twice as long, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Attempts before a message is given up (it stays in the outbox with its last error).</summary>
    public int MaxAttempts { get; set; } = 10;

    public int BatchSize { get; set; } = 20;
}

/// <summary>
/// Sends the mail outbox over SMTP. Every node runs one; a message is claimed in the database before it
/// is sent, so two nodes never send it twice, and a failure schedules the next attempt with backoff.
/// </summary>
public sealed class MailSender(IServiceScopeFactory scopes, IOptions<MailOptions> options, TimeProvider time, ILogger<MailSender> logger) : BackgroundService
{
    /// <summary>How long a claimed message is left alone by other nodes while this one sends it.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private bool reportedNoHost;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Mail outbox pass failed");
            }
            try
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: sends what is due; returns how many messages went out.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            var waiting = await db.OutgoingMails.Due(now).CountAsync(cancellationToken);
            if (waiting > 0 && !reportedNoHost)
            {
                logger.LogWarning("No SMTP host configured (Portal:Mail:Host): {Count} messages wait in the mail outbox", waiting);
                reportedNoHost = true;
            }
            return 0;
        }
        var due = await db.OutgoingMails.AsNoTracking().Due(now).Take(settings.BatchSize).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }
        var sent = 0;
        using var client = new SmtpClient();
        foreach (var mail in due)
        {
            // Claim: only the node that moves the next attempt forward sends the message.
            var claimed = await db.OutgoingMails
                .Where(m => m.Id == mail.Id && m.SentAt == null && m.NextAttemptAt == mail.NextAttemptAt)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, now + Lease), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }
            try
            {
                if (!client.IsConnected)
                {
                    await client.ConnectAsync(settings.Host, settings.Port, SocketOptions(settings.Security), cancellationToken);
                    if (settings.UserName is { Length: > 0 })
                    {
                        await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
                    }
                }
                await client.SendAsync(Message(settings, mail), cancellationToken);
                await db.OutgoingMails.Where(m => m.Id == mail.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.SentAt, time.GetUtcNow().UtcDateTime)
                    .SetProperty(m => m.NextAttemptAt, (DateTime?)null)
                    .SetProperty(m => m.Attempts, mail.Attempts + 1)
                    .SetProperty(m => m.LastError, (string?)null), cancellationToken);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var attempts = mail.Attempts + 1;
                DateTime? next = attempts >= settings.MaxAttempts ? null : time.GetUtcNow().UtcDateTime + Backoff(settings, attempts);
                var error = $"{e.GetType().Name}: {e.Message}";
                await db.OutgoingMails.Where(m => m.Id == mail.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.NextAttemptAt, next)
                    .SetProperty(m => m.LastError, error.Length > 2000 ? error[..2000] : error), CancellationToken.None);
                logger.LogWarning("Mail {Id} to the outbox's recipient failed (attempt {Attempts}): {Error}", mail.Id, attempts, error);
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(true, CancellationToken.None);
                }
            }
        }
        if (client.IsConnected)
        {
            await client.DisconnectAsync(true, cancellationToken);
        }
        return sent;
    }

    public static TimeSpan Backoff(MailOptions settings, int attempts)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var delay = settings.RetryDelay * Math.Pow(2, Math.Min(attempts - 1, 20));
        return delay < settings.MaxRetryDelay ? delay : settings.MaxRetryDelay;
    }

    private static SecureSocketOptions SocketOptions(string security) => security.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "ssl" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };

    private static MimeMessage Message(MailOptions settings, OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new TextPart("plain") { Text = mail.TextBody };
        return message;
    }
}
