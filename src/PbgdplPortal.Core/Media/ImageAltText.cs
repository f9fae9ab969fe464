using System.Text.RegularExpressions;

namespace PbgdplPortal.Media;

/// <summary>The alternative text that must describe an image before it appears in published content.</summary>
public static partial class ImageAltText
{
    public const int MaxLength = 300;

    // "IMG_2024.jpg", "anh-1.png", "DSC01234": a camera or file name says nothing to a screen-reader user.
    [GeneratedRegex(@"^(\S+\.(jpe?g|png|gif|webp|heic|bmp|tiff?)|(img|dsc|dscn|pxl|photo|screenshot)[_ -]?\d[\w-]*)\z", RegexOptions.IgnoreCase)]
    private static partial Regex FileNamePattern();

    /// <summary>Why <paramref name="altText"/> cannot describe an image in published content, or null when it can.</summary>
    public static string? Problem(string? altText)
    {
        var text = altText?.Trim() ?? "";
        if (text.Length == 0)
        {
            return MediaMessages.AltTextMissing;
        }
        if (text.Length > MaxLength)
        {
            return MediaMessages.AltTextTooLong(MaxLength);
        }
        return FileNamePattern().IsMatch(text) ? MediaMessages.AltTextIsFileName : null;
    }
}
