using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PbgdplPortal.Accounts;
using PbgdplPortal.Data;
using PbgdplPortal.Text;
using PbgdplPortal.Web.Hosting;

namespace PbgdplPortal.Web.BackOffice;

public sealed class SignInForm
{
    [Required(ErrorMessage = "Hãy nhập e-mail.")]
    [MaxLength(256, ErrorMessage = "Quá dài (tối đa {1} ký tự).")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Hãy nhập mật khẩu.")]
    [MaxLength(256, ErrorMessage = "Quá dài (tối đa {1} ký tự).")]
    public string Password { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class TwoFactorForm
{
    [Required(ErrorMessage = "Hãy nhập mã xác thực.")]
    [MaxLength(64, ErrorMessage = "Quá dài (tối đa {1} ký tự).")]
    public string Code { get; set; } = "";

    /// <summary>True when <see cref="Code"/> is one of the account's recovery codes.</summary>
    public bool Recovery { get; set; }

    public string? ReturnUrl { get; set; }
}

/// <summary>
/// Sign-in (with the optional authenticator step) and sign-out. Every refusal of the password step (unknown address, wrong
/// password, temporary lockout, account locked by an administrator) shows the same page and message and costs one
/// password-hash verification, so neither the answer nor its timing tells whether an address has an account or is
/// locked; the audit log, the account list and a mail to the owner (<see cref="LockoutNotice"/>) tell the lockout.
/// </summary>
[Route("quan-tri")]
public sealed class AccountController(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, AuditTrail audit, DecoyPassword<PortalUser> decoy,
    PortalDbContext db, TimeProvider clock) : BackOfficeController
{
    private const string Failed = "E-mail hoặc mật khẩu không đúng.";

    [AllowAnonymous]
    [HttpGet("dang-nhap")]
    public IActionResult SignIn(string? returnUrl) => View(new SignInForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("dang-nhap")]
    [LimitPerAddress(BackOfficeHosting.SignInRateLimit)]
    public async Task<IActionResult> SignIn(SignInForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        var email = form.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            decoy.Verify(form.Password);
            await audit.SaveAsync(new AuditActor(null, email, null), AuditActions.SignInFailed, $"user:{email}", "Không có tài khoản");
            return Refused(form);
        }
        var actor = new AuditActor(user.Id, user.Email, null);
        var lockedBefore = await users.IsLockedOutAsync(user);
        if (lockedBefore)
        {
            // Identity would refuse without hashing; the decoy makes this refusal cost what a wrong password costs.
            decoy.Verify(form.Password);
            await audit.SaveAsync(actor, AuditActions.LockedOut, $"user:{user.Email}", LockDetail(user));
            return Refused(form);
        }
        var result = await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.SaveAsync(actor, AuditActions.SignIn, $"user:{user.Email}");
            return LocalRedirect(SafeReturn(form.ReturnUrl));
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(TwoFactor), new { returnUrl = SafeReturn(form.ReturnUrl) });
        }
        if (result.IsLockedOut)
        {
            // The account was open before this attempt, so this attempt locked it: its owner is told by mail, saved with the audit line.
            var now = clock.GetUtcNow().UtcDateTime;
            if (user.LockoutEnd is { } end && end.UtcDateTime > now && user.Email is { Length: > 0 } owner)
            {
                db.QueueLockoutNotice(owner, end.UtcDateTime, now);
            }
            await audit.SaveAsync(actor, AuditActions.LockedOut, $"user:{user.Email}", LockDetail(user));
            return Refused(form);
        }
        await audit.SaveAsync(actor, AuditActions.SignInFailed, $"user:{user.Email}", result.IsNotAllowed ? "Tài khoản không được phép đăng nhập" : "Sai mật khẩu");
        return Refused(form);
    }

    /// <summary>The one answer to every refused password step.</summary>
    private ViewResult Refused(SignInForm form)
    {
        ModelState.AddModelError("", Failed);
        return View(form);
    }

    private static string LockDetail(PortalUser user) => user.LockoutEnd >= UsersController.DisabledUntil
        ? "Tài khoản bị quản trị khóa"
        : $"Tạm khóa đến {VietnameseText.FormatMinute(user.LockoutEnd!.Value.UtcDateTime)} do đăng nhập sai nhiều lần";

    [AllowAnonymous]
    [HttpGet("dang-nhap/xac-thuc")]
    public async Task<IActionResult> TwoFactor(string? returnUrl) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToAction(nameof(SignIn))
            : View(new TwoFactorForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("dang-nhap/xac-thuc")]
    [LimitPerAddress(BackOfficeHosting.SignInRateLimit)]
    public async Task<IActionResult> TwoFactor(TwoFactorForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToAction(nameof(SignIn));
        }
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        var code = form.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = form.Recovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(form.Code.Replace(" ", "", StringComparison.Ordinal))
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        var actor = new AuditActor(user.Id, user.Email, null);
        if (result.Succeeded)
        {
            await audit.SaveAsync(actor, AuditActions.SignIn, $"user:{user.Email}", form.Recovery ? "Mã khôi phục" : "Ứng dụng xác thực");
            return LocalRedirect(SafeReturn(form.ReturnUrl));
        }
        if (result.IsLockedOut)
        {
            await audit.SaveAsync(actor, AuditActions.LockedOut, $"user:{user.Email}");
            ModelState.AddModelError("", "Tài khoản đang tạm khóa vì nhập sai nhiều lần. Hãy thử lại sau ít phút.");
            return View(form);
        }
        await audit.SaveAsync(actor, AuditActions.SignInFailed, $"user:{user.Email}", "Sai mã xác thực");
        ModelState.AddModelError("", "Mã xác thực không đúng.");
        return View(form);
    }

    [HttpPost("dang-xuat")]
    public async Task<IActionResult> SignOutNow()
    {
        await audit.SaveAsync(audit.Actor, AuditActions.SignOut, $"user:{User.Identity?.Name}");
        await signIn.SignOutAsync();
        return Redirect("/quan-tri/dang-nhap");
    }

    private string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith("/quan-tri", StringComparison.Ordinal) ? returnUrl : "/quan-tri";
}
