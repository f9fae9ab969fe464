using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Iptc;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;
using SixLabors.ImageSharp.PixelFormats;

namespace PbgdplPortal.Core.Tests.Media;

/// <summary>Real image files made on the spot, so every case is visible in code rather than hidden in a binary fixture.</summary>
internal static class TestImages
{
    /// <summary>Written into every kind of metadata the fixtures carry; no stored file may contain it.</summary>
    public const string Secret = "PBGDPL-SECRET-GPS";

    public static readonly Rgba32 Red = new(220, 20, 20);
    public static readonly Rgba32 Blue = new(20, 20, 220);

    /// <summary>Left half red, right half blue, so that a rotation shows.</summary>
    public static Image<Rgba32> LeftRedRightBlue(int width, int height)
    {
        var image = new Image<Rgba32>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                row[..(width / 2)].Fill(Red);
                row[(width / 2)..].Fill(Blue);
            }
        });
        return image;
    }

    public static byte[] Encode(Image image, IImageEncoder encoder)
    {
        using var output = new MemoryStream();
        image.Save(output, encoder);
        return output.ToArray();
    }

    public static byte[] Jpeg(int width = 400, int height = 300)
    {
        using var image = LeftRedRightBlue(width, height);
        return Encode(image, new JpegEncoder());
    }

    public static byte[] Png(int width = 400, int height = 300)
    {
        using var image = LeftRedRightBlue(width, height);
        return Encode(image, new PngEncoder());
    }

    public static byte[] Gif(int width = 400, int height = 300)
    {
        using var image = LeftRedRightBlue(width, height);
        return Encode(image, new GifEncoder());
    }

    public static byte[] Webp(int width = 400, int height = 300)
    {
        using var image = LeftRedRightBlue(width, height);
        return Encode(image, new WebpEncoder());
    }

    public static byte[] Bmp(int width = 40, int height = 30)
    {
        using var image = LeftRedRightBlue(width, height);
        return Encode(image, new BmpEncoder());
    }

    /// <summary>What a phone sends: stored sideways with EXIF orientation 6 ("rotate 90° clockwise"), GPS position, and the same data in XMP and IPTC.</summary>
    public static byte[] PhonePhoto(int storedWidth, int storedHeight, IImageEncoder encoder)
    {
        using var image = LeftRedRightBlue(storedWidth, storedHeight);
        AddPrivateMetadata(image);
        return Encode(image, encoder);
    }

    public static void AddPrivateMetadata(Image image)
    {
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Orientation, (ushort)6);
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(21, 1), new Rational(1, 1), new Rational(30, 1)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(105, 1), new Rational(51, 1), new Rational(15, 1)]);
        exif.SetValue(ExifTag.Artist, Secret);
        exif.SetValue(ExifTag.Model, Secret);
        image.Metadata.ExifProfile = exif;

        var iptc = new IptcProfile();
        iptc.SetValue(IptcTag.Byline, Secret);
        image.Metadata.IptcProfile = iptc;

        image.Metadata.XmpProfile = new XmpProfile(Encoding.UTF8.GetBytes(
            "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
            + $"<rdf:Description xmlns:exif='http://ns.adobe.com/exif/1.0/' exif:GPSLatitude='21,1.5N' exif:UserComment='{Secret}'/>"
            + "</rdf:RDF></x:xmpmeta>"));

        image.Metadata.GetPngMetadata().TextData.Add(new PngTextData("Comment", Secret, "", ""));
        image.Metadata.GetGifMetadata().Comments.Add(Secret);
    }

    public static byte[] Svg => Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\">"
        + "<script>alert(document.cookie)</script><rect width=\"100\" height=\"100\" fill=\"red\"/></svg>");

    /// <summary>A PNG of a few hundred bytes whose header declares <paramref name="width"/> × <paramref name="height"/> pixels (10 GB decoded at 50 000 × 50 000).</summary>
    public static byte[] PngBomb(int width = 50_000, int height = 50_000)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour RGB
        WritePngChunk(output, "IHDR", header);
        // Ten rows of zeros: the compressed data is tiny, as it is in a real bomb.
        using (var zeros = new MemoryStream())
        {
            using (var zlib = new ZLibStream(zeros, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(new byte[10 * ((width * 3) + 1)]);
            }
            WritePngChunk(output, "IDAT", zeros.ToArray());
        }
        WritePngChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>A 26-byte GIF whose screen and only frame are <paramref name="size"/> × <paramref name="size"/>.</summary>
    public static byte[] GifBomb(ushort size = 50_000)
    {
        byte[] bytes =
        [
            .. "GIF89a"u8, 0, 0, 0, 0, 0x00, 0x00, 0x00,
            0x2C, 0x00, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0x00,
            // LZW minimum code size 2, one sub-block holding "clear, end", block terminator, trailer.
            0x02, 0x01, 0x2C, 0x00, 0x3B,
        ];
        foreach (var offset in (int[])[6, 8, 18, 20])
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), size);
        }
        return bytes;
    }

    /// <summary>A real 16 × 16 JPEG whose frame header is rewritten to say <paramref name="size"/> × <paramref name="size"/>.</summary>
    public static byte[] JpegBomb(ushort size = 50_000)
    {
        var bytes = Jpeg(16, 16);
        var sof = bytes.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(sof + 5), size);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(sof + 7), size);
        return bytes;
    }

    private static void WritePngChunk(Stream output, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeAndData = (byte[])[.. Encoding.ASCII.GetBytes(type), .. data];
        output.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        output.Write(crc);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
