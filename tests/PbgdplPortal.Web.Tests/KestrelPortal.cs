using System.Net;
using System.Net.Sockets;
using PbgdplPortal.Web.Tests.BackOffice;

namespace PbgdplPortal.Web.Tests;

/// <summary>
/// The portal served by Kestrel on a real loopback port (<see cref="PortalFactory.BaseAddress"/>), for tests that need
/// what only a real connection has: the client's address (each test may connect from its own 127.0.0.x), streams, and
/// the server's own request limits.
/// </summary>
public abstract class KestrelPortal : PortalFactory
{
    protected override bool ServedByKestrel => true;

    /// <summary>A client with its own cookies, not following redirects, connecting from <paramref name="from"/> (a loopback address).</summary>
    public HttpClient ClientFrom(string from = "127.0.0.1")
    {
        var local = IPAddress.Parse(from);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint.Host == "localhost" ? new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port) : new IPEndPoint(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task<HttpClient> SignedInFromAsync(TestAccount account)
    {
        var client = ClientFrom();
        var response = await client.SignInAsync(account.Email, account.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
