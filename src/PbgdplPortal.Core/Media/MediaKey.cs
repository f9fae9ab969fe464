using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace PbgdplPortal.Media;

/// <summary>Storage keys: lower-case relative paths that name files by their content.</summary>
public static partial class MediaKey
{
    public const int MaxLength = 200;

    // Lower case only, so a key names one file on case-insensitive file systems too. No segment may start with
    // a dot: that rules out "." and "..", and keeps storage's own temporary files out of reach.
    [GeneratedRegex(@"^[a-z0-9_-][a-z0-9._-]*(/[a-z0-9_-][a-z0-9._-]*)*\z")]
    private static partial Regex Pattern();

    public static bool IsValid(string? key) => key is not null && key.Length <= MaxLength && Pattern().IsMatch(key);

    /// <summary>"{folder}/ab/ab12…{suffix}.{extension}" where ab12… is the start of the SHA-256 of <paramref name="content"/>.</summary>
    /// <remarks>A name that changes whenever the bytes change lets browsers cache a file for good, and stores identical uploads once.</remarks>
    public static string ForContent(string folder, ReadOnlySpan<byte> content, string suffix, string extension)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content))[..32];
        return $"{folder}/{hash[..2]}/{hash}{suffix}.{extension}";
    }
}
