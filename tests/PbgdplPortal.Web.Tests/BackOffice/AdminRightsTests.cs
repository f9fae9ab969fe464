using System.Net;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;

namespace PbgdplPortal.Web.Tests.BackOffice;

public abstract class AdminRightsTests(PortalFactory portal)
{
    private async Task<(string[] Gets, string[] Posts)> RoutesAsync()
    {
        var agency = await portal.WithDbAsync(db => db.Agencies.Where(a => a.Slug == "so-tu-phap").Select(a => a.Id).SingleAsync());
        var topic = await portal.WithDbAsync(db => db.Topics.Select(t => t.Id).FirstAsync());
        var audience = await portal.WithDbAsync(db => db.AudienceGroups.Select(t => t.Id).FirstAsync());
        var user = (await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap")).Id;
        string[] gets =
        [
            "/quan-tri/nguoi-dung", "/quan-tri/nguoi-dung/tao", $"/quan-tri/nguoi-dung/{user}",
            "/quan-tri/co-quan", "/quan-tri/co-quan/tao", $"/quan-tri/co-quan/{agency}",
            "/quan-tri/chu-de", "/quan-tri/chu-de/tao", $"/quan-tri/chu-de/{topic}",
            "/quan-tri/doi-tuong", "/quan-tri/doi-tuong/tao", $"/quan-tri/doi-tuong/{audience}",
            "/quan-tri/nhat-ky",
        ];
        string[] posts =
        [
            "/quan-tri/nguoi-dung/tao", $"/quan-tri/nguoi-dung/{user}", $"/quan-tri/nguoi-dung/{user}/khoa", $"/quan-tri/nguoi-dung/{user}/mo-khoa", $"/quan-tri/nguoi-dung/{user}/mat-khau",
            "/quan-tri/co-quan/tao", $"/quan-tri/co-quan/{agency}", $"/quan-tri/co-quan/{agency}/hop-nhat", $"/quan-tri/co-quan/{agency}/ngung",
            "/quan-tri/chu-de/tao", $"/quan-tri/chu-de/{topic}", $"/quan-tri/chu-de/{topic}/xoa",
            "/quan-tri/doi-tuong/tao", $"/quan-tri/doi-tuong/{audience}", $"/quan-tri/doi-tuong/{audience}/xoa",
        ];
        return (gets, posts);
    }

    [Theory]
    [InlineData(PortalRoles.Editor)]
    [InlineData(PortalRoles.Reviewer)]
    public async Task Editors_and_reviewers_are_refused_every_administration_page_and_action(string role)
    {
        var (gets, posts) = await RoutesAsync();
        var client = await portal.SignedInAsync(await portal.CreateAccountAsync(role, "so-tu-phap"));
        foreach (var url in gets)
        {
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.Forbidden, $"GET {url}");
        }
        var token = await client.TokenAsync("/quan-tri/tai-khoan");
        foreach (var url in posts)
        {
            var response = await client.PostAsync(url, new FormUrlEncodedContent([new("__csrf", token), new("Name", "Tên"), new("TargetId", "1"), new("Role", PortalRoles.Administrator)]));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"POST {url}: {(int)response.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/quan-tri/tai-khoan")).StatusCode);
        Assert.DoesNotContain("/quan-tri/nguoi-dung", await client.GetStringAsync("/quan-tri"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_sign_in_page_from_every_administration_and_account_page()
    {
        var (gets, posts) = await RoutesAsync();
        var client = portal.Browser();
        foreach (var url in gets.Append("/quan-tri/tai-khoan").Append("/quan-tri/tai-khoan/xac-thuc-hai-buoc"))
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"GET {url}");
            Assert.StartsWith("http://localhost/quan-tri/dang-nhap?ReturnUrl=", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
        foreach (var url in posts.Append("/quan-tri/tai-khoan/mat-khau"))
        {
            var response = await client.PostAsync(url, new FormUrlEncodedContent([new("Name", "Tên")]));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"POST {url}: {(int)response.StatusCode}");
            Assert.StartsWith("http://localhost/quan-tri/dang-nhap", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AdminRightsOnSqlite(SqlitePortal portal) : AdminRightsTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class AdminRightsOnPostgres(PostgresPortal portal) : AdminRightsTests(portal);
