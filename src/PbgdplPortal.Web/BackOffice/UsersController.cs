using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Text;

namespace PbgdplPortal.Web.BackOffice;

/// <summary>An agency offered in a form's choice list (retired agencies are never offered).</summary>
public sealed record AgencyChoice(int Id, string Name);

public static class AgencyChoices
{
    /// <summary>Agencies still in service, by name.</summary>
    public static Task<List<AgencyChoice>> ActiveAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        db.Agencies.AsNoTracking().Active().OrderBy(a => a.Name).Select(a => new AgencyChoice(a.Id, a.Name)).ToListAsync(cancellationToken);
}

/// <summary>An account in the list; <paramref name="LockedUntil"/> is the end of a lockout after failed sign-ins, while it lasts.</summary>
public sealed record UserRow(string Id, string Email, string FullName, string? Role, string? AgencyName, bool Disabled, bool TwoFactor, DateTime? LockedUntil);

public sealed record UserFilter(string? Role, int? Agency, string? Text, string? State);

public sealed record UserListView(PageOf<UserRow> Users, UserFilter Filter, IReadOnlyList<AgencyChoice> Agencies, PagerView Pager);

public sealed class UserForm
{
    [Required(ErrorMessage = "Hãy nhập e-mail.")]
    [EmailAddress(ErrorMessage = "E-mail không hợp lệ.")]
    [MaxLength(256, ErrorMessage = "Quá dài (tối đa {1} ký tự).")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Hãy nhập họ tên.")]
    [MaxLength(200, ErrorMessage = "Quá dài (tối đa {1} ký tự).")]
    public string FullName { get; set; } = "";

    [Required(ErrorMessage = "Hãy chọn vai trò.")]
    public string Role { get; set; } = PortalRoles.Editor;

    public int? AgencyId { get; set; }

    /// <summary>The initial password (creation only).</summary>
    [MaxLength(256, ErrorMessage = "Quá dài (tối đa {1} ký tự).")]
    public string? Password { get; set; }
}

public sealed class PasswordResetForm
{
    [Required(ErrorMessage = "Hãy nhập mật khẩu mới.")]
    [MaxLength(256, ErrorMessage = "Quá dài (tối đa {1} ký tự).")]
    public string NewPassword { get; set; } = "";
}

public sealed record UserEditView(string Id, UserForm Form, bool Disabled, DateTime? LockedUntil, bool TwoFactor, DateTime CreatedAt, bool IsSelf, IReadOnlyList<AgencyChoice> Agencies, string? ResetError);

public sealed record UserCreateView(UserForm Form, IReadOnlyList<AgencyChoice> Agencies);

/// <summary>Accounts: administrators create them, change role and agency, lock them and reset passwords.</summary>
[Route("quan-tri/nguoi-dung")]
[Authorize(Policy = BackOfficeHosting.AdministratorPolicy)]
public sealed class UsersController(PortalDbContext db, UserManager<PortalUser> users, SignInManager<PortalUser> signIn, AuditTrail audit, TimeProvider clock)
    : BackOfficeController
{
    public const int PageSize = 50;

    /// <summary>The lockout end of a disabled account: the latest moment both databases store exactly.</summary>
    public static readonly DateTimeOffset DisabledUntil = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    [HttpGet("")]
    public async Task<IActionResult> Index(
        [FromQuery(Name = "vai-tro")] string? role,
        [FromQuery(Name = "co-quan")] int? agency,
        [FromQuery(Name = "q")] string? text,
        [FromQuery(Name = "tinh-trang")] string? state,
        [FromQuery(Name = "trang")] int page = 1,
        CancellationToken cancellationToken = default)
    {
        role = role is { Length: > 0 } && PortalRoles.All.Contains(role) ? role : null;
        text = text is { Length: > 0 } ? VietnameseText.Nfc(text.Trim()) : null;
        state = state is "khoa" or "hoat-dong" ? state : null;
        var query = db.Users.AsNoTracking();
        if (role is not null)
        {
            var roleIds = db.Roles.Where(r => r.Name == role).Select(r => r.Id);
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)));
        }
        if (agency is { } agencyId)
        {
            query = query.Where(u => u.AgencyId == agencyId);
        }
        if (text is { Length: > 0 })
        {
            var upper = text.ToUpperInvariant();
            var lower = text.ToLowerInvariant();
#pragma warning disable CA1862 // Translated to SQL lower(): the database does the case folding.
            query = query.Where(u => u.NormalizedEmail!.Contains(upper) || u.FullName.Contains(text) || u.FullName.ToLower().Contains(lower));
#pragma warning restore CA1862
        }
        if (state is not null)
        {
            var disabled = DisabledUntil;
            query = state == "khoa" ? query.Where(u => u.LockoutEnd == disabled) : query.Where(u => u.LockoutEnd == null || u.LockoutEnd != disabled);
        }
        var found = await query.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id)
            .Select(u => new { u.Id, u.Email, u.FullName, AgencyName = u.Agency != null ? u.Agency.Name : null, u.LockoutEnd, u.TwoFactorEnabled })
            .ToPageAsync(page, PageSize, cancellationToken);
        var ids = found.Items.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var rows = found.Items.Select(u => new UserRow(u.Id, u.Email ?? "", u.FullName, roles.FirstOrDefault(r => r.UserId == u.Id)?.Name, u.AgencyName,
            u.LockoutEnd >= DisabledUntil, u.TwoFactorEnabled, TemporaryLockEnd(u.LockoutEnd))).ToList();
        var filter = new UserFilter(role, agency, text, state);
        var pager = new PagerView(found.Page, found.PageCount, found.Total, p => ListUrl(filter, p));
        return View(new UserListView(new PageOf<UserRow>(rows, found.Page, found.PageSize, found.Total), filter,
            await AgencyChoices.ActiveAsync(db, cancellationToken), pager));
    }

    private static string ListUrl(UserFilter filter, int page)
    {
        var query = new QueryString()
            .Add("vai-tro", filter.Role ?? "")
            .Add("co-quan", filter.Agency?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "")
            .Add("q", filter.Text ?? "")
            .Add("tinh-trang", filter.State ?? "")
            .Add("trang", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/quan-tri/nguoi-dung" + query.ToUriComponent();
    }

    [HttpGet("tao")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View(new UserCreateView(new UserForm(), await AgencyChoices.ActiveAsync(db, cancellationToken)));

    [HttpPost("tao")]
    public async Task<IActionResult> Create(UserForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        Normalize(form);
        await CheckRoleAndAgencyAsync(form, cancellationToken);
        if (string.IsNullOrEmpty(form.Password))
        {
            ModelState.AddModelError(nameof(UserForm.Password), "Hãy nhập mật khẩu ban đầu.");
        }
        else
        {
            // The password rules are reported together with the other fields' problems.
            foreach (var validator in users.PasswordValidators)
            {
                var check = await validator.ValidateAsync(users, new PortalUser { UserName = form.Email, Email = form.Email }, form.Password);
                foreach (var error in check.Errors)
                {
                    ModelState.AddModelError(nameof(UserForm.Password), error.Description);
                }
            }
        }
        if (ModelState.IsValid && await users.FindByEmailAsync(form.Email) is not null)
        {
            ModelState.AddModelError(nameof(UserForm.Email), $"Địa chỉ e-mail “{form.Email}” đã được dùng cho tài khoản khác.");
        }
        if (ModelState.IsValid)
        {
            var user = new PortalUser
            {
                UserName = form.Email,
                Email = form.Email,
                EmailConfirmed = true,
                FullName = form.FullName,
                AgencyId = form.AgencyId,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await users.CreateAsync(user, form.Password!);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, form.Role);
            }
            if (result.Succeeded)
            {
                audit.Add(AuditActions.UserCreated, $"user:{user.Email}", $"Vai trò: {PortalRoles.Label(form.Role)}; cơ quan: {await AgencyNameAsync(form.AgencyId, cancellationToken)}");
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                TempData["Message"] = $"Đã tạo tài khoản {user.Email}.";
                return Redirect($"/quan-tri/nguoi-dung/{user.Id}");
            }
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(UserForm.Password) : "", error.Description);
            }
        }
        form.Password = null;
        return View(new UserCreateView(form, await AgencyChoices.ActiveAsync(db, cancellationToken)));
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Edit(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        return user is null ? NotFound() : View(await EditViewAsync(user, await FormOfAsync(user), null, cancellationToken));
    }

    [HttpPost("{id}")]
    public async Task<IActionResult> Edit(string id, UserForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        form.Email = user.Email ?? "";
        ModelState.Remove(nameof(UserForm.Email));
        Normalize(form);
        await CheckRoleAndAgencyAsync(form, cancellationToken);
        var before = await FormOfAsync(user);
        if (IsSelf(user) && before.Role == PortalRoles.Administrator && form.Role != PortalRoles.Administrator)
        {
            ModelState.AddModelError(nameof(UserForm.Role), "Bạn không thể tự bỏ vai trò quản trị của chính mình; hãy nhờ một quản trị viên khác.");
        }
        if (!ModelState.IsValid)
        {
            return View(await EditViewAsync(user, form, null, cancellationToken));
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.FullName = form.FullName;
        user.AgencyId = form.AgencyId;
        var result = await users.UpdateAsync(user);
        if (result.Succeeded && before.Role != form.Role)
        {
            if (before.Role is not null)
            {
                result = await users.RemoveFromRoleAsync(user, before.Role);
            }
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, form.Role);
            }
        }
        if (result.Succeeded)
        {
            // The account's sessions end everywhere: the next request re-checks the security stamp.
            result = await users.UpdateSecurityStampAsync(user);
        }
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("", error.Description);
            }
            return View(await EditViewAsync((await users.FindByIdAsync(id))!, form, null, cancellationToken));
        }
        var target = $"user:{user.Email}";
        if (before.Role != form.Role)
        {
            audit.Add(AuditActions.RoleChanged, target, $"{RoleLabel(before.Role)} → {RoleLabel(form.Role)}");
        }
        if (before.AgencyId != form.AgencyId)
        {
            audit.Add(AuditActions.UserAgencyChanged, target, $"{await AgencyNameAsync(before.AgencyId, cancellationToken)} → {await AgencyNameAsync(form.AgencyId, cancellationToken)}");
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (IsSelf(user))
        {
            await signIn.RefreshSignInAsync(user);
        }
        TempData["Message"] = "Đã lưu. Tài khoản đã được đăng xuất khỏi mọi phiên đang mở.";
        return Redirect($"/quan-tri/nguoi-dung/{user.Id}");
    }

    [HttpPost("{id}/khoa")]
    public async Task<IActionResult> Disable(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        if (IsSelf(user))
        {
            ModelState.AddModelError("", "Bạn không thể tự khóa tài khoản của chính mình.");
            return View(nameof(Edit), await EditViewAsync(user, await FormOfAsync(user), null, cancellationToken));
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DisabledUntil);
        await users.UpdateSecurityStampAsync(user);
        audit.Add(AuditActions.UserDisabled, $"user:{user.Email}", "Khóa tài khoản");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        TempData["Message"] = "Đã khóa tài khoản; mọi phiên đang mở đã kết thúc.";
        return Redirect($"/quan-tri/nguoi-dung/{user.Id}");
    }

    [HttpPost("{id}/mo-khoa")]
    public async Task<IActionResult> Enable(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        audit.Add(AuditActions.UserDisabled, $"user:{user.Email}", "Mở khóa tài khoản");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        TempData["Message"] = "Đã mở khóa tài khoản.";
        return Redirect($"/quan-tri/nguoi-dung/{user.Id}");
    }

    [HttpPost("{id}/mat-khau")]
    public async Task<IActionResult> ResetPassword(string id, PasswordResetForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return View(nameof(Edit), await EditViewAsync(user, await FormOfAsync(user), "Hãy nhập mật khẩu mới.", cancellationToken));
        }
        // A reset token checks the rules before anything is written, and renews the security stamp.
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, form.NewPassword);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            var fresh = (await users.FindByIdAsync(id))!;
            return View(nameof(Edit), await EditViewAsync(fresh, await FormOfAsync(fresh), string.Join(" ", result.Errors.Select(e => e.Description)), cancellationToken));
        }
        await audit.SaveAsync(audit.Actor, AuditActions.PasswordChanged, $"user:{user.Email}", "Quản trị đặt lại mật khẩu");
        if (IsSelf(user))
        {
            await signIn.RefreshSignInAsync(user);
        }
        TempData["Message"] = "Đã đặt mật khẩu mới; mọi phiên đang mở của tài khoản đã kết thúc.";
        return Redirect($"/quan-tri/nguoi-dung/{user.Id}");
    }

    private bool IsSelf(PortalUser user) => user.Id == User.UserId();

    private static string RoleLabel(string? role) => role is null ? "(không có)" : PortalRoles.Label(role);

    private async Task<string> AgencyNameAsync(int? id, CancellationToken cancellationToken) =>
        id is null ? "(không có)" : await db.Agencies.Where(a => a.Id == id).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken) ?? "(không có)";

    private static void Normalize(UserForm form)
    {
        form.Email = VietnameseText.Nfc(form.Email?.Trim() ?? "");
        form.FullName = VietnameseText.Nfc(form.FullName?.Trim() ?? "");
    }

    private async Task CheckRoleAndAgencyAsync(UserForm form, CancellationToken cancellationToken)
    {
        if (!PortalRoles.All.Contains(form.Role))
        {
            ModelState.AddModelError(nameof(UserForm.Role), "Vai trò không hợp lệ.");
            return;
        }
        if (form.AgencyId is { } agencyId)
        {
            if (!await db.Agencies.Active().AnyAsync(a => a.Id == agencyId, cancellationToken))
            {
                ModelState.AddModelError(nameof(UserForm.AgencyId), "Cơ quan không tồn tại hoặc đã ngừng hoạt động.");
            }
        }
        else if (PortalRoles.NeedsAgency(form.Role))
        {
            ModelState.AddModelError(nameof(UserForm.AgencyId), $"Vai trò {PortalRoles.Label(form.Role)} phải thuộc một cơ quan.");
        }
    }

    private async Task<UserForm> FormOfAsync(PortalUser user) => new()
    {
        Email = user.Email ?? "",
        FullName = user.FullName,
        Role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "",
        AgencyId = user.AgencyId,
    };

    private async Task<UserEditView> EditViewAsync(PortalUser user, UserForm form, string? resetError, CancellationToken cancellationToken)
    {
        var agencies = await AgencyChoices.ActiveAsync(db, cancellationToken);
        if (user.AgencyId is { } current && agencies.All(a => a.Id != current))
        {
            // A retired agency is still shown for an account that belongs to it.
            agencies.Insert(0, new AgencyChoice(current, await AgencyNameAsync(current, cancellationToken) + " (đã ngừng hoạt động)"));
        }
        form.Password = null;
        return new UserEditView(user.Id, form, user.LockoutEnd >= DisabledUntil, TemporaryLockEnd(user.LockoutEnd), user.TwoFactorEnabled, user.CreatedAt, IsSelf(user), agencies, resetError);
    }

    /// <summary>The end of a lockout after failed sign-ins while it lasts; null when open or locked by an administrator.</summary>
    private DateTime? TemporaryLockEnd(DateTimeOffset? lockoutEnd) =>
        lockoutEnd is { } end && end < DisabledUntil && end > clock.GetUtcNow() ? end.UtcDateTime : null;
}
