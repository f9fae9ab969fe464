using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Web.Tests.BackOffice;

namespace PbgdplPortal.Web.Tests.Contests;

/// <summary>Organisers follow a running round: the page's counts are the database's, per unit and per minute.</summary>
public abstract partial class ContestMonitoringTests(ContestPortal portal)
{
    [GeneratedRegex("<dt>([^<]+)</dt><dd>([0-9.]+)</dd>")]
    private static partial Regex CounterPattern();

    [GeneratedRegex("<tr><th scope=\"row\">([^<]+)</th><td>([0-9.]+)</td><td>([0-9.]+)</td><td>([0-9.]+)</td></tr>")]
    private static partial Regex UnitRowPattern();

    [GeneratedRegex("<tr><th scope=\"row\">[0-9]{2}:[0-9]{2}</th><td>([0-9.]+)</td></tr>")]
    private static partial Regex MinuteRowPattern();

    private static Dictionary<string, int> Counters(string html) =>
        CounterPattern().Matches(html).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value.Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task The_monitoring_page_shows_the_rounds_counts_as_the_database_has_them()
    {
        var start = portal.Clock.UtcNow;
        var slug = await portal.CreateContestAsync(start.AddMinutes(-30), start.AddHours(1), maxAttempts: 2);
        var url = $"/quan-tri/cuoc-thi/{slug}/dot-1/theo-doi";

        // Three entrants of one unit and one of another: four start, one twice; three submit, the last two a minute later.
        var units = new[] { "so-giao-duc-va-dao-tao", "so-giao-duc-va-dao-tao", "so-giao-duc-va-dao-tao", "so-noi-vu" };
        var papers = new List<(TestEntrant Entrant, System.Text.Json.JsonElement Paper)>();
        foreach (var unit in units)
        {
            var entrant = await portal.RegisterAsync(unit: unit);
            papers.Add((entrant, await entrant.StartAsync(slug)));
        }
        papers.Add((papers[0].Entrant, default));
        Assert.Equal(HttpStatusCode.OK, (await papers[0].Entrant.Api.SubmitAsync(papers[0].Paper, ContestKit.Answers(papers[0].Paper, await portal.CorrectAsync(papers[0].Paper), 5))).StatusCode);
        var second = await papers[0].Entrant.StartAsync(slug);
        portal.Clock.UtcNow = start.AddMinutes(1);
        foreach (var (entrant, paper) in new[] { (papers[1].Entrant, papers[1].Paper), (papers[3].Entrant, papers[3].Paper) })
        {
            Assert.Equal(HttpStatusCode.OK, (await entrant.Api.SubmitAsync(paper, ContestKit.Answers(paper, await portal.CorrectAsync(paper), 3))).StatusCode);
        }
        Assert.NotEqual(default, second.GetProperty("attemptId").GetGuid());

        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, "so-tu-phap"));
        Assert.Contains($"href=\"{url}\"", await reviewer.GetStringAsync("/quan-tri/cuoc-thi"), StringComparison.Ordinal);
        var page = await reviewer.GetStringAsync(url);

        var expected = await portal.WithDbAsync(async db =>
        {
            var roundId = await db.ContestRounds.Where(r => r.Contest.Slug == slug).Select(r => r.Id).SingleAsync();
            var attempts = db.Attempts.Where(a => a.RoundId == roundId);
            return new Dictionary<string, int>
            {
                ["Thí sinh đã dự thi"] = await attempts.Select(a => a.EntrantId).Distinct().CountAsync(),
                ["Lượt thi đã bắt đầu"] = await attempts.CountAsync(),
                ["Bài đã nộp"] = await attempts.CountAsync(a => a.SubmittedAt != null),
                ["Đang làm bài"] = await attempts.CountAsync(a => a.SubmittedAt == null),
                ["Tài khoản thí sinh"] = await db.Entrants.CountAsync(e => e.PasswordHash != ""),
                ["Đăng ký từ khi đợt mở"] = await db.Entrants.CountAsync(e => e.PasswordHash != "" && e.CreatedAt >= start.AddMinutes(-30)),
            };
        });
        Assert.Equal(expected, Counters(page));
        Assert.Equal((4, 5, 3, 2), (expected["Thí sinh đã dự thi"], expected["Lượt thi đã bắt đầu"], expected["Bài đã nộp"], expected["Đang làm bài"]));

        // By unit, the busiest first.
        var rows = UnitRowPattern().Matches(page).Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value)).ToList();
        Assert.Equal([("Sở Giáo dục và Đào tạo tỉnh Cà Mau", "3", "4", "2"), ("Sở Nội vụ tỉnh Cà Mau", "1", "1", "1")], rows);

        // Per minute: one submission in the first minute, two in the next, drawn and listed.
        Assert.Contains("3 bài nộp trong", page, StringComparison.Ordinal);
        Assert.Contains("nhiều nhất 2 bài/phút", page, StringComparison.Ordinal);
        var perMinute = MinuteRowPattern().Matches(page).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, perMinute.Sum());
        Assert.Equal(2, perMinute.Max());
        Assert.Equal(2, perMinute.Count(n => n > 0));
        Assert.Contains("role=\"img\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_contests_organisers_see_its_figures()
    {
        var slug = await portal.CreateOpenContestAsync();
        var url = $"/quan-tri/cuoc-thi/{slug}/dot-1/theo-doi";
        Assert.Equal(HttpStatusCode.OK, (await (await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator))).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap"))).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, "so-noi-vu"))).GetAsync(url)).StatusCode);
        var anonymous = await portal.Browser().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/quan-tri/dang-nhap", anonymous.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator))).GetAsync($"/quan-tri/cuoc-thi/{slug}/dot-9/theo-doi")).StatusCode);
    }
}

public sealed class ContestMonitoringOnSqlite(ContestSqlitePortal portal) : ContestMonitoringTests(portal), IClassFixture<ContestSqlitePortal>;

public sealed class ContestMonitoringOnPostgres(ContestPostgresPortal portal) : ContestMonitoringTests(portal), IClassFixture<ContestPostgresPortal>;
