using System.Diagnostics.CodeAnalysis;

namespace PbgdplPortal.Media;

/// <summary>One stored image file: the re-encoded original or a resized copy.</summary>
public sealed record StoredMediaFile(string Key, int Width, int Height, long Bytes, string ContentType);

public sealed class ImageUploadResult
{
    private ImageUploadResult(string? error, StoredMediaFile? original, IReadOnlyList<StoredMediaFile> variants)
    {
        Error = error;
        Original = original;
        Variants = variants;
    }

    [MemberNotNullWhen(false, nameof(Error))]
    [MemberNotNullWhen(true, nameof(Original))]
    public bool Succeeded => Error is null;

    /// <summary>Why the upload was refused, in Vietnamese for the editor.</summary>
    public string? Error { get; }

    /// <summary>The upload upright, without metadata, in its own format.</summary>
    public StoredMediaFile? Original { get; }

    /// <summary>Smaller copies, narrowest first; empty when the original is no wider than the smallest configured width.</summary>
    public IReadOnlyList<StoredMediaFile> Variants { get; }

    /// <summary>Every stored file, narrowest first, the original last.</summary>
    public IEnumerable<StoredMediaFile> Files => Original is null ? [] : [.. Variants, Original];

    /// <summary>The srcset attribute value: "url 320w, url 640w, …".</summary>
    public string SrcSet(Func<string, string> urlForKey)
    {
        ArgumentNullException.ThrowIfNull(urlForKey);
        return string.Join(", ", Files.Select(f => $"{urlForKey(f.Key)} {f.Width}w"));
    }

    internal static ImageUploadResult Failure(string error) => new(error, null, []);

    internal static ImageUploadResult Success(StoredMediaFile original, IReadOnlyList<StoredMediaFile> variants) => new(null, original, variants);
}
