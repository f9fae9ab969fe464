using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PbgdplPortal.Data;
using PbgdplPortal.Media;
using PbgdplPortal.Web.Hosting;

namespace PbgdplPortal.Web.Media;

/// <summary>The media library's services and the public /media/{key} endpoint.</summary>
public static class MediaHosting
{
    /// <summary>Served on every media response: a stored file is never a page, whatever it contains.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; sandbox";

    public static IServiceCollection AddMedia(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Portal:Media");
        var options = section.Get<MediaOptions>() ?? new MediaOptions();
        // The binder appends configured array items to the defaults; configured widths replace them instead.
        if (section.GetSection(nameof(MediaOptions.Widths)).Get<int[]>() is { Length: > 0 } widths)
        {
            options.Widths = widths;
        }
        services.AddSingleton(options);
        // Made now so that a wrong setting stops the start with its name, not the first upload.
        services.AddSingleton(new AttachmentInspector(options));
        services.AddSingleton<IMediaStorage>(sp =>
            new LocalFolderMediaStorage(Path.Combine(sp.GetRequiredService<IOptions<PortalOptions>>().Value.DataDir, "media")));
        services.AddSingleton<ImageUploader>();
        services.AddScoped<MediaLibrary>();
        services.AddMemoryCache();
        return services;
    }

    /// <summary>GET and HEAD /media/{key}: every stored file is public under its unguessable, content-named key.</summary>
    public static void MapMedia(this WebApplication app) =>
        app.MapMethods(MediaUrls.Prefix + "{**key}", [HttpMethods.Get, HttpMethods.Head], ServeAsync)
            // Files are cached by browsers for a year; holding them in the server's page cache too would only spend memory.
            .CacheOutput(p => p.NoCache())
            .DisableHttpMetrics();

    private sealed record ServedFile(string ContentType, MediaKind Kind, string FileName);

    private static async Task<IResult> ServeAsync(string? key, HttpContext context, PortalDbContext db, IMediaStorage storage, IMemoryCache cache,
        CancellationToken cancellationToken)
    {
        if (!MediaKey.IsValid(key))
        {
            return Results.NotFound();
        }
        // Only what was found is remembered: a key that is unknown now may be uploaded a moment later.
        if (!cache.TryGetValue("media:" + key, out ServedFile? file) || file is null)
        {
            file = await FindAsync(db, key!, cancellationToken);
            if (file is null)
            {
                return Results.NotFound();
            }
            cache.Set("media:" + key, file, TimeSpan.FromMinutes(5));
        }
        var stream = await storage.OpenReadAsync(key!, cancellationToken);
        if (stream is null)
        {
            return Results.NotFound();
        }
        var headers = context.Response.Headers;
        headers.CacheControl = MediaHeaders.ImmutableCacheControl;
        headers.XContentTypeOptions = MediaHeaders.NoSniff;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        if (file.Kind == MediaKind.Document)
        {
            headers.ContentDisposition = DownloadFileName.ContentDisposition(file.FileName);
        }
        // The key names the content, so it is a strong validator as it stands.
        return Results.File(stream, file.ContentType, entityTag: new EntityTagHeaderValue($"\"{key!.Replace('/', '-')}\""), enableRangeProcessing: true);
    }

    private static async Task<ServedFile?> FindAsync(PortalDbContext db, string key, CancellationToken cancellationToken)
    {
        var asset = await db.MediaAssets.AsNoTracking().Where(m => m.StorageKey == key).OrderBy(m => m.Id)
            .Select(m => new ServedFile(m.ContentType, m.Kind, m.FileName))
            .FirstOrDefaultAsync(cancellationToken);
        if (asset is not null || !key.StartsWith("img/", StringComparison.Ordinal) || MediaVariants.ContentTypeOf(key) is not { } variantType)
        {
            return asset;
        }
        // A resized copy: listed in its image's Variants. Found once per key and node, then cached.
        var owner = await db.MediaAssets.AsNoTracking().Where(m => m.Kind == MediaKind.Image && m.Variants != null && m.Variants.Contains(key))
            .Select(m => m.FileName).FirstOrDefaultAsync(cancellationToken);
        return owner is null ? null : new ServedFile(variantType, MediaKind.Image, owner);
    }

    /// <summary>Forgets what is cached about <paramref name="keys"/>, after their asset is deleted.</summary>
    public static void Forget(this IMemoryCache cache, IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            cache.Remove("media:" + key);
        }
    }
}

/// <summary>
/// Caps the body of an upload request at what <see cref="MediaOptions"/> allows for <see cref="MediaLibrary.MaxFilesPerUpload"/>
/// files.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MediaUploadLimitAttribute : UploadLimitAttribute
{
    public override long Limit(HttpContext context) => MediaLibrary.MaxRequestBytes(context.RequestServices.GetRequiredService<MediaOptions>());
}

