using System.Text;
using PbgdplPortal.Search;

namespace PbgdplPortal.Web.Tests.Search;

/// <summary>The normalization every query and every indexed text goes through.</summary>
public sealed class SearchTextTests
{
    [Theory]
    [InlineData("hoà", "hòa")]
    [InlineData("thuỷ sản", "thủy sản")]
    [InlineData("uỷ ban", "ủy ban")]
    [InlineData("khoẻ", "khỏe")]
    [InlineData("Hoà Bình", "Hòa Bình")]
    [InlineData("hoàn", "hoàn")]
    [InlineData("quý", "quý")]
    [InlineData("thuế", "thuế")]
    [InlineData("huệ", "huệ")]
    public void Old_style_tones_move_to_the_new_style_and_closed_syllables_stay(string input, string expected)
    {
        Assert.Equal(expected, SearchText.Normalize(input));
        Assert.Equal(expected, SearchText.Normalize(input.Normalize(NormalizationForm.FormD)));
    }

    [Fact]
    public void Input_that_is_not_text_becomes_the_replacement_character_instead_of_failing()
    {
        // Built here, not as theory data: test discovery would itself replace unpaired surrogates.
        const char HighSurrogate = '\uD800';
        const char LowSurrogate = '\uDC00';
        var cases = new (string Input, string Expected)[]
        {
            ("a\uFFFEb", "a\uFFFDb"),
            ($"a{HighSurrogate}b", "a\uFFFDb"),
            ($"a{LowSurrogate}", "a\uFFFD"),
            ($"{LowSurrogate}{HighSurrogate}", "\uFFFD\uFFFD"),
            ("\uD83D\uDE00 ngư dân", "\uD83D\uDE00 ngư dân"),
            ("\uDBFF\uDFFF\u0309\uFFFF", "\uDBFF\uDFFF\u0309\uFFFD"),
            ("a\u0001b\u0000c\u001F", "abc"),
        };
        Assert.All(cases, c => Assert.Equal(c.Expected, SearchText.Normalize(c.Input)));
    }
}
