using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Core.Tests.Media;
using PbgdplPortal.Media;
using PbgdplPortal.Web.Tests.BackOffice;
using SixLabors.ImageSharp.Formats.Jpeg;

namespace PbgdplPortal.Web.Tests.Site;

/// <summary>Images of the media library inside an article's body are served like the featured image: smaller copies, size, lazy.</summary>
public abstract class BodyImageTests(PortalFactory portal)
{
    [Fact]
    public async Task An_image_of_the_library_in_the_body_has_srcset_sizes_width_height_and_lazy_loading()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var client = await portal.SignedInAsync(editor);
        var name = $"trong-bai-{Guid.NewGuid():N}.jpg";
        Assert.Equal(HttpStatusCode.OK, (await client.UploadAsync([(name, TestImages.PhonePhoto(1800, 1200, new JpegEncoder()))])).StatusCode);
        var asset = await portal.UploadedAsync(editor, name);
        Assert.NotNull(asset);
        var variants = MediaVariants.Parse(asset.Variants);
        Assert.NotEmpty(variants);

        var slug = $"bai-co-anh-trong-noi-dung-{Guid.NewGuid():N}";
        await portal.WithDbAsync(async db =>
        {
            var article = new Article
            {
                Slug = slug, Title = "Bài có ảnh trong nội dung", Status = PublicationStatus.Published, PublishedAt = DateTime.UtcNow.AddMinutes(-1),
                Body = $"Đoạn đầu.\n\n![Sơ đồ thủ tục](/media/{asset.StorageKey})\n\n![Ảnh ngoài](https://example.org/anh.png)",
                AgencyId = editor.AgencyId!.Value, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            };
            article.Topics.Add(await db.Topics.FirstAsync());
            db.Articles.Add(article);
            db.RecordChange(nameof(Article), slug, DateTime.UtcNow);
            await db.SaveChangesAsync();
            return article.Id;
        });

        string? html = null;
        await Eventually.HoldsAsync(async () =>
        {
            var response = await portal.CreateClient().GetAsync($"/bai-viet/{slug}");
            html = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
            return html is not null;
        }, "the article is public");
        var images = new HtmlParser().ParseDocument(html!).QuerySelectorAll("img[alt='Sơ đồ thủ tục']");
        var image = Assert.Single(images);
        Assert.Equal(MediaUrls.Sized(asset.StorageKey, asset.Variants, 640), image.GetAttribute("src"));
        Assert.Equal(MediaUrls.SrcSet(asset.StorageKey, asset.Width!.Value, asset.Variants), image.GetAttribute("srcset"));
        Assert.Equal("(min-width: 50rem) 48rem, 100vw", image.GetAttribute("sizes"));
        Assert.Equal(asset.Width.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), image.GetAttribute("width"));
        Assert.Equal(asset.Height!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), image.GetAttribute("height"));
        Assert.Equal("lazy", image.GetAttribute("loading"));
        foreach (var variant in variants)
        {
            Assert.Equal(HttpStatusCode.OK, (await portal.CreateClient().GetAsync(MediaUrls.For(variant.Key))).StatusCode);
        }
        var outside = Assert.Single(new HtmlParser().ParseDocument(html!).QuerySelectorAll("img[alt='Ảnh ngoài']"));
        Assert.Null(outside.GetAttribute("srcset"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BodyImagesOnSqlite(SqlitePortal portal) : BodyImageTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class BodyImagesOnPostgres(PostgresPortal portal) : BodyImageTests(portal);
