using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace PbgdplPortal.Web.Tests.BackOffice;

/// <summary>Helpers for the administration tests: reading pages, following redirects, computing authenticator codes.</summary>
public static partial class AdminKit
{
    [GeneratedRegex("<code id=\"khoa-chia-se\">([a-z2-7 ]+)</code>")]
    private static partial Regex SharedKeyPattern();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCodePattern();

    /// <summary>The page's text with HTML entities decoded.</summary>
    public static async Task<string> TextAsync(this HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>Asserts a redirect and returns its target path.</summary>
    public static string RedirectTarget(this HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}");
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    /// <summary>True when the client's session has ended (the back office sends it to the sign-in page).</summary>
    public static async Task<bool> IsSignedOutAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/quan-tri");
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/quan-tri/dang-nhap", StringComparison.Ordinal);
    }

    public static string SharedKeyOf(string html)
    {
        var match = SharedKeyPattern().Match(html);
        Assert.True(match.Success, "No shared key on the page");
        return match.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
    }

    public static IReadOnlyList<string> RecoveryCodesOf(string html) => [.. RecoveryCodePattern().Matches(html).Select(m => m.Groups[1].Value)];

    /// <summary>The current RFC 6238 code (HMAC-SHA1, 30 s, 6 digits) of a base32 authenticator key.</summary>
    public static string Totp(string base32Key, DateTimeOffset? at = null)
    {
        var key = Base32(base32Key);
        var counter = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(message);
        }
#pragma warning disable CA5350 // RFC 6238 authenticator codes are defined on HMAC-SHA1.
        var hash = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
