using Microsoft.AspNetCore.Mvc;
using PbgdplPortal.Content;
using PbgdplPortal.Data;

namespace PbgdplPortal.Web.BackOffice;

public sealed record ReviewQueueView(IReadOnlyList<ReviewQueueRow> Rows, int Total, string? Error, int? ErrorFlagId, string? Note);

/// <summary>
/// "Cần rà soát": the open legal-basis flags of the user's agency (all for administrators), each with a link to its
/// item and, for reviewers, the "still correct" decision with a note.
/// </summary>
[Route("quan-tri/ra-soat")]
public sealed class ReviewQueueController(PortalDbContext db, AuditTrail audit, TimeProvider clock) : BackOfficeController
{
    public const int Limit = 200;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await ViewOfAsync(null, null, null, cancellationToken));

    [HttpPost("{id:int}/van-dung")]
    public async Task<IActionResult> StillCorrect(int id, [FromForm(Name = "ghi-chu")] string? note, CancellationToken cancellationToken)
    {
        var result = await new LegalBasisWatch(db, clock).DecideStillCorrectAsync(id, note, audit.Actor, User.CanReview, cancellationToken);
        return await AfterStepAsync(result, "Đã ghi nhận: nội dung vẫn đúng.", "/quan-tri/ra-soat", async refused =>
        {
            db.ChangeTracker.Clear();
            return View("Index", await ViewOfAsync(refused.Message, id, note, cancellationToken));
        });
    }

    private async Task<ReviewQueueView> ViewOfAsync(string? error, int? flagId, string? note, CancellationToken cancellationToken)
    {
        var scope = User.AgencyScope();
        return new ReviewQueueView(await ReviewFlags.OpenAsync(db, scope, Limit, cancellationToken), await ReviewFlags.CountAsync(db, scope, cancellationToken),
            error, flagId, note);
    }
}
