using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PbgdplPortal.Accounts;
using PbgdplPortal.Data;
using PbgdplPortal.Security;
using PbgdplPortal.Text;
using PbgdplPortal.Web.Hosting;

namespace PbgdplPortal.Web.BackOffice;

public sealed class PasswordResetRequestForm
{
    [Required(ErrorMessage = "Hãy nhập e-mail.")]
    [MaxLength(256, ErrorMessage = "Quá dài (tối đa {1} ký tự).")]
    public string Email { get; set; } = "";

    /// <summary>Set once the request was handled: the page then shows <see cref="PasswordReset.Answer"/>.</summary>
    public bool Sent { get; set; }
}

public sealed class ForgottenPasswordForm
{
    public string UserId { get; set; } = "";

    public string Token { get; set; } = "";

    [Required(ErrorMessage = "Hãy nhập mật khẩu mới.")]
    [MaxLength(256, ErrorMessage = "Quá dài (tối đa {1} ký tự).")]
    public string NewPassword { get; set; } = "";

    /// <summary>Set when the link cannot be used: the page then says so instead of showing the form.</summary>
    public bool Invalid { get; set; }
}

/// <summary>
/// "Quên mật khẩu": staff ask for a one-time link by e-mail (<see cref="PasswordReset"/>) and set a new password with it. The
/// request is answered the same way, after the same database work, whether or not the address has an account.
/// </summary>
[AllowAnonymous]
[Route("quan-tri")]
public sealed class PasswordResetController(UserManager<PortalUser> users, AuditTrail audit, AddressLimiter limiter, PortalDbContext db, TimeProvider clock,
    IOptions<AccountOptions> options) : BackOfficeController
{
    [HttpGet("quen-mat-khau")]
    public IActionResult Ask() => View(new PasswordResetRequestForm());

    [HttpPost("quen-mat-khau")]
    [LimitPerAddress(BackOfficeHosting.PasswordResetRateLimit)]
    public async Task<IActionResult> Ask(PasswordResetRequestForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        var email = VietnameseText.Nfc(form.Email).Trim();
        // Counted for every address typed, known or not, so both answers cost the same work.
        var withinLimit = await limiter.TryTakeAsync(PasswordReset.PerAccount, email.ToUpperInvariant(), cancellationToken);
        var user = await users.FindByEmailAsync(email);
        string detail;
        if (user is null)
        {
            detail = "Không có tài khoản";
        }
        else if (user.LockoutEnd >= UsersController.DisabledUntil)
        {
            detail = "Tài khoản đã bị khóa: không gửi thư";
        }
        else if (!withinLimit)
        {
            detail = $"Quá {PasswordReset.PerAccount.Permits} yêu cầu trong một giờ: không gửi thư";
        }
        else
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var origin = options.Value.PublicAddress is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{HttpContext.Request.Scheme}://{HttpContext.Request.Host}";
            var link = $"{origin}/quan-tri/dat-lai-mat-khau?tai-khoan={Uri.EscapeDataString(user.Id)}&ma={Uri.EscapeDataString(token)}";
            db.QueuePasswordResetMail(user.Email!, link, clock.GetUtcNow().UtcDateTime);
            detail = "Đã gửi thư đặt lại mật khẩu";
        }
        await audit.SaveAsync(new AuditActor(user?.Id, user?.Email ?? email, null), AuditActions.PasswordResetRequested, $"user:{user?.Email ?? email}", detail);
        ModelState.Clear();
        return View(new PasswordResetRequestForm { Email = email, Sent = true });
    }

    [HttpGet("dat-lai-mat-khau")]
    public async Task<IActionResult> Reset([FromQuery(Name = "tai-khoan")] string? userId, [FromQuery(Name = "ma")] string? token)
    {
        var user = userId is { Length: > 0 } ? await users.FindByIdAsync(userId) : null;
        var valid = user is not null && token is { Length: > 0 }
            && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<PortalUser>.ResetPasswordTokenPurpose, token);
        return View(new ForgottenPasswordForm { UserId = userId ?? "", Token = token ?? "", Invalid = !valid });
    }

    [HttpPost("dat-lai-mat-khau")]
    [LimitPerAddress(BackOfficeHosting.PasswordResetRateLimit)]
    public async Task<IActionResult> Reset(ForgottenPasswordForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = form.UserId.Length > 0 ? await users.FindByIdAsync(form.UserId) : null;
        if (user is null || form.Token.Length == 0)
        {
            return View(new ForgottenPasswordForm { Invalid = true });
        }
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        // Identity checks the token (purpose, lifetime, security stamp) and changes the stamp, which ends every other session
        // and makes this link unusable again.
        var result = await users.ResetPasswordAsync(user, form.Token, form.NewPassword);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
        {
            return View(new ForgottenPasswordForm { Invalid = true });
        }
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(ForgottenPasswordForm.NewPassword), error.Description);
            }
            return View(form);
        }
        await users.ResetAccessFailedCountAsync(user);
        await audit.SaveAsync(new AuditActor(user.Id, user.Email, null), AuditActions.PasswordReset, $"user:{user.Email}", "Đặt lại bằng liên kết trong thư");
        TempData["Message"] = "Đã đặt mật khẩu mới; các phiên đăng nhập khác của tài khoản đã kết thúc. Hãy đăng nhập bằng mật khẩu mới.";
        return Redirect("/quan-tri/dang-nhap");
    }
}
