using System.Net;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;

namespace PbgdplPortal.Web.Tests.BackOffice;

public abstract class UserAdminTests(PortalFactory portal)
{
    private const string Create = "/quan-tri/nguoi-dung/tao";

    private async Task<int> AgencyIdAsync(string slug) => await portal.WithDbAsync(db => db.Agencies.Where(a => a.Slug == slug).Select(a => a.Id).SingleAsync());

    private static (string, string)[] NewAccount(string email, string role, int? agency, string password) =>
        [("Email", email), ("FullName", "Trần Thị Mới"), ("Role", role), ("AgencyId", agency?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""), ("Password", password)];

    [Fact]
    public async Task An_administrator_creates_an_editor_who_can_then_sign_in_and_the_creation_is_audited()
    {
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        var email = $"bien-tap-{Guid.NewGuid():N}@kiemthu.vn";
        var response = await admin.PostFormAsync(Create, Create, NewAccount(email, PortalRoles.Editor, await AgencyIdAsync("so-tu-phap"), TestAccounts.Password));
        Assert.StartsWith("/quan-tri/nguoi-dung/", response.RedirectTarget(), StringComparison.Ordinal);
        var edit = await admin.GetStringAsync(response.RedirectTarget());
        Assert.Contains(email, edit, StringComparison.Ordinal);
        var entry = await portal.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.UserCreated && a.Target == $"user:{email}"));
        Assert.Contains("Biên tập viên", entry.Detail, StringComparison.Ordinal);
        var newcomer = await portal.SignedInAsync(new TestAccount("", email, TestAccounts.Password, PortalRoles.Editor, null));
        Assert.Contains("Sở Tư pháp", await newcomer.GetStringAsync("/quan-tri"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moderator_needs_no_agency_an_expert_does_and_the_form_says_exactly_that()
    {
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        Assert.Contains("Cơ quan (bắt buộc với biên tập viên, người duyệt và chuyên gia)", await admin.GetStringAsync(Create), StringComparison.Ordinal);
        var moderator = $"dieu-phoi-{Guid.NewGuid():N}@kiemthu.vn";
        var response = await admin.PostFormAsync(Create, Create, NewAccount(moderator, PortalRoles.Moderator, null, TestAccounts.Password));
        Assert.StartsWith("/quan-tri/nguoi-dung/", response.RedirectTarget(), StringComparison.Ordinal);
        Assert.Null(await portal.WithDbAsync(db => db.Users.Where(u => u.Email == moderator).Select(u => u.AgencyId).SingleAsync()));
        var expert = $"chuyen-gia-{Guid.NewGuid():N}@kiemthu.vn";
        response = await admin.PostFormAsync(Create, Create, NewAccount(expert, PortalRoles.Expert, null, TestAccounts.Password));
        Assert.Contains("Vai trò Chuyên gia phải thuộc một cơ quan.", await response.TextAsync(), StringComparison.Ordinal);
        Assert.False(await portal.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == expert)));
    }

    [Fact]
    public async Task A_weak_password_or_a_missing_agency_is_refused_in_Vietnamese_and_nothing_is_created()
    {
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        var email = $"yeu-{Guid.NewGuid():N}@kiemthu.vn";
        var weak = await admin.PostFormAsync(Create, Create, NewAccount(email, PortalRoles.Editor, await AgencyIdAsync("so-tu-phap"), "abc"));
        var both = await admin.PostFormAsync(Create, Create, NewAccount(email, PortalRoles.Editor, null, "abc"));
        Assert.Contains("Mật khẩu phải có ít nhất 12 ký tự.", await both.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("phải thuộc một cơ quan", await both.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        var page = await weak.TextAsync();
        Assert.Contains("Mật khẩu phải có ít nhất 12 ký tự.", page, StringComparison.Ordinal);
        Assert.Contains("Mật khẩu phải có ít nhất một chữ hoa.", page, StringComparison.Ordinal);
        var noAgency = await admin.PostFormAsync(Create, Create, NewAccount(email, PortalRoles.Reviewer, null, TestAccounts.Password));
        Assert.Contains("Vai trò Người duyệt phải thuộc một cơ quan.", await noAgency.TextAsync(), StringComparison.Ordinal);
        var duplicate = await admin.PostFormAsync(Create, Create, NewAccount((await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap")).Email, PortalRoles.Editor, await AgencyIdAsync("so-tu-phap"), TestAccounts.Password));
        Assert.Contains("đã được dùng cho tài khoản khác", await duplicate.TextAsync(), StringComparison.Ordinal);
        Assert.False(await portal.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task An_administrator_without_an_agency_may_be_created()
    {
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        var email = $"quan-tri-{Guid.NewGuid():N}@kiemthu.vn";
        var response = await admin.PostFormAsync(Create, Create, NewAccount(email, PortalRoles.Administrator, null, TestAccounts.Password));
        Assert.StartsWith("/quan-tri/nguoi-dung/", response.RedirectTarget(), StringComparison.Ordinal);
        var other = await portal.SignedInAsync(new TestAccount("", email, TestAccounts.Password, PortalRoles.Administrator, null));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/quan-tri/nguoi-dung")).StatusCode);
    }

    [Fact]
    public async Task The_list_is_filtered_by_text_role_agency_and_state()
    {
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-giao-duc-va-dao-tao");
        var reviewer = await portal.CreateAccountAsync(PortalRoles.Reviewer, "so-tu-phap");
        var byText = await admin.GetStringAsync($"/quan-tri/nguoi-dung?q={editor.Email[..20]}");
        Assert.Contains(editor.Email, byText, StringComparison.Ordinal);
        Assert.DoesNotContain(reviewer.Email, byText, StringComparison.Ordinal);
        var byAgency = await admin.GetStringAsync($"/quan-tri/nguoi-dung?co-quan={editor.AgencyId}&vai-tro=editor&trang=1");
        Assert.Contains(editor.Email, byAgency, StringComparison.Ordinal);
        Assert.DoesNotContain(reviewer.Email, byAgency, StringComparison.Ordinal);
        Assert.Contains(reviewer.Email, await admin.GetStringAsync($"/quan-tri/nguoi-dung?vai-tro=reviewer&q={reviewer.Email[..22]}"), StringComparison.Ordinal);
        Assert.DoesNotContain(reviewer.Email, await admin.GetStringAsync($"/quan-tri/nguoi-dung?vai-tro=editor&q={reviewer.Email[..22]}"), StringComparison.Ordinal);
        await admin.PostFormAsync($"/quan-tri/nguoi-dung/{editor.Id}", $"/quan-tri/nguoi-dung/{editor.Id}/khoa", []);
        Assert.Contains(editor.Email, await admin.GetStringAsync($"/quan-tri/nguoi-dung?tinh-trang=khoa&q={editor.Email[..20]}"), StringComparison.Ordinal);
        Assert.DoesNotContain(reviewer.Email, await admin.GetStringAsync($"/quan-tri/nguoi-dung?tinh-trang=khoa&q={reviewer.Email[..22]}"), StringComparison.Ordinal);
        Assert.DoesNotContain(editor.Email, await admin.GetStringAsync($"/quan-tri/nguoi-dung?tinh-trang=hoat-dong&q={editor.Email[..20]}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_role_and_agency_signs_the_account_out_everywhere_and_is_audited_old_to_new()
    {
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var session = await portal.SignedInAsync(editor);
        var edit = $"/quan-tri/nguoi-dung/{editor.Id}";
        var response = await admin.PostFormAsync(edit, edit,
            [("FullName", "Nguyễn Văn Thử"), ("Role", PortalRoles.Reviewer), ("AgencyId", (await AgencyIdAsync("so-giao-duc-va-dao-tao")).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(edit, response.RedirectTarget());
        Assert.True(await session.IsSignedOutAsync());
        var role = await portal.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.RoleChanged && a.Target == $"user:{editor.Email}"));
        Assert.Equal("Biên tập viên → Người duyệt", role.Detail);
        var agency = await portal.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.UserAgencyChanged && a.Target == $"user:{editor.Email}"));
        Assert.Equal("Sở Tư pháp tỉnh Cà Mau → Sở Giáo dục và Đào tạo tỉnh Cà Mau", agency.Detail);
        var again = await portal.SignedInAsync(editor);
        Assert.Contains("Sở Giáo dục và Đào tạo", await again.GetStringAsync("/quan-tri"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_until_unlocked_and_its_sessions_end()
    {
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var session = await portal.SignedInAsync(editor);
        var edit = $"/quan-tri/nguoi-dung/{editor.Id}";
        Assert.Equal(edit, (await admin.PostFormAsync(edit, edit + "/khoa", [])).RedirectTarget());
        Assert.True(await session.IsSignedOutAsync());
        var refused = await portal.Browser().SignInAsync(editor.Email, editor.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        // The sign-in page gives the wrong-password answer; the audit log and the account page tell the lock.
        Assert.Contains("E-mail hoặc mật khẩu không đúng.", await refused.TextAsync(), StringComparison.Ordinal);
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.LockedOut && a.UserId == editor.Id)));
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.UserDisabled && a.Target == $"user:{editor.Email}")));
        Assert.Contains("Đã khóa", await admin.GetStringAsync(edit), StringComparison.Ordinal);
        Assert.Equal(edit, (await admin.PostFormAsync(edit, edit + "/mo-khoa", [])).RedirectTarget());
        await portal.SignedInAsync(editor);
    }

    [Fact]
    public async Task An_administrator_resets_a_password_the_old_one_stops_working_and_sessions_end()
    {
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var session = await portal.SignedInAsync(editor);
        var edit = $"/quan-tri/nguoi-dung/{editor.Id}";
        var weak = await admin.PostFormAsync(edit, edit + "/mat-khau", [("NewPassword", "ngan")]);
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("Mật khẩu phải có ít nhất 12 ký tự.", await weak.TextAsync(), StringComparison.Ordinal);
        Assert.False(await session.IsSignedOutAsync());
        const string NewPassword = "Mật-khẩu-Đặt-Lại-2026!";
        Assert.Equal(edit, (await admin.PostFormAsync(edit, edit + "/mat-khau", [("NewPassword", NewPassword)])).RedirectTarget());
        Assert.True(await session.IsSignedOutAsync());
        Assert.Equal(HttpStatusCode.OK, (await portal.Browser().SignInAsync(editor.Email, editor.Password)).StatusCode);
        await portal.SignedInAsync(editor with { Password = NewPassword });
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.PasswordChanged && a.Target == $"user:{editor.Email}")));
    }

    [Fact]
    public async Task An_administrator_cannot_remove_their_own_administrator_role_or_disable_themselves()
    {
        var account = await portal.CreateAccountAsync(PortalRoles.Administrator);
        var admin = await portal.SignedInAsync(account);
        var edit = $"/quan-tri/nguoi-dung/{account.Id}";
        var demote = await admin.PostFormAsync(edit, edit,
            [("FullName", "Nguyễn Văn Thử"), ("Role", PortalRoles.Reviewer), ("AgencyId", (await AgencyIdAsync("so-tu-phap")).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.OK, demote.StatusCode);
        Assert.Contains("Bạn không thể tự bỏ vai trò quản trị của chính mình", await demote.TextAsync(), StringComparison.Ordinal);
        var disable = await admin.PostFormAsync(edit, edit + "/khoa", []);
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Contains("Bạn không thể tự khóa tài khoản của chính mình.", await disable.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/quan-tri/nguoi-dung")).StatusCode);
        Assert.Null(await portal.WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).Select(u => u.LockoutEnd).SingleAsync()));
    }

    [Fact]
    public async Task An_administrator_renaming_themselves_stays_signed_in()
    {
        var account = await portal.CreateAccountAsync(PortalRoles.Administrator);
        var admin = await portal.SignedInAsync(account);
        var edit = $"/quan-tri/nguoi-dung/{account.Id}";
        Assert.Equal(edit, (await admin.PostFormAsync(edit, edit, [("FullName", "Lê Văn Đổi Tên"), ("Role", PortalRoles.Administrator), ("AgencyId", "")])).RedirectTarget());
        Assert.Contains("Xin chào, Lê Văn Đổi Tên", await admin.GetStringAsync("/quan-tri"), StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UserAdminOnSqlite(SqlitePortal portal) : UserAdminTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class UserAdminOnPostgres(PostgresPortal portal) : UserAdminTests(portal);
