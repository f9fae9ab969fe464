namespace PbgdplPortal.Media;

/// <summary>The "Media" configuration section.</summary>
public sealed class MediaOptions
{
    public const long Megabyte = 1024 * 1024;

    /// <summary>Uploads larger than this are refused before any decoding.</summary>
    public long MaxImageBytes { get; set; } = 10 * Megabyte;

    /// <summary>Width × height read from the image header; larger images are refused before their pixels are allocated.</summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Widths of the resized copies; only those narrower than the original are made.</summary>
    public int[] Widths { get; set; } = [320, 640, 1280];

    public int JpegQuality { get; set; } = 82;

    public int WebpQuality { get; set; } = 80;

    /// <summary>Encoding of the resized copies; the original keeps its own format.</summary>
    public ImageVariantFormat VariantFormat { get; set; } = ImageVariantFormat.Webp;

    public long MaxAttachmentBytes { get; set; } = 20 * Megabyte;

    /// <summary>Sum of the sizes declared inside an Office or OpenDocument file (both are ZIP archives).</summary>
    public long MaxAttachmentUnpackedBytes { get; set; } = 200 * Megabyte;

    internal void Validate()
    {
        // The whole upload is held in one array, so the byte limits must stay below 2 GB.
        Require(MaxImageBytes is > 0 and <= int.MaxValue - 1, nameof(MaxImageBytes));
        Require(MaxAttachmentBytes is > 0 and <= int.MaxValue - 1, nameof(MaxAttachmentBytes));
        Require(MaxAttachmentUnpackedBytes > 0, nameof(MaxAttachmentUnpackedBytes));
        Require(MaxPixels > 0, nameof(MaxPixels));
        Require(Widths is not null && Widths.All(w => w is > 0 and <= 16_000), nameof(Widths));
        Require(JpegQuality is >= 1 and <= 100, nameof(JpegQuality));
        Require(WebpQuality is >= 1 and <= 100, nameof(WebpQuality));
        Require(Enum.IsDefined(VariantFormat), nameof(VariantFormat));
    }

    private static void Require(bool valid, string name)
    {
        if (!valid)
        {
            throw new InvalidOperationException($"Media:{name} is out of range.");
        }
    }
}

public enum ImageVariantFormat
{
    Webp,
    Jpeg,
}
