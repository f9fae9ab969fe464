using System.Globalization;
using System.Text.RegularExpressions;
using PbgdplPortal.Text;

namespace PbgdplPortal.Questions;

/// <summary>
/// A question's short reference number, "HD-2026-000123": the year it was asked (Vietnam time) and its database id,
/// which the database gives out, so it is unique on every node and under concurrent submissions without a counter of
/// its own. The asker finds the question again with it and the phone number or e-mail they gave.
/// </summary>
public static partial class QuestionReference
{
    public const string Prefix = "HD";

    [GeneratedRegex(@"^HD-(\d{4})-(\d{6,9})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static string Format(int id, DateTime askedAtUtc) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{VietnameseText.ToVietnamTime(askedAtUtc).Year:D4}-{id:D6}");

    /// <summary>The year and id of a reference as people type it (spaces around, lower case, "–" for "-"); false when it is not one.</summary>
    public static bool TryParse(string? text, out int year, out int id)
    {
        year = 0;
        id = 0;
        if (text is null)
        {
            return false;
        }
        var normal = text.Trim().ToUpperInvariant().Replace('–', '-').Replace('—', '-').Replace(" ", "", StringComparison.Ordinal);
        var match = Pattern().Match(normal);
        return match.Success
            && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out year)
            && int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && id > 0;
    }

    /// <summary>A Vietnamese phone number as digits, "+84 912 345 678" → "0912345678"; null when it is not one (9 to 11 digits).</summary>
    public static string? NormalPhone(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var trimmed = text.Trim();
        if (trimmed.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '.' or '-' or '+' or '(' or ')')) || trimmed.LastIndexOf('+') > 0)
        {
            return null;
        }
        var digits = new string([.. trimmed.Where(char.IsAsciiDigit)]);
        if (trimmed.StartsWith('+'))
        {
            if (!digits.StartsWith("84", StringComparison.Ordinal))
            {
                return null;
            }
            digits = "0" + digits[2..];
        }
        return digits.Length is >= 9 and <= 11 && digits[0] == '0' ? digits : null;
    }
}
