using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Dialogues;
using PbgdplPortal.Editing;
using PbgdplPortal.Questions;
using PbgdplPortal.Web.Questions;

namespace PbgdplPortal.Web.BackOffice;

public sealed record DialogueRow(int Id, string Title, string Agency, DateTime StartsAt, DialogueState State, int Waiting);

/// <summary>The session form: what was typed, the choices and the errors by field.</summary>
public sealed record DialogueForm(int? Id, int Version, DialogueInput Input, IReadOnlyList<AgencyOption> Agencies, IReadOnlyList<(int Id, string Name)> Topics,
    IReadOnlyDictionary<string, string> Errors);

public sealed record SessionQuestionRow(int Id, int Version, string Title, string Text, string? AskerName, string? AskerPlace, QuestionStatus Status, DateTime AskedAt,
    int? Order, string? Answer, string? AnswerHtml, string? ReviewComment);

public sealed record DialogueAdminView(DialogueSession Session, string AgencyName, IReadOnlyList<SessionQuestionRow> Questions,
    bool CanModerate, bool CanAnswer, bool CanShow, string? Error);

/// <summary>
/// Dialogue sessions in the back office: moderators (and administrators) create them, move them through their states and
/// screen their questions; the session agency's experts answer; moderators and the agency's reviewers show answers live.
/// </summary>
[Route("quan-tri/doi-thoai")]
[Authorize(Policy = QuestionHosting.Policy)]
public sealed class DialogueAdminController(PortalDbContext db, DialogueService dialogues, QuestionService questions, AuditTrail audit) : BackOfficeController
{
    /// <summary>Questions still to handle listed on a session's page, oldest first.</summary>
    public const int QueueSize = 100;

    /// <summary>Every session for moderators; the agency's own sessions for its experts and reviewers.</summary>
    private IQueryable<DialogueSession> Visible()
    {
        var query = db.DialogueSessions.AsNoTracking();
        if (!User.IsModerator())
        {
            var agency = User.AgencyId() ?? -1;
            query = query.Where(s => s.AgencyId == agency);
        }
        return query;
    }

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var rows = await Visible().OrderByDescending(s => s.StartsAt).Take(200)
            .Select(s => new DialogueRow(s.Id, s.Title, s.Agency.Name, s.StartsAt, s.State,
                s.Questions.Count(q => q.Status == QuestionStatus.Received || q.Status == QuestionStatus.Approved || q.Status == QuestionStatus.Assigned || q.Status == QuestionStatus.Answered)))
            .ToListAsync(cancellationToken);
        ViewData["CanCreate"] = User.IsModerator();
        return View(rows);
    }

    [HttpGet("moi")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        User.IsModerator() ? View("Edit", await FormAsync(null, 0, new DialogueInput(null, null, null, [], null, null, null, null), new Dictionary<string, string>(), cancellationToken)) : Forbid();

    [HttpPost("moi")]
    public Task<IActionResult> Create([FromForm] DialogueFields fields, CancellationToken cancellationToken) => SaveAsync(null, 0, fields, cancellationToken);

    [HttpGet("{id:int}/sua")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        if (!User.IsModerator())
        {
            return Forbid();
        }
        var s = await db.DialogueSessions.AsNoTracking().Include(x => x.Topics).FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (s is null)
        {
            return NotFound();
        }
        var input = new DialogueInput(s.Title, s.Description, s.AgencyId, [.. s.Topics.Select(t => t.Id)], s.Guests, LocalInput(s.StartsAt), LocalInput(s.EndsAt), s.VideoUrl);
        return View("Edit", await FormAsync(s.Id, s.Version, input, new Dictionary<string, string>(), cancellationToken));
    }

    [HttpPost("{id:int}/sua")]
    public Task<IActionResult> Edit(int id, [FromForm] DialogueFields fields, CancellationToken cancellationToken) => SaveAsync(id, fields.Version, fields, cancellationToken);

    /// <summary>The session form's fields.</summary>
    public sealed class DialogueFields
    {
        public int Version { get; set; }
        public string? Title { get; set; }
        public string? Description { get; set; }
        public int? AgencyId { get; set; }
        public List<int> TopicIds { get; set; } = [];
        public string? Guests { get; set; }
        public string? StartsAt { get; set; }
        public string? EndsAt { get; set; }
        public string? VideoUrl { get; set; }
    }

    private async Task<IActionResult> SaveAsync(int? id, int version, DialogueFields fields, CancellationToken cancellationToken)
    {
        if (!User.IsModerator())
        {
            return Forbid();
        }
        if (id is { } existing && !await db.DialogueSessions.AnyAsync(s => s.Id == existing, cancellationToken))
        {
            return NotFound();
        }
        var input = new DialogueInput(fields.Title, fields.Description, fields.AgencyId, fields.TopicIds, fields.Guests, fields.StartsAt, fields.EndsAt, fields.VideoUrl);
        var (session, errors) = await dialogues.SaveAsync(id, version, input, audit.Actor, cancellationToken);
        if (session is null)
        {
            Response.StatusCode = errors.ContainsKey("session") ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return View("Edit", await FormAsync(id, version, input, errors, cancellationToken));
        }
        TempData["Message"] = "Đã lưu phiên đối thoại.";
        return Redirect($"/quan-tri/doi-thoai/{session.Id}");
    }

    private async Task<DialogueForm> FormAsync(int? id, int version, DialogueInput input, IReadOnlyDictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var agencies = await db.Agencies.AsNoTracking().Active().OrderBy(a => a.Name).Select(a => new AgencyOption(a.Id, a.Name)).ToListAsync(cancellationToken);
        var topics = (await db.Topics.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken)).Select(t => (t.Id, t.Name)).ToList();
        return new DialogueForm(id, version, input, agencies, topics, errors);
    }

    private static string LocalInput(DateTime utc) =>
        PbgdplPortal.Text.VietnameseText.ToVietnamTime(utc).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken) =>
        await ViewOfAsync(id, null, cancellationToken) is { } view ? View(view) : NotFound();

    private async Task<DialogueAdminView?> ViewOfAsync(int id, string? error, CancellationToken cancellationToken)
    {
        var session = await Visible().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null)
        {
            return null;
        }
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == session.AgencyId).Select(a => a.Name).FirstAsync(cancellationToken);
        // The oldest questions still to handle (a live session may gather thousands), then every one shown, newest first.
        var fields = db.Questions.AsNoTracking().Where(q => q.DialogueSessionId == id);
        var rows = (await fields.Where(q => q.SessionOrder == null).OrderBy(q => q.AskedAt).ThenBy(q => q.Id).Take(QueueSize)
            .Select(q => new { q.Id, q.Version, q.Title, q.Text, q.AskerName, q.AskerPlace, q.Status, q.AskedAt, q.SessionOrder, q.Answer, q.ReviewComment })
            .ToListAsync(cancellationToken))
            .Concat(await fields.Where(q => q.SessionOrder != null).OrderByDescending(q => q.SessionOrder)
            .Select(q => new { q.Id, q.Version, q.Title, q.Text, q.AskerName, q.AskerPlace, q.Status, q.AskedAt, q.SessionOrder, q.Answer, q.ReviewComment })
            .ToListAsync(cancellationToken)).ToList();
        var list = new List<SessionQuestionRow>(rows.Count);
        foreach (var q in rows)
        {
            var html = q.Answer is { Length: > 0 } && q.Status is QuestionStatus.Answered or QuestionStatus.Published ? await questions.RenderAsync(q.Answer, cancellationToken) : null;
            list.Add(new SessionQuestionRow(q.Id, q.Version, q.Title, q.Text, q.AskerName, q.AskerPlace, q.Status, q.AskedAt, q.SessionOrder, q.Answer, html, q.ReviewComment));
        }
        return new DialogueAdminView(session, agency, list, User.IsModerator(), User.CanAnswer(session.AgencyId), User.CanRelease(session.AgencyId), error);
    }

    [HttpPost("{id:int}/chuyen")]
    public Task<IActionResult> Move(int id, int version, [FromForm(Name = "sang")] DialogueState target, CancellationToken cancellationToken) =>
        StepAsync(id, QuestionRight.Moderate, () => dialogues.MoveAsync(id, version, target, audit.Actor, cancellationToken), $"Phiên đối thoại đã chuyển sang «{DialogueLabels.Of(target)}».", cancellationToken);

    [HttpPost("{id:int}/cau-hoi/{questionId:int}/chon")]
    public Task<IActionResult> Pick(int id, int questionId, int version, CancellationToken cancellationToken) =>
        QuestionStepAsync(id, questionId, QuestionRight.Moderate, () => dialogues.PickAsync(id, questionId, version, audit.Actor, cancellationToken), "Đã chọn câu hỏi; chuyên gia của cơ quan chủ trì sẽ trả lời.", cancellationToken);

    [HttpPost("{id:int}/cau-hoi/{questionId:int}/gop")]
    public Task<IActionResult> Merge(int id, int questionId, int version, [FromForm(Name = "vao")] string? into, CancellationToken cancellationToken) =>
        QuestionStepAsync(id, questionId, QuestionRight.Moderate, () => questions.MergeAsync(questionId, version, into, audit.Actor, cancellationToken), "Đã gộp câu hỏi.", cancellationToken);

    [HttpPost("{id:int}/cau-hoi/{questionId:int}/tu-choi")]
    public Task<IActionResult> Reject(int id, int questionId, int version, [FromForm(Name = "ly-do")] string? reason, CancellationToken cancellationToken) =>
        QuestionStepAsync(id, questionId, QuestionRight.Moderate, () => questions.RejectAsync(questionId, version, reason, audit.Actor, cancellationToken), "Đã từ chối câu hỏi.", cancellationToken);

    [HttpPost("{id:int}/cau-hoi/{questionId:int}/tra-loi")]
    public Task<IActionResult> Answer(int id, int questionId, int version, [FromForm(Name = "noi-dung")] string? answer, [FromForm(Name = "can-cu")] string? citations,
        CancellationToken cancellationToken) =>
        QuestionStepAsync(id, questionId, QuestionRight.Answer, () => questions.AnswerAsync(questionId, version, answer, citations, wantsPrivate: false, audit.Actor, cancellationToken),
            "Đã lưu câu trả lời; có thể đưa lên trực tiếp.", cancellationToken);

    [HttpPost("{id:int}/cau-hoi/{questionId:int}/hien-thi")]
    public Task<IActionResult> ShowLive(int id, int questionId, int version, CancellationToken cancellationToken) =>
        QuestionStepAsync(id, questionId, QuestionRight.Release, () => dialogues.ShowAsync(id, questionId, version, audit.Actor, Request.BaseUrl(), cancellationToken),
            "Câu hỏi và câu trả lời đã hiện trên trang trực tiếp.", cancellationToken);


    private async Task<IActionResult> QuestionStepAsync(int id, int questionId, QuestionRight right, Func<Task<StepResult>> step, string done, CancellationToken cancellationToken)
    {
        if (!await db.Questions.AnyAsync(q => q.Id == questionId && q.DialogueSessionId == id, cancellationToken))
        {
            return NotFound();
        }
        return await StepAsync(id, right, step, done, cancellationToken);
    }

    private async Task<IActionResult> StepAsync(int id, QuestionRight right, Func<Task<StepResult>> step, string done, CancellationToken cancellationToken)
    {
        var session = await Visible().Where(s => s.Id == id).Select(s => new { s.AgencyId }).FirstOrDefaultAsync(cancellationToken);
        if (session is null)
        {
            return NotFound();
        }
        if (!User.May(right, session.AgencyId))
        {
            return Forbid();
        }
        return await AfterStepAsync(await step(), done, $"/quan-tri/doi-thoai/{id}", async refused =>
        {
            db.ChangeTracker.Clear();
            return await ViewOfAsync(id, refused.Message, cancellationToken) is { } view ? View("Show", view) : null;
        });
    }
}
