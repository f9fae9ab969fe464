using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PbgdplPortal.Accounts;

namespace PbgdplPortal.Web.Tests.BackOffice;

public abstract class SignInTests(PortalFactory portal)
{
    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_sign_in_page()
    {
        var response = await portal.Browser().GetAsync("/quan-tri");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/quan-tri/dang-nhap?ReturnUrl=%2Fquan-tri", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        var page = await portal.Browser().GetStringAsync("/quan-tri/dang-nhap");
        Assert.Contains("Đăng nhập quản trị", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_editor_signs_in_sees_the_dashboard_and_the_sign_in_is_audited()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var client = await portal.SignedInAsync(editor);
        var dashboard = await client.GetStringAsync("/quan-tri");
        Assert.Contains("Xin chào, Nguyễn Văn Thử", dashboard, StringComparison.Ordinal);
        Assert.Contains("Sở Tư pháp", dashboard, StringComparison.Ordinal);
        var entry = await portal.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.UserId == editor.Id && a.Action == AuditActions.SignIn));
        Assert.Equal(editor.Email, entry.UserName);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_Vietnamese_and_audited()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var response = await portal.Browser().SignInAsync(editor.Email, "Sai-mat-khau-123!");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("E-mail hoặc mật khẩu không đúng.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.UserId == editor.Id && a.Action == AuditActions.SignInFailed)));
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_even_against_the_right_password()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var client = portal.Browser();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync(editor.Email, $"Sai-mat-khau-{i}!A");
        }
        var response = await client.SignInAsync(editor.Email, editor.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The page does not tell the lockout (only the audit log, the account list and the owner's mail do).
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("E-mail hoặc mật khẩu không đúng.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("tạm khóa", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/quan-tri")).StatusCode);
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.UserId == editor.Id && a.Action == AuditActions.LockedOut)));
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_rejected()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var response = await portal.Browser().PostAsync("/quan-tri/dang-nhap",
            new FormUrlEncodedContent([new("Email", editor.Email), new("Password", editor.Password)]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_return_address_outside_the_back_office_is_ignored()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var response = await portal.Browser().SignInAsync(editor.Email, editor.Password, "https://ke-gian.example/quan-tri");
        Assert.Equal("/quan-tri", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Changing_the_password_signs_the_account_out_everywhere()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var first = await portal.SignedInAsync(editor);
        var second = await portal.SignedInAsync(editor);
        await using (var scope = portal.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = await users.FindByIdAsync(editor.Id);
            Assert.True((await users.ChangePasswordAsync(user!, editor.Password, "Mật-khẩu-Mới-2026!")).Succeeded);
        }
        foreach (var client in new[] { first, second })
        {
            var response = await client.GetAsync("/quan-tri");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/quan-tri/dang-nhap", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var client = await portal.SignedInAsync(editor);
        var response = await client.PostFormAsync("/quan-tri", "/quan-tri/dang-xuat", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/quan-tri")).StatusCode);
    }

    [Fact]
    public async Task An_account_without_a_role_cannot_enter()
    {
        var nobody = await portal.CreateAccountAsync(null);
        var client = portal.Browser();
        await client.SignInAsync(nobody.Email, nobody.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/quan-tri")).StatusCode);
    }

    [Fact]
    public async Task Back_office_pages_are_never_stored_by_caches_and_the_cookie_stays_in_the_back_office()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var client = portal.Browser();
        var signIn = await client.SignInAsync(editor.Email, editor.Password);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pbgdpl.quantri=", StringComparison.Ordinal));
        Assert.Contains("path=/quan-tri", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var dashboard = await client.GetAsync("/quan-tri");
        Assert.Contains("no-store", dashboard.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SignInOnSqlite(SqlitePortal portal) : SignInTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class SignInOnPostgres(PostgresPortal portal) : SignInTests(portal);
