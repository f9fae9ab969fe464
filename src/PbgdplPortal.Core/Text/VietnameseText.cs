using System.Text;

namespace PbgdplPortal.Text;

public static class VietnameseText
{
    /// <summary>Unicode NFC, the one form the portal stores.</summary>
    public static string Nfc(string text) => text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);

    public static string? NfcOrNull(string? text) => text is null ? null : Nfc(text);

    private static readonly TimeZoneInfo VietnamZone = FindVietnamZone();

    private static TimeZoneInfo FindVietnamZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        }
        catch (TimeZoneNotFoundException)
        {
            // Vietnam has kept UTC+7 without daylight saving since 1975.
            return TimeZoneInfo.CreateCustomTimeZone("ICT", TimeSpan.FromHours(7), "Giờ Việt Nam", "Giờ Việt Nam");
        }
    }

    public static DateTime ToVietnamTime(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), VietnamZone);

    /// <summary>dd/MM/yyyy in Vietnam time.</summary>
    public static string FormatDate(DateTime utc) => ToVietnamTime(utc).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public static string FormatDate(DateOnly date) => date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Midnight in Vietnam on <paramref name="date"/>, as UTC.</summary>
    public static DateTime VietnamMidnightUtc(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7)).UtcDateTime;
}
