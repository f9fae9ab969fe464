using System.Globalization;
using System.Text;

namespace PbgdplPortal.Media;

/// <summary>One resized copy of an image, as listed in <see cref="MediaAsset.Variants"/>.</summary>
public sealed record MediaVariant(string Key, int Width, int Height, long Bytes);

/// <summary>Reads and writes <see cref="MediaAsset.Variants"/>: one "key width height bytes" line per copy, narrowest first.</summary>
public static class MediaVariants
{
    public static string? Format(IEnumerable<StoredMediaFile> variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        var sb = new StringBuilder();
        foreach (var v in variants)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{v.Key} {v.Width} {v.Height} {v.Bytes}\n");
        }
        return sb.Length == 0 ? null : sb.ToString();
    }

    /// <summary>The copies listed in <paramref name="variants"/>; lines that do not parse are skipped.</summary>
    public static IReadOnlyList<MediaVariant> Parse(string? variants)
    {
        if (string.IsNullOrWhiteSpace(variants))
        {
            return [];
        }
        var list = new List<MediaVariant>();
        foreach (var line in variants.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 4 && MediaKey.IsValid(parts[0])
                && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var width)
                && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var height)
                && long.TryParse(parts[3], CultureInfo.InvariantCulture, out var bytes))
            {
                list.Add(new MediaVariant(parts[0], width, height, bytes));
            }
        }
        return list;
    }

    /// <summary>Every stored key of an asset: the original and its copies.</summary>
    public static IReadOnlyList<string> AllKeys(string storageKey, string? variants) => [storageKey, .. Parse(variants).Select(v => v.Key)];

    /// <summary>The content type of a resized copy, from the extension its key ends with.</summary>
    public static string? ContentTypeOf(string key) => Path.GetExtension(key) switch
    {
        ".webp" => "image/webp",
        ".jpg" => "image/jpeg",
        ".png" => "image/png",
        ".gif" => "image/gif",
        _ => null,
    };
}

/// <summary>A stored image as a page needs it: its key, size and smaller copies (<see cref="MediaVariants"/>).</summary>
public sealed record MediaImage(string StorageKey, int Width, int Height, string? Variants);

/// <summary>Public addresses of stored media.</summary>
public static class MediaUrls
{
    public const string Prefix = "/media/";

    public static string For(string key) => Prefix + key;

    /// <summary>The copy closest to <paramref name="width"/> without being narrower, or the original.</summary>
    public static string Sized(string storageKey, string? variants, int width) =>
        For(MediaVariants.Parse(variants).FirstOrDefault(v => v.Width >= width)?.Key ?? storageKey);

    /// <summary>"url 320w, url 640w, …, original-url {width}w".</summary>
    public static string SrcSet(string storageKey, int width, string? variants) =>
        string.Join(", ", [.. MediaVariants.Parse(variants).Select(v => $"{For(v.Key)} {v.Width}w"), $"{For(storageKey)} {width}w"]);
}

/// <summary>Sizes as people read them: "850 KB", "2,4 MB".</summary>
public static class MediaSize
{
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < MediaOptions.Megabyte => $"{Math.Max(1, (int)Math.Round(bytes / 1024d))} KB",
        _ => (bytes / (double)MediaOptions.Megabyte).ToString("0.#", CultureInfo.InvariantCulture).Replace('.', ',') + " MB",
    };
}
