using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Media;
using PbgdplPortal.Text;
using PbgdplPortal.Web.Media;

namespace PbgdplPortal.Web.BackOffice;

/// <summary>The list's filters, as they appear in its address.</summary>
public sealed class MediaFilter
{
    /// <summary>"anh" (images) or "tai-lieu" (documents); anything else lists both.</summary>
    [FromQuery(Name = "loai")]
    public string? Kind { get; set; }

    [FromQuery(Name = "co-quan")]
    public int? AgencyId { get; set; }

    /// <summary>Only images without alternative text.</summary>
    [FromQuery(Name = "thieu-mo-ta")]
    public bool MissingAltText { get; set; }

    [FromQuery(Name = "ten")]
    public string? Name { get; set; }

    [FromQuery(Name = "trang")]
    public int Page { get; set; } = 1;

    public MediaKind? KindValue => Kind switch { "anh" => MediaKind.Image, "tai-lieu" => MediaKind.Document, _ => null };

    /// <summary>The list's address for page <paramref name="page"/> with the same filters.</summary>
    public string Url(int page)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
        Add("loai", KindValue is null ? null : Kind);
        Add("co-quan", AgencyId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("thieu-mo-ta", MissingAltText ? "true" : null);
        Add("ten", Name);
        Add("trang", page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        return "/quan-tri/thu-vien" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }
}

public sealed record MediaRow(int Id, MediaKind Kind, string FileName, string? Title, string? AltText, string ContentType, long Bytes,
    int? Width, int? Height, string StorageKey, string? Variants, string AgencyName, string? UploaderName, DateTime UploadedAt)
{
    public string Name => Kind == MediaKind.Document && !string.IsNullOrWhiteSpace(Title) ? Title : FileName;
    public string? ThumbnailUrl => Kind == MediaKind.Image ? MediaUrls.Sized(StorageKey, Variants, 320) : null;
}

public sealed record AgencyOption(int Id, string Name);

public sealed class MediaListView
{
    public required PageOf<MediaRow> Page { get; init; }
    public required MediaFilter Filter { get; init; }

    /// <summary>For administrators, who filter by and upload for any agency; empty for everyone else.</summary>
    public IReadOnlyList<AgencyOption> Agencies { get; init; } = [];

    public IReadOnlyList<UploadOutcome> Outcomes { get; init; } = [];
    public string? UploadError { get; init; }
    public int? UploadAgencyId { get; init; }
    public long MaxImageBytes { get; init; }
    public long MaxAttachmentBytes { get; init; }
}

public sealed class MediaEditForm
{
    public string? AltText { get; set; }
    public string? Title { get; set; }
}

public sealed record MediaAssetView(MediaAsset Asset, string AgencyName, string? UploaderName, IReadOnlyList<MediaUse> Uses, MediaEditForm Form)
{
    public string Url => MediaUrls.For(Asset.StorageKey);
    public IReadOnlyList<MediaVariant> Variants => MediaVariants.Parse(Asset.Variants);

    /// <summary>What to paste into an article body.</summary>
    public string Snippet => Asset.Kind == MediaKind.Image
        ? $"![{Escape(Asset.AltText?.Trim() ?? "")}]({Url})"
        : $"[{Escape(string.IsNullOrWhiteSpace(Asset.Title) ? Asset.FileName : Asset.Title.Trim())}]({Url})";

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
}

/// <summary>The media library: upload images and documents, describe them, see where they are used, delete them.</summary>
[Route("quan-tri/thu-vien")]
public sealed class MediaLibraryController(PortalDbContext db, MediaLibrary library, MediaOptions options, IMemoryCache cache, TimeProvider clock)
    : BackOfficeController
{
    public const int PageSize = 40;
    private static readonly StringComparer Vietnamese = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true);
    private const int MaxTitleLength = 300;

    [HttpGet("")]
    public async Task<IActionResult> Index(MediaFilter filter, CancellationToken cancellationToken) =>
        View(await ListAsync(filter, [], null, null, cancellationToken));

    [HttpPost("")]
    [MediaUploadLimit]
    public async Task<IActionResult> Upload([FromForm(Name = "tep")] List<IFormFile>? files, [FromForm(Name = "co-quan")] int? agencyId,
        CancellationToken cancellationToken)
    {
        files ??= [];
        var filter = new MediaFilter();
        string? error = null;
        int? agency = User.IsAdministrator() ? agencyId : User.AgencyId();
        if (agency is null)
        {
            error = User.IsAdministrator() ? "Hãy chọn cơ quan sở hữu tệp." : "Tài khoản chưa thuộc cơ quan nào nên không thể tải tệp lên.";
        }
        else if (!await db.Agencies.Active().AnyAsync(a => a.Id == agency, cancellationToken))
        {
            error = "Cơ quan đã chọn không tồn tại hoặc đã ngừng hoạt động.";
        }
        else if (files.Count == 0 || files.All(f => f.Length == 0 && string.IsNullOrEmpty(f.FileName)))
        {
            error = "Hãy chọn ít nhất một tệp.";
        }
        else if (files.Count > MediaLibrary.MaxFilesPerUpload)
        {
            error = $"Mỗi lần chỉ tải lên tối đa {MediaLibrary.MaxFilesPerUpload} tệp.";
        }
        var outcomes = new List<UploadOutcome>();
        if (error is null)
        {
            foreach (var file in files)
            {
                outcomes.Add(await library.UploadAsync(file, agency!.Value, User.UserId(), cancellationToken));
            }
        }
        if (error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return View("Index", await ListAsync(filter, outcomes, error, agencyId, cancellationToken));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is { } asset
            ? View(await AssetViewAsync(asset, new MediaEditForm { AltText = asset.AltText, Title = asset.Title }, cancellationToken))
            : NotFound();

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Save(int id, MediaEditForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await FindAsync(id, cancellationToken) is not { } asset)
        {
            return NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (asset.Kind == MediaKind.Image)
        {
            var alt = VietnameseText.Nfc(form.AltText?.Trim() ?? "");
            if (alt.Length > 0 && ImageAltText.Problem(alt) is { } problem)
            {
                ModelState.AddModelError(nameof(MediaEditForm.AltText), problem);
            }
            asset.AltText = alt.Length == 0 ? null : alt;
        }
        else
        {
            var title = VietnameseText.Nfc(form.Title?.Trim() ?? "");
            if (title.Length > MaxTitleLength)
            {
                ModelState.AddModelError(nameof(MediaEditForm.Title), $"Tiêu đề không được dài quá {MaxTitleLength} ký tự.");
            }
            asset.Title = title.Length == 0 ? null : title;
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Show", await AssetViewAsync(asset, form, cancellationToken));
        }
        // Public pages that show the image or list the document change with it.
        foreach (var slug in await db.Articles.Where(a => a.FeaturedImageId == id || a.Attachments.Any(x => x.MediaAssetId == id))
                     .Select(a => a.Slug).ToListAsync(cancellationToken))
        {
            db.RecordChange(nameof(Article), slug, now);
        }
        foreach (var slug in await db.LegalDocuments.Where(d => d.Attachments.Any(x => x.MediaAssetId == id)).Select(d => d.Slug).ToListAsync(cancellationToken))
        {
            db.RecordChange(nameof(LegalDocument), slug, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = asset.Kind == MediaKind.Image ? "Đã lưu văn bản thay thế." : "Đã lưu tiêu đề.";
        return RedirectToAction(nameof(Show), new { id });
    }

    [HttpPost("{id:int}/xoa")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } asset)
        {
            return NotFound();
        }
        var uses = await library.UsesAsync(asset, cancellationToken);
        if (uses.Count > 0)
        {
            ModelState.AddModelError("", "Không thể xóa vì tệp đang được sử dụng. Hãy gỡ tệp khỏi các nội dung dưới đây trước.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("Show", await AssetViewAsync(asset, new MediaEditForm { AltText = asset.AltText, Title = asset.Title }, cancellationToken));
        }
        var name = asset.FileName;
        var keys = MediaVariants.AllKeys(asset.StorageKey, asset.Variants);
        await library.DeleteAsync(asset, cancellationToken);
        cache.Forget(keys);
        TempData["Message"] = $"Đã xóa “{name}” khỏi thư viện.";
        return Redirect("/quan-tri/thu-vien");
    }

    /// <summary>The asset, when the current user may manage it; another agency's asset is reported as missing.</summary>
    private async Task<MediaAsset?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var asset = await db.MediaAssets.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        return asset is not null && User.CanEdit(asset.AgencyId) ? asset : null;
    }

    private async Task<MediaAssetView> AssetViewAsync(MediaAsset asset, MediaEditForm form, CancellationToken cancellationToken)
    {
        var agencyName = await db.Agencies.Where(a => a.Id == asset.AgencyId).Select(a => a.Name).FirstAsync(cancellationToken);
        var uploader = asset.UploadedById is null ? null
            : await db.Users.Where(u => u.Id == asset.UploadedById).Select(u => u.FullName).FirstOrDefaultAsync(cancellationToken);
        return new MediaAssetView(asset, agencyName, uploader, await library.UsesAsync(asset, cancellationToken), form);
    }

    private async Task<MediaListView> ListAsync(MediaFilter filter, IReadOnlyList<UploadOutcome> outcomes, string? uploadError, int? uploadAgencyId,
        CancellationToken cancellationToken)
    {
        IQueryable<MediaAsset> query = db.MediaAssets.AsNoTracking();
        if (User.AgencyScope() is { } scope)
        {
            query = query.Where(m => m.AgencyId == scope);
            filter.AgencyId = null;
        }
        else if (filter.AgencyId is { } agency)
        {
            query = query.Where(m => m.AgencyId == agency);
        }
        if (filter.KindValue is { } kind)
        {
            query = query.Where(m => m.Kind == kind);
        }
        if (filter.MissingAltText)
        {
            query = query.Where(m => m.Kind == MediaKind.Image && (m.AltText == null || m.AltText == ""));
        }
        filter.Name = string.IsNullOrWhiteSpace(filter.Name) ? null : VietnameseText.Nfc(filter.Name.Trim());
        if (filter.Name is { } name)
        {
            var lower = name.ToLowerInvariant();
#pragma warning disable CA1862 // The overload with a StringComparison has no SQL translation; lower() has one on both databases.
            query = query.Where(m => m.FileName.ToLower().Contains(lower) || (m.Title != null && m.Title.ToLower().Contains(lower)));
#pragma warning restore CA1862
        }
        var page = await query.OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id)
            .Select(m => new MediaRow(m.Id, m.Kind, m.FileName, m.Title, m.AltText, m.ContentType, m.Bytes, m.Width, m.Height, m.StorageKey, m.Variants,
                m.Agency.Name, db.Users.Where(u => u.Id == m.UploadedById).Select(u => u.FullName).FirstOrDefault(), m.UploadedAt))
            .ToPageAsync(filter.Page, PageSize, cancellationToken);
        filter.Page = page.Page;
        var agencies = User.IsAdministrator()
            ? (await db.Agencies.AsNoTracking().Active().Select(a => new AgencyOption(a.Id, a.Name)).ToListAsync(cancellationToken))
                .OrderBy(a => a.Name, Vietnamese).ToList()
            : [];
        return new MediaListView
        {
            Page = page,
            Filter = filter,
            Agencies = agencies,
            Outcomes = outcomes,
            UploadError = uploadError,
            UploadAgencyId = uploadAgencyId,
            MaxImageBytes = options.MaxImageBytes,
            MaxAttachmentBytes = options.MaxAttachmentBytes,
        };
    }
}
