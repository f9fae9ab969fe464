using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PbgdplPortal.Accounts;
using QRCoder;

namespace PbgdplPortal.Web.BackOffice;

public sealed class ChangePasswordForm
{
    [Required(ErrorMessage = "Hãy nhập mật khẩu hiện tại.")]
    [MaxLength(256, ErrorMessage = "Quá dài (tối đa {1} ký tự).")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Hãy nhập mật khẩu mới.")]
    [MaxLength(256, ErrorMessage = "Quá dài (tối đa {1} ký tự).")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Hãy nhập lại mật khẩu mới.")]
    [Compare(nameof(NewPassword), ErrorMessage = "Hai lần nhập mật khẩu mới không khớp.")]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class AuthenticatorForm
{
    [Required(ErrorMessage = "Hãy nhập mã 6 chữ số.")]
    [MaxLength(20, ErrorMessage = "Quá dài (tối đa {1} ký tự).")]
    public string Code { get; set; } = "";
}

public sealed record MyAccountView(string Email, string FullName, string? Role, bool TwoFactor, int RecoveryCodesLeft);

public sealed record AuthenticatorSetupView(string SharedKey, string QrCodeDataUri, string OtpAuthUri);

public sealed record RecoveryCodesView(IReadOnlyList<string> Codes);

/// <summary>Every staff member's own account: password and two-factor authentication.</summary>
[Route("quan-tri/tai-khoan")]
public sealed class MyAccountController(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, AuditTrail audit) : BackOfficeController
{
    private const string Issuer = "Cổng PBGDPL";
    private const int RecoveryCodeCount = 10;

    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var user = await users.GetUserAsync(User);
        return user is null ? Challenge() : View(await ViewOfAsync(user));
    }

    [HttpPost("mat-khau")]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (ModelState.IsValid)
        {
            var result = await users.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
            if (result.Succeeded)
            {
                await audit.SaveAsync(audit.Actor, AuditActions.PasswordChanged, $"user:{user.Email}", "Tự đổi mật khẩu");
                // The stamp changed, which ends every other session; this one is signed in again.
                await signIn.RefreshSignInAsync(user);
                TempData["Message"] = "Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.";
                return Redirect("/quan-tri/tai-khoan");
            }
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(ChangePasswordForm.CurrentPassword) : nameof(ChangePasswordForm.NewPassword),
                    error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Mật khẩu hiện tại không đúng." : error.Description);
            }
        }
        return View(nameof(Index), await ViewOfAsync(user));
    }

    [HttpGet("xac-thuc-hai-buoc")]
    public async Task<IActionResult> Authenticator()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (user.TwoFactorEnabled)
        {
            return Redirect("/quan-tri/tai-khoan");
        }
        return View(await SetupOfAsync(user));
    }

    [HttpPost("xac-thuc-hai-buoc")]
    public async Task<IActionResult> Authenticator(AuthenticatorForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (user.TwoFactorEnabled)
        {
            return Redirect("/quan-tri/tai-khoan");
        }
        if (ModelState.IsValid)
        {
            var code = form.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (code.Length == 6 && code.All(char.IsAsciiDigit)
                && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await users.SetTwoFactorEnabledAsync(user, true);
                var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
                await audit.SaveAsync(audit.Actor, AuditActions.TwoFactorChanged, $"user:{user.Email}", "Bật xác thực hai bước");
                await signIn.RefreshSignInAsync(user);
                return View("RecoveryCodes", new RecoveryCodesView(codes));
            }
            ModelState.AddModelError(nameof(AuthenticatorForm.Code), "Mã không đúng. Hãy nhập mã 6 chữ số đang hiện trên ứng dụng xác thực.");
        }
        return View(await SetupOfAsync(user));
    }

    [HttpPost("ma-khoi-phuc")]
    public async Task<IActionResult> RecoveryCodes()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!user.TwoFactorEnabled)
        {
            return Redirect("/quan-tri/tai-khoan");
        }
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        await audit.SaveAsync(audit.Actor, AuditActions.TwoFactorChanged, $"user:{user.Email}", "Tạo lại mã khôi phục");
        return View("RecoveryCodes", new RecoveryCodesView(codes));
    }

    [HttpPost("tat-xac-thuc-hai-buoc")]
    public async Task<IActionResult> Disable()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (user.TwoFactorEnabled)
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            await audit.SaveAsync(audit.Actor, AuditActions.TwoFactorChanged, $"user:{user.Email}", "Tắt xác thực hai bước");
            await signIn.RefreshSignInAsync(user);
            TempData["Message"] = "Đã tắt xác thực hai bước.";
        }
        return Redirect("/quan-tri/tai-khoan");
    }

    private async Task<MyAccountView> ViewOfAsync(PortalUser user) =>
        new(user.Email ?? "", user.FullName, (await users.GetRolesAsync(user)).FirstOrDefault(), user.TwoFactorEnabled,
            user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0);

    private async Task<AuthenticatorSetupView> SetupOfAsync(PortalUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A new key renews the security stamp: keep this session signed in.
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.Email ?? "")}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30");
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return new AuthenticatorSetupView(FormatKey(key), "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg)), uri);
    }

    /// <summary>"ABCD EFGH …": the key in groups of four, lower case, easier to type.</summary>
    public static string FormatKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var builder = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }
            builder.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return builder.ToString().ToLowerInvariant();
    }
}
