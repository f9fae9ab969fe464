using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PbgdplPortal.Content;
using PbgdplPortal.Contests;

namespace PbgdplPortal.Web.Tests.Contests;

/// <summary>A clock the tests move by hand; timers still run on real time.</summary>
public sealed class TestClock : TimeProvider
{
    private long ticks = DateTimeOffset.UtcNow.UtcTicks;

    public DateTime UtcNow
    {
        get => new(Interlocked.Read(ref ticks), DateTimeKind.Utc);
        set => Interlocked.Exchange(ref ticks, value.ToUniversalTime().Ticks);
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);
}

/// <summary>The portal with a hand-moved clock and rate limits high enough for tests that share one address.</summary>
public abstract class ContestPortal : PortalFactory
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:Contests:RegistrationPermitsPerMinute", "100000");
        builder.UseSetting("Portal:Contests:SignInPermitsPerMinute", "100000");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class ContestSqlitePortal : ContestPortal
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class ContestPostgresPortal : ContestPortal
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>An entrant registered for a test, with a client carrying their bearer token.</summary>
public sealed record TestEntrant(int Id, string Phone, string Password, string FullName, HttpClient Api);

public static class ContestKit
{
    public const string QuizSlug = "tim-hieu-luat-trat-tu-an-toan-giao-thong-duong-bo";
    public const string EntrantPassword = "mat-khau-du-thi";
    private static int phoneCounter = Random.Shared.Next(0, 1_000_000);

    /// <summary>A fresh 10-digit mobile number.</summary>
    public static string NewPhone() => "09" + (Interlocked.Increment(ref phoneCounter) % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>A contest of its own with one round open from <paramref name="opensAt"/> to <paramref name="closesAt"/>.</summary>
    public static Task<string> CreateContestAsync(this ContestPortal portal, DateTime opensAt, DateTime closesAt, int maxAttempts = 3, int timeLimitMinutes = 15,
        int questions = 5, PredictionKind prediction = PredictionKind.AllCorrect, (int First, int Second, int Third, int Consolation)? prizes = null) =>
        portal.WithDbAsync(async db =>
        {
            var slug = $"cuoc-thi-thu-{Guid.NewGuid():N}"[..30];
            var now = portal.Clock.UtcNow;
            var p = prizes ?? (1, 1, 1, 2);
            var contest = new Contest
            {
                Slug = slug,
                Title = "Cuộc thi thử nghiệm",
                Description = "Thể lệ **thử nghiệm**.",
                AgencyId = (await db.Agencies.SingleAsync(a => a.Slug == "so-tu-phap")).Id,
                Prediction = prediction,
                Status = PublicationStatus.Published,
                CreatedAt = now,
                UpdatedAt = now,
            };
            contest.Rounds.Add(new ContestRound
            {
                Number = 1,
                Title = "Đợt 1: Thử nghiệm",
                OpensAt = opensAt,
                ClosesAt = closesAt,
                QuizId = (await db.Quizzes.SingleAsync(q => q.Slug == QuizSlug)).Id,
                QuestionCount = questions,
                TimeLimitMinutes = timeLimitMinutes,
                MaxAttempts = maxAttempts,
                FirstPrizes = p.First,
                SecondPrizes = p.Second,
                ThirdPrizes = p.Third,
                ConsolationPrizes = p.Consolation,
            });
            db.Contests.Add(contest);
            await db.SaveChangesAsync();
            return slug;
        });

    /// <summary>An open round: opened an hour ago, closes in an hour.</summary>
    public static Task<string> CreateOpenContestAsync(this ContestPortal portal, int maxAttempts = 3, int timeLimitMinutes = 15, PredictionKind prediction = PredictionKind.AllCorrect) =>
        portal.CreateContestAsync(portal.Clock.UtcNow.AddHours(-1), portal.Clock.UtcNow.AddHours(1), maxAttempts, timeLimitMinutes, prediction: prediction);

    public static object Registration(string phone, string fullName = "Nguyễn Văn An", string unit = "so-giao-duc-va-dao-tao") => new
    {
        phone,
        password = EntrantPassword,
        fullName,
        birthDate = "1990-05-31",
        unit,
        idNumber = "096090001234",
        email = "an@example.vn",
        consent = true,
    };

    public static async Task<TestEntrant> RegisterAsync(this ContestPortal portal, string? fullName = null, string unit = "so-giao-duc-va-dao-tao")
    {
        var phone = NewPhone();
        fullName ??= "Nguyễn Văn An";
        var response = await portal.CreateClient().PostAsJsonAsync("/api/entrants", Registration(phone, fullName, unit));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        return new TestEntrant(id, phone, EntrantPassword, fullName, await portal.ApiAsync(phone, EntrantPassword));
    }

    /// <summary>A client with a fresh bearer token (after moving the clock far, tokens must be renewed).</summary>
    public static async Task<HttpClient> ApiAsync(this ContestPortal portal, string phone, string password)
    {
        var response = await portal.CreateClient().PostAsJsonAsync("/api/entrants/token", new { phone, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<JsonElement> StartAsync(this TestEntrant entrant, string slug)
    {
        var response = await entrant.Api.PostAsync($"/api/contests/{slug}/rounds/1/attempts", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The right option of each question of a started paper.</summary>
    public static Task<Dictionary<int, int>> CorrectAsync(this ContestPortal portal, JsonElement paper)
    {
        var ids = paper.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("id").GetInt32()).ToList();
        return portal.WithDbAsync(db => db.QuizOptions.Where(o => o.IsCorrect && ids.Contains(o.QuestionId)).ToDictionaryAsync(o => o.QuestionId, o => o.Id));
    }

    /// <summary>Answers the first <paramref name="right"/> questions right and the others wrong.</summary>
    public static object Answers(JsonElement paper, IReadOnlyDictionary<int, int> correct, int right, long? prediction = 3) => new
    {
        answers = paper.GetProperty("questions").EnumerateArray().Select((q, i) =>
        {
            var id = q.GetProperty("id").GetInt32();
            var option = i < right ? correct[id] : q.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetInt32()).First(o => o != correct[id]);
            return new { question = id, option };
        }).ToList(),
        prediction,
    };

    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient api, JsonElement paper, object body) =>
        api.PostAsJsonAsync($"/api/attempts/{paper.GetProperty("attemptId").GetGuid()}/submission", body);
}
