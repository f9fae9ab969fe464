using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PbgdplPortal.Questions;
using PbgdplPortal.Security;
using PbgdplPortal.Web.Tests.BackOffice;

namespace PbgdplPortal.Web.Tests.Questions;

/// <summary>The portal allowing three questions per address per hour, as an operator could set in Portal:Questions.</summary>
public abstract class LowLimitQuestionPortal : PortalFactory
{
    public override int AskPermitsPerHour => 3;
}

public sealed class SqliteLowLimitQuestionPortal : LowLimitQuestionPortal
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresLowLimitQuestionPortal : LowLimitQuestionPortal
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>The limit is counted in the database, so it holds across web nodes, for the form and the API together.</summary>
public abstract class QuestionRateLimitTests(LowLimitQuestionPortal portal)
{
    [Fact]
    public async Task An_address_past_its_hourly_allowance_gets_429_on_the_form_and_the_api_and_nothing_is_stored()
    {
        using var client = portal.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await client.AskThroughFormAsync("Câu hỏi thứ nhất về thủ tục đăng ký khai sinh cho con?")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.AskThroughFormAsync("Câu hỏi thứ hai về thủ tục đăng ký khai sinh cho con?")).StatusCode);
        var third = await client.PostAsJsonAsync("/api/questions", new { text = "Câu hỏi thứ ba về thủ tục đăng ký khai sinh cho con?", topic = QuestionKit.Topic, audience = QuestionKit.Audience });
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        var before = await portal.WithDbAsync(db => db.Questions.CountAsync());

        var form = await client.AskThroughFormAsync("Câu hỏi thứ tư về thủ tục đăng ký khai sinh cho con?");
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.Contains("Vui lòng thử lại sau một giờ", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var api = await client.PostAsJsonAsync("/api/questions", new { text = "Câu hỏi thứ năm về thủ tục đăng ký khai sinh cho con?", topic = QuestionKit.Topic, audience = QuestionKit.Audience });
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("3 câu hỏi trong một giờ", (await api.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await portal.WithDbAsync(db => db.Questions.CountAsync()));

        // The address is kept only as a hash keyed with the portal's own secret, never as a plain (reversible) hash.
        var stored = await portal.WithDbAsync(db => db.Questions.Where(q => q.SenderKey != null).Select(q => q.SenderKey!).Distinct().ToListAsync());
        var key = await portal.WithDbAsync(db => db.PortalSecrets.Where(k => k.Name == PortalSecrets.SenderKey).Select(k => k.Value).SingleAsync());
        Assert.Equal(32, key.Length);
        var address = Assert.Single(new[] { "unknown", "127.0.0.1", "::1" }, a => stored.Contains(Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(a)))));
        Assert.DoesNotContain(QuestionService.Hash("sender:" + address), stored);
        Assert.DoesNotContain(QuestionService.Hash(address), stored);

        // An hour later the address may ask again.
        await portal.WithDbAsync(db => db.Questions.ExecuteUpdateAsync(s => s.SetProperty(q => q.AskedAt, q => q.AskedAt.AddHours(-2))));
        Assert.Equal(HttpStatusCode.Redirect, (await client.AskThroughFormAsync("Câu hỏi sau một giờ về thủ tục đăng ký khai sinh cho con?")).StatusCode);
    }
}

/// <summary>The portal's own keys are made once, by whichever node needs one first, and shared by every node.</summary>
public abstract class PortalSecretsTests(PortalFactory portal)
{
    [Fact]
    public async Task Nodes_that_need_a_key_at_the_same_moment_end_up_with_one_shared_key()
    {
        // Start-up made the key the portal uses, so no request ever writes one.
        Assert.True(await portal.WithDbAsync(db => db.PortalSecrets.AnyAsync(k => k.Name == PortalSecrets.SenderKey)));
        var name = $"kiem-thu-{Guid.NewGuid():N}";
        var scopes = portal.Services.GetRequiredService<IServiceScopeFactory>();
        var nodes = Enumerable.Range(0, 4).Select(_ => new PortalSecrets(scopes, TimeProvider.System)).ToList();
        var keys = await Task.WhenAll(nodes.Select(node => node.GetAsync(name)));
        Assert.All(keys, k => Assert.Equal(keys[0], k));
        Assert.Equal(32, keys[0].Length);
        Assert.Equal(keys[0], await portal.WithDbAsync(db => db.PortalSecrets.Where(k => k.Name == name).Select(k => k.Value).SingleAsync()));
        // A node started later reads the same key, so a hash made on one node is found on another.
        var later = new PortalSecrets(scopes, TimeProvider.System);
        Assert.Equal(await nodes[0].HashAsync(name, "203.0.113.7"), await later.HashAsync(name, "203.0.113.7"));
        Assert.NotEqual(await later.HashAsync(name, "203.0.113.7"), await later.HashAsync(name, "203.0.113.8"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PortalSecretsOnSqlite(SqlitePortal portal) : PortalSecretsTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class PortalSecretsOnPostgres(PostgresPortal portal) : PortalSecretsTests(portal);

public sealed class QuestionRateLimitOnSqlite(SqliteLowLimitQuestionPortal portal) : QuestionRateLimitTests(portal), IClassFixture<SqliteLowLimitQuestionPortal>;

public sealed class QuestionRateLimitOnPostgres(PostgresLowLimitQuestionPortal portal) : QuestionRateLimitTests(portal), IClassFixture<PostgresLowLimitQuestionPortal>;
