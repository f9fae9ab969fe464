using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Editing;
using PbgdplPortal.Markdown;
using PbgdplPortal.Media;
using PbgdplPortal.Site;
using PbgdplPortal.Text;

namespace PbgdplPortal.Web.BackOffice;

/// <summary>
/// Editing shared by articles and legal document records: the editor form with preview and
/// optimistic concurrency, the workflow actions, the revision list, comparison and restore.
/// A derived controller supplies the content type's fields.
/// </summary>
public abstract class ContentEditorController<TEntity, TForm, TChoices>(PortalDbContext db, TimeProvider clock, DocumentNumberIndex directory) : BackOfficeController
    where TEntity : class, IEditable
    where TForm : ContentForm, new()
{
    public const int PageSize = 50;

    private static readonly JsonSerializerOptions MetadataJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    protected PortalDbContext Db => db;

    protected DateTime Now => clock.GetUtcNow().UtcDateTime;

    protected TimeProvider Clock => clock;

    /// <summary>"/quan-tri/bai-viet".</summary>
    protected abstract string BasePath { get; }

    protected abstract string KindLabel { get; }

    protected abstract string RevisionType { get; }

    /// <summary>The item, tracked, with what the form edits; null when it does not exist.</summary>
    protected abstract Task<TEntity?> LoadAsync(int id, CancellationToken cancellationToken);

    protected abstract EditableContent Wrap(TEntity entity);

    protected abstract TEntity Create();

    protected abstract TForm FormOf(TEntity entity);

    /// <summary>Checks the type's own fields and copies the form onto the entity; errors go to ModelState.</summary>
    protected abstract Task ApplyAsync(TForm form, TEntity entity, int? agencyId, bool publishing, CancellationToken cancellationToken);

    protected abstract Task<TChoices> ChoicesAsync(TForm form, int? agencyId, CancellationToken cancellationToken);

    protected abstract string PublicUrl(string slug);

    /// <summary>Further writes in the save's transaction.</summary>
    protected virtual Func<Task>? AfterSave(TEntity entity, PublicationStatus? before) => null;

    /// <summary>What follows a committed save (the legal-basis watch after a document's).</summary>
    protected virtual Task AfterCommitAsync(TEntity entity, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The kind of item the legal-basis watch flags for this content type, or null (documents are not flagged).</summary>
    protected virtual ReviewItemType? ReviewType => null;

    /// <summary>The ids of the flagged items an approved edit of the entity reviews (an article, a quiz's questions).</summary>
    protected virtual IReadOnlyCollection<int> ReviewItemIds(TEntity entity) => [];

    /// <summary>Why the item needs review ("cần rà soát"), from its open flags; null when it has none.</summary>
    private async Task<string?> ReviewReasonAsync(TEntity entity, CancellationToken cancellationToken)
    {
        if (ReviewType is not { } type)
        {
            return null;
        }
        var flags = await new LegalBasisWatch(db, clock).OpenFlagsAsync(type, ReviewItemIds(entity), cancellationToken);
        var reasons = flags.Values.SelectMany(f => f).Select(f => f.Reason).Distinct().ToList();
        return reasons.Count == 0 ? null : string.Join(" ", reasons.Select(r => r.EndsWith('.') ? r : r + "."));
    }

    /// <summary>Why the item may not be deleted now (e.g. articles still cite it), or null.</summary>
    protected virtual Task<string?> DeleteBlockerAsync(TEntity entity, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>The message when the body is empty, or null when the type has no body of its own (quizzes).</summary>
    protected virtual string? BodyMissing => "Hãy nhập nội dung.";

    /// <summary>What the form calls the summary field.</summary>
    protected virtual string SummaryLabel => "Tóm tắt";

    /// <summary>Whether agency is required (articles) or may be empty for administrators (documents).</summary>
    protected virtual bool AgencyRequired => true;

    protected bool AgencyScoped(int? agencyId) => User.CanEdit(agencyId);

    // ---------------------------------------------------------------- topics and audiences (articles and quizzes)

    /// <summary>The topics of the list filter, <paramref name="selected"/> chosen.</summary>
    protected Task<List<Choice>> TopicFilterAsync(string? selected, CancellationToken cancellationToken) =>
        db.Topics.AsNoTracking().OrderBy(t => t.Name).Select(t => new Choice(t.Slug, t.Name, t.Slug == selected, null)).ToListAsync(cancellationToken);

    /// <summary>The form's topics (at least one, else an error on "Topics") and audience groups, tracked.</summary>
    protected async Task<(List<Topic> Topics, List<AudienceGroup> Audiences)> TermsAsync(IEnumerable<string> topicSlugs, IEnumerable<string> audienceSlugs,
        CancellationToken cancellationToken)
    {
        var topicList = topicSlugs.Distinct().ToList();
        var audienceList = audienceSlugs.Distinct().ToList();
        var topics = await db.Topics.Where(t => topicList.Contains(t.Slug)).ToListAsync(cancellationToken);
        if (topics.Count == 0)
        {
            ModelState.AddModelError("Topics", "Hãy chọn ít nhất một chủ đề.");
        }
        return (topics, await db.AudienceGroups.Where(t => audienceList.Contains(t.Slug)).ToListAsync(cancellationToken));
    }

    /// <summary>Every topic and audience group as checkboxes, the form's ones checked.</summary>
    protected async Task<(IReadOnlyList<Choice> Topics, IReadOnlyList<Choice> Audiences)> TermChoicesAsync(ICollection<string> topics, ICollection<string> audiences,
        CancellationToken cancellationToken)
    {
        var allTopics = await db.Topics.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Slug, t.Name }).ToListAsync(cancellationToken);
        var allAudiences = await db.AudienceGroups.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Slug, t.Name }).ToListAsync(cancellationToken);
        return ([.. allTopics.Select(t => new Choice(t.Slug, t.Name, topics.Contains(t.Slug)))],
            [.. allAudiences.Select(t => new Choice(t.Slug, t.Name, audiences.Contains(t.Slug)))]);
    }

    /// <summary>Makes <paramref name="current"/> hold exactly <paramref name="wanted"/>, leaving kept items in place.</summary>
    protected static void ReplaceSet<T>(List<T> current, List<T> wanted) where T : class
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(wanted);
        current.RemoveAll(t => !wanted.Contains(t));
        current.AddRange(wanted.Where(t => !current.Contains(t)));
    }

    // ---------------------------------------------------------------- editor

    [HttpGet("moi")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        var form = new TForm { AgencyId = User.AgencyId() };
        return await EditorAsync(form, null, null, null, cancellationToken);
    }

    [HttpPost("moi")]
    public async Task<IActionResult> Create([FromForm] TForm form, [FromForm(Name = "hanh-dong")] string? action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var agencyId = User.IsAdministrator() ? form.AgencyId : User.AgencyId();
        if (!User.IsAdministrator() && !User.CanEdit(agencyId))
        {
            return Forbid();
        }
        return await SaveAsync(null, form, ParseAction(action), agencyId, null, cancellationToken);
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var entity = await LoadAsync(id, cancellationToken);
        if (entity is null || !AgencyScoped(Wrap(entity).AgencyId))
        {
            return NotFound();
        }
        return await EditorAsync(FormOf(entity), entity, null, null, cancellationToken);
    }

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Edit(int id, [FromForm] TForm form, [FromForm(Name = "hanh-dong")] string? action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var entity = await LoadAsync(id, cancellationToken);
        if (entity is null || !AgencyScoped(Wrap(entity).AgencyId))
        {
            return NotFound();
        }
        var agencyId = User.IsAdministrator() ? form.AgencyId : Wrap(entity).AgencyId;
        return await SaveAsync(entity, form, ParseAction(action), agencyId, null, cancellationToken);
    }

    private static WorkflowAction? ParseAction(string? action) => action switch
    {
        "gui-duyet" => WorkflowAction.Submit,
        "duyet-dang" => WorkflowAction.Publish,
        "xem-truoc" => null,
        _ => WorkflowAction.Save,
    };

    private async Task<IActionResult> SaveAsync(TEntity? entity, TForm form, WorkflowAction? action, int? agencyId, int? restoredNumber,
        CancellationToken cancellationToken)
    {
        var item = entity is null ? null : Wrap(entity);
        if (action is null)
        {
            // "Xem trước" without JavaScript: the same form, with the rendered preview.
            return await EditorAsync(form, entity, await PreviewHtmlAsync(form.Body, cancellationToken), null, cancellationToken);
        }
        var status = item?.Status ?? PublicationStatus.Draft;
        if (!WorkflowRules.Allows(action.Value, status, User.CanEdit(agencyId ?? item?.AgencyId), User.CanReview(agencyId ?? item?.AgencyId)))
        {
            return Forbid();
        }
        if (item is not null && !User.CanEdit(agencyId))
        {
            // An administrator moving the item to another agency is the only way agencyId differs here.
            return Forbid();
        }
        var before = item is null ? ((PublicationStatus, string)?)null : (item.Status, item.Slug);
        var now = Now;
        entity ??= Create();
        item = Wrap(entity);
        form.Title = VietnameseText.Nfc(form.Title ?? "").Trim();
        form.Summary = string.IsNullOrWhiteSpace(form.Summary) ? null : VietnameseText.Nfc(form.Summary).Trim();
        form.Body = VietnameseText.Nfc(form.Body ?? "");
        if (form.Title.Length == 0)
        {
            ModelState.AddModelError(nameof(form.Title), "Hãy nhập tiêu đề.");
        }
        if (BodyMissing is { } missing && form.Body.Trim().Length == 0)
        {
            ModelState.AddModelError(nameof(form.Body), missing);
        }
        if (form.Summary is { Length: > 2000 })
        {
            ModelState.AddModelError(nameof(form.Summary), $"{SummaryLabel} quá dài (tối đa 2.000 ký tự).");
        }
        if (AgencyRequired && agencyId is null)
        {
            ModelState.AddModelError(nameof(form.AgencyId), "Hãy chọn cơ quan.");
        }
        else if (agencyId is { } agency && agency != item.AgencyId && !await db.Agencies.Active().AnyAsync(a => a.Id == agency, cancellationToken))
        {
            // An item may stay with a retired agency it already has; it cannot be given to one.
            ModelState.AddModelError(nameof(form.AgencyId), "Cơ quan không tồn tại hoặc đã ngừng hoạt động.");
        }
        var publishAt = ParseMoment(form.PublishAt, nameof(form.PublishAt), "thời điểm đăng");
        var unpublishAt = ParseMoment(form.UnpublishAt, nameof(form.UnpublishAt), "thời điểm gỡ");
        var decision = WorkflowRules.DecideSave(action.Value, status, before is null, item.PublishedAt, publishAt, unpublishAt, restoredNumber, now);
        if (decision.ScheduleProblem is { } scheduleProblem)
        {
            ModelState.AddModelError(nameof(form.UnpublishAt), scheduleProblem);
        }
        if (decision.Beside)
        {
            return await ProposeAsync(item, form, decision, restoredNumber, cancellationToken);
        }
        await CheckSlugAsync(form, item, before is null, cancellationToken);
        await ApplyAsync(form, entity, agencyId, decision.Target == PublicationStatus.Published, cancellationToken);
        if (!ModelState.IsValid)
        {
            return await EditorAsync(form, before is null ? null : entity, null, null, cancellationToken);
        }
        item.Status = decision.Target;
        item.PublishedAt = decision.PublishedAt;
        item.UnpublishAt = unpublishAt;
        if (action is WorkflowAction.Publish || (decision.Target == PublicationStatus.Published && User.CanReview(agencyId)))
        {
            item.ReviewComment = null;
            if (ReviewType is { } reviewType && before is not null)
            {
                await new LegalBasisWatch(db, clock).ClearAfterApprovedEdit(reviewType, ReviewItemIds(entity), CurrentEditor().Actor, item.AuditTarget, cancellationToken);
            }
        }
        if (before is null)
        {
            db.Add(entity);
        }
        try
        {
            await new ContentEditing(db, clock).SaveAsync(item, Snapshot(form), decision.Note, CurrentEditor(), decision.AuditAction, before,
                before is null ? null : form.Version, AfterSave(entity, before?.Item1), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(form, item.Id, cancellationToken);
        }
        await AfterCommitAsync(entity, cancellationToken);
        TempData["Message"] = action switch
        {
            WorkflowAction.Submit => $"Đã gửi duyệt “{item.Title}”.",
            WorkflowAction.Publish when decision.PublishedAt > now => $"Đã duyệt; “{item.Title}” sẽ được đăng lúc {Moment(decision.PublishedAt)}.",
            WorkflowAction.Publish => $"Đã đăng “{item.Title}”.",
            WorkflowAction.Restore => $"Đã khôi phục phiên bản {restoredNumber} thành bản nháp mới.",
            WorkflowAction.PublishDraft => $"Đã duyệt và đăng bản nháp phiên bản {restoredNumber}: cổng thông tin nay hiển thị nội dung này của “{item.Title}”.",
            _ => $"Đã lưu “{item.Title}”.",
        };
        return Redirect($"{BasePath}/{item.Id}");
    }

    /// <summary>A restored revision of a published item: kept as a pending draft beside it, nothing public changes.</summary>
    private async Task<IActionResult> ProposeAsync(EditableContent item, TForm form, SaveDecision decision, int? restoredNumber, CancellationToken cancellationToken)
    {
        try
        {
            var draft = await new ContentEditing(db, clock).ProposeAsync(item, Snapshot(form), decision.Note, CurrentEditor(), decision.AuditAction ?? AuditActions.Restored,
                form.Version, cancellationToken);
            TempData["Message"] = $"Đã khôi phục phiên bản {restoredNumber} thành bản nháp mới (phiên bản {draft.Number}), đang chờ duyệt. "
                + "Bản đang đăng vẫn hiển thị trên cổng thông tin cho đến khi người duyệt duyệt bản nháp này.";
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Error"] = $"{KindLabel} vừa được người khác thay đổi; chưa khôi phục. Hãy xem lại rồi thử lại.";
        }
        return Redirect($"{BasePath}/{item.Id}");
    }

    private async Task CheckSlugAsync(TForm form, EditableContent item, bool isNew, CancellationToken cancellationToken)
    {
        var exceptId = isNew ? 0 : item.Id;
        var choice = await SlugChoice.DecideAsync(form.Slug, form.Title, KindLabel,
            slug => db.Set<TEntity>().AnyAsync(e => e.Slug == slug && e.Id != exceptId, cancellationToken));
        if (choice.Error is not null)
        {
            ModelState.AddModelError(nameof(form.Slug), choice.Error);
        }
        form.Slug = choice.Slug ?? form.Slug;
    }

    private DateTime? ParseMoment(string? text, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateTime.TryParseExact(text.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var local) && local.Year is > 1900 and < 3000)
        {
            return new DateTimeOffset(local, TimeSpan.FromHours(7)).UtcDateTime;
        }
        ModelState.AddModelError(field, $"Không hiểu {label} “{text}”; hãy nhập ngày và giờ (giờ Việt Nam).");
        return null;
    }

    /// <summary>A UTC moment as a datetime-local value in Vietnam time.</summary>
    protected static string LocalInput(DateTime utc) => VietnameseText.ToVietnamTime(utc).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    protected static string Moment(DateTime utc) => VietnameseText.FormatMinute(utc);

    protected static RevisionSnapshot Snapshot(TForm form) =>
        new(form.Title, form.Summary, form.Body, JsonSerializer.Serialize(form, MetadataJson));

    protected Editor CurrentEditor() =>
        new(HttpContext.RequestServices.GetRequiredService<AuditTrail>().Actor,
            User.FindFirstValue(ClaimTypes.GivenName) is { Length: > 0 } name ? name : User.FindFirstValue(ClaimTypes.Name) ?? "");

    /// <summary>The form again, untouched, with what changed meanwhile; the next save may overwrite knowingly.</summary>
    private async Task<IActionResult> ConflictAsync(TForm form, int id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var fresh = await LoadAsync(id, cancellationToken);
        if (fresh is null)
        {
            ModelState.AddModelError("", $"{KindLabel} này đã bị xóa trong khi bạn đang sửa. Nội dung của bạn chưa được lưu.");
            return await EditorAsync(form, null, null, null, cancellationToken);
        }
        var latest = await db.Revisions.AsNoTracking().Where(r => r.ContentType == RevisionType && r.ContentId == id)
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
        var current = Wrap(fresh);
        var who = latest?.AuthorName ?? "người khác";
        ModelState.AddModelError("",
            $"{KindLabel} đã được {who} sửa lúc {Moment(current.UpdatedAt)} trong khi bạn đang sửa. Nội dung của bạn chưa được lưu: "
            + "văn bản bạn nhập vẫn ở trong biểu mẫu dưới đây. Hãy xem những thay đổi đó; nếu bấm lưu lần nữa, nội dung của bạn sẽ thay thế chúng.");
        ModelState.Remove(nameof(form.Version));
        form.Version = current.Version;
        var diff = latest is { Number: > 1 } ? $"{BasePath}/{id}/so-sanh?a={latest.Number - 1}&b={latest.Number}" : $"{BasePath}/{id}/phien-ban";
        return await EditorAsync(form, fresh, null, diff, cancellationToken);
    }

    /// <summary>Markdown as the public site renders it, document numbers linked.</summary>
    protected async Task<string> PreviewHtmlAsync(string? markdown, CancellationToken cancellationToken)
    {
        var documents = await directory.GetAsync(db, cancellationToken);
        return MarkdownRenderer.ToHtml(markdown ?? "", key => documents.TryGetValue(key, out var slug) ? SiteUrls.Document(slug) : null,
            await db.ForMarkdownAsync(markdown, cancellationToken));
    }

    private async Task<IActionResult> EditorAsync(TForm form, TEntity? entity, string? preview, string? conflictDiff, CancellationToken cancellationToken)
    {
        var item = entity is null ? null : Wrap(entity);
        var agencyId = item?.AgencyId ?? (User.IsAdministrator() ? form.AgencyId : User.AgencyId());
        WorkflowPanel? panel = null;
        if (item is not null)
        {
            var canEdit = User.CanEdit(item.AgencyId);
            var canReview = User.CanReview(item.AgencyId);
            bool Allows(WorkflowAction a) => WorkflowRules.Allows(a, item.Status, canEdit, canReview);
            var pending = item.Status == PublicationStatus.Published ? await new ContentEditing(db, clock).PendingDraftsAsync(item, cancellationToken) : [];
            var current = pending.Count == 0 ? 0 : await db.Revisions.AsNoTracking()
                .Where(r => r.ContentType == RevisionType && r.ContentId == item.Id && !r.Pending && r.Status == PublicationStatus.Published)
                .MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0;
            panel = new WorkflowPanel(BasePath, KindLabel, item.Id, item.Version, WorkflowRules.Label(item.Status, item.PublishedAt, item.UnpublishAt, Now),
                item.ReviewComment, await ReviewReasonAsync(entity!, cancellationToken),
                Allows(WorkflowAction.Save), Allows(WorkflowAction.Submit), Allows(WorkflowAction.Publish), Allows(WorkflowAction.SendBack),
                Allows(WorkflowAction.Unpublish), Allows(WorkflowAction.Delete), item.IsPublic(Now) ? PublicUrl(item.Slug) : null)
            {
                PendingDrafts = [.. pending.Select(r => new PendingDraft(r.Number, r.CreatedAt, r.AuthorName, current == 0 ? null : current))],
                CanPublishDraft = Allows(WorkflowAction.PublishDraft),
                CanDiscardDraft = Allows(WorkflowAction.DiscardDraft),
            };
        }
        var agencies = User.IsAdministrator()
            ? await db.Agencies.AsNoTracking().Where(a => a.RetiredAt == null || a.Id == agencyId).OrderBy(a => a.Name)
                .Select(a => new Choice(a.Id.ToString(CultureInfo.InvariantCulture), a.Name, a.Id == agencyId, null)).ToListAsync(cancellationToken)
            : [];
        var page = new EditorPage<TForm, TChoices>(form, panel, BasePath, KindLabel, User.CanReview(agencyId), agencies,
            await ChoicesAsync(form, agencyId, cancellationToken), preview, conflictDiff);
        return View("Edit", page);
    }

    // ---------------------------------------------------------------- workflow actions

    [HttpPost("{id:int}/tra-lai")]
    public Task<IActionResult> SendBack(int id, [FromForm] int version, [FromForm(Name = "nhan-xet")] string? comment, CancellationToken cancellationToken) =>
        TransitionAsync(id, version, WorkflowAction.SendBack, comment, cancellationToken);

    [HttpPost("{id:int}/go-xuong")]
    public Task<IActionResult> Unpublish(int id, [FromForm] int version, CancellationToken cancellationToken) =>
        TransitionAsync(id, version, WorkflowAction.Unpublish, null, cancellationToken);

    [HttpPost("{id:int}/xoa")]
    public Task<IActionResult> Delete(int id, [FromForm] int version, CancellationToken cancellationToken) =>
        TransitionAsync(id, version, WorkflowAction.Delete, null, cancellationToken);

    private async Task<IActionResult> TransitionAsync(int id, int version, WorkflowAction action, string? comment, CancellationToken cancellationToken)
    {
        var entity = await LoadAsync(id, cancellationToken);
        if (entity is null || !AgencyScoped(Wrap(entity).AgencyId))
        {
            return NotFound();
        }
        var item = Wrap(entity);
        if (!WorkflowRules.Allows(action, item.Status, User.CanEdit(item.AgencyId), User.CanReview(item.AgencyId)))
        {
            return Forbid();
        }
        var editing = new ContentEditing(db, clock);
        var title = item.Title;
        try
        {
            if (action == WorkflowAction.Delete)
            {
                if (await DeleteBlockerAsync(entity, cancellationToken) is { } blocker)
                {
                    TempData["Error"] = blocker;
                    return Redirect($"{BasePath}/{id}");
                }
                await editing.DeleteAsync(item, CurrentEditor(), version, cancellationToken);
                TempData["Message"] = $"Đã xóa “{title}”.";
                return Redirect(BasePath);
            }
            comment = string.IsNullOrWhiteSpace(comment) ? null : VietnameseText.Nfc(comment).Trim();
            if (action == WorkflowAction.SendBack && comment is null)
            {
                TempData["Error"] = "Hãy ghi nhận xét khi trả lại, để người biên tập biết cần sửa gì.";
                return Redirect($"{BasePath}/{id}");
            }
            if (comment is { Length: > 2000 })
            {
                comment = comment[..2000];
            }
            var before = (item.Status, item.Slug);
            (item.Status, var note, var audit) = WorkflowRules.DecideTakeDown(action, comment);
            if (action == WorkflowAction.SendBack)
            {
                item.ReviewComment = comment;
            }
            await editing.SaveAsync(item, Snapshot(FormOf(entity)), note, CurrentEditor(), audit, before, version, null, cancellationToken);
            TempData["Message"] = action == WorkflowAction.SendBack ? $"Đã trả lại “{title}” cho người biên tập." : $"Đã gỡ “{title}” khỏi cổng thông tin.";
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Error"] = $"{KindLabel} vừa được người khác thay đổi; thao tác chưa được thực hiện. Hãy xem lại rồi thử lại.";
        }
        return Redirect($"{BasePath}/{id}");
    }

    // ---------------------------------------------------------------- revisions

    [HttpGet("{id:int}/phien-ban")]
    public async Task<IActionResult> Revisions(int id, CancellationToken cancellationToken)
    {
        var entity = await LoadAsync(id, cancellationToken);
        if (entity is null || !AgencyScoped(Wrap(entity).AgencyId))
        {
            return NotFound();
        }
        var item = Wrap(entity);
        var lines = await db.Revisions.AsNoTracking().Where(r => r.ContentType == RevisionType && r.ContentId == id)
            .OrderByDescending(r => r.Number)
            .Select(r => new RevisionLine(r.Number, r.CreatedAt, r.AuthorName, r.Status, r.Note, r.Pending))
            .ToListAsync(cancellationToken);
        return View("EditingRevisions", new RevisionsPage(BasePath, KindLabel, id, item.Title, item.Version,
            WorkflowRules.Allows(WorkflowAction.Restore, item.Status, User.CanEdit(item.AgencyId), User.CanReview(item.AgencyId)), lines));
    }

    [HttpGet("{id:int}/so-sanh")]
    public async Task<IActionResult> Compare(int id, int a, int b, CancellationToken cancellationToken)
    {
        var entity = await LoadAsync(id, cancellationToken);
        if (entity is null || !AgencyScoped(Wrap(entity).AgencyId))
        {
            return NotFound();
        }
        var (low, high) = a <= b ? (a, b) : (b, a);
        var revisions = await db.Revisions.AsNoTracking()
            .Where(r => r.ContentType == RevisionType && r.ContentId == id && (r.Number == low || r.Number == high))
            .ToListAsync(cancellationToken);
        var older = revisions.FirstOrDefault(r => r.Number == low);
        var newer = revisions.FirstOrDefault(r => r.Number == high);
        if (older is null || newer is null)
        {
            return NotFound();
        }
        static RevisionLine Line(Revision r) => new(r.Number, r.CreatedAt, r.AuthorName, r.Status, r.Note, r.Pending);
        return View("EditingDiff", new DiffPage(BasePath, KindLabel, id, Wrap(entity).Title, Line(older), Line(newer), RevisionDiff.Compare(older, newer)));
    }

    [HttpPost("{id:int}/khoi-phuc")]
    public async Task<IActionResult> Restore(int id, [FromForm(Name = "so")] int number, [FromForm] int version, CancellationToken cancellationToken)
    {
        var entity = await LoadAsync(id, cancellationToken);
        if (entity is null || !AgencyScoped(Wrap(entity).AgencyId))
        {
            return NotFound();
        }
        var item = Wrap(entity);
        if (!WorkflowRules.Allows(WorkflowAction.Restore, item.Status, User.CanEdit(item.AgencyId), User.CanReview(item.AgencyId)))
        {
            return Forbid();
        }
        var revision = await db.Revisions.AsNoTracking()
            .SingleOrDefaultAsync(r => r.ContentType == RevisionType && r.ContentId == id && r.Number == number, cancellationToken);
        if (revision is null)
        {
            return NotFound();
        }
        var form = FormOf(entity, revision, version);
        // A restored draft is not scheduled: the reviewer chooses the moment again.
        form.PublishAt = null;
        form.UnpublishAt = null;
        var agencyId = User.IsAdministrator() ? form.AgencyId ?? item.AgencyId : item.AgencyId;
        form.AgencyId = agencyId;
        return await SaveAsync(entity, form, WorkflowAction.Restore, agencyId, number, cancellationToken);
    }

    /// <summary>The form a revision held, based on the item's <paramref name="version"/>.</summary>
    private TForm FormOf(TEntity entity, Revision revision, int version)
    {
        TForm form;
        try
        {
            form = JsonSerializer.Deserialize<TForm>(revision.Metadata, MetadataJson) ?? new TForm();
        }
        catch (JsonException)
        {
            form = FormOf(entity);
        }
        form.Title = revision.Title;
        form.Summary = revision.Summary;
        form.Body = revision.Body;
        form.Version = version;
        return form;
    }

    /// <summary>A reviewer approves a pending draft: it replaces the published text, keeping the publication moments.</summary>
    [HttpPost("{id:int}/ban-nhap/duyet")]
    public async Task<IActionResult> PublishDraft(int id, [FromForm(Name = "so")] int number, [FromForm] int version, CancellationToken cancellationToken)
    {
        var entity = await LoadAsync(id, cancellationToken);
        if (entity is null || !AgencyScoped(Wrap(entity).AgencyId))
        {
            return NotFound();
        }
        var item = Wrap(entity);
        if (DraftStepRefused(WorkflowAction.PublishDraft, item) is { } refused)
        {
            return refused;
        }
        // Tracked: approving clears the mark in the same save.
        var draft = await db.Revisions.SingleOrDefaultAsync(r => r.ContentType == RevisionType && r.ContentId == id && r.Number == number && r.Pending, cancellationToken);
        if (draft is null)
        {
            return DraftGone(id, number);
        }
        draft.Pending = false;
        var form = FormOf(entity, draft, version);
        form.PublishAt = null;
        form.UnpublishAt = item.UnpublishAt is { } until ? LocalInput(until) : null;
        form.AgencyId = item.AgencyId;
        return await SaveAsync(entity, form, WorkflowAction.PublishDraft, item.AgencyId, number, cancellationToken);
    }

    [HttpPost("{id:int}/ban-nhap/bo")]
    public async Task<IActionResult> DiscardDraft(int id, [FromForm(Name = "so")] int number, CancellationToken cancellationToken)
    {
        var entity = await LoadAsync(id, cancellationToken);
        if (entity is null || !AgencyScoped(Wrap(entity).AgencyId))
        {
            return NotFound();
        }
        var item = Wrap(entity);
        if (DraftStepRefused(WorkflowAction.DiscardDraft, item) is { } refused)
        {
            return refused;
        }
        if (!await new ContentEditing(db, clock).DiscardDraftAsync(item, number, CurrentEditor(), cancellationToken))
        {
            return DraftGone(id, number);
        }
        TempData["Message"] = $"Đã bỏ bản nháp phiên bản {number}; bản đang đăng giữ nguyên.";
        return Redirect($"{BasePath}/{id}");
    }

    /// <summary>
    /// A user without the right gets 403 whatever the item's state. Only a published item has drafts waiting beside
    /// it: on any other, the draft is no longer waiting (it was approved, discarded or the item taken down meanwhile).
    /// </summary>
    private IActionResult? DraftStepRefused(WorkflowAction action, EditableContent item)
    {
        var (canEdit, canReview) = (User.CanEdit(item.AgencyId), User.CanReview(item.AgencyId));
        if (!WorkflowRules.Allows(action, PublicationStatus.Published, canEdit, canReview))
        {
            return Forbid();
        }
        return WorkflowRules.Allows(action, item.Status, canEdit, canReview) ? null : DraftGone(item.Id, null);
    }

    /// <summary>Back to the editor, saying that the draft is no longer waiting (someone else acted on it first).</summary>
    private RedirectResult DraftGone(int id, int? number)
    {
        TempData["Error"] = $"Bản nháp{(number is { } n ? $" phiên bản {n}" : "")} không còn chờ duyệt: có thể đã được duyệt hoặc bỏ. Hãy xem lại trang này.";
        return Redirect($"{BasePath}/{id}");
    }

    // ---------------------------------------------------------------- list

    /// <summary>Filters, orders (newest change first) and pages rows already limited to the user's agency.</summary>
    protected async Task<IActionResult> ListAsync(IQueryable<ContentRow> rows, ListFilter filter, IReadOnlyList<Choice> topics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(filter);
        var now = Now;
        if (User.AgencyScope() is { } scope)
        {
            rows = rows.Where(r => r.AgencyId == scope);
            filter.Agency = null;
        }
        else if (filter.Agency is { } agency)
        {
            rows = rows.Where(r => r.AgencyId == agency);
        }
        if (ListStates.Parse(filter.State) is { } state)
        {
            rows = rows.InState(state, now);
        }
        else
        {
            filter.State = null;
        }
        if (!string.IsNullOrWhiteSpace(filter.Title))
        {
            var words = VietnameseText.Nfc(filter.Title).Trim();
            words = words.Length > 200 ? words[..200] : words;
            filter.Title = words;
            var lower = words.ToLowerInvariant();
#pragma warning disable CA1862 // Translated to SQL lower(…) LIKE; the StringComparison overloads are not translatable.
            rows = rows.Where(r => r.Title.ToLower().Contains(lower));
#pragma warning restore CA1862
        }
        if (filter.NeedsReview == 1)
        {
            rows = rows.Where(r => r.NeedsReview);
        }
        var page = await rows.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id).ToPageAsync(Math.Max(1, filter.Page), PageSize, cancellationToken);
        var agencies = User.IsAdministrator()
            ? await db.Agencies.AsNoTracking().OrderBy(a => a.Name)
                .Select(a => new Choice(a.Id.ToString(CultureInfo.InvariantCulture), a.Name, a.Id == filter.Agency, null)).ToListAsync(cancellationToken)
            : [];
        return View("EditingList", new ListPage(BasePath, KindLabel, filter, page, topics, agencies, now));
    }
}
