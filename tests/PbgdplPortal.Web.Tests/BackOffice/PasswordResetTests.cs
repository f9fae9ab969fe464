using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Web.Tests.Hosting;

namespace PbgdplPortal.Web.Tests.BackOffice;

public abstract partial class PasswordResetTests(PortalFactory portal)
{
    private const string Ask = "/quan-tri/quen-mat-khau";
    private const string NewPassword = "Mật-khẩu-Mới-Của-Tôi-2026!";

    [GeneratedRegex(@"https?://\S+/quan-tri/dat-lai-mat-khau\?tai-khoan=\S+&ma=\S+")]
    private static partial Regex LinkPattern();

    private static string PathOf(string link) => new Uri(link).PathAndQuery;

    [Fact]
    public async Task A_known_and_an_unknown_address_get_the_same_answer_and_only_the_account_gets_a_mail()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var unknown = $"khong-co-{Guid.NewGuid():N}@kiemthu.vn";
        Assert.Contains("href=\"/quan-tri/quen-mat-khau\"", await portal.Browser().GetStringAsync("/quan-tri/dang-nhap"), StringComparison.Ordinal);

        var known = await portal.Browser().PostFormAsync(Ask, Ask, [("Email", editor.Email)]);
        var nobody = await portal.Browser().PostFormAsync(Ask, Ask, [("Email", unknown)]);
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.OK, nobody.StatusCode);
        string Answer(string html) => System.Net.WebUtility.HtmlDecode(html).Split("<p class=\"notice\" role=\"status\">")[1].Split("</p>")[0];
        Assert.Equal(PasswordReset.Answer, Answer(await known.TextAsync()));
        Assert.Equal(Answer(await known.TextAsync()), Answer(await nobody.TextAsync()));

        var mail = await portal.WithDbAsync(db => db.OutgoingMails.AsNoTracking().SingleAsync(m => m.To == editor.Email));
        Assert.Equal("Đặt lại mật khẩu tài khoản quản trị", mail.Subject);
        Assert.Contains("có hiệu lực 30 phút, chỉ dùng được một lần", mail.TextBody, StringComparison.Ordinal);
        Assert.Matches(LinkPattern(), mail.TextBody);
        Assert.False(await portal.WithDbAsync(db => db.OutgoingMails.AnyAsync(m => m.To == unknown)));
        var audited = await portal.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.PasswordResetRequested
            && (a.Target == $"user:{editor.Email}" || a.Target == $"user:{unknown}")).Select(a => a.Detail).ToListAsync());
        Assert.Equal(2, audited.Count);
        Assert.Contains("Đã gửi thư đặt lại mật khẩu", audited);
        Assert.Contains("Không có tài khoản", audited);
    }

    [Fact]
    public async Task The_link_sets_a_new_password_once_and_signs_out_every_other_session()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var elsewhere = await portal.SignedInAsync(editor);
        Assert.False(await elsewhere.IsSignedOutAsync());
        await portal.Browser().PostFormAsync(Ask, Ask, [("Email", editor.Email)]);
        var body = await portal.WithDbAsync(db => db.OutgoingMails.Where(m => m.To == editor.Email).Select(m => m.TextBody).SingleAsync());
        var link = PathOf(LinkPattern().Match(body).Value);

        var browser = portal.Browser();
        Assert.Contains("Mật khẩu mới", await browser.GetStringAsync(link), StringComparison.Ordinal);
        var weak = await browser.PostFormAsync(link, "/quan-tri/dat-lai-mat-khau", Fields(link, "ngan"));
        Assert.Contains("Mật khẩu phải có ít nhất 12 ký tự.", await weak.TextAsync(), StringComparison.Ordinal);
        var done = await browser.PostFormAsync(link, "/quan-tri/dat-lai-mat-khau", Fields(link, NewPassword));
        Assert.Equal("/quan-tri/dang-nhap", done.RedirectTarget());
        Assert.Contains("Đã đặt mật khẩu mới", await browser.GetStringAsync("/quan-tri/dang-nhap"), StringComparison.Ordinal);

        Assert.True(await elsewhere.IsSignedOutAsync());
        Assert.Equal("/quan-tri", (await portal.Browser().SignInAsync(editor.Email, NewPassword)).RedirectTarget());
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.PasswordReset && a.UserId == editor.Id)));

        // Used once: the same link no longer works, by GET or by POST.
        var again = portal.Browser();
        Assert.Contains(PasswordReset.LinkInvalid, System.Net.WebUtility.HtmlDecode(await again.GetStringAsync(link)), StringComparison.Ordinal);
        var reused = await again.PostFormAsync("/quan-tri/quen-mat-khau", "/quan-tri/dat-lai-mat-khau", Fields(link, "Mật-khẩu-Khác-Nữa-2026!"));
        Assert.Contains(PasswordReset.LinkInvalid, System.Net.WebUtility.HtmlDecode(await reused.TextAsync()), StringComparison.Ordinal);
        Assert.Equal("/quan-tri", (await portal.Browser().SignInAsync(editor.Email, NewPassword)).RedirectTarget());
    }

    [Fact]
    public async Task One_account_gets_at_most_three_mails_an_hour_and_a_forged_link_is_refused()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        for (var i = 0; i < 5; i++)
        {
            var response = await portal.Browser().PostFormAsync(Ask, Ask, [("Email", editor.Email)]);
            Assert.Contains(PasswordReset.Answer, System.Net.WebUtility.HtmlDecode(await response.TextAsync()), StringComparison.Ordinal);
        }
        Assert.Equal(PasswordReset.PerAccount.Permits, await portal.WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.To == editor.Email)));

        var forged = $"/quan-tri/dat-lai-mat-khau?tai-khoan={editor.Id}&ma=gia-mao";
        Assert.Contains(PasswordReset.LinkInvalid, System.Net.WebUtility.HtmlDecode(await portal.Browser().GetStringAsync(forged)), StringComparison.Ordinal);
    }

    private static (string, string)[] Fields(string link, string password)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);
        return [("UserId", query["tai-khoan"].ToString()), ("Token", query["ma"].ToString()), ("NewPassword", password)];
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PasswordResetOnSqlite(SqlitePortal portal) : PasswordResetTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class PasswordResetOnPostgres(PostgresPortal portal) : PasswordResetTests(portal);

/// <summary>Reset requests are limited per client address across nodes, and a link mailed by one node works on another.</summary>
public sealed class PasswordResetNodeTests(LowLimitNodes portal) : IClassFixture<LowLimitNodes>
{
    [Fact]
    public async Task Requests_through_two_nodes_share_one_allowance_and_the_link_works_on_the_other_node()
    {
        // This portal holds no sample content, so no agency: an administrator needs none.
        var editor = await portal.CreateAccountAsync(PortalRoles.Administrator);
        await LimitWindow.AwayFromTheEdgeAsync();
        var clients = new[] { portal.Browser(), portal.SecondNode!.Browser() };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await clients[i % 2].PostFormAsync("/quan-tri/quen-mat-khau", "/quan-tri/quen-mat-khau", [("Email", editor.Email)])).StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);

        var body = await portal.WithDbAsync(db => db.OutgoingMails.Where(m => m.To == editor.Email).OrderBy(m => m.Id).Select(m => m.TextBody).FirstAsync());
        var link = new Uri(Regex.Match(body, @"https?://\S+/quan-tri/dat-lai-mat-khau\?\S+").Value).PathAndQuery;
        Assert.Contains("Mật khẩu mới", await portal.SecondNode!.Browser().GetStringAsync(link), StringComparison.Ordinal);
    }
}
