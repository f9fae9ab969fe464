using PbgdplPortal.Questions;

namespace PbgdplPortal.Core.Tests.Questions;

public sealed class QuestionAddressTests
{
    [Fact]
    public void A_public_address_comes_from_the_moderated_title_and_keeps_the_random_suffix()
    {
        Assert.Equal("do-tuoi-ket-hon-cua-nu-3fa2c1", QuestionSlugs.Public("Độ tuổi kết hôn của nữ?", "o-xa-dat-mui-con-toi-3fa2c1"));
        Assert.Equal("do-tuoi-ket-hon-cua-nu-3fa2c1", QuestionSlugs.Public("Độ tuổi kết hôn của nữ?", "cau-hoi-3fa2c1"));
        // Ten words at most; a title with no letters keeps a neutral head.
        Assert.Equal("mot-hai-ba-bon-nam-sau-bay-tam-chin-muoi-3fa2c1", QuestionSlugs.Public("một hai ba bốn năm sáu bảy tám chín mười mười một", "cau-hoi-3fa2c1"));
        Assert.Equal("cau-hoi-3fa2c1", QuestionSlugs.Public("???", "cau-hoi-3fa2c1"));
        // An address without a suffix gets a fresh one.
        Assert.Matches("^tieu-de-[0-9a-f]{6}$", QuestionSlugs.Public("Tiêu đề", "khong-co-hau-to"));
    }

    [Fact]
    public void A_new_question_has_a_neutral_address()
    {
        Assert.Matches("^cau-hoi-[0-9a-f]{6}$", QuestionSlugs.New());
        Assert.NotEqual(QuestionSlugs.New(), QuestionSlugs.New());
    }

    [Fact]
    public void A_reference_is_the_vietnam_year_and_the_id_and_reads_back_as_people_type_it()
    {
        // 31/12/2026 18:00 UTC is already 1 January 2027 in Vietnam.
        Assert.Equal("HD-2027-000123", QuestionReference.Format(123, new DateTime(2026, 12, 31, 18, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("HD-2026-1234567", QuestionReference.Format(1234567, new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.True(QuestionReference.TryParse(" hd-2026-000123 ", out var year, out var id));
        Assert.Equal((2026, 123), (year, id));
        Assert.True(QuestionReference.TryParse("HD–2026–000123", out _, out _));
        Assert.False(QuestionReference.TryParse("HD-2026-123", out _, out _));
        Assert.False(QuestionReference.TryParse("HD-2026-000000", out _, out _));
        Assert.False(QuestionReference.TryParse("XX-2026-000123", out _, out _));
        Assert.False(QuestionReference.TryParse(null, out _, out _));
    }

    [Theory]
    [InlineData("0912 345 678", "0912345678")]
    [InlineData("+84 912.345.678", "0912345678")]
    [InlineData("(0290) 3831 234", "02903831234")]
    [InlineData("912345678", null)]
    [InlineData("+1 212 555 0100", null)]
    [InlineData("09123abc", null)]
    [InlineData("0912+345678", null)]
    [InlineData("", null)]
    public void A_phone_number_is_read_as_its_vietnamese_digits(string text, string? expected) =>
        Assert.Equal(expected, QuestionReference.NormalPhone(text));
}
