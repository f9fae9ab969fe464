using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Media;
using PbgdplPortal.Text;
using PbgdplPortal.Web.BackOffice;

namespace PbgdplPortal.Web.Media;

/// <summary>What became of one uploaded file: the new asset, or why it was refused.</summary>
public sealed record UploadOutcome(string FileName, MediaAsset? Asset, string? Error);

/// <summary>Where an asset is used; it may be deleted only when this is empty.</summary>
public sealed record MediaUse(string Description, string? Url);

/// <summary>Stores uploads as library assets, finds where they are used and deletes them with their files.</summary>
public sealed class MediaLibrary(PortalDbContext db, IMediaStorage storage, ImageUploader images, AttachmentInspector attachments,
    AuditTrail audit, TimeProvider clock, ILogger<MediaLibrary> logger)
{
    public const int MaxFilesPerUpload = 10;

    /// <summary>The largest upload request: as many of the largest allowed files as one upload may carry, plus the form around them.</summary>
    public static long MaxRequestBytes(MediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (MaxFilesPerUpload * Math.Max(options.MaxImageBytes, options.MaxAttachmentBytes)) + MediaOptions.Megabyte;
    }

    /// <summary>Checks one file by its content and, when accepted, stores it and adds it to the library of <paramref name="agencyId"/>.</summary>
    public async Task<UploadOutcome> UploadAsync(IFormFile file, int agencyId, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var name = VietnameseText.Nfc(Path.GetFileName(file.FileName ?? ""));
        try
        {
            await using var input = file.OpenReadStream();
            var asset = LooksLikeImage(await HeadAsync(input, cancellationToken))
                ? await StoreImageAsync(input, name, cancellationToken)
                : await StoreDocumentAsync(input, name, cancellationToken);
            if (asset.Error is not null)
            {
                return new UploadOutcome(name, null, asset.Error);
            }
            var stored = asset.Asset!;
            stored.AgencyId = agencyId;
            stored.UploadedById = userId;
            stored.UploadedAt = clock.GetUtcNow().UtcDateTime;
            db.MediaAssets.Add(stored);
            await db.SaveChangesAsync(cancellationToken);
            return new UploadOutcome(name, stored, null);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or DbUpdateException)
        {
            logger.LogWarning(e, "Upload of {FileName} failed", name);
            db.ChangeTracker.Clear();
            return new UploadOutcome(name, null, "Không lưu được tệp; hãy thử lại.");
        }
    }

    private static async Task<byte[]> HeadAsync(Stream input, CancellationToken cancellationToken)
    {
        var head = new byte[12];
        var read = await input.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        input.Position = 0;
        return head[..read];
    }

    /// <summary>The signatures of the four accepted image formats; everything else goes to the document checks.</summary>
    private static bool LooksLikeImage(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
        || head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])
        || head.StartsWith("GIF8"u8)
        || (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8));

    private async Task<(MediaAsset? Asset, string? Error)> StoreImageAsync(Stream input, string name, CancellationToken cancellationToken)
    {
        var result = await images.ProcessAsync(input, name, cancellationToken);
        if (!result.Succeeded)
        {
            return (null, result.Error);
        }
        var original = result.Original;
        return (new MediaAsset
        {
            Kind = MediaKind.Image,
            StorageKey = original.Key,
            FileName = DownloadFileName.From(name, Path.GetExtension(original.Key).TrimStart('.')),
            ContentType = original.ContentType,
            Bytes = original.Bytes,
            Width = original.Width,
            Height = original.Height,
            Variants = MediaVariants.Format(result.Variants),
        }, null);
    }

    private async Task<(MediaAsset? Asset, string? Error)> StoreDocumentAsync(Stream input, string name, CancellationToken cancellationToken)
    {
        var inspection = await attachments.InspectAsync(input, name, cancellationToken);
        if (!inspection.Succeeded)
        {
            // Neither one of the four image formats nor a document: say what the library accepts as a whole.
            return (null, inspection.Error == MediaMessages.UnsupportedAttachment ? MediaMessages.UnsupportedFile : inspection.Error);
        }
        var key = inspection.StorageKey;
        if (!await storage.ExistsAsync(key, cancellationToken))
        {
            using var content = new MemoryStream(inspection.Content.ToArray(), writable: false);
            await storage.SaveAsync(key, content, cancellationToken);
        }
        var fileName = inspection.FileName;
        return (new MediaAsset
        {
            Kind = MediaKind.Document,
            StorageKey = key,
            FileName = fileName,
            ContentType = inspection.Type.ContentType,
            Bytes = inspection.Content.Length,
            Title = Path.GetFileNameWithoutExtension(fileName),
        }, null);
    }

    /// <summary>Articles and legal documents that show, attach or embed the asset.</summary>
    public async Task<IReadOnlyList<MediaUse>> UsesAsync(MediaAsset asset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var uses = new List<MediaUse>();
        var featured = await db.Articles.AsNoTracking().Where(a => a.FeaturedImageId == asset.Id)
            .OrderBy(a => a.Id).Select(a => new { a.Id, a.Title }).Take(50).ToListAsync(cancellationToken);
        uses.AddRange(featured.Select(a => new MediaUse($"Ảnh đại diện của bài viết “{a.Title}”", $"/quan-tri/bai-viet/{a.Id}")));
        var attached = await db.Attachments.AsNoTracking().Where(x => x.MediaAssetId == asset.Id)
            .OrderBy(x => x.Id)
            .Select(x => new { x.ArticleId, ArticleTitle = x.Article != null ? x.Article.Title : null, x.LegalDocumentId, DocumentNumber = x.LegalDocument != null ? x.LegalDocument.Number : null })
            .Take(50).ToListAsync(cancellationToken);
        uses.AddRange(attached.Select(x => x.ArticleId is { } articleId
            ? new MediaUse($"Tệp đính kèm của bài viết “{x.ArticleTitle}”", $"/quan-tri/bai-viet/{articleId}")
            : new MediaUse($"Tệp đính kèm của văn bản số {x.DocumentNumber}", $"/quan-tri/van-ban/{x.LegalDocumentId}")));
        // Published bodies, scheduled ones included, that link or embed any of the asset's files.
        foreach (var key in MediaVariants.AllKeys(asset.StorageKey, asset.Variants))
        {
            var url = MediaUrls.For(key);
            var bodies = await db.Articles.AsNoTracking()
                .Where(a => a.Status == PublicationStatus.Published && a.Body.Contains(url))
                .OrderBy(a => a.Id).Select(a => new { a.Id, a.Title }).Take(50).ToListAsync(cancellationToken);
            uses.AddRange(bodies.Select(a => new MediaUse($"Nội dung bài viết đã đăng “{a.Title}”", $"/quan-tri/bai-viet/{a.Id}")));
        }
        return [.. uses.DistinctBy(u => u.Description)];
    }

    /// <summary>Removes the asset and, unless another asset holds the same content, its stored files; audited.</summary>
    public async Task<IReadOnlyList<string>> DeleteAsync(MediaAsset asset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var keys = MediaVariants.AllKeys(asset.StorageKey, asset.Variants);
        db.MediaAssets.Remove(asset);
        audit.Add(AuditActions.MediaDeleted, $"media:{asset.Id}", asset.FileName);
        await db.SaveChangesAsync(cancellationToken);
        var removed = new List<string>();
        foreach (var key in keys)
        {
            // Keys name content: an identical upload elsewhere in the library shares the file.
            var shared = await db.MediaAssets.AnyAsync(m => m.StorageKey == key || (m.Variants != null && m.Variants.Contains(key)), cancellationToken);
            if (!shared)
            {
                await storage.DeleteAsync(key, cancellationToken);
                removed.Add(key);
            }
        }
        return removed;
    }
}
