using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Editing;
using PbgdplPortal.Markdown;
using PbgdplPortal.Media;
using PbgdplPortal.Quizzes;
using PbgdplPortal.Site;
using PbgdplPortal.Text;
using PbgdplPortal.Web.Hosting;

namespace PbgdplPortal.Web.BackOffice;

/// <summary>A quiz's own fields; the description travels as <see cref="ContentForm.Summary"/>.</summary>
public sealed class QuizForm : ContentForm
{
    /// <summary>Topic slugs.</summary>
    public List<string> Topics { get; set; } = [];

    /// <summary>Audience group slugs.</summary>
    public List<string> Audiences { get; set; } = [];

    [JsonIgnore]
    [BindNever]
    public int QuizId { get; set; }
}

/// <summary>One question in the quiz's list.</summary>
public sealed record QuestionLine(int Id, string Key, string Excerpt, int OptionCount, string Difficulty, int CitationCount);

/// <summary>What the quiz editor shows besides the form: the choices, and the questions with what may be done to them.</summary>
public sealed record QuizChoices(IReadOnlyList<Choice> Topics, IReadOnlyList<Choice> Audiences, IReadOnlyList<QuestionLine> Questions,
    IReadOnlyList<string> LockingRounds, bool CanEditQuestions);

/// <summary>The question form. Options are six boxes; blank boxes are left out.</summary>
public sealed class QuestionForm
{
    public int Version { get; set; }

    public string? Key { get; set; }

    public string? Text { get; set; }

    public List<string?> Options { get; set; } = [];

    /// <summary>The box (1–6) of the correct option.</summary>
    public int? Correct { get; set; }

    public string? Explanation { get; set; }

    public string? Difficulty { get; set; }

    /// <summary>"số hiệu | điều khoản" lines.</summary>
    public string? Citations { get; set; }

    /// <summary>The options in their six boxes.</summary>
    public string Option(int box) => box <= Options.Count ? Options[box - 1] ?? "" : "";
}

public sealed record QuestionPage(int QuizId, string QuizTitle, int? QuestionId, QuestionForm Form, IReadOnlyList<string> LockingRounds,
    int ExistingOptions, string? PreviewHtml);

public sealed record ImportPage(int QuizId, string QuizTitle, int Version, IReadOnlyList<SheetProblem> Problems, string? FileName, IReadOnlyList<string> LockingRounds);

/// <summary>Caps an import upload at <see cref="QuizzesController.MaxImportBytes"/> and a little room for the rest of the form.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class QuizImportLimitAttribute : UploadLimitAttribute
{
    public override long Limit(HttpContext context) => QuizzesController.MaxImportBytes + 64 * 1024;
}

/// <summary>
/// Quizzes in the back office: the list and editor with the articles' workflow, rights, revisions and journal,
/// and the quiz's questions (add, edit, delete, reorder, import from Excel or CSV). Every question change is a
/// new revision of the quiz, checked against the version the user's form was based on.
/// </summary>
[Route("quan-tri/bo-cau-hoi")]
public sealed class QuizzesController(PortalDbContext db, TimeProvider clock, DocumentNumberIndex directory, AttachmentInspector inspector)
    : ContentEditorController<Quiz, QuizForm, QuizChoices>(db, clock, directory)
{
    public const string Path = "/quan-tri/bo-cau-hoi";
    public const int MaxImportBytes = QuizQuestionSheetFile.MaxBytes;


    protected override string BasePath => Path;
    protected override string KindLabel => "Bộ câu hỏi";
    protected override string RevisionType => RevisionContentTypes.Quiz;
    protected override string? BodyMissing => null;
    protected override string SummaryLabel => "Mô tả";

    [HttpGet("")]
    public async Task<IActionResult> Index(ListFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        filter.NeedsReview = null;
        var quizzes = Db.Quizzes.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Topic))
        {
            var topic = filter.Topic;
            quizzes = quizzes.Where(q => q.Topics.Any(t => t.Slug == topic));
        }
        var rows = quizzes.Select(q => new ContentRow
        {
            Id = q.Id,
            Title = q.Title,
            Slug = q.Slug,
            Status = q.Status,
            PublishedAt = q.PublishedAt,
            AgencyId = q.AgencyId,
            AgencyName = q.Agency.Name,
            UpdatedAt = q.UpdatedAt,
            HasPendingDraft = Db.Revisions.Any(r => r.ContentType == RevisionContentTypes.Quiz && r.ContentId == q.Id && r.Pending),
        });
        return await ListAsync(rows, filter, await TopicFilterAsync(filter.Topic, cancellationToken), cancellationToken);
    }

    protected override Task<Quiz?> LoadAsync(int id, CancellationToken cancellationToken) =>
        Db.Quizzes
            .Include(q => q.Topics)
            .Include(q => q.Audiences)
            .Include(q => q.Questions).ThenInclude(x => x.Options)
            .Include(q => q.Questions).ThenInclude(x => x.Citations).ThenInclude(c => c.LegalDocument)
            .AsSplitQuery()
            .SingleOrDefaultAsync(q => q.Id == id, cancellationToken);

    protected override EditableContent Wrap(Quiz entity) => EditableContent.Of(entity);

    protected override ReviewItemType? ReviewType => ReviewItemType.QuizQuestion;

    protected override IReadOnlyCollection<int> ReviewItemIds(Quiz entity) => [.. entity.Questions.Where(q => q.Id != 0).Select(q => q.Id)];

    protected override Quiz Create() => new() { Slug = "", Title = "", Status = PublicationStatus.Draft };

    protected override string PublicUrl(string slug) => QuizUrls.Quiz(slug);

    protected override QuizForm FormOf(Quiz entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new QuizForm
        {
            QuizId = entity.Id,
            Version = entity.Version,
            Title = entity.Title,
            Slug = entity.Slug,
            Summary = entity.Description,
            Body = QuestionsText(entity),
            AgencyId = entity.AgencyId,
            Topics = [.. entity.Topics.Select(t => t.Slug).Order(StringComparer.Ordinal)],
            Audiences = [.. entity.Audiences.Select(t => t.Slug).Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>The questions as text, which a revision keeps as its body so that comparing revisions shows question changes.</summary>
    private static string QuestionsText(Quiz quiz)
    {
        var text = new StringBuilder();
        foreach (var q in quiz.Questions.OrderBy(q => q.Position))
        {
            text.Append(CultureInfo.InvariantCulture, $"[{q.Key}] {q.Text}\n");
            foreach (var o in q.Options.OrderBy(o => o.Position))
            {
                text.Append(CultureInfo.InvariantCulture, $"  {o.Position + 1}. {o.Text}{(o.IsCorrect ? " ✓" : "")}\n");
            }
            text.Append(CultureInfo.InvariantCulture, $"  Mức độ: {QuizQuestionRules.LabelOf(q.Difficulty)}\n  Giải thích: {q.Explanation}\n");
            foreach (var c in q.Citations.OrderBy(c => c.Position))
            {
                text.Append(CultureInfo.InvariantCulture, $"  Căn cứ: {CitationLines.Format([(c.LegalDocument.Number, c.Provision)])}\n");
            }
            text.Append('\n');
        }
        return text.ToString().TrimEnd();
    }


    protected override async Task ApplyAsync(QuizForm form, Quiz entity, int? agencyId, bool publishing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(entity);
        form.QuizId = entity.Id;
        if (form.Title.Length > 500)
        {
            ModelState.AddModelError(nameof(form.Title), "Tên bộ câu hỏi quá dài (tối đa 500 ký tự).");
        }
        var (topics, audiences) = await TermsAsync(form.Topics, form.Audiences, cancellationToken);
        if (publishing && entity.Questions.Count == 0)
        {
            ModelState.AddModelError("", "Bộ câu hỏi chưa có câu hỏi nào: hãy thêm hoặc nhập câu hỏi trước khi đăng.");
        }
        if (!ModelState.IsValid)
        {
            return;
        }
        entity.Title = form.Title;
        entity.Slug = form.Slug!;
        entity.Description = form.Summary;
        entity.AgencyId = agencyId!.Value;
        ReplaceSet(entity.Topics, topics);
        ReplaceSet(entity.Audiences, audiences);
        form.Body = QuestionsText(entity);
    }

    protected override async Task<string?> DeleteBlockerAsync(Quiz entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var rounds = await Db.ContestRounds.AsNoTracking().Where(r => r.QuizId == entity.Id)
            .OrderBy(r => r.Contest.Title).ThenBy(r => r.Number).Select(r => r.Contest.Title + " – " + r.Title).ToListAsync(cancellationToken);
        return rounds.Count == 0 ? null : $"Không xóa được: bộ câu hỏi đang được dùng cho {string.Join("; ", rounds.Select(r => $"“{r}”"))}.";
    }

    protected override async Task<QuizChoices> ChoicesAsync(QuizForm form, int? agencyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (topics, audiences) = await TermChoicesAsync(form.Topics, form.Audiences, cancellationToken);
        IReadOnlyList<QuestionLine> questions = [];
        IReadOnlyList<string> locking = [];
        var canEditQuestions = false;
        if (form.QuizId > 0)
        {
            var id = form.QuizId;
            var quiz = await Db.Quizzes.AsNoTracking().Where(q => q.Id == id).Select(q => new { q.Status, q.AgencyId }).SingleAsync(cancellationToken);
            canEditQuestions = WorkflowRules.Allows(WorkflowAction.Save, quiz.Status, User.CanEdit(quiz.AgencyId), User.CanReview(quiz.AgencyId));
            var rows = await Db.QuizQuestions.AsNoTracking().Where(x => x.QuizId == id).OrderBy(x => x.Position).ThenBy(x => x.Id)
                .Select(x => new { x.Id, x.Key, x.Text, Options = x.Options.Count, x.Difficulty, Citations = x.Citations.Count })
                .ToListAsync(cancellationToken);
            questions = [.. rows.Select(x => new QuestionLine(x.Id, x.Key, Excerpt(x.Text), x.Options, QuizQuestionRules.LabelOf(x.Difficulty), x.Citations))];
            locking = await Db.LockingRoundsAsync(id, cancellationToken);
        }
        return new QuizChoices(
            topics,
            audiences,
            questions, locking, canEditQuestions);
    }

    private static string Excerpt(string markdown)
    {
        var text = MarkdownRenderer.ToPlainText(markdown).Trim();
        return text.Length > 160 ? text[..160] + "…" : text;
    }

    // ---------------------------------------------------------------- questions

    /// <summary>The quiz, when the user may change its questions: 404 for another agency, 403 when the workflow forbids editing.</summary>
    private async Task<(Quiz? Quiz, IActionResult? Refusal)> QuestionsOfAsync(int id, CancellationToken cancellationToken)
    {
        var quiz = await LoadAsync(id, cancellationToken);
        if (quiz is null || !User.CanEdit(quiz.AgencyId))
        {
            return (null, NotFound());
        }
        if (!WorkflowRules.Allows(WorkflowAction.Save, quiz.Status, User.CanEdit(quiz.AgencyId), User.CanReview(quiz.AgencyId)))
        {
            return (null, Forbid());
        }
        return (quiz, null);
    }

    [HttpGet("{id:int}/cau-hoi/moi")]
    public async Task<IActionResult> NewQuestion(int id, CancellationToken cancellationToken)
    {
        var (quiz, refusal) = await QuestionsOfAsync(id, cancellationToken);
        if (quiz is null)
        {
            return refusal!;
        }
        var form = new QuestionForm { Version = quiz.Version, Difficulty = QuizQuestionRules.CodeOf(QuizQuestionDifficulty.Medium) };
        return await QuestionViewAsync(quiz, null, form, null, cancellationToken);
    }

    [HttpPost("{id:int}/cau-hoi/moi")]
    public async Task<IActionResult> NewQuestion(int id, [FromForm] QuestionForm form, [FromForm(Name = "hanh-dong")] string? action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (quiz, refusal) = await QuestionsOfAsync(id, cancellationToken);
        return quiz is null ? refusal! : await SaveQuestionAsync(quiz, null, form, action == "xem-truoc", cancellationToken);
    }

    [HttpGet("{id:int}/cau-hoi/{questionId:int}")]
    public async Task<IActionResult> EditQuestion(int id, int questionId, CancellationToken cancellationToken)
    {
        var (quiz, refusal) = await QuestionsOfAsync(id, cancellationToken);
        if (quiz is null)
        {
            return refusal!;
        }
        if (quiz.Questions.FirstOrDefault(q => q.Id == questionId) is not { } question)
        {
            return NotFound();
        }
        var options = question.Options.OrderBy(o => o.Position).ToList();
        var form = new QuestionForm
        {
            Version = quiz.Version,
            Key = question.Key,
            Text = question.Text,
            Options = [.. options.Select(o => (string?)o.Text)],
            Correct = options.FindIndex(o => o.IsCorrect) + 1,
            Explanation = question.Explanation,
            Difficulty = QuizQuestionRules.CodeOf(question.Difficulty),
            Citations = CitationLines.Format(question.Citations.OrderBy(c => c.Position).Select(c => (c.LegalDocument.Number, c.Provision))),
        };
        return await QuestionViewAsync(quiz, question, form, null, cancellationToken);
    }

    [HttpPost("{id:int}/cau-hoi/{questionId:int}")]
    public async Task<IActionResult> EditQuestion(int id, int questionId, [FromForm] QuestionForm form, [FromForm(Name = "hanh-dong")] string? action,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (quiz, refusal) = await QuestionsOfAsync(id, cancellationToken);
        if (quiz is null)
        {
            return refusal!;
        }
        return quiz.Questions.FirstOrDefault(q => q.Id == questionId) is { } question
            ? await SaveQuestionAsync(quiz, question, form, action == "xem-truoc", cancellationToken)
            : NotFound();
    }

    private async Task<IActionResult> SaveQuestionAsync(Quiz quiz, QuizQuestion? question, QuestionForm form, bool preview, CancellationToken cancellationToken)
    {
        string Clean(string? text) => VietnameseText.Nfc(text ?? "").Trim();
        // Six boxes at least; more posted by hand are counted, so that the 2–6 rule speaks of them.
        var boxes = Enumerable.Range(1, Math.Max(QuizQuestionRules.MaxOptions, form.Options.Count)).Select(b => Clean(form.Option(b))).ToList();
        form.Options = [.. boxes];
        form.Text = Clean(form.Text);
        form.Explanation = Clean(form.Explanation);
        var key = Clean(form.Key) is { Length: > 0 } typed ? typed : null;
        if (preview)
        {
            var html = await PreviewHtmlAsync(form.Text, cancellationToken) + await PreviewHtmlAsync(form.Explanation, cancellationToken);
            return await QuestionViewAsync(quiz, question, form, html, cancellationToken);
        }
        var filled = boxes.Select((text, i) => (Text: text, Box: i + 1)).Where(b => b.Text.Length > 0).ToList();
        int? correct = form.Correct is { } box && filled.FindIndex(b => b.Box == box) is >= 0 and var index ? index + 1 : null;
        var difficulty = QuizQuestionRules.ParseDifficulty(form.Difficulty);
        var draft = new QuizQuestionDraft(key, form.Text, [.. filled.Select(b => b.Text)], correct, form.Explanation, difficulty ?? QuizQuestionDifficulty.Medium);
        var problems = QuizQuestionRules.Check(draft);
        if (form.Correct is not null && correct is null)
        {
            problems.Remove(QuizQuestionRules.NoAnswer);
            problems.Add("Phương án được chọn làm đáp án đúng đang để trống.");
        }
        if (difficulty is null)
        {
            problems.Add("Hãy chọn mức độ: dễ, trung bình hoặc khó.");
        }
        if (key is not null && quiz.Questions.Any(q => q.Key == key && q != question))
        {
            problems.Add($"Mã câu hỏi “{key}” đã có trong bộ câu hỏi này.");
        }
        var (citations, citationProblems) = await CitationLines.ResolveAsync(Db, form.Citations, "Căn cứ pháp lý, dòng", ['\n'], cancellationToken);
        problems.AddRange(citationProblems);
        if (question is not null && (await Db.LockingRoundsAsync(quiz.Id, cancellationToken)).Count > 0)
        {
            var existing = question.Options.OrderBy(o => o.Position).ToList();
            var kept = existing.Where(o => boxes[o.Position].Length > 0).Select(o => o.Id).ToList();
            int? correctId = form.Correct is { } chosen && chosen <= existing.Count ? existing[chosen - 1].Id : null;
            if (QuizQuestionRules.LockedChangeProblem(question, kept, correctId) is { } locked)
            {
                problems.Add(locked);
            }
        }
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                ModelState.AddModelError("", problem);
            }
            return await QuestionViewAsync(quiz, question, form, null, cancellationToken);
        }
        var isNew = question is null;
        if (question is null)
        {
            question = new QuizQuestion
            {
                Key = key ?? QuizQuestionRules.NextKey(quiz.Questions.Select(q => q.Key)),
                Text = "",
                Explanation = "",
                Position = quiz.Questions.Count == 0 ? 0 : quiz.Questions.Max(q => q.Position) + 1,
            };
            quiz.Questions.Add(question);
        }
        else if (key is not null)
        {
            question.Key = key;
        }
        QuizQuestionSheet.Write(Db, question, draft, citations);
        var note = isNew ? $"Thêm câu hỏi {question.Key}" : $"Sửa câu hỏi {question.Key}";
        if (!isNew && User.CanReview(quiz.AgencyId))
        {
            // A reviewer's edit of the question is its review: the legal-basis flags it had are cleared with it.
            await new LegalBasisWatch(Db, Clock).ClearAfterApprovedEdit(ReviewItemType.QuizQuestion, [question.Id], CurrentEditor().Actor,
                $"{RevisionContentTypes.Quiz}:{quiz.Slug}", cancellationToken);
        }
        if (!await SaveQuizAsync(quiz, form.Version, note, null, cancellationToken))
        {
            ModelState.AddModelError("", ConflictMessage);
            Db.ChangeTracker.Clear();
            var fresh = await LoadAsync(quiz.Id, cancellationToken);
            if (fresh is null)
            {
                return NotFound();
            }
            form.Version = fresh.Version;
            return await QuestionViewAsync(fresh, fresh.Questions.FirstOrDefault(q => q.Id == question.Id), form, null, cancellationToken);
        }
        TempData["Message"] = isNew ? $"Đã thêm câu hỏi {question.Key}." : $"Đã lưu câu hỏi {question.Key}.";
        return Redirect($"{Path}/{quiz.Id}#cau-hoi");
    }

    private const string ConflictMessage =
        "Bộ câu hỏi vừa được người khác thay đổi trong khi bạn đang sửa; thay đổi của bạn chưa được lưu. Hãy xem lại rồi lưu lần nữa.";

    /// <summary>Writes the quiz's tracked changes as a new revision (journaled when published); false when the quiz changed since <paramref name="version"/>.</summary>
    private async Task<bool> SaveQuizAsync(Quiz quiz, int version, string note, string? audit, CancellationToken cancellationToken)
    {
        var item = Wrap(quiz);
        // New citations carry only the document's id; loading the documents lets the tracker link them for the revision text.
        var documentIds = quiz.Questions.SelectMany(q => q.Citations).Where(c => c.LegalDocument is null).Select(c => c.LegalDocumentId).Distinct().ToList();
        if (documentIds.Count > 0)
        {
            Db.ChangeTracker.DetectChanges();
            await Db.LegalDocuments.Where(d => documentIds.Contains(d.Id)).LoadAsync(cancellationToken);
        }
        try
        {
            await new ContentEditing(Db, Clock).SaveAsync(item, Snapshot(FormOf(quiz)), note, CurrentEditor(), audit, (item.Status, item.Slug), version, null,
                cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private async Task<IActionResult> QuestionViewAsync(Quiz quiz, QuizQuestion? question, QuestionForm form, string? preview, CancellationToken cancellationToken)
    {
        var locking = question is null ? [] : await Db.LockingRoundsAsync(quiz.Id, cancellationToken);
        return View("Question", new QuestionPage(quiz.Id, quiz.Title, question?.Id, form, locking, question?.Options.Count ?? 0, preview));
    }

    [HttpPost("{id:int}/cau-hoi/{questionId:int}/xoa")]
    public async Task<IActionResult> DeleteQuestion(int id, int questionId, [FromForm] int version, CancellationToken cancellationToken)
    {
        var (quiz, refusal) = await QuestionsOfAsync(id, cancellationToken);
        if (quiz is null)
        {
            return refusal!;
        }
        if (quiz.Questions.FirstOrDefault(q => q.Id == questionId) is not { } question)
        {
            return NotFound();
        }
        if (await Db.LockingRoundsAsync(id, cancellationToken) is { Count: > 0 } rounds)
        {
            TempData["Error"] = $"Không xóa được câu hỏi {question.Key}: bộ câu hỏi đã được dùng trong bài thi của {string.Join("; ", rounds.Select(r => $"“{r}”"))}.";
            return Redirect($"{Path}/{id}#cau-hoi");
        }
        if (await Db.RoundsDrawingMoreThanAsync(id, quiz.Questions.Count - 1, Clock.GetUtcNow().UtcDateTime, cancellationToken) is { Count: > 0 } drawing)
        {
            TempData["Error"] = $"Không xóa được câu hỏi {question.Key}: bộ câu hỏi sẽ còn {quiz.Questions.Count - 1} câu, ít hơn số câu mỗi bài thi của {string.Join("; ", drawing.Select(r => $"“{r}”"))}.";
            return Redirect($"{Path}/{id}#cau-hoi");
        }
        quiz.Questions.Remove(question);
        Db.QuizQuestions.Remove(question);
        if (await SaveQuizAsync(quiz, version, $"Xóa câu hỏi {question.Key}", null, cancellationToken))
        {
            TempData["Message"] = $"Đã xóa câu hỏi {question.Key}.";
        }
        else
        {
            TempData["Error"] = ConflictMessage;
        }
        return Redirect($"{Path}/{id}#cau-hoi");
    }

    [HttpPost("{id:int}/cau-hoi/{questionId:int}/di-chuyen")]
    public async Task<IActionResult> MoveQuestion(int id, int questionId, [FromForm] int version, [FromForm(Name = "huong")] string? direction,
        CancellationToken cancellationToken)
    {
        var (quiz, refusal) = await QuestionsOfAsync(id, cancellationToken);
        if (quiz is null)
        {
            return refusal!;
        }
        var ordered = quiz.Questions.OrderBy(q => q.Position).ThenBy(q => q.Id).ToList();
        var index = ordered.FindIndex(q => q.Id == questionId);
        if (index < 0)
        {
            return NotFound();
        }
        var target = direction == "len" ? index - 1 : index + 1;
        if (target >= 0 && target < ordered.Count)
        {
            (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
            for (var i = 0; i < ordered.Count; i++)
            {
                ordered[i].Position = i;
            }
            var key = ordered[target].Key;
            if (!await SaveQuizAsync(quiz, version, $"Chuyển câu hỏi {key} {(direction == "len" ? "lên" : "xuống")}", null, cancellationToken))
            {
                TempData["Error"] = ConflictMessage;
            }
        }
        return Redirect($"{Path}/{id}#cau-hoi-{questionId}");
    }

    // ---------------------------------------------------------------- import

    [HttpGet("{id:int}/nhap")]
    public async Task<IActionResult> Import(int id, CancellationToken cancellationToken)
    {
        var (quiz, refusal) = await QuestionsOfAsync(id, cancellationToken);
        return quiz is null ? refusal! : View("Import", new ImportPage(quiz.Id, quiz.Title, quiz.Version, [], null, await Db.LockingRoundsAsync(id, cancellationToken)));
    }

    [HttpPost("{id:int}/nhap")]
    [QuizImportLimit]
    public async Task<IActionResult> Import(int id, [FromForm(Name = "tep")] IFormFile? file, [FromForm] int version, CancellationToken cancellationToken)
    {
        var (quiz, refusal) = await QuestionsOfAsync(id, cancellationToken);
        if (quiz is null)
        {
            return refusal!;
        }
        var locking = await Db.LockingRoundsAsync(id, cancellationToken);
        IActionResult Refuse(IReadOnlyList<SheetProblem> problems)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Import", new ImportPage(quiz.Id, quiz.Title, version, problems, file?.FileName, locking));
        }
        var (rows, fileProblem) = await ReadSheetAsync(file, cancellationToken);
        if (fileProblem is not null)
        {
            return Refuse([fileProblem]);
        }
        var reading = QuizQuestionSheet.Read(rows);
        var (problems, citations) = await QuizQuestionSheet.CheckAgainstAsync(Db, quiz, reading, locking.Count > 0, cancellationToken);
        problems.InsertRange(0, reading.Problems);
        if (problems.Count > 0)
        {
            return Refuse([.. problems.OrderBy(p => p.Row)]);
        }
        var (added, updated) = QuizQuestionSheet.Apply(Db, quiz, reading, citations);
        var name = DownloadName(file!.FileName);
        var note = $"Nhập {reading.Questions.Count} câu hỏi từ tệp “{name}”: {added} câu mới, {updated} câu cập nhật";
        if (!await SaveQuizAsync(quiz, version, note, AuditActions.QuestionsImported, cancellationToken))
        {
            return Refuse([new SheetProblem(0, ConflictMessage)]);
        }
        TempData["Message"] = $"Đã nhập {reading.Questions.Count} câu hỏi: {added} câu mới, {updated} câu cập nhật.";
        return Redirect($"{Path}/{id}#cau-hoi");
    }

    private static string DownloadName(string? fileName)
    {
        var name = System.IO.Path.GetFileName(VietnameseText.Nfc(fileName ?? "")).Trim();
        return name.Length > 100 ? name[..100] : name;
    }

    /// <summary>The sheet's rows, or what is wrong with the uploaded file (<see cref="QuizQuestionSheetFile"/> judges its content).</summary>
    private async Task<(IReadOnlyList<SheetRow> Rows, SheetProblem? Problem)> ReadSheetAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return ([], new SheetProblem(0, "Hãy chọn tệp Excel (.xlsx) hoặc CSV (.csv) có câu hỏi."));
        }
        if (file.Length > MaxImportBytes)
        {
            return ([], new SheetProblem(0, $"Tệp quá lớn: tối đa {MaxImportBytes / 1024 / 1024} MB."));
        }
        try
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            return QuizQuestionSheetFile.Read(buffer.ToArray(), file.FileName, inspector);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return ([], new SheetProblem(0, "Tải tệp lên không trọn vẹn; hãy thử lại."));
        }
    }

    [HttpGet("mau-nhap.xlsx")]
    public IActionResult TemplateWorkbook() => File(QuizQuestionSheetFile.TemplateWorkbook(), AttachmentType.Xlsx.ContentType, "mau-nhap-cau-hoi.xlsx");

    [HttpGet("mau-nhap.csv")]
    public IActionResult TemplateCsv() => File(QuizQuestionSheetFile.TemplateCsv(), "text/csv; charset=utf-8", "mau-nhap-cau-hoi.csv");
}
