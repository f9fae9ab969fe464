namespace PbgdplPortal.Media;

/// <summary>Media files in a folder on this machine (App_Data/media by default).</summary>
public sealed class LocalFolderMediaStorage : IMediaStorage
{
    private readonly string root;

    public LocalFolderMediaStorage(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        this.root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
    }

    public async Task SaveAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathFor(key);
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        // Written beside the target and then renamed over it, so a reader (or another web node) sees either the
        // old file or the whole new one. The leading dot keeps the temporary name outside valid keys.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathFor(key);
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult(File.Exists(PathFor(key)));

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathFor(key);
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was ever stored under that folder.
        }
        return Task.CompletedTask;
    }

    private string PathFor(string key)
    {
        if (!MediaKey.IsValid(key))
        {
            throw new ArgumentException($"'{key}' is not a valid media key.", nameof(key));
        }
        // The key pattern already rules out "..", rooted paths and backslashes; checking the resolved path as well
        // keeps this safe if the pattern is ever loosened.
        var path = Path.GetFullPath(Path.Combine(root, key));
        if (!path.StartsWith(root, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{key}' points outside the media folder.", nameof(key));
        }
        return path;
    }
}
