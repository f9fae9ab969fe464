using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PbgdplPortal.Text;

/// <summary>URL slugs in Vietnamese without diacritics: "Đăng ký kết hôn" → "dang-ky-ket-hon".</summary>
public static partial class Slug
{
    // \z, not $: "$" also matches before a final "\n", which would let "a-b\n" through.
    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z")]
    private static partial Regex ValidPattern();

    public static bool IsValid(string? slug) => slug is not null && slug.Length <= 200 && ValidPattern().IsMatch(slug);

    public static string From(string text)
    {
        var folded = Fold(text);
        var sb = new StringBuilder(folded.Length);
        var pendingDash = false;
        foreach (var c in folded)
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                if (pendingDash && sb.Length > 0)
                {
                    sb.Append('-');
                }
                pendingDash = false;
                sb.Append(c);
            }
            else
            {
                pendingDash = true;
            }
        }
        var slug = sb.ToString();
        return slug.Length <= 200 ? slug : slug[..200].TrimEnd('-');
    }

    /// <summary>Lower case, diacritics removed, đ → d.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            sb.Append(c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
