using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PbgdplPortal.Accounts;
using PbgdplPortal.Questions;
using PbgdplPortal.Web.Tests.BackOffice;

namespace PbgdplPortal.Web.Tests.Questions;

/// <summary>
/// What of the asker's own words reaches the public: the address is built from the moderated title only, the page,
/// its structured data, the list, the API, the feed, the sitemap and search show the moderated text, and an address
/// published earlier redirects to the current one.
/// </summary>
public abstract class QuestionPrivacyTests(QuestionPortal portal)
{
    private static string Unique() => "caduoi" + Guid.NewGuid().ToString("N")[..8];

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Asks, approves with the moderator's title and public text, assigns, answers and publishes.</summary>
    private async Task<int> PublishAsync(string text, string title, string? publicText, string answer)
    {
        var (id, _) = await portal.AskAsync(text, name: "Phạm Thị Hoa", place: "Ấp 3, xã Tân Ân");
        var moderator = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Moderator, QuestionKit.Agency));
        (string, string)[] approval = publicText is null ? [("tieu-de", title)] : [("tieu-de", title), ("noi-dung-cong-khai", publicText)];
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.StepAsync(portal, id, "duyet", approval)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.StepAsync(portal, id, "giao", ("co-quan", Invariant(await portal.AgencyIdAsync(QuestionKit.Agency))))).StatusCode);
        var expert = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Expert, QuestionKit.Agency));
        Assert.Equal(HttpStatusCode.Redirect, (await expert.StepAsync(portal, id, "tra-loi", ("noi-dung", answer), ("can-cu", "52/2014/QH13 | Điều 8"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.StepAsync(portal, id, "dang")).StatusCode);
        return id;
    }

    [Fact]
    public async Task The_public_address_and_every_public_place_carry_the_moderated_title_and_text_never_the_askers_words()
    {
        var secret = Unique();
        var word = Unique();
        var text = $"Tôi ở xã Đất Mũi {secret}, con gái tôi 17 tuổi muốn kết hôn thì có được không?";
        var id = await PublishAsync(text, $"Độ tuổi kết hôn của nữ {word}", $"Con gái 17 tuổi có được kết hôn không {word}?", $"Nữ từ đủ 18 tuổi mới được kết hôn {word}.");
        var published = await portal.QuestionAsync(id);
        Assert.StartsWith($"do-tuoi-ket-hon-cua-nu-{word}-", published.Slug, StringComparison.Ordinal);
        Assert.DoesNotContain("dat-mui", published.Slug, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, published.Slug, StringComparison.Ordinal);
        Assert.Equal(text, published.Text);

        using var anonymous = portal.Browser();
        var page = await anonymous.GetStringAsync(QuestionUrls.Show(published.Slug));
        Assert.Contains($"Con gái 17 tuổi có được kết hôn không {word}?", page, StringComparison.Ordinal);
        Assert.Contains("\"@type\":\"QAPage\"", page, StringComparison.Ordinal);
        var places = new[]
        {
            page,
            await anonymous.GetStringAsync($"/hoi-dap?chu-de={QuestionKit.Topic}"),
            await anonymous.GetStringAsync(QuestionUrls.Feed),
            await anonymous.GetStringAsync("/sitemap.xml"),
            await anonymous.GetStringAsync($"/api/questions?topic={QuestionKit.Topic}&pageSize=100"),
            await anonymous.GetStringAsync($"/api/questions/{published.Slug}"),
        };
        Assert.Contains(QuestionUrls.Show(published.Slug), places[2], StringComparison.Ordinal);
        Assert.Contains(QuestionUrls.Show(published.Slug), places[3], StringComparison.Ordinal);
        foreach (var html in places)
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
            Assert.DoesNotContain("Đất Mũi", html, StringComparison.Ordinal);
        }
        await Eventually.HoldsAsync(async () => (await SearchTotalAsync(anonymous, word)) == 1, "search holds the question");
        Assert.Equal(0, await SearchTotalAsync(anonymous, secret));
    }

    [Fact]
    public async Task An_address_published_before_keeps_working_with_a_permanent_redirect_also_after_a_later_title_change()
    {
        var word = Unique();
        var id = await PublishAsync($"Ở xã Tân Ân {word} thì đăng ký khai sinh cho con ở đâu?", $"Nơi đăng ký khai sinh {word}", null, $"Tại Ủy ban nhân dân cấp xã {word}.");
        // A question published before addresses came from titles: its address was the asker's words.
        var old = $"o-xa-dat-mui-{word}-thi-dang-ky-khai-sinh-a1b2c3";
        await portal.WithDbAsync(db => db.Questions.Where(q => q.Id == id).ExecuteUpdateAsync(s => s.SetProperty(q => q.Slug, old)));
        await using (var scope = portal.Scope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<QuestionService>().RenamePublishedAsync() >= 1);
        }
        var renamed = await portal.QuestionAsync(id);
        Assert.Equal($"noi-dang-ky-khai-sinh-{word}-a1b2c3", renamed.Slug);
        using var anonymous = portal.Browser();
        var moved = await anonymous.GetAsync(QuestionUrls.Show(old));
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal(QuestionUrls.Show(renamed.Slug), moved.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(QuestionUrls.Show(renamed.Slug))).StatusCode);

        // Withdrawn, retitled and released again: both earlier addresses lead to the new one.
        var moderator = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Moderator, QuestionKit.Agency));
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.StepAsync(portal, id, "go-tra-loi", ("ly-do-go", "Sửa tiêu đề."))).StatusCode);
        await portal.WithDbAsync(db => db.Questions.Where(q => q.Id == id).ExecuteUpdateAsync(s => s.SetProperty(q => q.Title, $"Thẩm quyền đăng ký khai sinh {word}")));
        var expert = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Expert, QuestionKit.Agency));
        Assert.Equal(HttpStatusCode.Redirect, (await expert.StepAsync(portal, id, "tra-loi", ("noi-dung", $"Ủy ban nhân dân cấp xã {word}."))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.StepAsync(portal, id, "dang")).StatusCode);
        var retitled = await portal.QuestionAsync(id);
        Assert.Equal($"tham-quyen-dang-ky-khai-sinh-{word}-a1b2c3", retitled.Slug);
        foreach (var earlier in new[] { old, renamed.Slug })
        {
            await Eventually.HoldsAsync(async () =>
            {
                var response = await anonymous.GetAsync(QuestionUrls.Show(earlier));
                return response.StatusCode == HttpStatusCode.MovedPermanently && response.Headers.Location!.OriginalString == QuestionUrls.Show(retitled.Slug);
            }, $"{earlier} redirects to the new address");
        }
        // Nothing but a question once public there redirects.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(QuestionUrls.Show($"khong-co-{word}"))).StatusCode);
    }

    [Fact]
    public async Task A_question_waiting_for_moderation_has_a_neutral_address()
    {
        var (id, _) = await portal.AskAsync($"Xã Tân Ân {Unique()} có tổ chức hòa giải ở cơ sở không?");
        var asked = await portal.QuestionAsync(id);
        Assert.Matches("^cau-hoi-[0-9a-f]{6}$", asked.Slug);
    }

    private static async Task<int> SearchTotalAsync(HttpClient client, string word) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/search?q={word}")).GetProperty("total").GetInt32();
}

public sealed class QuestionPrivacyOnSqlite(SqliteQuestionPortal portal) : QuestionPrivacyTests(portal), IClassFixture<SqliteQuestionPortal>;

public sealed class QuestionPrivacyOnPostgres(PostgresQuestionPortal portal) : QuestionPrivacyTests(portal), IClassFixture<PostgresQuestionPortal>;
