using System.Buffers.Binary;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;

namespace PbgdplPortal.Media;

/// <summary>Whether an image file runs to its proper end.</summary>
/// <remarks>
/// ImageSharp decodes a truncated JPEG, GIF or WebP without complaint and fills the missing part with grey,
/// so a half-uploaded photo would be published as if it were whole. Walking the container structure is cheap
/// and catches that before decoding.
/// </remarks>
internal static class ImageIntegrity
{
    public static bool IsComplete(IImageFormat format, ReadOnlySpan<byte> data) => format switch
    {
        JpegFormat => JpegIsComplete(data),
        PngFormat => PngIsComplete(data),
        GifFormat => GifIsComplete(data),
        WebpFormat => RiffIsComplete(data),
        _ => false,
    };

    /// <summary>Segments from SOI, through each scan's entropy-coded data, up to EOI. Bytes after EOI are ignored (phones append videos there).</summary>
    private static bool JpegIsComplete(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            return false;
        }
        var pos = 2;
        while (true)
        {
            // Any number of 0xFF fill bytes may precede a marker.
            if (pos >= data.Length || data[pos] != 0xFF)
            {
                return false;
            }
            while (pos < data.Length && data[pos] == 0xFF)
            {
                pos++;
            }
            if (pos >= data.Length)
            {
                return false;
            }
            var marker = data[pos++];
            if (marker == 0xD9)
            {
                return true;
            }
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue;
            }
            if (pos + 2 > data.Length)
            {
                return false;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2 || pos + length > data.Length)
            {
                return false;
            }
            pos += length;
            if (marker == 0xDA)
            {
                pos = SkipEntropyCodedData(data, pos);
            }
        }
    }

    /// <summary>Position of the next marker after scan data, where 0xFF 0x00 is a stuffed byte and RSTn markers belong to the scan.</summary>
    private static int SkipEntropyCodedData(ReadOnlySpan<byte> data, int pos)
    {
        while (pos + 1 < data.Length)
        {
            var next = data[pos..].IndexOf((byte)0xFF);
            if (next < 0 || pos + next + 1 >= data.Length)
            {
                return data.Length;
            }
            pos += next;
            var following = data[pos + 1];
            if (following is 0x00 or 0xFF or (>= 0xD0 and <= 0xD7))
            {
                pos += following == 0xFF ? 1 : 2;
                continue;
            }
            return pos;
        }
        return data.Length;
    }

    /// <summary>Chunks after the signature, each fitting in the file, up to IEND.</summary>
    private static bool PngIsComplete(ReadOnlySpan<byte> data)
    {
        var pos = 8L;
        while (pos + 12 <= data.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(data[(int)pos..]);
            var type = data.Slice((int)pos + 4, 4);
            pos += 12L + length;
            if (pos > data.Length)
            {
                return false;
            }
            if (type.SequenceEqual("IEND"u8))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Extension and image blocks after the screen descriptor, each fitting in the file, up to the trailer.</summary>
    private static bool GifIsComplete(ReadOnlySpan<byte> data)
    {
        if (data.Length < 13)
        {
            return false;
        }
        var pos = 13 + ColorTableLength(data[10]);
        while (pos < data.Length)
        {
            switch (data[pos])
            {
                case 0x3B:
                    return true;
                case 0x21:
                    pos = SkipSubBlocks(data, pos + 2);
                    break;
                case 0x2C:
                    if (pos + 10 > data.Length)
                    {
                        return false;
                    }
                    // Descriptor, local colour table, LZW code size, then the data sub-blocks.
                    pos = SkipSubBlocks(data, pos + 10 + ColorTableLength(data[pos + 9]) + 1);
                    break;
                default:
                    return false;
            }
        }
        return false;

        static int ColorTableLength(byte flags) => (flags & 0x80) == 0 ? 0 : 3 << ((flags & 0x07) + 1);
    }

    private static int SkipSubBlocks(ReadOnlySpan<byte> data, int pos)
    {
        while (pos < data.Length)
        {
            var size = data[pos];
            pos += 1 + size;
            if (size == 0)
            {
                return pos;
            }
        }
        return int.MaxValue;
    }

    /// <summary>The RIFF size in the header covers chunks that all fit in the file.</summary>
    private static bool RiffIsComplete(ReadOnlySpan<byte> data)
    {
        if (data.Length < 20)
        {
            return false;
        }
        var end = 8L + BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (end > data.Length)
        {
            return false;
        }
        var pos = 12L;
        var chunks = 0;
        while (pos + 8 <= end)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(data[((int)pos + 4)..]);
            pos += 8L + size + (size & 1);
            if (pos > end + (size & 1))
            {
                return false;
            }
            chunks++;
        }
        return chunks > 0;
    }
}
