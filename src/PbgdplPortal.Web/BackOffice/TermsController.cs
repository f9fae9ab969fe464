using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Text;

namespace PbgdplPortal.Web.BackOffice;

/// <summary>What the catalogue forms (topics, audience groups, agencies) share besides the name.</summary>
public abstract class CatalogueEntryForm
{
    /// <summary>The address part (creation only); made from the name when empty.</summary>
    [MaxLength(200, ErrorMessage = "Quá dài (tối đa {1} ký tự).")]
    public string? Slug { get; set; }

    [MaxLength(2000, ErrorMessage = "Quá dài (tối đa {1} ký tự).")]
    public string? Description { get; set; }
}

public sealed class TermForm : CatalogueEntryForm
{
    [Required(ErrorMessage = "Hãy nhập tên.")]
    [MaxLength(300, ErrorMessage = "Quá dài (tối đa {1} ký tự).")]
    public string Name { get; set; } = "";
}

/// <summary>What differs between the catalogues: names, addresses and the article link.</summary>
public sealed record TermKind(string Title, string Singular, string BasePath, string PublicPath);

public sealed record TermRow(int Id, string Slug, string Name, string? Description, int Articles);

public sealed record TermListView(TermKind Kind, PageOf<TermRow> Terms, PagerView Pager);

public sealed record TermEditView(TermKind Kind, int? Id, string? Slug, TermForm Form, int Articles);

/// <summary>One catalogue of terms (topics or audience groups): list, create, rename, delete when unused.</summary>
[Authorize(Policy = BackOfficeHosting.AdministratorPolicy)]
[Hosting.ViewFolder("Terms")]
public abstract class TermsController<T>(PortalDbContext db, AuditTrail audit, TimeProvider clock) : BackOfficeController
    where T : class, ITaxonomyTerm
{
    public const int PageSize = 50;

    protected PortalDbContext Db => db;

    protected abstract TermKind Kind { get; }

    /// <summary>The journal's entity type ("Topic", "AudienceGroup").</summary>
    protected abstract string EntityType { get; }

    protected abstract T New(string slug, string name, string? description);

    /// <summary>Articles filed under the term with id <paramref name="id"/>.</summary>
    protected abstract IQueryable<Article> ArticlesOf(int id);

    /// <summary>The list's rows with their article counts, in one query.</summary>
    protected abstract IQueryable<TermRow> Rows(IQueryable<T> ordered);


    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery(Name = "trang")] int page = 1, CancellationToken cancellationToken = default)
    {
        var terms = await Rows(db.Set<T>().AsNoTracking().OrderBy(t => t.Name).ThenBy(t => t.Slug)).ToPageAsync(page, PageSize, cancellationToken);
        var kind = Kind;
        return View("Index", new TermListView(kind, terms,
            new PagerView(terms.Page, terms.PageCount, terms.Total, p => kind.BasePath + "?trang=" + p.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [HttpGet("tao")]
    public IActionResult Create() => EditView(new TermEditView(Kind, null, null, new TermForm(), 0));

    [HttpPost("tao")]
    public async Task<IActionResult> Create(TermForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        Normalize(form);
        if (ModelState.IsValid)
        {
            form.Slug = string.IsNullOrEmpty(form.Slug) ? Slug.From(form.Name) : form.Slug;
            if (!Slug.IsValid(form.Slug))
            {
                ModelState.AddModelError(nameof(TermForm.Slug), "Địa chỉ chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ: hon-nhan-gia-dinh).");
            }
            else if (await db.Set<T>().AnyAsync(t => t.Slug == form.Slug, cancellationToken))
            {
                ModelState.AddModelError(nameof(TermForm.Slug), $"Địa chỉ “{form.Slug}” đã được dùng.");
            }
        }
        if (!ModelState.IsValid)
        {
            return EditView(new TermEditView(Kind, null, null, form, 0));
        }
        var term = New(form.Slug!, form.Name, form.Description);
        db.Set<T>().Add(term);
        db.RecordChange(EntityType, term.Slug, clock.GetUtcNow().UtcDateTime);
        audit.Add(AuditActions.TermChanged, $"{EntityType.ToLowerInvariant()}:{term.Slug}", $"Tạo {Kind.Singular}: {term.Name}");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = $"Đã tạo {Kind.Singular} {term.Name}.";
        return Redirect($"{Kind.BasePath}/{term.Id}");
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var term = await FindAsync(id, cancellationToken);
        return term is null ? NotFound()
            : EditView(new TermEditView(Kind, id, term.Slug, new TermForm { Name = term.Name, Slug = term.Slug, Description = term.Description },
                await ArticlesOf(id).CountAsync(cancellationToken)));
    }

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Edit(int id, TermForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var term = await FindAsync(id, cancellationToken);
        if (term is null)
        {
            return NotFound();
        }
        Normalize(form);
        if (!ModelState.IsValid)
        {
            return EditView(new TermEditView(Kind, id, term.Slug, form, await ArticlesOf(id).CountAsync(cancellationToken)));
        }
        var changes = new List<string>();
        if (term.Name != form.Name)
        {
            changes.Add($"Tên: {term.Name} → {form.Name}");
        }
        if (term.Description != form.Description)
        {
            changes.Add("Mô tả đã sửa");
        }
        if (changes.Count > 0)
        {
            (term.Name, term.Description) = (form.Name, form.Description);
            // Pages, search labels and facets follow the journal.
            db.RecordChange(EntityType, term.Slug, clock.GetUtcNow().UtcDateTime);
            audit.Add(AuditActions.TermChanged, $"{EntityType.ToLowerInvariant()}:{term.Slug}", string.Join("; ", changes));
            await db.SaveChangesAsync(cancellationToken);
        }
        TempData["Message"] = changes.Count > 0 ? "Đã lưu." : "Không có thay đổi nào.";
        return Redirect($"{Kind.BasePath}/{id}");
    }

    [HttpPost("{id:int}/xoa")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var term = await FindAsync(id, cancellationToken);
        if (term is null)
        {
            return NotFound();
        }
        var used = await ArticlesOf(id).CountAsync(cancellationToken);
        if (used > 0)
        {
            ModelState.AddModelError("", $"Không thể xóa: {used} bài viết đang dùng {Kind.Singular} này. Hãy gỡ {Kind.Singular} khỏi các bài viết đó trước.");
            return EditView(new TermEditView(Kind, id, term.Slug, new TermForm { Name = term.Name, Slug = term.Slug, Description = term.Description }, used));
        }
        db.Set<T>().Remove(term);
        db.RecordChange(EntityType, term.Slug, clock.GetUtcNow().UtcDateTime);
        audit.Add(AuditActions.TermChanged, $"{EntityType.ToLowerInvariant()}:{term.Slug}", $"Xóa {Kind.Singular}: {term.Name}");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = $"Đã xóa {Kind.Singular} {term.Name}.";
        return Redirect(Kind.BasePath);
    }

    private Task<T?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Set<T>().SingleOrDefaultAsync(t => EF.Property<int>(t, "Id") == id, cancellationToken);

    private ViewResult EditView(TermEditView model) => View("Edit", model);

    private static void Normalize(TermForm form)
    {
        form.Name = VietnameseText.Nfc(form.Name?.Trim() ?? "");
        form.Slug = form.Slug?.Trim().ToLowerInvariant();
        form.Description = form.Description?.Trim() is { Length: > 0 } description ? VietnameseText.Nfc(description) : null;
    }
}

[Route("quan-tri/chu-de")]
public sealed class TopicsController(PortalDbContext db, AuditTrail audit, TimeProvider clock) : TermsController<Topic>(db, audit, clock)
{
    protected override TermKind Kind { get; } = new("Chủ đề", "chủ đề", "/quan-tri/chu-de", "/chu-de");

    protected override string EntityType => nameof(Topic);

    protected override Topic New(string slug, string name, string? description) => new() { Slug = slug, Name = name, Description = description };

    protected override IQueryable<Article> ArticlesOf(int id) => Db.Articles.Where(a => a.Topics.Any(t => t.Id == id));

    protected override IQueryable<TermRow> Rows(IQueryable<Topic> ordered) =>
        ordered.Select(t => new TermRow(t.Id, t.Slug, t.Name, t.Description, t.Articles.Count));
}

[Route("quan-tri/doi-tuong")]
public sealed class AudienceGroupsController(PortalDbContext db, AuditTrail audit, TimeProvider clock) : TermsController<AudienceGroup>(db, audit, clock)
{
    protected override TermKind Kind { get; } = new("Đối tượng", "nhóm đối tượng", "/quan-tri/doi-tuong", "/doi-tuong");

    protected override string EntityType => nameof(AudienceGroup);

    protected override AudienceGroup New(string slug, string name, string? description) => new() { Slug = slug, Name = name, Description = description };

    protected override IQueryable<Article> ArticlesOf(int id) => Db.Articles.Where(a => a.Audiences.Any(t => t.Id == id));

    protected override IQueryable<TermRow> Rows(IQueryable<AudienceGroup> ordered) =>
        ordered.Select(t => new TermRow(t.Id, t.Slug, t.Name, t.Description, t.Articles.Count));
}
