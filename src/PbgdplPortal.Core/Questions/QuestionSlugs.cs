using System.Security.Cryptography;
using PbgdplPortal.Text;

namespace PbgdplPortal.Questions;

/// <summary>
/// A question's address. At submission it is neutral ("cau-hoi-3fa2c1"): the asker's words never name it. Once the
/// answer is made public it is the moderated title's first ten words and the same six-letter suffix, so the address
/// says what the moderator published and stays unique.
/// </summary>
public static class QuestionSlugs
{
    private const string Neutral = "cau-hoi";
    private const int SuffixLength = 6;

    /// <summary>The address given at submission.</summary>
    public static string New() => $"{Neutral}-{RandomNumberGenerator.GetHexString(SuffixLength, lowercase: true)}";

    /// <summary>The public address for <paramref name="title"/>, keeping the suffix of <paramref name="current"/>.</summary>
    public static string Public(string title, string current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var words = Slug.From(title).Split('-', StringSplitOptions.RemoveEmptyEntries).Take(10).ToList();
        var head = words.Count == 0 ? Neutral : string.Join('-', words);
        return $"{head}-{Suffix(current)}";
    }

    /// <summary>The random six-letter tail of an address; a fresh one when the address has none.</summary>
    private static string Suffix(string slug)
    {
        var dash = slug.LastIndexOf('-');
        var tail = dash >= 0 ? slug[(dash + 1)..] : "";
        return tail.Length == SuffixLength && tail.All(char.IsAsciiHexDigitLower)
            ? tail
            : RandomNumberGenerator.GetHexString(SuffixLength, lowercase: true);
    }
}
