using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Text;

namespace PbgdplPortal.Web.BackOffice;

public sealed class AgencyForm : CatalogueEntryForm
{
    [Required(ErrorMessage = "Hãy nhập tên cơ quan.")]
    [MaxLength(300, ErrorMessage = "Quá dài (tối đa {1} ký tự).")]
    public string Name { get; set; } = "";

    public AgencyKind Kind { get; set; } = AgencyKind.ProvincialDepartment;
}

public sealed record AgencyRow(int Id, string Slug, string Name, AgencyKind Kind, DateTime? RetiredAt, string? MergedIntoName, int Articles, int Users);

public sealed record AgencyListView(PageOf<AgencyRow> Agencies, PagerView Pager);

public sealed record AgencyEditView(int Id, string Slug, AgencyForm Form, DateTime? RetiredAt, string? MergedIntoName,
    int Articles, int Documents, int Media, int Users, IReadOnlyList<AgencyChoice> MergeTargets, string? MergeError);

/// <summary>Agencies: create, rename, merge one into another (the content follows), retire.</summary>
[Route("quan-tri/co-quan")]
[Authorize(Policy = BackOfficeHosting.AdministratorPolicy)]
public sealed class AgenciesController(PortalDbContext db, AuditTrail audit, TimeProvider clock) : BackOfficeController
{
    public const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery(Name = "trang")] int page = 1, CancellationToken cancellationToken = default)
    {
        var found = await db.Agencies.AsNoTracking()
            .OrderBy(a => a.RetiredAt != null).ThenBy(a => a.Name).ThenBy(a => a.Id)
            .Select(a => new AgencyRow(a.Id, a.Slug, a.Name, a.Kind, a.RetiredAt, a.MergedInto != null ? a.MergedInto.Name : null,
                db.Articles.Count(x => x.AgencyId == a.Id), db.Users.Count(u => u.AgencyId == a.Id)))
            .ToPageAsync(page, PageSize, cancellationToken);
        return View(new AgencyListView(found, new PagerView(found.Page, found.PageCount, found.Total,
            p => "/quan-tri/co-quan?trang=" + p.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [HttpGet("tao")]
    public IActionResult Create() => View(new AgencyForm());

    [HttpPost("tao")]
    public async Task<IActionResult> Create(AgencyForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        Normalize(form);
        if (ModelState.IsValid)
        {
            form.Slug = string.IsNullOrEmpty(form.Slug) ? Slug.From(form.Name) : form.Slug;
            if (!Slug.IsValid(form.Slug))
            {
                ModelState.AddModelError(nameof(AgencyForm.Slug), "Địa chỉ chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ: so-tu-phap).");
            }
            else if (await db.Agencies.AnyAsync(a => a.Slug == form.Slug, cancellationToken))
            {
                ModelState.AddModelError(nameof(AgencyForm.Slug), $"Địa chỉ “{form.Slug}” đã được dùng cho cơ quan khác.");
            }
        }
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var agency = new Agency { Slug = form.Slug!, Name = form.Name, Kind = form.Kind, Description = form.Description };
        db.Agencies.Add(agency);
        db.RecordChange(nameof(Agency), agency.Slug, now);
        audit.Add(AuditActions.AgencyChanged, $"agency:{agency.Slug}", $"Tạo cơ quan: {agency.Name}");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = $"Đã tạo cơ quan {agency.Name}.";
        return Redirect($"/quan-tri/co-quan/{agency.Id}");
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return agency is null ? NotFound() : View(await EditViewAsync(agency, FormOf(agency), null, cancellationToken));
    }

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Edit(int id, AgencyForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agency is null)
        {
            return NotFound();
        }
        Normalize(form);
        if (!ModelState.IsValid)
        {
            return View(await EditViewAsync(agency, form, null, cancellationToken));
        }
        var changes = new List<string>();
        if (agency.Name != form.Name)
        {
            changes.Add($"Tên: {agency.Name} → {form.Name}");
        }
        if (agency.Kind != form.Kind)
        {
            changes.Add($"Loại: {agency.Kind.Label()} → {form.Kind.Label()}");
        }
        if (agency.Description != form.Description)
        {
            changes.Add("Mô tả đã sửa");
        }
        if (changes.Count > 0)
        {
            (agency.Name, agency.Kind, agency.Description) = (form.Name, form.Kind, form.Description);
            // The journal tells every node to refresh pages and the search index, which holds agency names.
            db.RecordChange(nameof(Agency), agency.Slug, clock.GetUtcNow().UtcDateTime);
            audit.Add(AuditActions.AgencyChanged, $"agency:{agency.Slug}", string.Join("; ", changes));
            await db.SaveChangesAsync(cancellationToken);
        }
        TempData["Message"] = changes.Count > 0 ? "Đã lưu." : "Không có thay đổi nào.";
        return Redirect($"/quan-tri/co-quan/{agency.Id}");
    }

    /// <summary>Moves everything of this agency to another one, in one transaction, and retires it.</summary>
    [HttpPost("{id:int}/hop-nhat")]
    public async Task<IActionResult> Merge(int id, [FromForm(Name = "TargetId")] int? targetId, CancellationToken cancellationToken)
    {
        var source = await db.Agencies.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (source is null)
        {
            return NotFound();
        }
        var target = targetId is null ? null : await db.Agencies.SingleOrDefaultAsync(a => a.Id == targetId, cancellationToken);
        var error = source.RetiredAt is not null ? "Cơ quan này đã ngừng hoạt động."
            : target is null ? "Hãy chọn cơ quan tiếp nhận."
            : target.Id == source.Id ? "Không thể hợp nhất một cơ quan vào chính nó."
            : target.RetiredAt is not null ? "Cơ quan tiếp nhận đã ngừng hoạt động; hãy chọn cơ quan khác."
            : null;
        if (error is not null)
        {
            return View(nameof(Edit), await EditViewAsync(source, FormOf(source), error, cancellationToken));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var articleSlugs = await db.Articles.Where(a => a.AgencyId == source.Id).Select(a => a.Slug).ToListAsync(cancellationToken);
        var documentSlugs = await db.LegalDocuments.Where(d => d.AgencyId == source.Id).Select(d => d.Slug).ToListAsync(cancellationToken);
        await db.Articles.Where(a => a.AgencyId == source.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.AgencyId, target!.Id).SetProperty(a => a.Version, a => a.Version + 1), cancellationToken);
        await db.LegalDocuments.Where(d => d.AgencyId == source.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.AgencyId, target!.Id).SetProperty(d => d.Version, d => d.Version + 1), cancellationToken);
        var media = await db.MediaAssets.Where(m => m.AgencyId == source.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.AgencyId, target!.Id), cancellationToken);
        // Accounts keep their sessions; their agency claim is refreshed at the next security-stamp check.
        var accounts = await db.Users.Where(u => u.AgencyId == source.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AgencyId, target!.Id), cancellationToken);
        source.RetiredAt = now;
        source.MergedIntoId = target!.Id;
        foreach (var slug in articleSlugs)
        {
            db.RecordChange(nameof(Article), slug, now);
        }
        foreach (var slug in documentSlugs)
        {
            db.RecordChange(nameof(LegalDocument), slug, now);
        }
        db.RecordChange(nameof(Agency), source.Slug, now);
        db.RecordChange(nameof(Agency), target.Slug, now);
        audit.Add(AuditActions.AgencyChanged, $"agency:{source.Slug}",
            $"Hợp nhất {source.Name} vào {target.Name}: {articleSlugs.Count} bài viết, {documentSlugs.Count} văn bản, {media} tệp, {accounts} tài khoản được chuyển");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        TempData["Message"] = $"Đã hợp nhất {source.Name} vào {target.Name}: {articleSlugs.Count} bài viết, {documentSlugs.Count} văn bản, {media} tệp và {accounts} tài khoản đã được chuyển.";
        return Redirect($"/quan-tri/co-quan/{source.Id}");
    }

    /// <summary>Retires an agency that holds nothing (no merge).</summary>
    [HttpPost("{id:int}/ngung")]
    public async Task<IActionResult> Retire(int id, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agency is null)
        {
            return NotFound();
        }
        if (agency.RetiredAt is not null)
        {
            return Redirect($"/quan-tri/co-quan/{agency.Id}");
        }
        var view = await EditViewAsync(agency, FormOf(agency), null, cancellationToken);
        if (view.Articles + view.Documents + view.Media + view.Users > 0)
        {
            ModelState.AddModelError("", $"Không thể ngừng hoạt động cơ quan còn nội dung hoặc tài khoản ({view.Articles} bài viết, {view.Documents} văn bản, {view.Media} tệp, {view.Users} tài khoản). Hãy hợp nhất vào một cơ quan khác để chuyển toàn bộ sang đó.");
            return View(nameof(Edit), view);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        agency.RetiredAt = now;
        db.RecordChange(nameof(Agency), agency.Slug, now);
        audit.Add(AuditActions.AgencyChanged, $"agency:{agency.Slug}", $"Ngừng hoạt động: {agency.Name}");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = $"{agency.Name} đã ngừng hoạt động.";
        return Redirect($"/quan-tri/co-quan/{agency.Id}");
    }

    private static AgencyForm FormOf(Agency agency) => new() { Name = agency.Name, Slug = agency.Slug, Kind = agency.Kind, Description = agency.Description };

    private static void Normalize(AgencyForm form)
    {
        form.Name = VietnameseText.Nfc(form.Name?.Trim() ?? "");
        form.Slug = form.Slug?.Trim().ToLowerInvariant();
        form.Description = form.Description?.Trim() is { Length: > 0 } description ? VietnameseText.Nfc(description) : null;
    }

    private async Task<AgencyEditView> EditViewAsync(Agency agency, AgencyForm form, string? mergeError, CancellationToken cancellationToken)
    {
        var id = agency.Id;
        var mergedInto = agency.MergedIntoId is { } target ? await db.Agencies.Where(a => a.Id == target).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken) : null;
        var targets = (await AgencyChoices.ActiveAsync(db, cancellationToken)).Where(a => a.Id != id).ToList();
        return new AgencyEditView(id, agency.Slug, form, agency.RetiredAt, mergedInto,
            await db.Articles.CountAsync(a => a.AgencyId == id, cancellationToken),
            await db.LegalDocuments.CountAsync(d => d.AgencyId == id, cancellationToken),
            await db.MediaAssets.CountAsync(m => m.AgencyId == id, cancellationToken),
            await db.Users.CountAsync(u => u.AgencyId == id, cancellationToken),
            targets, mergeError);
    }
}
