using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Core.Tests.Media;
using PbgdplPortal.Media;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace PbgdplPortal.Web.Tests.BackOffice;

/// <summary>Uploading, checking and storing real files through the library's form.</summary>
public abstract class MediaLibraryUploadTests(PortalFactory portal)
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public async Task Photos_in_all_four_formats_are_stored_without_their_GPS_metadata_and_with_resized_copies()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var client = await portal.SignedInAsync(editor);
        var response = await client.UploadAsync(
        [
            ("dien-thoai.jpg", TestImages.PhonePhoto(1800, 1400, new JpegEncoder())),
            ("so-do.png", TestImages.PhonePhoto(900, 700, new PngEncoder())),
            ("anh-web.webp", TestImages.PhonePhoto(900, 700, new WebpEncoder())),
            ("hoat-hinh.gif", TestImages.PhonePhoto(500, 400, new GifEncoder())),
        ]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(4, Parser.ParseDocument(html).QuerySelectorAll(".upload-results li.ok").Length);

        foreach (var (name, type) in new[] { ("dien-thoai.jpg", "image/jpeg"), ("so-do.png", "image/png"), ("anh-web.webp", "image/webp"), ("hoat-hinh.gif", "image/gif") })
        {
            var asset = await portal.UploadedAsync(editor, name);
            Assert.NotNull(asset);
            Assert.Equal(type, asset.ContentType);
            Assert.Equal(MediaKind.Image, asset.Kind);
            Assert.Equal(editor.AgencyId, asset.AgencyId);
            Assert.Null(asset.AltText);
            var variants = MediaVariants.Parse(asset.Variants);
            Assert.NotEmpty(variants);
            Assert.All(variants, v => Assert.True(v.Width < asset.Width));
            Assert.Equal(320, variants[0].Width);
            if (type == "image/jpeg")
            {
                // EXIF orientation 6 turned the stored-sideways photo upright.
                Assert.Equal((1400, 1800), (asset.Width, asset.Height));
                Assert.Equal([320, 640, 1280], variants.Select(v => v.Width));
            }
            foreach (var key in MediaVariants.AllKeys(asset.StorageKey, asset.Variants))
            {
                var stored = await File.ReadAllBytesAsync(portal.StoredPath(key));
                Assert.DoesNotContain(TestImages.Secret, Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
                var info = Image.Identify(stored);
                Assert.Null(info.Metadata.ExifProfile);
                Assert.Null(info.Metadata.XmpProfile);
                Assert.Null(info.Metadata.IptcProfile);
            }
        }
    }

    [Fact]
    public async Task Each_bad_file_is_refused_with_its_own_message_while_the_good_ones_are_kept()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var client = await portal.SignedInAsync(editor);
        var jpeg = TestImages.Jpeg(400, 300);
        var watch = Stopwatch.StartNew();
        var response = await client.UploadAsync(
        [
            ("that-ra-la-png.jpg", TestImages.Png(410, 300)),
            ("bi-cat.jpg", jpeg[..(jpeg.Length / 2)]),
            ("trang-web.png", TestDocuments.Html),
            ("bom.png", TestImages.PngBomb(100_000, 100_000)),
            ("ve.svg", TestImages.Svg),
            ("cai-dat.pdf", TestDocuments.WindowsExecutable()),
            ("Quyết định số 12.pdf", TestDocuments.Pdf()),
        ]);
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"The upload took {watch.Elapsed}");
        var page = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        var results = page.QuerySelectorAll(".upload-results li").ToDictionary(li => li.QuerySelector("strong")!.TextContent, li => li.TextContent);

        Assert.Contains("đã tải lên", results["that-ra-la-png.jpg"], StringComparison.Ordinal);
        var png = await portal.UploadedAsync(editor, "that-ra-la-png.png");
        Assert.NotNull(png);
        Assert.Equal("image/png", png.ContentType);
        Assert.EndsWith(".png", png.StorageKey, StringComparison.Ordinal);

        Assert.Contains(MediaMessages.CorruptImage, results["bi-cat.jpg"], StringComparison.Ordinal);
        Assert.Contains(MediaMessages.UnsupportedFile, results["trang-web.png"], StringComparison.Ordinal);
        Assert.Contains(MediaMessages.ImageTooManyPixels(new MediaOptions().MaxPixels), results["bom.png"], StringComparison.Ordinal);
        Assert.Contains(MediaMessages.UnsupportedFile, results["ve.svg"], StringComparison.Ordinal);
        Assert.Contains(MediaMessages.ExecutableAttachment, results["cai-dat.pdf"], StringComparison.Ordinal);
        Assert.Contains("đã tải lên", results["Quyết định số 12.pdf"], StringComparison.Ordinal);

        var refused = await portal.WithDbAsync(db => db.MediaAssets.CountAsync(m => m.UploadedById == editor.Id));
        Assert.Equal(2, refused);
        var pdf = await portal.UploadedAsync(editor, "Quyết định số 12.pdf");
        Assert.NotNull(pdf);
        Assert.Equal(MediaKind.Document, pdf.Kind);
        Assert.Equal("application/pdf", pdf.ContentType);
        Assert.Equal(TestDocuments.Pdf(), await File.ReadAllBytesAsync(portal.StoredPath(pdf.StorageKey)));
    }

    [Fact]
    public async Task An_empty_upload_says_so_and_an_administrator_must_choose_the_agency()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var editorClient = await portal.SignedInAsync(editor);
        var empty = await editorClient.UploadAsync([]);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Hãy chọn ít nhất một tệp.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var admin = await portal.CreateAccountAsync(PortalRoles.Administrator);
        var client = await portal.SignedInAsync(admin);
        var noAgency = await client.UploadAsync([("anh.png", TestImages.Png(50, 40))]);
        Assert.Equal(HttpStatusCode.BadRequest, noAgency.StatusCode);
        Assert.Contains("Hãy chọn cơ quan sở hữu tệp.", await noAgency.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await portal.UploadedAsync(admin, "anh.png"));

        var agency = await portal.WithDbAsync(db => db.Agencies.SingleAsync(a => a.Slug == "so-y-te"));
        var chosen = await client.UploadAsync([("anh.png", TestImages.Png(50, 40))], agency.Id);
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.Equal(agency.Id, (await portal.UploadedAsync(admin, "anh.png"))?.AgencyId);
    }

    [Fact]
    public async Task An_upload_without_the_antiforgery_token_is_rejected()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var client = await portal.SignedInAsync(editor);
        using var content = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Png(50, 40)), "tep", "anh.png" } };
        var response = await client.PostAsync(MediaLibraryKit.Library, content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await portal.UploadedAsync(editor, "anh.png"));
    }

    [Fact]
    public async Task The_upload_form_works_without_script_and_offers_drag_and_drop_through_its_own_script()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var client = await portal.SignedInAsync(editor);
        var page = Parser.ParseDocument(await client.GetStringAsync(MediaLibraryKit.Library));
        var form = page.QuerySelector("form[data-drop-upload]")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        Assert.NotNull(form.QuerySelector("input[name=__csrf]"));
        var input = form.QuerySelector("input[type=file]")!;
        Assert.True(input.HasAttribute("multiple"));
        Assert.NotNull(page.QuerySelector($"label[for={input.Id}]"));
        Assert.NotNull(page.QuerySelector("script[src='/thu-vien.js']"));
        // An editor does not choose the agency: the library is their agency's.
        Assert.Null(form.QuerySelector("select[name=co-quan]"));
        var script = await portal.Browser().GetAsync("/thu-vien.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("fetch(form.action", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>The list, the asset page, rights, deletion and public serving.</summary>
public abstract class MediaLibraryTests(PortalFactory portal)
{
    private static readonly HtmlParser Parser = new();

    /// <summary>A PNG no other test uploads, so that its files are its own.</summary>
    private static byte[] UniquePng(int width = 700, int height = 500)
    {
        using var image = TestImages.LeftRedRightBlue(width, height);
        // The lower quarter becomes 16 blocks coloured from a fresh GUID, so that every resized copy differs from those
        // of any other upload too (copies are content-addressed: a shared copy would tie two tests together).
        var bytes = Guid.NewGuid().ToByteArray();
        var blockWidth = width / bytes.Length;
        for (var y = height * 3 / 4; y < height; y++)
        {
            for (var x = 0; x < blockWidth * bytes.Length; x++)
            {
                var b = bytes[x / blockWidth];
                image[x, y] = new Rgba32(b, (byte)(255 - b), (byte)(b * 7));
            }
        }
        return TestImages.Encode(image, new PngEncoder());
    }

    private async Task<(TestAccount Editor, HttpClient Client, MediaAsset Asset)> UploadOneAsync(string name, byte[] bytes, string agency = "so-tu-phap")
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, agency);
        var client = await portal.SignedInAsync(editor);
        Assert.Equal(HttpStatusCode.OK, (await client.UploadAsync([(name, bytes)])).StatusCode);
        var asset = await portal.UploadedAsync(editor, DownloadFileName.From(name, name.EndsWith(".pdf", StringComparison.Ordinal) ? "pdf" : "png"));
        Assert.NotNull(asset);
        return (editor, client, asset);
    }

    [Fact]
    public async Task The_list_is_paged_by_forty_and_filtered_by_kind_agency_missing_alt_text_and_name()
    {
        var token = Guid.NewGuid().ToString("N")[..10];
        var (agency, other) = await portal.WithDbAsync(async db =>
            ((await db.Agencies.SingleAsync(a => a.Slug == "so-xay-dung")).Id, (await db.Agencies.SingleAsync(a => a.Slug == "so-y-te")).Id));
        await portal.WithDbAsync(async db =>
        {
            var start = DateTime.UtcNow.AddDays(-1);
            for (var i = 0; i < 45; i++)
            {
                db.MediaAssets.Add(i < 30
                    ? MediaLibraryKit.Row(agency, $"anh-{token}-{i}.png", MediaKind.Image, i < 10 ? null : $"Ảnh minh họa số {i}", start.AddMinutes(i))
                    : MediaLibraryKit.Row(agency, $"tai-lieu-{token}-{i}.pdf", MediaKind.Document, uploadedAt: start.AddMinutes(i)));
            }
            db.MediaAssets.Add(MediaLibraryKit.Row(other, $"anh-{token}-khac.png", uploadedAt: start.AddMinutes(-5)));
            return await db.SaveChangesAsync();
        });
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));

        async Task<(int Rows, string Page)> ListAsync(HttpClient client, string query)
        {
            var html = await client.GetStringAsync($"{MediaLibraryKit.Library}?ten={token}&{query}");
            return (Parser.ParseDocument(html).QuerySelectorAll("table.media-list tbody tr").Length, html);
        }

        var (rows, page) = await ListAsync(admin, "");
        Assert.Equal(40, rows);
        Assert.Contains("Tổng số: 46", page, StringComparison.Ordinal);
        // Newest first: the last document written heads the list.
        Assert.Contains($"tai-lieu-{token}-44.pdf", Parser.ParseDocument(page).QuerySelector("table.media-list tbody tr")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"trang=2", page, StringComparison.Ordinal);
        Assert.Equal(6, (await ListAsync(admin, "trang=2")).Rows);
        Assert.Equal(15, (await ListAsync(admin, "loai=tai-lieu")).Rows);
        Assert.Equal(31, (await ListAsync(admin, "loai=anh")).Rows);
        Assert.Equal(11, (await ListAsync(admin, "thieu-mo-ta=true")).Rows);
        Assert.Equal(1, (await ListAsync(admin, $"co-quan={other}")).Rows);
        Assert.Equal(0, (await ListAsync(admin, $"co-quan={other}&loai=tai-lieu")).Rows);

        // Editors see their own agency's files only, whatever the address asks for.
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, "so-xay-dung"));
        Assert.Equal(10, (await ListAsync(editor, $"thieu-mo-ta=true&co-quan={other}")).Rows);
        var stranger = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, "so-noi-vu"));
        var (none, strangerPage) = await ListAsync(stranger, "");
        Assert.Equal(0, none);
        Assert.Contains("Không có tệp nào phù hợp.", strangerPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_shows_thumbnail_size_dimensions_date_and_alt_text_state()
    {
        var (editor, client, asset) = await UploadOneAsync("toan-canh.png", UniquePng(700, 500));
        var html = await client.GetStringAsync($"{MediaLibraryKit.Library}?ten=toan-canh");
        var row = Parser.ParseDocument(html).QuerySelectorAll("table.media-list tbody tr")
            .Single(r => r.QuerySelector($"a[href='/quan-tri/thu-vien/{asset.Id}']") is not null);
        var thumb = row.QuerySelector("img.thumb")!;
        Assert.Equal(MediaUrls.For(MediaVariants.Parse(asset.Variants).First(v => v.Width == 320).Key), thumb.GetAttribute("src"));
        Assert.Contains("700 × 500", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(MediaSize.Format(asset.Bytes), row.TextContent, StringComparison.Ordinal);
        Assert.Contains(Text.VietnameseText.FormatDate(asset.UploadedAt), row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Thiếu", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(editor.AgencyId, asset.AgencyId);
    }

    [Fact]
    public async Task Another_agencys_editor_gets_not_found_on_the_asset_page_the_save_and_the_delete()
    {
        var (_, owner, asset) = await UploadOneAsync("rieng.png", UniquePng());
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/quan-tri/thu-vien/{asset.Id}")).StatusCode);
        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, "so-tu-phap"));
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"/quan-tri/thu-vien/{asset.Id}")).StatusCode);

        var stranger = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, "so-giao-duc-va-dao-tao"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/quan-tri/thu-vien/{asset.Id}")).StatusCode);
        var save = await stranger.PostFormAsync(MediaLibraryKit.Library, $"/quan-tri/thu-vien/{asset.Id}", [("AltText", "Ảnh bị sửa trái phép")]);
        Assert.Equal(HttpStatusCode.NotFound, save.StatusCode);
        var delete = await stranger.PostFormAsync(MediaLibraryKit.Library, $"/quan-tri/thu-vien/{asset.Id}/xoa", []);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        var kept = await portal.WithDbAsync(db => db.MediaAssets.SingleAsync(m => m.Id == asset.Id));
        Assert.Null(kept.AltText);
        Assert.True(File.Exists(portal.StoredPath(asset.StorageKey)));
        Assert.Equal(HttpStatusCode.Redirect, (await portal.Browser().GetAsync($"/quan-tri/thu-vien/{asset.Id}")).StatusCode);
    }

    [Fact]
    public async Task Alt_text_is_checked_saved_and_the_image_then_appears_on_the_article_page_with_its_copies()
    {
        var (_, client, asset) = await UploadOneAsync("hop-dan.png", UniquePng(1400, 1000));
        var page = $"/quan-tri/thu-vien/{asset.Id}";
        var bad = await client.PostFormAsync(page, page, [("AltText", "IMG_2024.jpg")]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains(MediaMessages.AltTextIsFileName, await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tooLong = await client.PostFormAsync(page, page, [("AltText", new string('a', ImageAltText.MaxLength + 1))]);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Null((await portal.WithDbAsync(db => db.MediaAssets.SingleAsync(m => m.Id == asset.Id))).AltText);

        // Typed with combining marks, stored composed.
        var alt = "Cán bộ tư pháp hướng dẫn người dân";
        var good = await client.PostFormAsync(page, page, [("AltText", "  " + alt.Normalize(NormalizationForm.FormD) + " ")]);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(alt, (await portal.WithDbAsync(db => db.MediaAssets.SingleAsync(m => m.Id == asset.Id))).AltText);
        var snippet = Parser.ParseDocument(await client.GetStringAsync(page)).QuerySelector("#doan-ma")!.GetAttribute("value");
        Assert.Equal($"![{alt}](/media/{asset.StorageKey})", snippet);

        var slug = await portal.AddArticleAsync($"anh-dai-dien-{Guid.NewGuid():N}", "Bài có ảnh đại diện", "Nội dung.", adjust: a => a.FeaturedImageId = asset.Id);
        var img = Parser.ParseDocument(await portal.Browser().GetStringAsync($"/bai-viet/{slug}")).QuerySelector("figure.featured-image img")!;
        Assert.Equal(alt, img.GetAttribute("alt"));
        Assert.Equal("1400", img.GetAttribute("width"));
        Assert.Equal("1000", img.GetAttribute("height"));
        Assert.Equal("lazy", img.GetAttribute("loading"));
        Assert.Equal("async", img.GetAttribute("decoding"));
        Assert.NotNull(img.GetAttribute("sizes"));
        var variants = MediaVariants.Parse(asset.Variants);
        Assert.Equal(
            string.Join(", ", variants.Select(v => $"/media/{v.Key} {v.Width}w").Append($"/media/{asset.StorageKey} 1400w")),
            img.GetAttribute("srcset"));
        Assert.Contains(" 320w, ", img.GetAttribute("srcset"), StringComparison.Ordinal);
        Assert.Equal($"/media/{variants.Single(v => v.Width == 640).Key}", img.GetAttribute("src"));
        foreach (var v in variants)
        {
            var served = await portal.Browser().GetAsync($"/media/{v.Key}");
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/webp", served.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task An_image_without_alt_text_is_left_off_the_article_page()
    {
        var (_, _, asset) = await UploadOneAsync("chua-mo-ta.png", UniquePng());
        var slug = await portal.AddArticleAsync($"khong-mo-ta-{Guid.NewGuid():N}", "Bài có ảnh chưa mô tả", "Nội dung.", adjust: a => a.FeaturedImageId = asset.Id);
        var html = await portal.Browser().GetStringAsync($"/bai-viet/{slug}");
        Assert.DoesNotContain("featured-image", html, StringComparison.Ordinal);
        Assert.DoesNotContain(asset.StorageKey, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_is_served_as_a_download_with_strict_headers_conditional_and_range_requests()
    {
        var (_, client, asset) = await UploadOneAsync("Quyết định số 12.pdf", TestDocuments.Pdf());
        var url = $"/media/{asset.StorageKey}";
        var visitor = portal.Browser();
        var response = await visitor.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TestDocuments.Pdf(), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(DownloadFileName.ContentDisposition("Quyết định số 12.pdf"), string.Join(",", response.Content.Headers.GetValues("Content-Disposition")));
        Assert.StartsWith("attachment;", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("default-src 'none'; sandbox", string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        var cache = response.Headers.CacheControl!;
        Assert.True(cache.Public);
        Assert.Equal(TimeSpan.FromDays(365), cache.MaxAge);
        Assert.Contains("immutable", cache.ToString(), StringComparison.Ordinal);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await visitor.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var head = new HttpRequestMessage(HttpMethod.Head, url);
        var headResponse = await visitor.SendAsync(head);
        Assert.Equal(HttpStatusCode.OK, headResponse.StatusCode);
        Assert.Equal(TestDocuments.Pdf().Length, headResponse.Content.Headers.ContentLength);
        Assert.Empty(await headResponse.Content.ReadAsByteArrayAsync());

        using var range = new HttpRequestMessage(HttpMethod.Get, url);
        range.Headers.Range = new RangeHeaderValue(0, 4);
        var partial = await visitor.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("%PDF-"u8.ToArray(), await partial.Content.ReadAsByteArrayAsync());

        var snippet = Parser.ParseDocument(await client.GetStringAsync($"/quan-tri/thu-vien/{asset.Id}")).QuerySelector("#doan-ma")!.GetAttribute("value");
        Assert.Equal($"[Quyết định số 12](/media/{asset.StorageKey})", snippet);
    }

    [Fact]
    public async Task Invalid_and_unknown_media_addresses_get_the_Vietnamese_not_found_page()
    {
        foreach (var url in new[] { "/media/IMG/AB.PNG", "/media/img/00/.hidden.png", "/media/img/00/0000000000.png", "/media/doc", "/media/" + new string('a', 300) })
        {
            var response = await portal.Browser().GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("Không tìm thấy trang", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_asset_in_use_is_not_deleted_and_the_page_says_where_it_is_used()
    {
        var (_, client, featured) = await UploadOneAsync("dang-dung.png", UniquePng());
        var title = $"Bài dùng ảnh {Guid.NewGuid():N}";
        await portal.AddArticleAsync($"dung-anh-{Guid.NewGuid():N}", title, "Nội dung.", adjust: a => a.FeaturedImageId = featured.Id);
        var page = $"/quan-tri/thu-vien/{featured.Id}";
        var refused = await client.PostFormAsync(page, $"{page}/xoa", []);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Không thể xóa vì tệp đang được sử dụng", html, StringComparison.Ordinal);
        Assert.Contains($"Ảnh đại diện của bài viết “{title}”", html, StringComparison.Ordinal);
        Assert.True(await portal.WithDbAsync(db => db.MediaAssets.AnyAsync(m => m.Id == featured.Id)));
        Assert.True(File.Exists(portal.StoredPath(featured.StorageKey)));

        var (_, _, embedded) = await UploadOneAsync("trong-bai.png", UniquePng());
        var variant = MediaVariants.Parse(embedded.Variants)[0].Key;
        var bodyTitle = $"Bài nhúng ảnh {Guid.NewGuid():N}";
        await portal.AddArticleAsync($"nhung-anh-{Guid.NewGuid():N}", bodyTitle, $"Xem ảnh:\n\n![Sơ đồ](/media/{variant})\n");
        var second = await client.PostFormAsync(MediaLibraryKit.Library, $"/quan-tri/thu-vien/{embedded.Id}/xoa", []);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains($"Nội dung bài viết đã đăng “{bodyTitle}”", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (_, _, attached) = await UploadOneAsync("dinh-kem.pdf", Encoding.ASCII.GetBytes($"%PDF-1.4\n% {Guid.NewGuid()}\n%%EOF\n"));
        var number = await portal.WithDbAsync(async db =>
        {
            var document = await db.LegalDocuments.OrderBy(d => d.Id).FirstAsync();
            db.Attachments.Add(new Attachment { LegalDocumentId = document.Id, MediaAssetId = attached.Id, Position = 99 });
            await db.SaveChangesAsync();
            return document.Number;
        });
        var third = await client.PostFormAsync(MediaLibraryKit.Library, $"/quan-tri/thu-vien/{attached.Id}/xoa", []);
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Contains($"Tệp đính kèm của văn bản số {number}", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_an_unused_asset_removes_its_files_and_is_audited_but_keeps_files_another_asset_shares()
    {
        var bytes = UniquePng();
        var (editor, client, asset) = await UploadOneAsync("xoa-di.png", bytes);
        Assert.Equal(HttpStatusCode.OK, (await client.UploadAsync([("ban-sao.png", bytes)])).StatusCode);
        var twin = await portal.UploadedAsync(editor, "ban-sao.png");
        Assert.NotNull(twin);
        Assert.Equal(asset.StorageKey, twin.StorageKey);

        var keys = MediaVariants.AllKeys(asset.StorageKey, asset.Variants);
        var deleted = await client.PostFormAsync(MediaLibraryKit.Library, $"/quan-tri/thu-vien/{asset.Id}/xoa", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await portal.WithDbAsync(db => db.MediaAssets.AnyAsync(m => m.Id == asset.Id)));
        Assert.All(keys, k => Assert.True(File.Exists(portal.StoredPath(k))));
        Assert.Equal(HttpStatusCode.OK, (await portal.Browser().GetAsync($"/media/{asset.StorageKey}")).StatusCode);

        var gone = await client.PostFormAsync(MediaLibraryKit.Library, $"/quan-tri/thu-vien/{twin.Id}/xoa", []);
        Assert.Equal(HttpStatusCode.Redirect, gone.StatusCode);
        // A file another asset still lists (a byte-identical copy) must stay; only this asset's own files go.
        var stillUsed = (await portal.WithDbAsync(db => db.MediaAssets.Select(m => new { m.StorageKey, m.Variants }).ToListAsync()))
            .SelectMany(m => MediaVariants.AllKeys(m.StorageKey, m.Variants)).ToHashSet();
        Assert.All(keys.Where(k => !stillUsed.Contains(k)), k => Assert.False(File.Exists(portal.StoredPath(k))));
        Assert.False(File.Exists(portal.StoredPath(asset.StorageKey)));
        Assert.Equal(HttpStatusCode.NotFound, (await portal.Browser().GetAsync($"/media/{asset.StorageKey}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await portal.Browser().GetAsync($"/media/{keys[1]}")).StatusCode);
        var audit = await portal.WithDbAsync(db => db.AuditEntries.Where(a => a.UserId == editor.Id && a.Action == AuditActions.MediaDeleted)
            .OrderBy(a => a.Id).Select(a => a.Target).ToListAsync());
        Assert.Equal([$"media:{asset.Id}", $"media:{twin.Id}"], audit);
        Assert.False(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.UserId == editor.Id && a.Action != AuditActions.MediaDeleted && a.Action != AuditActions.SignIn)));
    }

    [Fact]
    public async Task Attached_documents_are_listed_with_download_links_on_the_article_and_legal_document_pages()
    {
        var (_, client, asset) = await UploadOneAsync("Mẫu tờ khai.pdf", Encoding.ASCII.GetBytes($"%PDF-1.4\n% {Guid.NewGuid()}\n%%EOF\n"));
        var page = $"/quan-tri/thu-vien/{asset.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(page, page, [("Title", "Mẫu tờ khai đăng ký kết hôn")])).StatusCode);
        var slug = await portal.AddArticleAsync($"co-dinh-kem-{Guid.NewGuid():N}", "Bài có tài liệu", "Nội dung.",
            adjust: a => a.Attachments.Add(new Attachment { MediaAssetId = asset.Id, Position = 1 }));
        var html = Parser.ParseDocument(await portal.Browser().GetStringAsync($"/bai-viet/{slug}"));
        var link = html.QuerySelector(".attachments a")!;
        Assert.Equal($"/media/{asset.StorageKey}", link.GetAttribute("href"));
        Assert.Equal("Mẫu tờ khai đăng ký kết hôn", link.TextContent);
        Assert.Contains("PDF", html.QuerySelector(".attachments li")!.TextContent, StringComparison.Ordinal);

        var documentSlug = await portal.WithDbAsync(async db =>
        {
            // A public record: other tests leave drafts behind.
            var document = await PbgdplPortal.Content.LegalDocumentQueries.Published(db.LegalDocuments, DateTime.UtcNow).OrderByDescending(d => d.Id).FirstAsync();
            db.Attachments.Add(new Attachment { LegalDocumentId = document.Id, MediaAssetId = asset.Id, Position = 1 });
            db.RecordChange("LegalDocument", document.Slug, DateTime.UtcNow);
            await db.SaveChangesAsync();
            return document.Slug;
        });
        await Eventually.HoldsAsync(async () => (await portal.Browser().GetStringAsync($"/van-ban/{documentSlug}")).Contains($"/media/{asset.StorageKey}", StringComparison.Ordinal),
            "the legal document page lists the attachment");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MediaLibraryUploadOnSqlite(SqlitePortal portal) : MediaLibraryUploadTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class MediaLibraryUploadOnPostgres(PostgresPortal portal) : MediaLibraryUploadTests(portal);

[Collection(SqliteCollection.Name)]
public sealed class MediaLibraryOnSqlite(SqlitePortal portal) : MediaLibraryTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class MediaLibraryOnPostgres(PostgresPortal portal) : MediaLibraryTests(portal);
