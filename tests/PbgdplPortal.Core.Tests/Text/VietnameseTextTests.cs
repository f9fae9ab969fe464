using System.Text;
using PbgdplPortal.Text;

namespace PbgdplPortal.Core.Tests.Text;

public class VietnameseTextTests
{
    [Theory]
    [InlineData("2026-01-14T17:30:00Z", "15/01/2026")]
    [InlineData("2026-01-14T16:59:59Z", "14/01/2026")]
    [InlineData("2026-01-14T17:00:00Z", "15/01/2026")]
    [InlineData("2025-12-31T17:00:00Z", "01/01/2026")]
    public void FormatDate_writes_day_month_year_in_Vietnam_time(string utc, string expected)
    {
        var moment = DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.Equal(expected, VietnameseText.FormatDate(moment));
    }

    [Fact]
    public void FormatDate_of_a_calendar_date_writes_it_as_it_is() =>
        Assert.Equal("05/03/2026", VietnameseText.FormatDate(new DateOnly(2026, 3, 5)));

    [Fact]
    public void Midnight_in_Vietnam_is_five_pm_UTC_the_day_before()
    {
        var utc = VietnameseText.VietnamMidnightUtc(new DateOnly(2026, 1, 15));
        Assert.Equal(new DateTime(2026, 1, 14, 17, 0, 0, DateTimeKind.Utc), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Fact]
    public void Nfc_composes_decomposed_text_and_keeps_composed_text()
    {
        const string composed = "Hòa giải ở cơ sở";
        Assert.Equal(composed, VietnameseText.Nfc(composed.Normalize(NormalizationForm.FormD)));
        Assert.Same(composed, VietnameseText.Nfc(composed));
    }
}
