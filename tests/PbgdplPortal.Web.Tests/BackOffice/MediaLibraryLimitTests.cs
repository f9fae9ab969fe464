using System.Net;
using Microsoft.AspNetCore.Hosting;
using PbgdplPortal.Accounts;
using PbgdplPortal.Core.Tests.Media;
using PbgdplPortal.Media;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace PbgdplPortal.Web.Tests.BackOffice;

/// <summary>A portal whose media limits are tiny, so that they can be crossed with small files.</summary>
public abstract class SmallMediaLimitsPortal : PortalFactory
{
    public const long MaxBytes = 4000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:Media:MaxImageBytes", MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Portal:Media:MaxAttachmentBytes", MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Portal:Media:Widths:0", "100");
        builder.UseSetting("Portal:Media:Widths:1", "200");
    }
}

public sealed class SmallMediaLimitsSqlitePortal : SmallMediaLimitsPortal
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SmallMediaLimitsPostgresPortal : SmallMediaLimitsPortal
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>The limits of "Portal:Media" apply per file and to the whole request.</summary>
public abstract class MediaLibraryLimitTests(SmallMediaLimitsPortal portal)
{
    [Fact]
    public async Task A_file_over_the_configured_size_is_refused_and_a_request_over_the_total_is_refused_before_it_is_read()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var client = await portal.SignedInAsync(editor);
        var big = Noise(100, 100);
        Assert.True(big.Length > SmallMediaLimitsPortal.MaxBytes);
        var pdf = TestDocuments.Pdf();
        var response = await client.UploadAsync([("lon.png", big), ("nho.pdf", pdf), ("tai-lieu-lon.pdf", [.. pdf, .. new byte[5000]])]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(MediaMessages.ImageTooLarge(SmallMediaLimitsPortal.MaxBytes), html, StringComparison.Ordinal);
        Assert.Contains(MediaMessages.AttachmentTooLarge(SmallMediaLimitsPortal.MaxBytes), html, StringComparison.Ordinal);
        Assert.NotNull(await portal.UploadedAsync(editor, "nho.pdf"));
        Assert.Null(await portal.UploadedAsync(editor, "lon.png"));

        // Ten files of 4 000 bytes and the form around them fit in 10 × 4 000 bytes + 1 MB; 1,2 MB does not.
        var tooMuch = await client.UploadAsync([("qua-lon.pdf", [.. pdf, .. new byte[1_200_000]])]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMuch.StatusCode);
        Assert.Contains("Dữ liệu gửi lên quá lớn", await tooMuch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await portal.UploadedAsync(editor, "qua-lon.pdf"));
    }

    [Fact]
    public async Task Configured_widths_replace_the_default_ones()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var client = await portal.SignedInAsync(editor);
        var small = TestImages.Png(300, 200);
        Assert.True(small.Length <= SmallMediaLimitsPortal.MaxBytes);
        Assert.Equal(HttpStatusCode.OK, (await client.UploadAsync([("nho.png", small)])).StatusCode);
        var asset = await portal.UploadedAsync(editor, "nho.png");
        Assert.NotNull(asset);
        Assert.Equal([100, 200], MediaVariants.Parse(asset.Variants).Select(v => v.Width));
    }

    /// <summary>A PNG of random pixels, which does not compress.</summary>
    private static byte[] Noise(int width, int height)
    {
        using var image = new Image<Rgba32>(width, height);
        var random = new Random(7);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = new Rgba32((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            }
        }
        return TestImages.Encode(image, new PngEncoder());
    }
}

public sealed class MediaLibraryLimitOnSqlite(SmallMediaLimitsSqlitePortal portal) : MediaLibraryLimitTests(portal), IClassFixture<SmallMediaLimitsSqlitePortal>;

public sealed class MediaLibraryLimitOnPostgres(SmallMediaLimitsPostgresPortal portal) : MediaLibraryLimitTests(portal), IClassFixture<SmallMediaLimitsPostgresPortal>;
