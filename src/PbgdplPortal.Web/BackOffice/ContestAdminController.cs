using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;
using PbgdplPortal.Contests;

namespace PbgdplPortal.Web.BackOffice;

/// <summary>A round's ranking as organisers see it, one page of it.</summary>
public sealed record RankingAdminView(RoundRanking Ranking, IReadOnlyList<RankingRow> Rows, PagerView Pager, string? Message, string? Error);

/// <summary>
/// Contests for organisers: administrators, and reviewers of the contest's agency. Live counts while a round
/// runs; the provisional ranking after it closes, disqualification with a reason, publication, export to Excel.
/// </summary>
[Route("quan-tri/cuoc-thi")]
[Authorize(Policy = BackOfficeHosting.ReviewerPolicy)]
public sealed class ContestAdminController(ContestService contests, ContestMonitoring monitoring, AuditTrail audit) : BackOfficeController
{
    private const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await contests.ListForAgencyAsync(User.AgencyScope(), cancellationToken));

    [HttpGet("{slug}/dot-{number:int}")]
    public async Task<IActionResult> Round(string slug, int number, [FromQuery(Name = "trang")] int page = 1, [FromQuery(Name = "tb")] string? message = null,
        CancellationToken cancellationToken = default)
    {
        if (await AllowedAsync(slug, cancellationToken) is null)
        {
            return NotFound();
        }
        if (await contests.RankingAsync(slug, number, cancellationToken) is not { } ranking)
        {
            return await contests.FindAnyAsync(slug, cancellationToken) is { } c && c.Rounds.Any(r => r.Number == number)
                ? View("NotClosed", c.Rounds.First(r => r.Number == number))
                : NotFound();
        }
        return View(Page(ranking, page, message switch { "huy" => "Đã hủy kết quả của thí sinh.", "cong-bo" => "Đã công bố kết quả.", _ => null }, null));
    }

    /// <summary>The round's live counts: entrants, attempts, submissions per minute, by unit.</summary>
    [HttpGet("{slug}/dot-{number:int}/theo-doi")]
    public async Task<IActionResult> Monitor(string slug, int number, CancellationToken cancellationToken)
    {
        if (await AllowedAsync(slug, cancellationToken) is not { } contest || contest.Rounds.FirstOrDefault(r => r.Number == number) is not { } round)
        {
            return NotFound();
        }
        return View(await monitoring.RoundAsync(round, cancellationToken));
    }

    [HttpPost("{slug}/dot-{number:int}/huy-ket-qua")]
    public async Task<IActionResult> Disqualify(string slug, int number, [FromForm(Name = "thi-sinh")] int entrantId, [FromForm(Name = "ly-do")] string? reason,
        CancellationToken cancellationToken)
    {
        if (await AllowedAsync(slug, cancellationToken) is not { } contest || contest.Rounds.FirstOrDefault(r => r.Number == number) is not { } round)
        {
            return NotFound();
        }
        return await AfterStepAsync(await contests.DisqualifyAsync(round.Id, entrantId, reason, audit.Actor, cancellationToken), null,
            $"/quan-tri/cuoc-thi/{slug}/dot-{number}?tb=huy", refused => RefusedAsync(slug, number, refused.Message, cancellationToken));
    }

    [HttpPost("{slug}/dot-{number:int}/cong-bo")]
    public async Task<IActionResult> Publish(string slug, int number, CancellationToken cancellationToken)
    {
        if (await AllowedAsync(slug, cancellationToken) is not { } contest || contest.Rounds.FirstOrDefault(r => r.Number == number) is not { } round)
        {
            return NotFound();
        }
        return await AfterStepAsync(await contests.PublishAsync(round.Id, audit.Actor, cancellationToken), null,
            $"/quan-tri/cuoc-thi/{slug}/dot-{number}?tb=cong-bo", refused => RefusedAsync(slug, number, refused.Message, cancellationToken));
    }

    [HttpGet("{slug}/dot-{number:int}/xuat-excel")]
    public async Task<IActionResult> Export(string slug, int number, CancellationToken cancellationToken)
    {
        if (await AllowedAsync(slug, cancellationToken) is null || await contests.RankingAsync(slug, number, cancellationToken) is not { } ranking)
        {
            return NotFound();
        }
        var entries = await contests.EntriesAsync(ranking.Round.Id, cancellationToken);
        var sheets = new Dictionary<string, object>
        {
            ["Xếp hạng"] = ranking.Rows.Select(r => new Dictionary<string, object?>
            {
                ["Hạng"] = r.Rank,
                ["Họ và tên"] = r.FullName,
                ["Điện thoại"] = r.Phone,
                ["Đơn vị"] = r.Unit,
                ["Điểm"] = r.Score,
                ["Dự đoán"] = r.Prediction,
                ["Chênh lệch dự đoán"] = r.PredictionDistance,
                ["Thời gian (ms)"] = r.DurationMs,
                ["Thời gian"] = ContestRanking.FormatDuration(r.DurationMs),
                ["Nộp bài lúc"] = ContestFormat.DateTime(r.SubmittedAt),
                ["Giải"] = r.Prize?.Label(),
            }).ToList(),
            ["Bài thi"] = entries.Select(e => new Dictionary<string, object?>
            {
                ["Mã lượt thi"] = e.AttemptId.ToString(),
                ["Thí sinh"] = e.EntrantId,
                ["Họ và tên"] = e.FullName,
                ["Điện thoại"] = e.Phone,
                ["Đơn vị"] = e.Unit,
                ["Lượt"] = e.Number,
                ["Bắt đầu"] = ContestFormat.DateTime(e.StartedAt),
                ["Nộp bài"] = e.SubmittedAt is { } s ? ContestFormat.DateTime(s) : null,
                ["Điểm"] = e.Score,
                ["Thời gian (ms)"] = e.DurationMs,
                ["Dự đoán"] = e.Prediction,
                ["Bị hủy kết quả"] = e.Disqualified ? "Có" : "Không",
                ["Lý do hủy"] = e.DisqualifiedReason,
            }).ToList(),
        };
        var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"ket-qua-{slug}-dot-{number}.xlsx");
    }

    private async Task<ContestView?> AllowedAsync(string slug, CancellationToken cancellationToken) =>
        await contests.FindAnyAsync(slug, cancellationToken) is { } contest && User.CanReview(contest.AgencyId) ? contest : null;

    private async Task<IActionResult?> RefusedAsync(string slug, int number, string? error, CancellationToken cancellationToken) =>
        await contests.RankingAsync(slug, number, cancellationToken) is { } ranking ? View(nameof(Round), Page(ranking, 1, null, error)) : null;

    private static RankingAdminView Page(RoundRanking ranking, int page, string? message, string? error)
    {
        var pageCount = Math.Max(1, (ranking.Rows.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var url = $"/quan-tri/cuoc-thi/{ranking.Contest.Slug}/dot-{ranking.Round.Number}";
        return new RankingAdminView(ranking, ranking.Rows.Skip((page - 1) * PageSize).Take(PageSize).ToList(),
            new PagerView(page, pageCount, ranking.Rows.Count, p => $"{url}?trang={p}"), message, error);
    }
}
