using System.Globalization;
using System.Text;
using PbgdplPortal.Text;

namespace PbgdplPortal.Media;

/// <summary>File names offered when a visitor downloads an attachment.</summary>
public static class DownloadFileName
{
    public const int MaxBaseLength = 100;

    private const string Fallback = "tai-lieu";

    /// <summary>
    /// The uploaded name without folders, control or formatting characters (a right-to-left override can disguise
    /// "fdp.exe" as "exe.pdf") or characters that file systems refuse, ending in the extension found from the content.
    /// </summary>
    public static string From(string? uploadedName, string extension)
    {
        var name = uploadedName ?? "";
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var dot = name.LastIndexOf('.');
        if (dot >= 0)
        {
            name = name[..dot];
        }

        // Runes first: a lone surrogate becomes U+FFFD instead of breaking normalisation and the UTF-8 in filename*.
        var wellFormed = string.Concat(name.EnumerateRunes().Select(r => r.ToString()));
        var sb = new StringBuilder(wellFormed.Length);
        var pendingSpace = false;
        foreach (var rune in VietnameseText.Nfc(wellFormed).EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || (rune.IsAscii && "\"*:<>?|;".Contains((char)rune.Value, StringComparison.Ordinal)))
            {
                pendingSpace = true;
                continue;
            }
            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }
            var space = pendingSpace && sb.Length > 0 ? 1 : 0;
            if (sb.Length + space + rune.Utf16SequenceLength > MaxBaseLength)
            {
                break;
            }
            if (space == 1)
            {
                sb.Append(' ');
            }
            pendingSpace = false;
            sb.Append(rune.ToString());
        }
        var baseName = sb.ToString().Trim('.', ' ');
        return $"{(baseName.Length == 0 ? Fallback : baseName)}.{extension}";
    }

    /// <summary>"Quyết định số 12.pdf" → "quyet-dinh-so-12.pdf", for clients that ignore filename*.</summary>
    public static string Ascii(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var dot = fileName.LastIndexOf('.');
        var baseName = Slug.From(dot >= 0 ? fileName[..dot] : fileName);
        var extension = dot >= 0 ? Slug.From(fileName[(dot + 1)..]) : "";
        return (baseName.Length == 0 ? Fallback : baseName) + (extension.Length == 0 ? "" : "." + extension);
    }

    /// <summary>A Content-Disposition value with an ASCII filename and the real one as RFC 5987 UTF-8 filename*.</summary>
    public static string ContentDisposition(string fileName, bool inline = false)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        // EscapeDataString leaves only letters, digits and -._~ unescaped, all of them attr-chars in RFC 5987.
        return $"{(inline ? "inline" : "attachment")}; filename=\"{Ascii(fileName)}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }
}
