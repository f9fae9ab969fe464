using PbgdplPortal.Text;

namespace PbgdplPortal.Core.Tests.Text;

public class DocumentNumbersTests
{
    [Theory]
    [InlineData("52/2014/QH13", "52/2014/qh13")]
    [InlineData("100/2019/NĐ-CP", "100/2019/nd-cp")]
    [InlineData("138/KH-UBND", "138/kh-ubnd")]
    [InlineData("01/2021/TT-BTP", "01/2021/tt-btp")]
    [InlineData("1521/QĐ-TTg", "1521/qd-ttg")]
    public void A_number_with_or_without_a_year_is_recognised_and_keyed_in_folded_lower_case(string number, string key)
    {
        Assert.True(DocumentNumbers.IsNumber(number));
        Assert.Equal(key, DocumentNumbers.Key(number));
    }

    [Fact]
    public void The_key_ignores_case_diacritics_surrounding_spaces_and_normalization_form()
    {
        Assert.Equal("100/2019/nd-cp", DocumentNumbers.Key("  100/2019/nđ-cp "));
        Assert.Equal(DocumentNumbers.Key("1521/QĐ-TTg"), DocumentNumbers.Key("1521/QĐ-TTg".Normalize(System.Text.NormalizationForm.FormD)));
    }

    [Fact]
    public void A_number_typed_in_lower_case_is_still_a_number() =>
        Assert.True(DocumentNumbers.IsNumber("168/2024/nd-cp"));

    [Theory]
    [InlineData("")]
    [InlineData("2014")]
    [InlineData("QH13")]
    [InlineData("52/2014")]
    [InlineData("15/01/2026")]
    [InlineData("Điều 8")]
    [InlineData("52/2014/QH13 Điều 8")]
    [InlineData(" 52/2014/QH13")]
    [InlineData("52/2014/QH13/")]
    [InlineData("abc/2014/QH13")]
    [InlineData("12345/2014/QH13")]
    [InlineData("52/14/QH13")]
    [InlineData("52/2014/-QH13")]
    [InlineData("52/2014/QH13-")]
    [InlineData("https://example.vn/van-ban")]
    public void Text_that_is_not_exactly_one_number_is_not_a_number(string text) =>
        Assert.False(DocumentNumbers.IsNumber(text));

    [Fact]
    public void Find_returns_every_number_in_a_text_in_order_with_its_position()
    {
        const string text = "Căn cứ Luật 52/2014/QH13, Nghị định 100/2019/NĐ-CP và Kế hoạch 138/KH-UBND; Thông tư 01/2021/TT-BTP.";
        var matches = DocumentNumbers.Find(text).ToList();
        Assert.Equal(["52/2014/QH13", "100/2019/NĐ-CP", "138/KH-UBND", "01/2021/TT-BTP"], matches.Select(m => m.Value));
        Assert.All(matches, m => Assert.Equal(m.Value, text.Substring(m.Index, m.Length)));
    }

    [Theory]
    [InlineData("Ngày 15/01/2026 có hiệu lực.")]
    [InlineData("Tỷ lệ 1/2 số phiếu.")]
    [InlineData("Xem https://example.vn/2014/qh13 để biết thêm.")]
    [InlineData("mã ABC52/2014/QH13 không phải số hiệu")]
    [InlineData("Điều 8, khoản 2")]
    public void Find_ignores_dates_fractions_and_numbers_glued_to_other_words(string text) =>
        Assert.Empty(DocumentNumbers.Find(text));
}
