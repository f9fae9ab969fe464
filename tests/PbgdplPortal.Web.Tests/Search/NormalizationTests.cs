using System.Text;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;
using PbgdplPortal.Search;

namespace PbgdplPortal.Web.Tests.Search;

/// <summary>Decomposed (NFD) text and old-style tone placement ("hoà", "thuỷ", "uỷ") search like NFC new-style text.</summary>
[Collection(SqliteCollection.Name)]
public sealed class NormalizationTests(SqlitePortal portal)
{
    public static TheoryData<string, string> Variants() => new()
    {
        { "hòa giải ở cơ sở", "hoà giải ở cơ sở" },
        { "hòa giải ở cơ sở", "hoà giải ở cơ sở".Normalize(NormalizationForm.FormD) },
        { "hòa giải ở cơ sở", "hòa giải ở cơ sở".Normalize(NormalizationForm.FormD) },
        { "luật thủy sản", "luật thuỷ sản" },
        { "nhật ký khai thác thủy sản", "nhật ký khai thác thuỷ sản".Normalize(NormalizationForm.FormD) },
        { "ủy ban nhân dân tỉnh", "uỷ ban nhân dân tỉnh" },
        { "đăng ký kết hôn", "đăng ký kết hôn".Normalize(NormalizationForm.FormD) },
        { "giấy tờ tùy thân", "giấy tờ tuỳ thân" },
        { "xóa dữ liệu cá nhân", "xoá dữ liệu cá nhân" },
        { "thỏa thuận", "thoả thuận".Normalize(NormalizationForm.FormD) },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Nfd_and_old_tone_input_find_the_same_items_in_the_same_order_as_nfc_new_style(string nfcNewStyle, string variant)
    {
        var engine = await SearchTestKit.EngineAsync(portal);
        var expected = engine.Search(new SearchRequest { Query = nfcNewStyle, PageSize = 20 });
        var actual = engine.Search(new SearchRequest { Query = variant, PageSize = 20 });
        Assert.NotEqual(0, expected.Total);
        Assert.Equal(expected.Total, actual.Total);
        Assert.Equal(expected.Hits.Select(SearchTestKit.Id), actual.Hits.Select(SearchTestKit.Id));
    }

    [Fact]
    public async Task Text_stored_in_nfd_with_old_tones_is_found_by_nfc_new_style_input_and_the_other_way_round()
    {
        var engine = await SearchTestKit.EngineAsync(portal);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var slug = $"thuy-loi-{suffix}";
        var title = $"Hoà giải tranh chấp thuỷ lợi nội đồng ở Khánh Hoà {suffix}".Normalize(NormalizationForm.FormD);
        await portal.AddArticleAsync(slug, title, "Uỷ ban nhân dân xã hướng dẫn hoà giải khi tranh chấp nước tưới.".Normalize(NormalizationForm.FormD));
        try
        {
            bool Finds(string query) => engine.Search(new SearchRequest { Query = query, PageSize = 5 }).Hits.Any(h => h.Key == slug);
            await Eventually.HoldsAsync(() => Task.FromResult(Finds($"hòa giải tranh chấp thủy lợi {suffix}")), "NFC new-style input finds NFD old-style text");
            Assert.True(Finds($"hoà giải tranh chấp thuỷ lợi {suffix}"), "old-style input");
            Assert.True(Finds($"hoa giai tranh chap thuy loi {suffix}"), "input without diacritics");
            Assert.True(Finds($"ủy ban nhân dân hướng dẫn hòa giải {suffix}"), "NFC new-style words of the body");
            var hit = engine.Search(new SearchRequest { Query = $"thủy lợi {suffix}" }).Hits.Single(h => h.Key == slug);
            Assert.True(hit.Title.IsNormalized(NormalizationForm.FormC), "titles are shown in NFC");
        }
        finally
        {
            await portal.WithDbAsync(async db =>
            {
                db.Articles.Remove(await db.Articles.SingleAsync(a => a.Slug == slug));
                db.RecordChange(nameof(Article), slug, DateTime.UtcNow);
                return await db.SaveChangesAsync();
            });
        }
    }
}
