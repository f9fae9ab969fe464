using System.Globalization;
using System.Text;
using PbgdplPortal.Text;

namespace PbgdplPortal.Search;

/// <summary>
/// Normalizes Vietnamese text the same way at index and at query time: Unicode NFC, and the tone
/// mark of "oa, oe, uy" syllables moved to the new-style position ("hoà" → "hòa", "thuỷ" → "thủy").
/// </summary>
public static class SearchText
{
    private const char Grave = '\u0300';
    private const char Acute = '\u0301';
    private const char Tilde = '\u0303';
    private const char Hook = '\u0309';
    private const char DotBelow = '\u0323';

    private static bool IsTone(char c) => c is Grave or Acute or Tilde or Hook or DotBelow;

    public static string Normalize(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        var decomposed = VietnameseText.ReplaceNonText(text).Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var i = 0;
        while (i < decomposed.Length)
        {
            if (!IsSyllableChar(decomposed[i]))
            {
                sb.Append(decomposed[i++]);
                continue;
            }
            var start = i;
            while (i < decomposed.Length && IsSyllableChar(decomposed[i]))
            {
                i++;
            }
            AppendSyllable(sb, decomposed.AsSpan(start, i - start));
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool IsSyllableChar(char c) =>
        char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    /// <summary>
    /// In NFD, an old-style syllable ends with o/u, then a/e/y, then one tone mark ("hoà" = h o a ◌̀).
    /// The tone moves onto the o/u unless the o/u follows "q" ("quý" stays), and only when nothing
    /// follows the tone, so "hoàn" and "thuế" are untouched.
    /// </summary>
    private static void AppendSyllable(StringBuilder sb, ReadOnlySpan<char> s)
    {
        var n = s.Length;
        if (n >= 3 && IsTone(s[n - 1]) && IsGlide(s[n - 3], s[n - 2]) && (n < 4 || char.ToLowerInvariant(s[n - 4]) != 'q'))
        {
            sb.Append(s[..(n - 2)]);
            sb.Append(s[n - 1]);
            sb.Append(s[n - 2]);
            return;
        }
        sb.Append(s);
    }

    private static bool IsGlide(char first, char second)
    {
        var a = char.ToLowerInvariant(first);
        var b = char.ToLowerInvariant(second);
        return (a == 'o' && b is 'a' or 'e') || (a == 'u' && b == 'y');
    }
}
