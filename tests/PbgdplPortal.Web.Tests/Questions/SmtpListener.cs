using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace PbgdplPortal.Web.Tests.Questions;

/// <summary>
/// A real SMTP server on a free local port, started by the test: it keeps every message it accepts
/// and can refuse the next few, so the portal's sender must retry.
/// </summary>
public sealed class SmtpListener : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task running;
    private int refuseNext;

    public int Port { get; }
    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>Refusals so far (each a failed attempt on the sender's side).</summary>
    public int Refused => refused;

    private int refused;

    public SmtpListener()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        running = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);
    }

    /// <summary>The next <paramref name="count"/> messages are refused with a temporary failure.</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref refuseNext, count);

    /// <summary>The messages to <paramref name="address"/>, waiting up to <paramref name="timeout"/> for at least one.</summary>
    public async Task<List<MimeMessage>> WaitForAsync(string address, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var found = Messages.Where(m => m.To.Mailboxes.Any(b => b.Address == address)).ToList();
            if (found.Count > 0 || DateTime.UtcNow > until)
            {
                return found;
            }
            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException or IOException)
        {
            // Stopped: a listener or session cut off by the stop ends with one of these.
        }
        stop.Dispose();
    }

    private sealed class Store(SmtpListener owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref owner.refuseNext) >= 0)
            {
                Interlocked.Increment(ref owner.refused);
                return new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "Thử lại sau");
            }
            Interlocked.Exchange(ref owner.refuseNext, 0);
            await using var stream = new MemoryStream(buffer.ToArray());
            owner.Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
