using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Media;

namespace PbgdplPortal.Web.Tests.BackOffice;

/// <summary>Uploads through the library's real form and reads what was stored.</summary>
public static class MediaLibraryKit
{
    public const string Library = "/quan-tri/thu-vien";

    /// <summary>Posts <paramref name="files"/> as the upload form does (multipart, antiforgery token, optional agency).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, IEnumerable<(string Name, byte[] Bytes)> files, int? agencyId = null)
    {
        var token = await client.TokenAsync(Library);
        using var content = new MultipartFormDataContent { { new StringContent(token), "__csrf" } };
        if (agencyId is { } agency)
        {
            content.Add(new StringContent(agency.ToString(System.Globalization.CultureInfo.InvariantCulture)), "co-quan");
        }
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            // What a browser sends is whatever the name suggests; the server must not believe it.
            part.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".pdf", StringComparison.Ordinal) ? "application/pdf" : "image/jpeg");
            content.Add(part, "tep", name);
        }
        return await client.PostAsync(Library, content);
    }

    /// <summary>The asset <paramref name="account"/> uploaded under <paramref name="fileName"/> (as cleaned by the library), or null.</summary>
    public static Task<MediaAsset?> UploadedAsync(this PortalFactory portal, TestAccount account, string fileName) =>
        portal.WithDbAsync(db => db.MediaAssets.AsNoTracking().Where(m => m.UploadedById == account.Id && m.FileName == fileName)
            .OrderByDescending(m => m.Id).FirstOrDefaultAsync());

    public static string StoredPath(this PortalFactory portal, string key) => Path.Combine(portal.DataDir, "media", key);

    /// <summary>A library row written straight to the database, for list tests that need many.</summary>
    public static MediaAsset Row(int agencyId, string fileName, MediaKind kind = MediaKind.Image, string? altText = null, DateTime? uploadedAt = null)
    {
        var key = MediaKey.ForContent(kind == MediaKind.Image ? "img" : "doc", System.Text.Encoding.UTF8.GetBytes(fileName + Guid.NewGuid()), "", kind == MediaKind.Image ? "png" : "pdf");
        return new MediaAsset
        {
            Kind = kind,
            StorageKey = key,
            FileName = fileName,
            ContentType = kind == MediaKind.Image ? "image/png" : "application/pdf",
            Bytes = 1234,
            Width = kind == MediaKind.Image ? 100 : null,
            Height = kind == MediaKind.Image ? 50 : null,
            AltText = altText,
            AgencyId = agencyId,
            UploadedAt = uploadedAt ?? DateTime.UtcNow,
        };
    }
}
