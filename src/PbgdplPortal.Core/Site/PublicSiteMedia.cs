using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Data;
using PbgdplPortal.Media;

namespace PbgdplPortal.Site;

/// <summary>The featured image and attached documents of public pages.</summary>
internal static class PublicSiteMedia
{
    public static async Task<ArticlePage> WithMediaAsync(this PortalDbContext db, ArticlePage page, int articleId, CancellationToken cancellationToken)
    {
        var image = await db.Articles.AsNoTracking().Where(a => a.Id == articleId && a.FeaturedImage != null)
            .Select(a => new { a.FeaturedImage!.Kind, a.FeaturedImage.StorageKey, a.FeaturedImage.Variants, a.FeaturedImage.Width, a.FeaturedImage.Height, a.FeaturedImage.AltText })
            .FirstOrDefaultAsync(cancellationToken);
        // An image without a usable description is left out rather than shown to screen-reader users as nothing.
        var featured = image is { Kind: MediaKind.Image, Width: { } width, Height: { } height } && ImageAltText.Problem(image.AltText) is null
            ? new ResponsiveImage(MediaUrls.Sized(image.StorageKey, image.Variants, 640), MediaUrls.SrcSet(image.StorageKey, width, image.Variants),
                width, height, image.AltText!.Trim())
            : null;
        return page with
        {
            FeaturedImage = featured,
            Attachments = await db.AttachmentLinksAsync(a => a.ArticleId == articleId, cancellationToken),
        };
    }

    public static async Task<IReadOnlyList<AttachmentLink>> AttachmentLinksAsync(this PortalDbContext db, Expression<Func<Attachment, bool>> owner,
        CancellationToken cancellationToken)
    {
        var rows = await db.Attachments.AsNoTracking().Where(owner).OrderBy(a => a.Position).ThenBy(a => a.Id)
            .Select(a => new { a.MediaAsset.Title, a.MediaAsset.FileName, a.MediaAsset.ContentType, a.MediaAsset.Bytes, a.MediaAsset.StorageKey })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new AttachmentLink(
            string.IsNullOrWhiteSpace(r.Title) ? r.FileName : r.Title,
            r.FileName,
            AttachmentType.All.FirstOrDefault(t => t.ContentType == r.ContentType)?.Name ?? r.ContentType,
            r.Bytes,
            MediaUrls.For(r.StorageKey)))];
    }
}
