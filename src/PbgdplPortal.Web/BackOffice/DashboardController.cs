using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;
using PbgdplPortal.Data;

namespace PbgdplPortal.Web.BackOffice;

public sealed record DashboardView(string FullName, string? AgencyName, int Drafts, int Submitted, int NeedsReview, int Scheduled, PbgdplPortal.Mail.MailStatus Mail);

/// <summary>The editors' home: what waits for them.</summary>
[Route("quan-tri")]
public sealed class DashboardController(PortalDbContext db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<PbgdplPortal.Web.Mail.MailOptions> mail) : BackOfficeController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var scope = User.AgencyScope();
        var articles = scope is { } agency ? db.Articles.Where(a => a.AgencyId == agency) : db.Articles;
        var now = clock.GetUtcNow().UtcDateTime;
        var agencyName = User.AgencyId() is { } id ? await db.Agencies.Where(a => a.Id == id).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken) : null;
        return View(new DashboardView(
            User.FindFirst(System.Security.Claims.ClaimTypes.GivenName)?.Value ?? User.Identity?.Name ?? "",
            agencyName,
            await articles.CountAsync(a => a.Status == PublicationStatus.Draft, cancellationToken),
            await articles.CountAsync(a => a.Status == PublicationStatus.Submitted
                || db.Revisions.Any(r => r.ContentType == RevisionContentTypes.Article && r.ContentId == a.Id && r.Pending), cancellationToken),
            await ReviewFlags.CountAsync(db, scope, cancellationToken),
            await articles.CountAsync(a => a.Status == PublicationStatus.Published && a.PublishedAt > now, cancellationToken),
            // Not only a log line: mail that cannot leave is shown to every member of staff until a server is configured.
            await PbgdplPortal.Mail.MailOutbox.StatusAsync(db, !string.IsNullOrWhiteSpace(mail.Value.Host), cancellationToken)));
    }
}
