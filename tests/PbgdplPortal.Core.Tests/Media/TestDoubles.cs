using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using PbgdplPortal.Media;
using SixLabors.ImageSharp.Memory;

namespace PbgdplPortal.Core.Tests.Media;

/// <summary>Storage in a dictionary, counting writes.</summary>
internal sealed class InMemoryMediaStorage : IMediaStorage
{
    private readonly ConcurrentDictionary<string, byte[]> files = new();
    private int saves;

    public int Saves => saves;

    public IReadOnlyCollection<string> Keys => [.. files.Keys];

    public byte[] this[string key] => files[key];

    public async Task SaveAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        files[key] = copy.ToArray();
        Interlocked.Increment(ref saves);
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult<Stream?>(files.TryGetValue(key, out var bytes) ? new MemoryStream(bytes, writable: false) : null);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult(files.ContainsKey(key));

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        files.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}

/// <summary>Counts every buffer ImageSharp asks for: pixel rows, decoder scratch space, everything.</summary>
internal sealed class CountingAllocator : MemoryAllocator
{
    private readonly MemoryAllocator inner = Create();
    private long allocatedBytes;

    public long AllocatedBytes => Interlocked.Read(ref allocatedBytes);

    public override IMemoryOwner<T> Allocate<T>(int length, AllocationOptions options = AllocationOptions.None)
    {
        Interlocked.Add(ref allocatedBytes, (long)length * Unsafe.SizeOf<T>());
        return inner.Allocate<T>(length, options);
    }

    protected override int GetBufferCapacityInBytes() => 4 * 1024 * 1024;
}

/// <summary>A network upload that never ends, counting what was read from it.</summary>
internal sealed class EndlessStream : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        buffer.AsSpan(offset, count).Fill(0xFF);
        BytesRead += count;
        return count;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
