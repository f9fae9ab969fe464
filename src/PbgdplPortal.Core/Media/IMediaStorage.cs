namespace PbgdplPortal.Media;

/// <summary>
/// Where media files live, addressed by a relative key such as "img/ab/ab12…-640.webp".
/// Several web nodes share one database, so this is the one seam to swap for shared storage.
/// </summary>
public interface IMediaStorage
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing any file there; readers never see a partial file.</summary>
    Task SaveAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>The file for reading, or null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes the file; a missing file is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}
