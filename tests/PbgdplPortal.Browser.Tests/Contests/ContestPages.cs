using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PbgdplPortal.Content;
using PbgdplPortal.Contests;
using PbgdplPortal.Data;

namespace PbgdplPortal.Browser.Tests.Contests;

/// <summary>
/// The contest pages for the browser tests: contests of their own (one with a round open now, one with
/// published results) written into the served portal's database, and entrants registered through the form.
/// </summary>
public static partial class ContestPages
{
    public const string Sample = "/cuoc-thi/tim-hieu-phap-luat-ca-mau-2026";
    public const string Password = "mat-khau-du-thi";
    private const string QuizSlug = "tim-hieu-luat-trat-tu-an-toan-giao-thong-duong-bo";
    private static readonly ConditionalWeakTable<ServedPortal, Task<string>> Published = [];
    private static int phoneCounter = Random.Shared.Next(0, 1_000_000);

    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    /// <summary>A fresh 10-digit mobile number.</summary>
    public static string NewPhone() => "08" + (Interlocked.Increment(ref phoneCounter) % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>The public contest pages: the list, a contest, published results, registration and sign-in.</summary>
    public static async Task<IReadOnlyList<string>> PublicAsync(ServedPortal portal) =>
        [ContestUrls.Index, Sample, ContestUrls.Results(await PublishedAsync(portal), 1), ContestUrls.Register, ContestUrls.SignIn];

    /// <summary>A contest whose one round is open now (an hour ago to an hour from now), 5 questions with a prediction question.</summary>
    public static Task<string> CreateOpenAsync(ServedPortal portal) =>
        CreateAsync(portal, DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddHours(1), published: false);

    /// <summary>A contest (made once per served portal) whose round closed yesterday and whose results are published, with a few ranked entrants.</summary>
    public static Task<string> PublishedAsync(ServedPortal portal) =>
        Published.GetValue(portal, p => CreateAsync(p, DateTime.UtcNow.AddDays(-3), DateTime.UtcNow.AddDays(-1), published: true));

    private static async Task<string> CreateAsync(ServedPortal portal, DateTime opensAt, DateTime closesAt, bool published)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var slug = $"cuoc-thi-trinh-duyet-{Guid.NewGuid():N}"[..34];
        var now = DateTime.UtcNow;
        var quiz = await db.Quizzes.Include(q => q.Questions).ThenInclude(q => q.Options).SingleAsync(q => q.Slug == QuizSlug);
        var contest = new Contest
        {
            Slug = slug,
            Title = published ? "Cuộc thi đã công bố kết quả" : "Cuộc thi đang mở",
            Description = "Thể lệ cuộc thi: mỗi lượt **5 câu hỏi**, làm trong 15 phút.",
            AgencyId = (await db.Agencies.SingleAsync(a => a.Slug == "so-tu-phap")).Id,
            Prediction = PredictionKind.AllCorrect,
            Status = PublicationStatus.Published,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var round = new ContestRound
        {
            Number = 1,
            Title = "Đợt 1: Trật tự, an toàn giao thông",
            OpensAt = opensAt,
            ClosesAt = closesAt,
            QuizId = quiz.Id,
            QuestionCount = 5,
            TimeLimitMinutes = 15,
            MaxAttempts = 2,
            FirstPrizes = 1,
            SecondPrizes = 1,
            ThirdPrizes = 1,
            ConsolationPrizes = 1,
        };
        contest.Rounds.Add(round);
        db.Contests.Add(contest);
        await db.SaveChangesAsync();
        if (published)
        {
            // Five entrants with submitted attempts; the round published with its true figure.
            var units = await db.Agencies.OrderBy(a => a.Slug).Select(a => a.Id).Take(3).ToListAsync();
            string[] names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Ngọc Dũng", "Huỳnh Thu Hà"];
            var questions = quiz.Questions.OrderBy(q => q.Id).Take(5).ToList();
            var paper = JsonSerializer.Serialize(questions.Select(q => new { Q = q.Id, O = q.Options.Select(o => o.Id).ToArray() }));
            for (var i = 0; i < names.Length; i++)
            {
                var entrant = new Entrant
                {
                    Phone = NewPhone(),
                    PasswordHash = "khong-dang-nhap",
                    FullName = names[i],
                    BirthDate = new DateOnly(1980 + i, 3, 15),
                    UnitId = units[i % units.Count],
                    ConsentedAt = opensAt,
                    ConsentVersion = ContestConsent.Version,
                    CreatedAt = opensAt,
                };
                db.Entrants.Add(entrant);
                var started = opensAt.AddHours(1 + i);
                db.Attempts.Add(new Attempt
                {
                    Id = Guid.NewGuid(),
                    Round = round,
                    Entrant = entrant,
                    Number = 1,
                    StartedAt = started,
                    Deadline = started.AddMinutes(15),
                    Paper = paper,
                    SubmittedAt = started.AddMinutes(5 + i),
                    Answers = "{}",
                    Score = 5 - i,
                    DurationMs = (5 + i) * 60_000,
                    Prediction = 2 + i,
                });
            }
            round.TrueFigure = 1;
            round.ResultsPublishedAt = closesAt.AddHours(2);
        }
        // The contest list is a cached page: the change journal refreshes it on every node.
        db.RecordChange(nameof(Contest), slug, now);
        await db.SaveChangesAsync();
        return slug;
    }

    /// <summary>Fills in and sends the registration form as a person would; the portal signs the new entrant in and
    /// leads on to <paramref name="destination"/>: the round the form was opened for, or else the account page.</summary>
    public static async Task RegisterAsync(IPage page, string phone, string fullName, string destination = ContestUrls.Account)
    {
        await page.GetByLabel("Số điện thoại di động (*)").FillAsync(phone);
        await page.GetByLabel("Mật khẩu, ít nhất 8 ký tự (*)").FillAsync(Password);
        await page.GetByLabel("Họ và tên (*)").FillAsync(fullName);
        await page.GetByLabel("Ngày sinh (*)").FillAsync("1990-05-31");
        await page.GetByLabel("Đơn vị: cơ quan, đơn vị hoặc xã, phường (*)").SelectOptionAsync("so-tu-phap");
        await page.GetByLabel("Tôi đã đọc và đồng ý với nội dung trên.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng ký" }).ClickAsync();
        await page.WaitForURLAsync($"**{destination}");
    }

    /// <summary>An HTTP client (own cookies, no redirects followed) for an entrant registered through the form.</summary>
    public static async Task<HttpClient> SignedInClientAsync(ServedPortal portal)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = portal.BaseAddress };
        var response = await client.PostAsync(ContestUrls.Register, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["so-dien-thoai"] = NewPhone(),
            ["mat-khau"] = Password,
            ["ho-ten"] = "Võ Thị Hồng",
            ["ngay-sinh"] = "1992-08-20",
            ["don-vi"] = "so-tu-phap",
            ["dong-y"] = "1",
            ["__csrf"] = await AntiforgeryAsync(client, ContestUrls.Register),
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == ContestUrls.Account,
            $"Registration through the form answered {(int)response.StatusCode} {response.Headers.Location}");
        return client;
    }

    /// <summary>The antiforgery token of the form on a page.</summary>
    public static async Task<string> AntiforgeryAsync(HttpClient client, string url)
    {
        var match = Antiforgery().Match(await client.GetStringAsync(url));
        Assert.True(match.Success, $"{url} has no antiforgery field.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
