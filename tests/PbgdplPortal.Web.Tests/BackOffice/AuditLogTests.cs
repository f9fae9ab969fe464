using System.Net;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;

namespace PbgdplPortal.Web.Tests.BackOffice;

public abstract class AuditLogTests(PortalFactory portal)
{
    [Fact]
    public async Task The_log_shows_newest_first_in_Vietnam_time_and_filters_by_action_and_user()
    {
        var account = await portal.CreateAccountAsync(PortalRoles.Administrator);
        var admin = await portal.SignedInAsync(account);
        var page = await admin.GetStringAsync($"/quan-tri/nhat-ky?hanh-dong=sign-in&nguoi={account.Email[..20]}");
        Assert.Contains($"<td>{account.Email}</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>Đăng nhập</td>", page, StringComparison.Ordinal);
        var entry = await portal.WithDbAsync(db => db.AuditEntries.Where(a => a.UserId == account.Id && a.Action == AuditActions.SignIn).SingleAsync());
        var vietnam = TimeZoneInfo.ConvertTimeFromUtc(entry.At, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"));
        Assert.Contains(vietnam.ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture), page, StringComparison.Ordinal);
        Assert.DoesNotContain($"<td>{account.Email}</td>", await admin.GetStringAsync($"/quan-tri/nhat-ky?hanh-dong=sign-out&nguoi={account.Email[..20]}"), StringComparison.Ordinal);
        var unknown = $"khong-co-{Guid.NewGuid():N}@kiemthu.vn";
        await portal.Browser().SignInAsync(unknown, "Sai-mat-khau-1!");
        Assert.Contains($"<td>{unknown}</td>", await admin.GetStringAsync($"/quan-tri/nhat-ky?nguoi={unknown[..20].ToUpperInvariant()}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dates_filter_the_log_and_a_bad_date_is_explained()
    {
        var account = await portal.CreateAccountAsync(PortalRoles.Administrator);
        var admin = await portal.SignedInAsync(account);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")));
        var iso = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var vn = today.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"<td>{account.Email}</td>", await admin.GetStringAsync($"/quan-tri/nhat-ky?nguoi={account.Email[..20]}&tu={iso}&den={iso}"), StringComparison.Ordinal);
        Assert.Contains($"<td>{account.Email}</td>", await admin.GetStringAsync($"/quan-tri/nhat-ky?nguoi={account.Email[..20]}&tu={Uri.EscapeDataString(vn)}"), StringComparison.Ordinal);
        var tomorrow = today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Không có dòng nhật ký nào phù hợp.", await admin.GetStringAsync($"/quan-tri/nhat-ky?nguoi={account.Email[..20]}&tu={tomorrow}"), StringComparison.Ordinal);
        var yesterday = today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain($"<td>{account.Email}</td>", await admin.GetStringAsync($"/quan-tri/nhat-ky?nguoi={account.Email[..20]}&den={yesterday}"), StringComparison.Ordinal);
        var bad = await admin.GetAsync("/quan-tri/nhat-ky?tu=31/02/2026");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("không hợp lệ; hãy nhập theo dạng dd/mm/yyyy", await bad.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_field_is_html_encoded_and_the_list_is_paged_by_fifty()
    {
        var account = await portal.CreateAccountAsync(PortalRoles.Administrator);
        var admin = await portal.SignedInAsync(account);
        var marker = Guid.NewGuid().ToString("N");
        await portal.WithDbAsync(async db =>
        {
            for (var i = 0; i < 55; i++)
            {
                db.Audit(new AuditActor(null, $"<b>{marker}</b>@x.vn", "<i>10.0.0.1</i>"), AuditActions.TermChanged, "<script>alert(1)</script>", $"<img src=x onerror=alert({i})>", DateTime.UtcNow);
            }
            return await db.SaveChangesAsync();
        });
        var page = await admin.GetStringAsync($"/quan-tri/nhat-ky?nguoi={marker}");
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"<b>{marker}", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
        Assert.Equal(50, page.Split("&lt;img src=x", StringSplitOptions.None).Length - 1);
        Assert.Contains("Tổng số: 55", page, StringComparison.Ordinal);
        var second = await admin.GetStringAsync($"/quan-tri/nhat-ky?nguoi={marker}&trang=2");
        Assert.Equal(5, second.Split("&lt;img src=x", StringSplitOptions.None).Length - 1);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditLogOnSqlite(SqlitePortal portal) : AuditLogTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class AuditLogOnPostgres(PostgresPortal portal) : AuditLogTests(portal);
