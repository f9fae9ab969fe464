using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Editing;
using PbgdplPortal.Questions;
using PbgdplPortal.Web.Questions;

namespace PbgdplPortal.Web.BackOffice;

/// <summary>A question in the back-office queue, with how long it has waited in working days.</summary>
public sealed record QueueRow(int Id, string Title, string Topic, QuestionStatus Status, bool IsPrivate, string? Agency, DateTime AskedAt, int WorkingDaysWaited, bool Overdue);

public sealed record QueueView(PageOf<QueueRow> Page, string Filter, IReadOnlyList<(string Code, string Label)> Filters, int ServiceDays, PagerView Pager);

/// <summary>Everything the question page shows and which steps the signed-in account may take.</summary>
public sealed record QuestionAdminView(Question Question, string TopicName, string AudienceName, string? AgencyName, string? MergedIntoTitle,
    int WorkingDaysWaited, bool Overdue, string? AnswerHtml, string CitationLines, IReadOnlyList<AgencyOption> Agencies,
    bool CanModerate, bool CanAnswer, bool CanRelease, string? Error);

/// <summary>The moderators' queue and the agencies' queues of citizens' questions, with every step of moderation and answering.</summary>
[Route("quan-tri/hoi-dap")]
[Authorize(Policy = QuestionHosting.Policy)]
public sealed class QuestionAdminController(PortalDbContext db, QuestionService questions, AuditTrail audit, TimeProvider clock, IOptions<QuestionOptions> options)
    : BackOfficeController
{
    private const int PageSize = 50;

    private static readonly (string Code, string Label, QuestionStatus[] Statuses)[] StatusFilters =
    [
        ("dang-cho", "Đang chờ xử lý", [QuestionStatus.Received, QuestionStatus.Approved, QuestionStatus.Assigned, QuestionStatus.Answered]),
        ("cho-sang-loc", "Chờ sàng lọc", [QuestionStatus.Received, QuestionStatus.Approved]),
        ("cho-tra-loi", "Chờ trả lời", [QuestionStatus.Assigned]),
        ("cho-duyet", "Chờ duyệt câu trả lời", [QuestionStatus.Answered]),
        ("da-tra-loi", "Đã trả lời", [QuestionStatus.Published]),
        ("tu-choi-gop", "Đã từ chối hoặc gộp", [QuestionStatus.Rejected, QuestionStatus.Merged]),
    ];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>What the account may see: every question for moderators, else only those assigned to its agency.</summary>
    private IQueryable<Question> Visible()
    {
        var query = db.Questions.AsNoTracking();
        if (!User.IsModerator())
        {
            var agency = User.AgencyId() ?? -1;
            query = query.Where(q => q.AgencyId == agency);
        }
        return query;
    }

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery(Name = "loc")] string? filter, [FromQuery(Name = "trang")] int page = 1, CancellationToken cancellationToken = default)
    {
        var chosen = StatusFilters.FirstOrDefault(f => f.Code == filter);
        if (chosen.Code is null)
        {
            chosen = StatusFilters[0];
        }
        var statuses = chosen.Statuses;
        // Oldest first: the longest-waiting question is the most urgent.
        var rows = await Visible().Where(q => statuses.Contains(q.Status))
            .OrderBy(q => q.AskedAt).ThenBy(q => q.Id)
            .Select(q => new { q.Id, q.Title, Topic = q.Topic.Name, q.Status, q.AnswerIsPrivate, Agency = q.Agency == null ? null : q.Agency.Name, q.AskedAt, q.PublishedAt })
            .ToPageAsync(page, PageSize, cancellationToken);
        var now = Now;
        var items = rows.Items.Select(q =>
        {
            var (waited, overdue) = WaitOf(q.Status, q.AskedAt, q.PublishedAt, now);
            return new QueueRow(q.Id, q.Title, q.Topic, q.Status, q.AnswerIsPrivate, q.Agency, q.AskedAt, waited, overdue);
        }).ToList();
        var pageOf = new PageOf<QueueRow>(items, rows.Page, rows.PageSize, rows.Total);
        return View(new QueueView(pageOf, chosen.Code, [.. StatusFilters.Select(f => (f.Code, f.Label))], options.Value.ServiceDays,
            new PagerView(pageOf.Page, pageOf.PageCount, pageOf.Total, p => $"/quan-tri/hoi-dap?loc={chosen.Code}&trang={p}")));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken) =>
        await ViewOfAsync(id, null, null, cancellationToken) is { } view ? View(view) : NotFound();

    private async Task<QuestionAdminView?> ViewOfAsync(int id, string? error, Action<Question>? keepInput, CancellationToken cancellationToken)
    {
        var question = await Visible().Include(q => q.Citations).ThenInclude(c => c.LegalDocument).FirstOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (question is null)
        {
            return null;
        }
        keepInput?.Invoke(question);
        var names = await db.Questions.AsNoTracking().Where(q => q.Id == id)
            .Select(q => new { Topic = q.Topic.Name, Audience = q.Audience.Name, Agency = q.Agency == null ? null : q.Agency.Name, Merged = q.MergedInto == null ? null : q.MergedInto.Title })
            .FirstAsync(cancellationToken);
        var agencies = User.IsModerator()
            ? await db.Agencies.AsNoTracking().Active().OrderBy(a => a.Name).Select(a => new AgencyOption(a.Id, a.Name)).ToListAsync(cancellationToken)
            : [];
        var (waited, overdue) = WaitOf(question.Status, question.AskedAt, question.PublishedAt, Now);
        return new QuestionAdminView(question, names.Topic, names.Audience, names.Agency, names.Merged, waited, overdue,
            question.Answer is { Length: > 0 } answer ? await questions.RenderAsync(answer, cancellationToken) : null,
            PbgdplPortal.Editing.CitationLines.Format(question.Citations.OrderBy(c => c.Position).Select(c => (c.LegalDocument.Number, c.Provision))),
            agencies, User.IsModerator(), User.CanAnswer(question.AgencyId), User.CanRelease(question.AgencyId), error);
    }

    /// <summary>
    /// Working days a question has waited (until its answer went out, while it is out) and whether it is overdue, which
    /// only a question still in the agency's hands can be.
    /// </summary>
    private (int Waited, bool Overdue) WaitOf(QuestionStatus status, DateTime askedAt, DateTime? publishedAt, DateTime now)
    {
        var open = status is QuestionStatus.Received or QuestionStatus.Approved or QuestionStatus.Assigned or QuestionStatus.Answered;
        var until = status == QuestionStatus.Published ? publishedAt ?? now : now;
        return (ServiceTime.WorkingDaysWaited(askedAt, until), open && ServiceTime.IsOverdue(askedAt, now, options.Value.ServiceDays));
    }

    [HttpPost("{id:int}/duyet")]
    public Task<IActionResult> Approve(int id, int version, [FromForm(Name = "tieu-de")] string? title, [FromForm(Name = "noi-dung-cong-khai")] string? publicText,
        CancellationToken cancellationToken) =>
        StepAsync(id, QuestionRight.Moderate, () => questions.ApproveAsync(id, version, title, publicText, audit.Actor, cancellationToken), "Đã duyệt câu hỏi.", null, cancellationToken);

    [HttpPost("{id:int}/giao")]
    public Task<IActionResult> Assign(int id, int version, [FromForm(Name = "co-quan")] int? agencyId, CancellationToken cancellationToken) =>
        StepAsync(id, QuestionRight.Moderate, () => questions.AssignAsync(id, version, agencyId, audit.Actor, cancellationToken), "Đã giao câu hỏi cho cơ quan.", null, cancellationToken);

    [HttpPost("{id:int}/gop")]
    public Task<IActionResult> Merge(int id, int version, [FromForm(Name = "vao")] string? into, CancellationToken cancellationToken) =>
        StepAsync(id, QuestionRight.Moderate, () => questions.MergeAsync(id, version, into, audit.Actor, cancellationToken), "Đã gộp câu hỏi.", null, cancellationToken);

    [HttpPost("{id:int}/tu-choi")]
    public Task<IActionResult> Reject(int id, int version, [FromForm(Name = "ly-do")] string? reason, CancellationToken cancellationToken) =>
        StepAsync(id, QuestionRight.Moderate, () => questions.RejectAsync(id, version, reason, audit.Actor, cancellationToken), "Đã từ chối câu hỏi.", null, cancellationToken);

    [HttpPost("{id:int}/tra-loi")]
    public Task<IActionResult> Answer(int id, int version, [FromForm(Name = "noi-dung")] string? answer, [FromForm(Name = "can-cu")] string? citations,
        [FromForm(Name = "rieng")] string? isPrivate, CancellationToken cancellationToken) =>
        StepAsync(id, QuestionRight.Answer, () => questions.AnswerAsync(id, version, answer, citations, isPrivate == "1", audit.Actor, cancellationToken),
            "Đã gửi câu trả lời để duyệt.", q => { q.Answer = answer; q.AnswerIsPrivate = isPrivate == "1"; }, cancellationToken);

    [HttpPost("{id:int}/tra-lai")]
    public Task<IActionResult> SendBack(int id, int version, [FromForm(Name = "nhan-xet")] string? comment, CancellationToken cancellationToken) =>
        StepAsync(id, QuestionRight.Release, () => questions.SendBackAsync(id, version, comment, audit.Actor, cancellationToken), "Đã trả lại câu trả lời cho chuyên gia.", null, cancellationToken);

    [HttpPost("{id:int}/dang")]
    public Task<IActionResult> Publish(int id, int version, CancellationToken cancellationToken) =>
        StepAsync(id, QuestionRight.Release, () => questions.ReleaseAsync(id, version, privately: false, audit.Actor, Request.BaseUrl(), cancellationToken), "Đã đăng câu hỏi và câu trả lời.", null, cancellationToken);

    [HttpPost("{id:int}/gui-rieng")]
    public Task<IActionResult> SendPrivately(int id, int version, CancellationToken cancellationToken) =>
        StepAsync(id, QuestionRight.Release, () => questions.ReleaseAsync(id, version, privately: true, audit.Actor, Request.BaseUrl(), cancellationToken), "Đã gửi câu trả lời riêng cho người hỏi.", null, cancellationToken);

    [HttpPost("{id:int}/go-tra-loi")]
    public Task<IActionResult> Withdraw(int id, int version, [FromForm(Name = "ly-do-go")] string? reason, CancellationToken cancellationToken) =>
        StepAsync(id, QuestionRight.Release, () => questions.WithdrawAsync(id, version, reason, audit.Actor, cancellationToken),
            "Đã gỡ câu trả lời; câu hỏi trở lại cho chuyên gia sửa.", null, cancellationToken);


    private async Task<IActionResult> StepAsync(int id, QuestionRight right, Func<Task<StepResult>> step, string done, Action<Question>? keepInput, CancellationToken cancellationToken)
    {
        var target = await db.Questions.AsNoTracking().Where(q => q.Id == id).Select(q => new { q.AgencyId }).FirstOrDefaultAsync(cancellationToken);
        if (target is null || !User.CanSeeQuestion(target.AgencyId))
        {
            return NotFound();
        }
        if (!User.May(right, target.AgencyId))
        {
            return Forbid();
        }
        return await AfterStepAsync(await step(), done, $"/quan-tri/hoi-dap/{id}", async refused =>
        {
            db.ChangeTracker.Clear();
            return await ViewOfAsync(id, refused.Message, refused.Outcome == StepOutcome.Invalid ? keepInput : null, cancellationToken) is { } view ? View("Show", view) : null;
        });
    }
}
