using System.Text.RegularExpressions;
using PbgdplPortal.Text;

namespace PbgdplPortal.Content;

/// <summary>One provision of a document: an article, optionally a clause of it and a point of that clause.</summary>
/// <param name="Article">The article's number as written ("7", "7a").</param>
/// <param name="Clause">The clause ("5", "6a"), or null for the whole article.</param>
/// <param name="Point">The point ("đ"), or null for the whole clause.</param>
public sealed record LegalProvision(string Article, string? Clause, string? Point)
{
    /// <summary>True when one provision contains the other or they are the same.</summary>
    public bool Overlaps(LegalProvision other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Article == other.Article
            && (Clause is null || other.Clause is null || (Clause == other.Clause && (Point is null || other.Point is null || Point == other.Point)));
    }

    public override string ToString() =>
        (Point is null ? "" : $"điểm {Point} ") + (Clause is null ? "" : $"khoản {Clause} ") + $"Điều {Article}";
}

/// <summary>
/// Reads the provisions named in a citation or a relation ("Điều 8", "khoản 2 Điều 8", "điểm đ khoản 7 Điều 7",
/// "Điều 7, Điều 8") and decides whether two such texts touch the same part of a document. A text the reader does
/// not understand stands for the whole document, so that a change is never missed because of how it was written.
/// </summary>
public static partial class LegalProvisions
{
    /// <summary>The provisions of <paramref name="text"/>; empty when it names no article (the whole document).</summary>
    public static IReadOnlyList<LegalProvision> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var normalized = VietnameseText.Nfc(text).ToLowerInvariant();
        var result = new List<LegalProvision>();
        var previousEnd = 0;
        foreach (Match article in ArticlePattern().Matches(normalized))
        {
            var prefix = normalized[previousEnd..article.Index];
            previousEnd = article.Index + article.Length;
            var number = article.Groups["article"].Value;
            var precise = PrecisePrefix().Match(prefix);
            // "khoản 1, 2 Điều 5" or "khoản 1 và khoản 3 Điều 5": taken as the whole article, never narrower than written.
            result.Add(precise.Success
                ? new LegalProvision(number, NullIfEmpty(precise.Groups["clause"].Value), NullIfEmpty(precise.Groups["point"].Value))
                : new LegalProvision(number, null, null));
            // "Điều 6, 7 và 8": the further articles, whole.
            result.AddRange(article.Groups["more"].Captures.Select(c => new LegalProvision(c.Value, null, null)));
        }
        return result;
    }

    /// <summary>
    /// True when a change of <paramref name="changed"/> touches what <paramref name="cited"/> names: a text naming
    /// no provision (or none this reader understands) stands for the whole document on either side.
    /// </summary>
    public static bool Touch(string? cited, string? changed)
    {
        var c = Parse(cited);
        var a = Parse(changed);
        return c.Count == 0 || a.Count == 0 || c.Any(x => a.Any(x.Overlaps));
    }

    /// <summary>The provisions of a relation as stored: separated by semicolons or line breaks.</summary>
    public static IReadOnlyList<string> Split(string? provisions) =>
        string.IsNullOrWhiteSpace(provisions) ? [] : provisions.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    [GeneratedRegex(@"điều\s+(?<article>\d+[a-z]?)\b(?:\s*(?:,|và)\s*(?<more>\d+[a-z]?)\b)*", RegexOptions.CultureInvariant)]
    private static partial Regex ArticlePattern();

    [GeneratedRegex(@"^[\s,;.]*(?:(?:và|hoặc)\s+)?(?:điểm\s+(?<point>[a-zđ]{1,2})\s+)?(?:khoản\s+(?<clause>\d+[a-z]?)\s+)?(?:của\s+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PrecisePrefix();
}

/// <summary>The provisions a relation names, as typed in the import format and the back office.</summary>
public static class RelationProvisions
{
    public const int MaxLength = 1000;

    /// <summary>"khoản 5 Điều 7; điểm đ khoản 7 Điều 7" in NFC with one separator, or null when nothing is named.</summary>
    public static string? Normalize(string? text)
    {
        var items = LegalProvisions.Split(VietnameseText.Nfc(text ?? ""));
        return items.Count == 0 ? null : string.Join("; ", items);
    }

    /// <summary>Why the provisions cannot be stored (null when they can): too long, or an item naming no article.</summary>
    public static string? Problem(string? provisions)
    {
        if (provisions is null)
        {
            return null;
        }
        if (provisions.Length > MaxLength)
        {
            return $"danh sách điều khoản quá dài (tối đa {MaxLength} ký tự)";
        }
        return LegalProvisions.Split(provisions).FirstOrDefault(p => LegalProvisions.Parse(p).Count == 0) is { } bad
            ? $"không đọc được điều khoản “{bad}”; hãy viết như “Điều 7”, “khoản 5 Điều 7” hoặc “điểm đ khoản 7 Điều 7”, cách nhau bằng dấu chấm phẩy"
            : null;
    }
}
