using PbgdplPortal.Media;

namespace PbgdplPortal.Core.Tests.Media;

public sealed class LocalFolderMediaStorageTests : IDisposable
{
    private readonly string parent = Path.Combine(Path.GetTempPath(), "pbgdpl-tests", Guid.NewGuid().ToString("N"));
    private readonly string root;
    private readonly LocalFolderMediaStorage storage;

    public LocalFolderMediaStorageTests()
    {
        root = Path.Combine(parent, "media");
        storage = new LocalFolderMediaStorage(root);
    }

    public void Dispose()
    {
        if (Directory.Exists(parent))
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    private static MemoryStream Bytes(params byte[] bytes) => new(bytes);

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    [Fact]
    public async Task A_saved_file_can_be_opened_checked_and_deleted_by_its_key()
    {
        await storage.SaveAsync("img/ab/abcdef-640.webp", Bytes(1, 2, 3));

        Assert.True(await storage.ExistsAsync("img/ab/abcdef-640.webp"));
        Assert.Equal([1, 2, 3], await ReadAllAsync((await storage.OpenReadAsync("img/ab/abcdef-640.webp"))!));
        Assert.True(File.Exists(Path.Combine(root, "img", "ab", "abcdef-640.webp")));

        await storage.DeleteAsync("img/ab/abcdef-640.webp");

        Assert.False(await storage.ExistsAsync("img/ab/abcdef-640.webp"));
        Assert.Null(await storage.OpenReadAsync("img/ab/abcdef-640.webp"));
    }

    [Fact]
    public async Task Opening_or_deleting_a_missing_file_is_not_an_error()
    {
        Assert.Null(await storage.OpenReadAsync("doc/00/missing.pdf"));
        await storage.DeleteAsync("doc/00/missing.pdf");
        Assert.False(await storage.ExistsAsync("doc/00/missing.pdf"));
    }

    [Fact]
    public async Task Saving_again_replaces_the_file_and_leaves_no_temporary_files()
    {
        await storage.SaveAsync("doc/aa/file.pdf", Bytes(1));
        await storage.SaveAsync("doc/aa/file.pdf", Bytes(2, 2));

        Assert.Equal([2, 2], await ReadAllAsync((await storage.OpenReadAsync("doc/aa/file.pdf"))!));
        Assert.Equal(["file.pdf"], Directory.GetFiles(Path.Combine(root, "doc", "aa")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_save_that_fails_midway_leaves_the_previous_file_whole_and_no_temporary_file()
    {
        await storage.SaveAsync("doc/aa/file.pdf", Bytes(1, 1, 1));

        await Assert.ThrowsAsync<IOException>(() => storage.SaveAsync("doc/aa/file.pdf", new FailingStream()));

        Assert.Equal([1, 1, 1], await ReadAllAsync((await storage.OpenReadAsync("doc/aa/file.pdf"))!));
        Assert.Equal(["file.pdf"], Directory.GetFiles(Path.Combine(root, "doc", "aa")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("img/../../escape.txt")]
    [InlineData("img/..")]
    [InlineData("..")]
    [InlineData("/etc/passwd")]
    [InlineData("img\\..\\..\\escape.txt")]
    [InlineData("C:/Windows/win.ini")]
    [InlineData("img//a.png")]
    [InlineData("img/.hidden")]
    [InlineData("img/a.png/")]
    [InlineData("IMG/A.PNG")]
    [InlineData("")]
    [InlineData(" ")]
    public async Task Keys_that_could_leave_the_media_folder_or_are_not_plain_are_refused(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => storage.SaveAsync(key, Bytes(1)));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.OpenReadAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.ExistsAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.DeleteAsync(key));
        Assert.False(File.Exists(Path.Combine(parent, "escape.txt")));
    }

    [Fact]
    public void A_key_longer_than_the_limit_is_not_valid() =>
        Assert.False(MediaKey.IsValid("img/" + new string('a', MediaKey.MaxLength)));

    private sealed class FailingStream : Stream
    {
        private int reads;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (reads++ > 0)
            {
                throw new IOException("Kết nối bị ngắt.");
            }
            buffer[offset] = 9;
            return 1;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
