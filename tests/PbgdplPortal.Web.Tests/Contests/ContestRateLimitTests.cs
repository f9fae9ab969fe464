using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;

namespace PbgdplPortal.Web.Tests.Contests;

/// <summary>The portal with the contest rate limits set low, as an operator could in Portal:Contests.</summary>
public sealed class LowLimitContestPortal : ContestPortal
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string? ContentDir => null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:Contests:RegistrationPermitsPerMinute", "2");
        builder.UseSetting("Portal:Contests:SignInPermitsPerMinute", "3");
    }
}

public sealed class ContestRateLimitTests(LowLimitContestPortal portal) : IClassFixture<LowLimitContestPortal>
{
    [Fact]
    public async Task Registrations_and_token_requests_are_limited_per_client_address()
    {
        await Hosting.LimitWindow.AwayFromTheEdgeAsync();
        var client = portal.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("/api/entrants", new { phone = "x" })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("/api/entrants", new { phone = "x" })).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/entrants/token", new { phone = "0912345678", password = "sai-mat-khau" })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("/api/entrants/token", new { phone = "0912345678", password = "sai-mat-khau" })).StatusCode);
    }
}
