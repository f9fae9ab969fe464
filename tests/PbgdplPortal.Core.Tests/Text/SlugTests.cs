using System.Text;
using PbgdplPortal.Text;

namespace PbgdplPortal.Core.Tests.Text;

public class SlugTests
{
    [Fact]
    public void A_Vietnamese_title_becomes_lower_case_words_without_diacritics_joined_by_dashes() =>
        Assert.Equal("dang-ky-ket-hon", Slug.From("Đăng ký kết hôn"));

    [Theory]
    [InlineData("đường", "duong")]
    [InlineData("Đường", "duong")]
    [InlineData("ĐỊA ĐIỂM", "dia-diem")]
    public void D_with_stroke_becomes_d_in_both_cases(string text, string expected) =>
        Assert.Equal(expected, Slug.From(text));

    [Fact]
    public void Decomposed_text_gives_the_same_slug_as_precomposed_text()
    {
        var nfc = "Quyền và nghĩa vụ của người khuyết tật".Normalize(NormalizationForm.FormC);
        var nfd = nfc.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(nfc, nfd);
        Assert.Equal(Slug.From(nfc), Slug.From(nfd));
        Assert.Equal("quyen-va-nghia-vu-cua-nguoi-khuyet-tat", Slug.From(nfd));
    }

    [Theory]
    [InlineData("Hỏi – đáp: Luật Đất đai (2024)?", "hoi-dap-luat-dat-dai-2024")]
    [InlineData("  Trợ giúp   pháp lý  ", "tro-giup-phap-ly")]
    [InlineData("Nghị định 100/2019/NĐ-CP", "nghi-dinh-100-2019-nd-cp")]
    [InlineData("---a___b...c---", "a-b-c")]
    [InlineData("Tab\tand\nnewline", "tab-and-newline")]
    public void Punctuation_and_spaces_collapse_into_single_dashes_and_never_lead_or_trail(string text, string expected) =>
        Assert.Equal(expected, Slug.From(text));

    [Fact]
    public void Text_without_letters_or_digits_gives_an_empty_slug() =>
        Assert.Equal("", Slug.From(" – ?! "));

    [Fact]
    public void A_derived_slug_is_always_valid() =>
        Assert.True(Slug.IsValid(Slug.From("Điều kiện kết hôn theo pháp luật hiện hành")));

    [Fact]
    public void A_very_long_title_gives_a_slug_of_at_most_200_characters_that_is_still_valid()
    {
        var slug = Slug.From(string.Join(' ', Enumerable.Repeat("phổ biến pháp luật", 40)));
        Assert.InRange(slug.Length, 1, 200);
        Assert.True(Slug.IsValid(slug));
    }

    [Theory]
    [InlineData("dang-ky-ket-hon")]
    [InlineData("luat-2024")]
    [InlineData("a")]
    [InlineData("138")]
    public void IsValid_accepts_lower_case_ascii_words_and_digits_joined_by_single_dashes(string slug) =>
        Assert.True(Slug.IsValid(slug));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Dang-ky")]
    [InlineData("đăng-ký")]
    [InlineData("dang ky")]
    [InlineData("dang--ky")]
    [InlineData("-dang-ky")]
    [InlineData("dang-ky-")]
    [InlineData("dang_ky")]
    [InlineData("dang/ky")]
    [InlineData("dang-ky\n")]
    public void IsValid_rejects_anything_else(string? slug) =>
        Assert.False(Slug.IsValid(slug));

    [Fact]
    public void IsValid_rejects_slugs_longer_than_200_characters() =>
        Assert.False(Slug.IsValid(new string('a', 201)));
}
