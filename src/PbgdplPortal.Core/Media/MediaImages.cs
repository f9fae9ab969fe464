using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Data;
using PbgdplPortal.Markdown;

namespace PbgdplPortal.Media;

/// <summary>The media-library images a Markdown text shows, for <see cref="MarkdownRenderer.ToHtml"/>.</summary>
public static class MediaImages
{
    /// <summary>Looks up, in one query, the stored images the Markdown points to; keys that are not stored images give null.</summary>
    public static async Task<Func<string, MediaImage?>> ForMarkdownAsync(this PortalDbContext db, string? markdown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var keys = MarkdownRenderer.MediaImageKeys(markdown ?? "");
        if (keys.Count == 0)
        {
            return _ => null;
        }
        var images = await db.MediaAssets.AsNoTracking()
            .Where(m => keys.Contains(m.StorageKey) && m.Kind == MediaKind.Image && m.Width != null && m.Height != null)
            .Select(m => new MediaImage(m.StorageKey, m.Width!.Value, m.Height!.Value, m.Variants))
            .ToListAsync(cancellationToken);
        var byKey = images.DistinctBy(i => i.StorageKey).ToDictionary(i => i.StorageKey, StringComparer.Ordinal);
        return key => byKey.GetValueOrDefault(key);
    }
}
