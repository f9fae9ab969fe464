using System.Text.RegularExpressions;

namespace PbgdplPortal.Text;

/// <summary>Legal document numbers (số hiệu): "100/2019/NĐ-CP", "52/2014/QH13", "138/KH-UBND".</summary>
public static partial class DocumentNumbers
{
    // A number, an optional year, then the type-issuer code of capital letters, digits and dashes.
    // Case-insensitive so that "168/2024/nd-cp" typed in a search box is found too.
    [GeneratedRegex(@"(?<![\p{L}\p{Nd}/])\d{1,4}(?:/\d{4})?/[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ][A-ZĐ0-9]*)*(?![\p{L}\p{Nd}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    public static bool IsNumber(string text) => NumberPattern().Match(text) is { Success: true } m && m.Length == text.Length;

    /// <summary>Every document number in a text, in order, with its position.</summary>
    public static IEnumerable<Match> Find(string text) => NumberPattern().Matches(text);

    /// <summary>The lookup key of a number: folded, lower case ("100/2019/nd-cp").</summary>
    public static string Key(string number) => Slug.Fold(number.Trim());
}
