using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PbgdplPortal.Data;
using PbgdplPortal.Security;
using PbgdplPortal.Web.Tests.BackOffice;

namespace PbgdplPortal.Web.Tests.Hosting;

/// <summary>A clock standing still at a chosen moment.</summary>
internal sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

public static class LimitWindow
{
    /// <summary>Waits out the last seconds of a clock minute, so a test's requests fall in one one-minute window.</summary>
    public static async Task AwayFromTheEdgeAsync()
    {
        var second = DateTime.UtcNow.Second;
        if (second >= 50)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - second));
        }
    }
}

/// <summary>The per-address limits are counted in the shared database: nodes together never allow more than the permits.</summary>
public abstract class AddressLimiterTests(PortalFactory portal)
{
    private static readonly DateTimeOffset Moment = new(2026, 3, 2, 8, 0, 30, TimeSpan.Zero);

    [Fact]
    public async Task Parallel_requests_through_two_nodes_get_exactly_the_permits_and_the_address_is_kept_only_as_an_hmac()
    {
        var limit = new AddressLimit($"kiem-thu-{Guid.NewGuid():N}"[..30], 7, TimeSpan.FromMinutes(1));
        var scopes = portal.Services.GetRequiredService<IServiceScopeFactory>();
        // Two nodes: each its own key cache and clock, nothing shared but the database.
        var nodes = new[] { new PortalSecrets(scopes, TimeProvider.System), new PortalSecrets(scopes, TimeProvider.System) };
        var granted = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var limiter = new AddressLimiter(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), nodes[i % 2], new StoppedClock(Moment));
            return await limiter.TryTakeAsync(limit, "203.0.113.7");
        }));
        Assert.Equal(7, granted.Count(g => g));

        var row = Assert.Single(await portal.WithDbAsync(db => db.AddressCounts.Where(c => c.Limit == limit.Name).ToListAsync()));
        Assert.Equal(40, row.Count);
        Assert.Equal(Moment.ToUnixTimeSeconds() - 30, row.WindowStart);
        var key = await portal.WithDbAsync(db => db.PortalSecrets.Where(k => k.Name == PortalSecrets.AddressKey).Select(k => k.Value).SingleAsync());
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("203.0.113.7"))), row.AddressKey);
        Assert.DoesNotContain("203.0.113", row.AddressKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_window_allows_the_address_again_and_clears_the_older_windows()
    {
        var limit = new AddressLimit($"kiem-thu-{Guid.NewGuid():N}"[..30], 2, TimeSpan.FromMinutes(1));
        async Task<bool> TakeAsync(DateTimeOffset at, string address)
        {
            await using var scope = portal.Scope();
            var services = scope.ServiceProvider;
            return await new AddressLimiter(services.GetRequiredService<PortalDbContext>(), services.GetRequiredService<PortalSecrets>(), new StoppedClock(at))
                .TryTakeAsync(limit, address);
        }
        Assert.True(await TakeAsync(Moment, "198.51.100.1"));
        Assert.True(await TakeAsync(Moment, "198.51.100.1"));
        Assert.False(await TakeAsync(Moment, "198.51.100.1"));
        // Another address has its own count.
        Assert.True(await TakeAsync(Moment, "198.51.100.2"));
        Assert.Equal(2, await portal.WithDbAsync(db => db.AddressCounts.CountAsync(c => c.Limit == limit.Name)));

        Assert.True(await TakeAsync(Moment.AddMinutes(1), "198.51.100.1"));
        var left = await portal.WithDbAsync(db => db.AddressCounts.Where(c => c.Limit == limit.Name).ToListAsync());
        Assert.Equal(Moment.AddMinutes(1).ToUnixTimeSeconds() - 30, Assert.Single(left).WindowStart);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AddressLimiterOnSqlite(SqlitePortal portal) : AddressLimiterTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class AddressLimiterOnPostgres(PostgresPortal portal) : AddressLimiterTests(portal);

/// <summary>A PostgreSQL portal with low per-address limits; <see cref="SecondNode"/> is another node on its database.</summary>
public class LowLimitNodes : PortalFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override int SignInPermitsPerMinute => 3;

    public override string? ContentDir => null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:Contests:RegistrationPermitsPerMinute", "2");
        builder.UseSetting("Portal:Contests:SignInPermitsPerMinute", "3");
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (NodeOf is null)
        {
            SecondNode = new LowLimitNodes { NodeOf = this };
            await SecondNode.InitializeAsync();
        }
    }

    public LowLimitNodes? SecondNode { get; private set; }

    protected override async Task StopAlongsideAsync()
    {
        if (SecondNode is IAsyncLifetime second)
        {
            await second.DisposeAsync();
        }
    }
}

/// <summary>Two web nodes on one database together allow the configured number of attempts per address, not twice it.</summary>
public sealed class TwoNodeLimitTests(LowLimitNodes portal) : IClassFixture<LowLimitNodes>
{
    [Fact]
    public async Task Back_office_sign_ins_through_two_nodes_share_one_allowance()
    {
        await LimitWindow.AwayFromTheEdgeAsync();
        var clients = new[] { portal.Browser(), portal.SecondNode!.Browser() };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await clients[i % 2].SignInAsync("khong-co@example.vn", "Sai-mat-khau-123!")).StatusCode);
        }
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses[3..]);
        var refused = await clients[1].SignInAsync("khong-co@example.vn", "Sai-mat-khau-123!");
        Assert.Contains("Quá nhiều yêu cầu", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entrant_registrations_and_token_requests_through_two_nodes_share_one_allowance()
    {
        await LimitWindow.AwayFromTheEdgeAsync();
        var clients = new[] { portal.CreateClient(), portal.SecondNode!.CreateClient() };
        var registrations = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            registrations.Add((await clients[i % 2].PostAsJsonAsync("/api/entrants", new { phone = "x" })).StatusCode);
        }
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], registrations);
        var tokens = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            tokens.Add((await clients[i % 2].PostAsJsonAsync("/api/entrants/token", new { phone = "0912345678", password = "sai-mat-khau" })).StatusCode);
        }
        Assert.Equal(3, tokens.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], tokens[3..]);
        var refused = await clients[0].PostAsJsonAsync("/api/entrants/token", new { phone = "0912345678", password = "sai-mat-khau" });
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("tối đa 3 lần trong 1 phút", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
