using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Web.Hosting;
using PbgdplPortal.Web.Tests.BackOffice;
using PbgdplPortal.Web.Tests.Questions;

namespace PbgdplPortal.Web.Tests.Hosting;

/// <summary>A portal behind a reverse proxy at 127.0.0.2, the only one it trusts; the question limit is the product's.</summary>
public sealed class ProxiedPortal : KestrelPortal
{
    public const string Proxy = "127.0.0.2";

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override int AskPermitsPerHour => new PbgdplPortal.Questions.QuestionOptions().AskPermitsPerHour;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:ForwardedHeaders:KnownProxies:0", Proxy);
    }
}

/// <summary>
/// Whose address the portal sees: the client's, as a trusted proxy forwards it, or the connection's own when the
/// sender of X-Forwarded-For is not trusted. Per-address limits and the audit log use that address.
/// </summary>
public sealed class ProxyTrustTests(ProxiedPortal proxied, DefaultKestrelPortal plain) : IClassFixture<ProxiedPortal>, IClassFixture<DefaultKestrelPortal>
{
    /// <summary>The address the audit log records for a failed sign-in sent from <paramref name="from"/> with the given X-Forwarded-For.</summary>
    private static async Task<string?> SeenAddressAsync(KestrelPortal portal, string from, string forwardedFor)
    {
        using var client = portal.ClientFrom(from);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        var email = $"khong-co-{Guid.NewGuid():N}@kiemthu.vn";
        var response = await client.SignInAsync(email, "Sai-mat-khau-123!");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await portal.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.SignInFailed && a.Target!.Contains(email))
            .Select(a => a.Address).SingleAsync());
    }

    [Fact]
    public async Task A_trusted_proxy_names_the_client()
    {
        Assert.Equal("203.0.113.7", await SeenAddressAsync(proxied, ProxiedPortal.Proxy, "203.0.113.7"));
        // A client's own X-Forwarded-For before the proxy's entry is not believed: only the trusted hop is unwrapped.
        Assert.Equal("203.0.113.9", await SeenAddressAsync(proxied, ProxiedPortal.Proxy, "198.51.100.1, 203.0.113.9"));
    }

    [Fact]
    public async Task A_sender_that_is_not_a_trusted_proxy_cannot_choose_its_address()
    {
        // Loopback is trusted by default only: once proxies are configured, 127.0.0.3 is just a client.
        Assert.Equal("127.0.0.3", await SeenAddressAsync(proxied, "127.0.0.3", "203.0.113.8"));
    }

    [Fact]
    public async Task Without_a_setting_only_loopback_is_trusted()
    {
        Assert.Equal("203.0.113.10", await SeenAddressAsync(plain, "127.0.0.4", "203.0.113.10"));
        var options = new ProxyTrust().ToOptions();
        Assert.True(options.KnownIPNetworks.Any(n => n.Contains(IPAddress.Parse("127.0.0.1"))) || options.KnownProxies.Contains(IPAddress.Loopback));
        Assert.DoesNotContain(options.KnownIPNetworks, n => n.Contains(IPAddress.Parse("10.0.0.1")));
    }

    [Fact]
    public async Task The_question_limit_counts_each_client_behind_the_proxy_on_its_own()
    {
        using var first = proxied.ClientFrom(ProxiedPortal.Proxy);
        first.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.21");
        var limit = proxied.AskPermitsPerHour;
        for (var i = 0; i < limit; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await AskAsync(first, i)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await AskAsync(first, limit)).StatusCode);

        using var second = proxied.ClientFrom(ProxiedPortal.Proxy);
        second.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.22");
        Assert.Equal(HttpStatusCode.Created, (await AskAsync(second, 0)).StatusCode);
    }

    [Theory]
    [InlineData("KnownProxies", "10.0.0.300", "'10.0.0.300' is not an IP address")]
    [InlineData("KnownNetworks", "10.0.0.0/40", "'10.0.0.0/40' is not a network in CIDR notation")]
    public void A_malformed_setting_stops_the_start_naming_it(string setting, string value, string message)
    {
        var trust = setting == "KnownProxies" ? new ProxyTrust { KnownProxies = [value] } : new ProxyTrust { KnownNetworks = [value] };
        var error = Assert.Throws<InvalidOperationException>(() => trust.ToOptions());
        Assert.Contains($"Portal:ForwardedHeaders:{setting}", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> AskAsync(HttpClient client, int number) =>
        client.PostAsJsonAsync("/api/questions", new
        {
            text = $"Xin hỏi thủ tục đăng ký khai sinh cho con lần thứ {number} cần những giấy tờ gì và nộp ở đâu?",
            topic = QuestionKit.Topic,
            audience = QuestionKit.Audience,
            consent = true,
        });
}
