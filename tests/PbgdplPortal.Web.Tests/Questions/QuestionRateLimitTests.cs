using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
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

        // An hour later the address may ask again.
        await portal.WithDbAsync(db => db.Questions.ExecuteUpdateAsync(s => s.SetProperty(q => q.AskedAt, q => q.AskedAt.AddHours(-2))));
        Assert.Equal(HttpStatusCode.Redirect, (await client.AskThroughFormAsync("Câu hỏi sau một giờ về thủ tục đăng ký khai sinh cho con?")).StatusCode);
    }
}

public sealed class QuestionRateLimitOnSqlite(SqliteLowLimitQuestionPortal portal) : QuestionRateLimitTests(portal), IClassFixture<SqliteLowLimitQuestionPortal>;

public sealed class QuestionRateLimitOnPostgres(PostgresLowLimitQuestionPortal portal) : QuestionRateLimitTests(portal), IClassFixture<PostgresLowLimitQuestionPortal>;
