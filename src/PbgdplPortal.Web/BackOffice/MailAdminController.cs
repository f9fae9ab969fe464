using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PbgdplPortal.Data;
using PbgdplPortal.Mail;
using PbgdplPortal.Web.Mail;

namespace PbgdplPortal.Web.BackOffice;

public sealed record MailAdminView(MailStatus Status, string? Host, string? To, string? Error);

/// <summary>The outbox for administrators: whether mail can leave, what waits, and a test message.</summary>
[Route("quan-tri/thu-di")]
[Authorize(Policy = BackOfficeHosting.AdministratorPolicy)]
public sealed class MailAdminController(PortalDbContext db, IOptions<MailOptions> options, AuditTrail audit, TimeProvider clock) : BackOfficeController
{
    private string? Host => string.IsNullOrWhiteSpace(options.Value.Host) ? null : options.Value.Host;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new MailAdminView(await db.StatusAsync(Host is not null, cancellationToken), Host, User.Identity?.Name, null));

    [HttpPost("thu-thu")]
    public async Task<IActionResult> Test([FromForm(Name = "den")] string? to, CancellationToken cancellationToken)
    {
        var result = await db.QueueTestAsync(to, audit.Actor, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var done = Host is null
            ? $"Đã đưa thư thử gửi {to?.Trim()} vào hộp thư đi. Chưa cấu hình máy chủ thư (Portal:Mail:Host) nên thư sẽ chờ ở đây cho đến khi có."
            : $"Đã đưa thư thử gửi {to?.Trim()} vào hộp thư đi; thư sẽ được gửi trong giây lát.";
        return await AfterStepAsync(result, done, "/quan-tri/thu-di", async problem =>
            View("Index", new MailAdminView(await db.StatusAsync(Host is not null, cancellationToken), Host, to, problem.Message)));
    }
}
