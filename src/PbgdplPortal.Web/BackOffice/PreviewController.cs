using Microsoft.AspNetCore.Mvc;
using PbgdplPortal.Data;
using PbgdplPortal.Markdown;
using PbgdplPortal.Media;
using PbgdplPortal.Site;

namespace PbgdplPortal.Web.BackOffice;

/// <summary>Live preview of Markdown with the public site's own pipeline (sanitized HTML).</summary>
[Route("quan-tri")]
public sealed class PreviewController(PortalDbContext db, DocumentNumberIndex directory) : BackOfficeController
{
    /// <summary>Longest text previewed, in characters.</summary>
    public const int MaxLength = 500_000;

    [HttpPost("xem-truoc")]
    public async Task<IActionResult> Preview([FromForm(Name = "markdown")] string? markdown, CancellationToken cancellationToken)
    {
        markdown ??= "";
        if (markdown.Length > MaxLength)
        {
            return BadRequest();
        }
        var documents = await directory.GetAsync(db, cancellationToken);
        var html = MarkdownRenderer.ToHtml(markdown, key => documents.TryGetValue(key, out var slug) ? SiteUrls.Document(slug) : null,
            await db.ForMarkdownAsync(markdown, cancellationToken));
        return Content(html, "text/html; charset=utf-8");
    }
}
