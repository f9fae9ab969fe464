using System.Text;

namespace PbgdplPortal.Text;

public static class VietnameseText
{
    /// <summary>Unicode NFC, the one form the portal stores.</summary>
    public static string Nfc(string text)
    {
        text = ReplaceNonText(text);
        return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Text that XML 1.0 cannot carry and a database may refuse: unpaired surrogates, U+FFFE and U+FFFF become U+FFFD,
    /// as a UTF-8 decoder would make of them, and the C0 control characters other than tab, line feed and carriage
    /// return (U+0000 among them) are removed. So no input can break normalization, import, search, a feed or the
    /// sitemap. Returns the same instance when there is nothing to change.
    /// </summary>
    public static string ReplaceNonText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? replaced = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                replaced?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                replaced ??= new StringBuilder(text, 0, i, text.Length);
                replaced.Append('\uFFFD');
                continue;
            }
            if (c < ' ' && c is not ('\t' or '\n' or '\r'))
            {
                replaced ??= new StringBuilder(text, 0, i, text.Length);
                continue;
            }
            replaced?.Append(c);
        }
        return replaced?.ToString() ?? text;
    }

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

    /// <summary>dd/MM/yyyy HH:mm in Vietnam time.</summary>
    public static string FormatMinute(DateTime utc) => ToVietnamTime(utc).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The time of day alone ("14:05", Vietnam time), where the day is already said (a chart of one day's minutes).</summary>
    public static string FormatClock(DateTime utc) => ToVietnamTime(utc).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string FormatDate(DateOnly date) => date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Midnight in Vietnam on <paramref name="date"/>, as UTC.</summary>
    public static DateTime VietnamMidnightUtc(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7)).UtcDateTime;
}
