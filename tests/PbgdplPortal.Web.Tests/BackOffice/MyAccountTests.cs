using System.Net;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;

namespace PbgdplPortal.Web.Tests.BackOffice;

public abstract class MyAccountTests(PortalFactory portal)
{
    private const string Page = "/quan-tri/tai-khoan";
    private const string Setup = "/quan-tri/tai-khoan/xac-thuc-hai-buoc";

    [Fact]
    public async Task Changing_my_password_keeps_this_session_ends_the_others_and_is_audited()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var here = await portal.SignedInAsync(editor);
        var elsewhere = await portal.SignedInAsync(editor);
        const string NewPassword = "Mật-khẩu-Của-Tôi-2026!";
        var wrong = await here.PostFormAsync(Page, Page + "/mat-khau", [("CurrentPassword", "Sai-mat-khau-1!"), ("NewPassword", NewPassword), ("ConfirmPassword", NewPassword)]);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Mật khẩu hiện tại không đúng.", await wrong.TextAsync(), StringComparison.Ordinal);
        var weak = await here.PostFormAsync(Page, Page + "/mat-khau", [("CurrentPassword", editor.Password), ("NewPassword", "ngan"), ("ConfirmPassword", "ngan")]);
        Assert.Contains("Mật khẩu phải có ít nhất 12 ký tự.", await weak.TextAsync(), StringComparison.Ordinal);
        var changed = await here.PostFormAsync(Page, Page + "/mat-khau", [("CurrentPassword", editor.Password), ("NewPassword", NewPassword), ("ConfirmPassword", NewPassword)]);
        Assert.Equal(Page, changed.RedirectTarget());
        Assert.Contains("Đã đổi mật khẩu", await here.GetStringAsync(Page), StringComparison.Ordinal);
        Assert.False(await here.IsSignedOutAsync());
        Assert.True(await elsewhere.IsSignedOutAsync());
        await portal.SignedInAsync(editor with { Password = NewPassword });
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.PasswordChanged && a.UserId == editor.Id)));
    }

    [Fact]
    public async Task Two_factor_authentication_is_enabled_with_a_verified_code_and_then_required_at_sign_in()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var client = await portal.SignedInAsync(editor);
        var setup = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync(Setup));
        Assert.Contains("data:image/svg+xml;base64,", setup, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", setup, StringComparison.Ordinal);
        var key = AdminKit.SharedKeyOf(setup);
        var wrong = await client.PostFormAsync(Setup, Setup, [("Code", "000000" == AdminKit.Totp(key) ? "111111" : "000000")]);
        Assert.Contains("Mã không đúng.", await wrong.TextAsync(), StringComparison.Ordinal);
        var enabled = await client.PostFormAsync(Setup, Setup, [("Code", AdminKit.Totp(key))]);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var codes = AdminKit.RecoveryCodesOf(await enabled.Content.ReadAsStringAsync());
        Assert.Equal(10, codes.Count);
        Assert.False(await client.IsSignedOutAsync());
        Assert.Contains("Còn 10 mã khôi phục", await client.GetStringAsync(Page), StringComparison.Ordinal);
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.TwoFactorChanged && a.UserId == editor.Id)));

        // Password, then the authenticator code.
        var browser = portal.Browser();
        var first = await browser.SignInAsync(editor.Email, editor.Password);
        Assert.StartsWith("/quan-tri/dang-nhap/xac-thuc", first.RedirectTarget(), StringComparison.Ordinal);
        Assert.True(await browser.IsSignedOutAsync());
        var second = await browser.PostFormAsync(first.RedirectTarget(), "/quan-tri/dang-nhap/xac-thuc", [("Code", AdminKit.Totp(key)), ("ReturnUrl", "/quan-tri")]);
        Assert.Equal("/quan-tri", second.RedirectTarget());
        Assert.Contains("Xin chào", await browser.GetStringAsync("/quan-tri"), StringComparison.Ordinal);

        // Password, then a recovery code (used once).
        var other = portal.Browser();
        var step = await other.SignInAsync(editor.Email, editor.Password);
        var recovered = await other.PostFormAsync(step.RedirectTarget(), "/quan-tri/dang-nhap/xac-thuc", [("Code", codes[0]), ("Recovery", "true"), ("ReturnUrl", "/quan-tri")]);
        Assert.Equal("/quan-tri", recovered.RedirectTarget());
        Assert.False(await other.IsSignedOutAsync());
        var third = portal.Browser();
        var again = await third.SignInAsync(editor.Email, editor.Password);
        var reused = await third.PostFormAsync(again.RedirectTarget(), "/quan-tri/dang-nhap/xac-thuc", [("Code", codes[0]), ("Recovery", "true"), ("ReturnUrl", "/quan-tri")]);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("Mã xác thực không đúng.", await reused.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recovery_codes_are_regenerated_and_two_factor_authentication_is_disabled()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Reviewer, "so-tu-phap");
        var client = await portal.SignedInAsync(editor);
        var key = AdminKit.SharedKeyOf(await client.GetStringAsync(Setup));
        var old = AdminKit.RecoveryCodesOf(await (await client.PostFormAsync(Setup, Setup, [("Code", AdminKit.Totp(key))])).Content.ReadAsStringAsync());
        var fresh = AdminKit.RecoveryCodesOf(await (await client.PostFormAsync(Page, Page + "/ma-khoi-phuc", [])).Content.ReadAsStringAsync());
        Assert.Equal(10, fresh.Count);
        Assert.Empty(old.Intersect(fresh));
        var browser = portal.Browser();
        var step = await browser.SignInAsync(editor.Email, editor.Password);
        var stale = await browser.PostFormAsync(step.RedirectTarget(), "/quan-tri/dang-nhap/xac-thuc", [("Code", old[0]), ("Recovery", "true"), ("ReturnUrl", "")]);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);

        Assert.Equal(Page, (await client.PostFormAsync(Page, Page + "/tat-xac-thuc-hai-buoc", [])).RedirectTarget());
        Assert.Contains("Bật xác thực hai bước", await client.GetStringAsync(Page), StringComparison.Ordinal);
        await portal.SignedInAsync(editor);
        Assert.Equal(3, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.TwoFactorChanged && a.UserId == editor.Id)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MyAccountOnSqlite(SqlitePortal portal) : MyAccountTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class MyAccountOnPostgres(PostgresPortal portal) : MyAccountTests(portal);
