using System.Net;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Mail;

namespace PbgdplPortal.Web.Tests.BackOffice;

/// <summary>
/// With no SMTP server configured, mail waiting in the outbox is shown on the dashboard and the administrators' outbox
/// page, not only logged; administrators queue a test message through the outbox (CSRF-checked, audited).
/// </summary>
public abstract class MailOutboxAdminTests(PortalFactory portal)
{
    [Fact]
    public async Task Waiting_mail_without_a_server_is_shown_in_the_back_office_and_administrators_queue_an_audited_test_message()
    {
        var to = $"cho-{Guid.NewGuid():N}@kiemthu.vn";
        await portal.WithDbAsync(async db =>
        {
            db.Enqueue(to, "Câu hỏi của bạn đã được trả lời", "Nội dung.", DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        var moderator = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Moderator, "so-tu-phap"));
        var dashboard = await moderator.GetStringAsync("/quan-tri");
        Assert.Contains("Chưa cấu hình máy chủ thư (SMTP)", dashboard, StringComparison.Ordinal);
        Assert.Contains("thư đang chờ trong hộp thư đi", dashboard, StringComparison.Ordinal);
        // The outbox page is the administrators'.
        Assert.DoesNotContain("href=\"/quan-tri/thu-di\"", dashboard, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.GetAsync("/quan-tri/thu-di")).StatusCode);

        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        Assert.Contains("href=\"/quan-tri/thu-di\"", await admin.GetStringAsync("/quan-tri"), StringComparison.Ordinal);
        var page = await admin.GetStringAsync("/quan-tri/thu-di");
        Assert.Contains("chưa cấu hình (Portal:Mail:Host)", page, StringComparison.Ordinal);
        Assert.Contains("Chưa cấu hình máy chủ thư (SMTP)", page, StringComparison.Ordinal);

        var bad = await admin.PostFormAsync("/quan-tri/thu-di", "/quan-tri/thu-di/thu-thu", [("den", "khong-phai-thu")]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Hãy nhập một địa chỉ thư điện tử hợp lệ", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var forged = await admin.PostAsync("/quan-tri/thu-di/thu-thu", new FormUrlEncodedContent([new("den", "gia-mao@kiemthu.vn")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var testTo = $"thu-thu-{Guid.NewGuid():N}@kiemthu.vn";
        var sent = await admin.PostFormAsync("/quan-tri/thu-di", "/quan-tri/thu-di/thu-thu", [("den", testTo)]);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("Đã đưa thư thử", await admin.GetStringAsync("/quan-tri/thu-di"), StringComparison.Ordinal);
        var queued = await portal.WithDbAsync(db => db.OutgoingMails.AsNoTracking().SingleAsync(m => m.To == testTo));
        Assert.Equal(MailOutbox.TestSubject, queued.Subject);
        Assert.Null(queued.SentAt);
        Assert.Equal(1, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.MailTestQueued && a.Detail == testTo)));
        Assert.Equal(0, await portal.WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.To == "gia-mao@kiemthu.vn")));

        // An editor cannot send test mail.
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap"));
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostFormAsync("/quan-tri", "/quan-tri/thu-di/thu-thu", [("den", "bien-tap@kiemthu.vn")])).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MailOutboxAdminOnSqlite(SqlitePortal portal) : MailOutboxAdminTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class MailOutboxAdminOnPostgres(PostgresPortal portal) : MailOutboxAdminTests(portal);
