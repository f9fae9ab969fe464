using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace PbgdplPortal.Media;

/// <summary>
/// Turns an uploaded image into stored files: the original upright and without metadata, plus resized copies,
/// each named by its content. Bad input never throws; it comes back as a refusal with a message.
/// </summary>
public sealed class ImageUploader
{
    private readonly IMediaStorage storage;
    private readonly MediaOptions options;
    private readonly Configuration configuration;
    private readonly int[] widths;

    public ImageUploader(IMediaStorage storage, MediaOptions options)
        : this(storage, options, allocator: null)
    {
    }

    /// <param name="allocator">Lets tests see how much pixel memory a refusal costs.</param>
    internal ImageUploader(IMediaStorage storage, MediaOptions options, MemoryAllocator? allocator)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.storage = storage;
        this.options = options;
        widths = [.. options.Widths.Distinct().Order()];
        // Only the four web formats are registered: BMP, TIFF, TGA and the rest are not recognised at all, whatever
        // the file is called.
        configuration = new Configuration(
            new JpegConfigurationModule(), new PngConfigurationModule(), new GifConfigurationModule(), new WebpConfigurationModule());
        if (allocator is not null)
        {
            configuration.MemoryAllocator = allocator;
        }
    }

    /// <param name="fileName">Deliberately not consulted: the format is read from the content, whatever the name says.</param>
    public async Task<ImageUploadResult> ProcessAsync(Stream input, string? fileName, CancellationToken cancellationToken = default)
    {
        var upload = await UploadBytes.ReadAsync(input, options.MaxImageBytes, cancellationToken);
        if (upload is not { } bytes)
        {
            return ImageUploadResult.Failure(MediaMessages.ImageTooLarge(options.MaxImageBytes));
        }
        if (bytes.IsEmpty)
        {
            return ImageUploadResult.Failure(MediaMessages.EmptyFile);
        }

        var encoded = Encode(bytes, out var error);
        if (error is not null)
        {
            return ImageUploadResult.Failure(error);
        }

        var stored = new List<StoredMediaFile>(encoded.Count);
        foreach (var file in encoded)
        {
            var key = MediaKey.ForContent("img", file.Bytes, $"-{file.Width}", file.Extension);
            // Keys name content, so a file already there holds these very bytes.
            if (!await storage.ExistsAsync(key, cancellationToken))
            {
                using var content = new MemoryStream(file.Bytes, writable: false);
                await storage.SaveAsync(key, content, cancellationToken);
            }
            stored.Add(new StoredMediaFile(key, file.Width, file.Height, file.Bytes.Length, file.ContentType));
        }
        return ImageUploadResult.Success(stored[^1], stored[..^1]);
    }

    private sealed record EncodedFile(byte[] Bytes, int Width, int Height, string Extension, string ContentType);

    /// <summary>The resized copies, narrowest first, then the original; or an empty list and the reason for refusing.</summary>
    private List<EncodedFile> Encode(ReadOnlyMemory<byte> bytes, out string? error)
    {
        error = null;
        // Everything up to the decoder looks at headers only.
        var format = Image.DetectFormat(configuration, bytes.Span);
        if (format is null)
        {
            error = MediaMessages.UnsupportedImage;
            return [];
        }

        IImageInfo? info;
        try
        {
            using var stream = UploadBytes.AsStream(bytes);
            info = Image.Identify(configuration, stream, out _);
        }
        catch (Exception)
        {
            info = null;
        }
        if (info is null || info.Width <= 0 || info.Height <= 0)
        {
            error = MediaMessages.CorruptImage;
            return [];
        }
        var pixels = (long)info.Width * info.Height;
        if (pixels > options.MaxPixels)
        {
            error = MediaMessages.ImageTooManyPixels(options.MaxPixels);
            return [];
        }
        if (!ImageIntegrity.IsComplete(format, bytes.Span))
        {
            error = MediaMessages.CorruptImage;
            return [];
        }

        try
        {
            using var stream = UploadBytes.AsStream(bytes);
            using var image = Image.Load<Rgba32>(configuration, stream, DecoderFor(format, pixels));
            image.Mutate(x => x.AutoOrient());
            StripMetadata(image);

            var files = new List<EncodedFile>();
            foreach (var width in widths.Where(w => w < image.Width))
            {
                files.Add(EncodeVariant(image, width));
            }
            files.Add(EncodeOriginal(image, format));
            return files;
        }
        catch (Exception)
        {
            // Decoders meet hostile input here; whatever they throw, the editor gets a message, not an error page.
            error = MediaMessages.CorruptImage;
            return [];
        }
    }

    private IImageDecoder DecoderFor(IImageFormat format, long pixels) => format is GifFormat
        // Every GIF frame is decoded to a full canvas, so the pixel budget also caps how many frames are kept.
        ? new GifDecoder { MaxFrames = (uint)Math.Clamp(options.MaxPixels / pixels, 1, 1000) }
        : configuration.ImageFormatsManager.FindDecoder(format);

    private static void StripMetadata(Image<Rgba32> image)
    {
        // EXIF carries GPS position and camera serials; XMP and IPTC can repeat them; ICC profiles identify devices.
        image.Metadata.ExifProfile = null;
        image.Metadata.XmpProfile = null;
        image.Metadata.IptcProfile = null;
        image.Metadata.IccProfile = null;
        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.XmpProfile = null;
            frame.Metadata.IptcProfile = null;
            frame.Metadata.IccProfile = null;
        }
        image.Metadata.GetPngMetadata().TextData.Clear();
        image.Metadata.GetGifMetadata().Comments.Clear();
    }

    private EncodedFile EncodeOriginal(Image<Rgba32> image, IImageFormat format)
    {
        IImageEncoder encoder = format switch
        {
            JpegFormat => new JpegEncoder { Quality = options.JpegQuality },
            PngFormat => new PngEncoder { ChunkFilter = PngChunkFilter.ExcludeAll },
            GifFormat => new GifEncoder(),
            // A lossless WebP (a screenshot, a diagram) stays lossless.
            _ => new WebpEncoder
            {
                FileFormat = image.Metadata.GetWebpMetadata().FileFormat ?? WebpFileFormatType.Lossy,
                Quality = options.WebpQuality,
            },
        };
        var (extension, contentType) = format switch
        {
            JpegFormat => ("jpg", "image/jpeg"),
            PngFormat => ("png", "image/png"),
            GifFormat => ("gif", "image/gif"),
            _ => ("webp", "image/webp"),
        };
        return new EncodedFile(Save(image, encoder), image.Width, image.Height, extension, contentType);
    }

    private EncodedFile EncodeVariant(Image<Rgba32> image, int width)
    {
        var height = Math.Max(1, (int)Math.Round((double)image.Height * width / image.Width));
        // Only the first frame of an animated GIF: the copies are stills.
        using var variant = image.Frames.CloneFrame(0);
        variant.Mutate(x => x.Resize(width, height));
        if (options.VariantFormat == ImageVariantFormat.Jpeg)
        {
            // JPEG has no transparency; white matches the page behind most images.
            variant.Mutate(x => x.BackgroundColor(Color.White));
            return new EncodedFile(Save(variant, new JpegEncoder { Quality = options.JpegQuality }), width, height, "jpg", "image/jpeg");
        }
        var webp = new WebpEncoder { FileFormat = WebpFileFormatType.Lossy, Quality = options.WebpQuality };
        return new EncodedFile(Save(variant, webp), width, height, "webp", "image/webp");
    }

    private static byte[] Save(Image<Rgba32> image, IImageEncoder encoder)
    {
        using var output = new MemoryStream();
        image.Save(output, encoder);
        return output.ToArray();
    }
}
