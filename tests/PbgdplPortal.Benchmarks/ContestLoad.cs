using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PbgdplPortal.Benchmarks.Corpus;
using PbgdplPortal.Content;
using PbgdplPortal.Contests;
using PbgdplPortal.Site;

namespace PbgdplPortal.Benchmarks;

/// <summary>What the contest phase measured and proved.</summary>
internal sealed class ContestLoadResult
{
    public int Entrants { get; init; }
    public int WarmupEntrants { get; init; }
    public double SignInSeconds { get; set; }
    public LatencySummary? SignIn { get; set; }
    public double WindowSeconds { get; set; }
    public LatencySummary? Start { get; set; }
    public LatencySummary? Submit { get; set; }
    public double StartThroughput { get; set; }
    public double SubmitThroughput { get; set; }
    public int PeakRequestsPerSecond { get; set; }
    public CpuUse? Cpu { get; set; }
    public Dictionary<string, int> Errors { get; } = [];
    public int Started { get; set; }
    public int Accepted { get; set; }
    public int InDatabase { get; set; }
    public int InRanking { get; set; }
    public int RankedEntrants { get; set; }
    public int Lost { get; set; }
    public double SecondsBeforeClose { get; set; }
    public string StateAfterClose { get; set; } = "";
    public int LateStartStatus { get; set; }
}

/// <summary>
/// The last minute of a contest round against the running portal on PostgreSQL: entrants, already
/// registered, sign in for a bearer token; a round is then set to close about 70 s later, and in its
/// last minute every entrant starts an attempt and submits it through the JSON API, arriving at random
/// (open loop: nobody waits for anybody else). After the round closes, every accepted submission is
/// looked up in the database and in the ranking the contest service computes.
/// </summary>
internal static class ContestLoad
{
    public const string Slug = "do-tai-cuoc-thi";
    public const string Password = "Đo-tải-2026";
    private const string PhonePrefix = "097";

    /// <summary>The server's settings for the run: sign-ins from one address are not rate-limited here.</summary>
    public static readonly IReadOnlyDictionary<string, string> ServerSettings = new Dictionary<string, string>
    {
        ["Portal__Contests__SignInPermitsPerMinute"] = "1000000",
    };

    /// <summary>Entrants who go through the same requests before the measured minute, to warm the server.</summary>
    public const int WarmupEntrants = 20;

    private static readonly TimeSpan LastMinute = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ClosesIn = TimeSpan.FromSeconds(70);
    private static readonly TimeSpan StartSpread = TimeSpan.FromSeconds(30);
    private static readonly (double Min, double Max) ThinkSeconds = (5, 25);

    /// <summary>Writes the entrants straight into the database (one password hash shared by all: the server still verifies each sign-in).</summary>
    public static async Task RegisterAsync(string connectionString, int count, int seed)
    {
        await using var db = CorpusWriter.Open(connectionString);
        var units = await db.Agencies.AsNoTracking().Active().Select(a => a.Id).ToListAsync();
        var random = new Random(seed);
        string[] family = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"];
        string[] middle = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hoàng", "Quốc", "Thu"];
        string[] given = ["An", "Bình", "Chi", "Dũng", "Hà", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc", "Quân", "Thảo", "Tuấn", "Vy", "Yến"];
        var now = DateTime.UtcNow;
        var hash = new PasswordHasher<Entrant>().HashPassword(null!, Password);
        for (var i = 0; i < count; i++)
        {
            db.Entrants.Add(new Entrant
            {
                Phone = Phone(i),
                PasswordHash = hash,
                FullName = $"{family[random.Next(family.Length)]} {middle[random.Next(middle.Length)]} {given[random.Next(given.Length)]}",
                BirthDate = new DateOnly(1960 + random.Next(50), 1 + random.Next(12), 1 + random.Next(28)),
                UnitId = units[random.Next(units.Count)],
                ConsentedAt = now,
                ConsentVersion = ContestConsent.Version,
                CreatedAt = now,
            });
        }
        await db.SaveChangesAsync();
    }

    private static string Phone(int i) => PhonePrefix + i.ToString("0000000", System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<ContestLoadResult> RunAsync(Uri address, int serverId, string connectionString, int entrants, int seed, Action<string> log)
    {
        var result = new ContestLoadResult { Entrants = entrants, WarmupEntrants = ContestLoad.WarmupEntrants };
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = 2000 };
        using var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };

        // 1. Every entrant signs in for a bearer token, a few at a time.
        var tokens = new string?[WarmupEntrants + entrants];
        var signIns = new Latencies();
        var signInWatch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, tokens.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancellationToken) =>
        {
            var begin = Stopwatch.GetTimestamp();
            using var response = await client.PostAsJsonAsync("/api/entrants/token", new { phone = Phone(i), password = Password }, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            signIns.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
            if (response.IsSuccessStatusCode)
            {
                tokens[i] = JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString();
            }
            else
            {
                Count(result, "sign-in " + (int)response.StatusCode);
            }
        });
        result.SignInSeconds = signInWatch.Elapsed.TotalSeconds;
        result.SignIn = signIns.Summarize();
        log($"contest: {tokens.Count(t => t is not null)} of {tokens.Length} entrants signed in in {result.SignInSeconds:0.0} s (p50 {result.SignIn.P50:0} ms)");

        // 2. The round, closing ~70 s from now.
        var closesAt = await CreateRoundAsync(connectionString);
        var window = closesAt - LastMinute;
        log($"contest: round 1 of {Slug} closes at {closesAt:HH:mm:ss} UTC; the last minute starts at {window:HH:mm:ss}");

        var starts = new Latencies();
        var submits = new Latencies();
        var perSecond = new int[(int)(LastMinute.TotalSeconds + 30)];
        var accepted = new System.Collections.Concurrent.ConcurrentDictionary<Guid, int>();
        var random = new Random(seed);

        async Task Take(int i, TimeSpan startAt, TimeSpan think, bool measured)
        {
            var token = tokens[i];
            if (token is null)
            {
                return;
            }
            var delay = startAt - (DateTime.UtcNow - window);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay);
            }
            try
            {
                var begin = Stopwatch.GetTimestamp();
                using var start = new HttpRequestMessage(HttpMethod.Post, $"/api/contests/{Slug}/rounds/1/attempts");
                start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var started = await client.SendAsync(start);
                var paper = await started.Content.ReadAsStringAsync();
                if (measured)
                {
                    starts.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                    Tick(perSecond, window);
                }
                if (started.StatusCode != HttpStatusCode.Created)
                {
                    Count(result, "start " + (int)started.StatusCode);
                    return;
                }
                var (attemptId, answers, prediction) = Answer(paper, new Random(seed + i));
                await Task.Delay(think);
                begin = Stopwatch.GetTimestamp();
                using var submit = new HttpRequestMessage(HttpMethod.Post, $"/api/attempts/{attemptId}/submission")
                {
                    Content = JsonContent.Create(new { answers, prediction }),
                };
                submit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var submitted = await client.SendAsync(submit);
                var outcome = await submitted.Content.ReadAsStringAsync();
                if (measured)
                {
                    submits.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                    Tick(perSecond, window);
                }
                if (submitted.IsSuccessStatusCode)
                {
                    accepted[attemptId] = JsonDocument.Parse(outcome).RootElement.GetProperty("score").GetInt32();
                }
                else
                {
                    Count(result, "submit " + (int)submitted.StatusCode);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                Count(result, e.GetType().Name);
            }
        }

        // Warm-up: a few entrants before the measured minute, the same requests.
        await Task.WhenAll(Enumerable.Range(0, WarmupEntrants).Select(i => Take(i, -LastMinute + TimeSpan.FromMilliseconds(200 * i), TimeSpan.FromMilliseconds(500), measured: false)));

        // 3. The last minute: arrivals spread over its first half, each answering for 5–25 s.
        var plan = Enumerable.Range(WarmupEntrants, entrants)
            .Select(i => (Entrant: i, StartAt: StartSpread * random.NextDouble(), Think: TimeSpan.FromSeconds(ThinkSeconds.Min + (ThinkSeconds.Max - ThinkSeconds.Min) * random.NextDouble())))
            .ToList();
        var cpuBefore = CpuSnapshot.Take(() => CpuSnapshot.Process(serverId));
        var windowWatch = Stopwatch.StartNew();
        await Task.WhenAll(plan.Select(p => Take(p.Entrant, p.StartAt, p.Think, measured: true)));
        result.Cpu = CpuSnapshot.Take(() => CpuSnapshot.Process(serverId)) - cpuBefore;
        result.WindowSeconds = windowWatch.Elapsed.TotalSeconds;
        result.SecondsBeforeClose = (closesAt - DateTime.UtcNow).TotalSeconds;
        result.Start = starts.Summarize();
        result.Submit = submits.Summarize();
        result.StartThroughput = result.Start.Count / StartSpread.TotalSeconds;
        result.SubmitThroughput = result.Submit.Count / (StartSpread + TimeSpan.FromSeconds(ThinkSeconds.Max)).TotalSeconds;
        result.PeakRequestsPerSecond = perSecond.Max();
        result.Accepted = accepted.Count;
        log($"contest: start p50 {result.Start.P50:0.0} ms, p99 {result.Start.P99:0.0} ms; submit p50 {result.Submit.P50:0.0} ms, p99 {result.Submit.P99:0.0} ms; " +
            $"{result.Accepted} accepted, {result.Errors.Values.Sum()} errors; all done {result.SecondsBeforeClose:0.0} s before closing; server {result.Cpu.ServerCores:0.00} cores");

        // 4. After closing: the round is closed, a late start is refused, and every accepted submission is stored and ranked.
        var wait = closesAt - DateTime.UtcNow + TimeSpan.FromSeconds(1);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
        var contest = JsonDocument.Parse(await client.GetStringAsync($"/api/contests/{Slug}")).RootElement;
        result.StateAfterClose = contest.GetProperty("rounds")[0].GetProperty("state").GetString() ?? "";
        using (var late = new HttpRequestMessage(HttpMethod.Post, $"/api/contests/{Slug}/rounds/1/attempts"))
        {
            late.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.First(t => t is not null));
            using var refused = await client.SendAsync(late);
            result.LateStartStatus = (int)refused.StatusCode;
        }
        await VerifyAsync(connectionString, accepted, result);
        log($"contest: after closing the round is '{result.StateAfterClose}', a late start gets {result.LateStartStatus}; " +
            $"{result.InDatabase} of {result.Accepted} accepted submissions in the database with their score, {result.InRanking} in the ranking " +
            $"({result.RankedEntrants} ranked entrants); lost {result.Lost}");
        return result;
    }

    private static void Count(ContestLoadResult result, string what)
    {
        lock (result.Errors)
        {
            result.Errors[what] = result.Errors.GetValueOrDefault(what) + 1;
        }
    }

    private static void Tick(int[] perSecond, DateTime window)
    {
        var second = (int)(DateTime.UtcNow - window).TotalSeconds;
        Interlocked.Increment(ref perSecond[Math.Clamp(second, 0, perSecond.Length - 1)]);
    }

    /// <summary>A random option for every question, and a guess for the prediction question when there is one.</summary>
    private static (Guid AttemptId, object[] Answers, long? Prediction) Answer(string paper, Random random)
    {
        var root = JsonDocument.Parse(paper).RootElement;
        var answers = root.GetProperty("questions").EnumerateArray().Select(q =>
        {
            var options = q.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetInt32()).ToList();
            return (object)new { question = q.GetProperty("id").GetInt32(), option = options[random.Next(options.Count)] };
        }).ToArray();
        long? prediction = root.TryGetProperty("prediction", out var p) && p.ValueKind != JsonValueKind.Null ? random.Next(0, 500) : null;
        return (root.GetProperty("attemptId").GetGuid(), answers, prediction);
    }

    /// <summary>A published contest with one round open since an hour ago and closing ~70 s from now, on the sample contest's questions.</summary>
    private static async Task<DateTime> CreateRoundAsync(string connectionString)
    {
        await using var db = CorpusWriter.Open(connectionString);
        var sample = await db.ContestRounds.AsNoTracking().Include(r => r.Contest).OrderBy(r => r.ContestId).ThenBy(r => r.Number).FirstAsync();
        var now = DateTime.UtcNow;
        var contest = new Contest
        {
            Slug = Slug,
            Title = "Cuộc thi đo tải",
            Description = "Cuộc thi dùng để đo tải của Cổng thông tin.",
            AgencyId = sample.Contest.AgencyId,
            Prediction = sample.Contest.Prediction,
            RankingOrder = sample.Contest.RankingOrder,
            Status = PublicationStatus.Published,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var closesAt = now + ClosesIn;
        contest.Rounds.Add(new ContestRound
        {
            Number = 1,
            Title = "Đợt đo tải",
            OpensAt = now.AddHours(-1),
            ClosesAt = closesAt,
            QuizId = sample.QuizId,
            QuestionCount = sample.QuestionCount,
            TimeLimitMinutes = sample.TimeLimitMinutes,
            MaxAttempts = 1,
            FirstPrizes = sample.FirstPrizes,
            SecondPrizes = sample.SecondPrizes,
            ThirdPrizes = sample.ThirdPrizes,
            ConsolationPrizes = sample.ConsolationPrizes,
        });
        db.Contests.Add(contest);
        await db.SaveChangesAsync();
        return closesAt;
    }

    /// <summary>Every accepted submission, looked up in the attempts table and in the ranking <see cref="ContestService"/> computes for the closed round.</summary>
    private static async Task VerifyAsync(string connectionString, IReadOnlyDictionary<Guid, int> accepted, ContestLoadResult result)
    {
        await using var db = CorpusWriter.Open(connectionString);
        var stored = await db.Attempts.AsNoTracking().Where(a => a.Round.Contest.Slug == Slug && a.SubmittedAt != null)
            .ToDictionaryAsync(a => a.Id, a => a.Score);
        result.Started = await db.Attempts.CountAsync(a => a.Round.Contest.Slug == Slug);
        result.InDatabase = accepted.Count(a => stored.TryGetValue(a.Key, out var score) && score == a.Value);
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var service = new ContestService(db, new DocumentNumberIndex(TimeProvider.System), TimeProvider.System, Options.Create(new ContestOptions()), cache);
        var ranking = await service.RankingAsync(Slug, 1) ?? throw new InvalidOperationException("The round has no ranking: it has not closed.");
        var ranked = ranking.Rows.ToDictionary(r => r.AttemptId, r => r.Score);
        result.RankedEntrants = ranking.Rows.Count;
        result.InRanking = accepted.Count(a => ranked.TryGetValue(a.Key, out var score) && score == a.Value);
        result.Lost = accepted.Count(a => !(stored.TryGetValue(a.Key, out var score) && score == a.Value && ranked.TryGetValue(a.Key, out var rankedScore) && rankedScore == a.Value));
    }
}
