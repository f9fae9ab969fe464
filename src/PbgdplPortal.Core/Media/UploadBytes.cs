namespace PbgdplPortal.Media;

internal static class UploadBytes
{
    /// <summary>The whole stream, or null as soon as it turns out to hold more than <paramref name="limit"/> bytes.</summary>
    /// <remarks>Reads at most limit + 1 bytes, so an endless or huge upload costs no more than the limit.</remarks>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(Stream input, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.CanSeek && input.Length - input.Position > limit)
        {
            return null;
        }
        using var buffer = input.CanSeek ? new MemoryStream((int)(input.Length - input.Position)) : new MemoryStream();
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = await input.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit + 1 - total)), cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    public static MemoryStream AsStream(ReadOnlyMemory<byte> bytes) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
}
