using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PbgdplPortal.Media;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace PbgdplPortal.Core.Tests.Media;

public partial class ImageUploaderTests
{
    private readonly InMemoryMediaStorage storage = new();

    private Task<ImageUploadResult> UploadAsync(byte[] bytes, string? fileName = "anh.jpg", MediaOptions? options = null) =>
        new ImageUploader(storage, options ?? new MediaOptions()).ProcessAsync(new MemoryStream(bytes), fileName);

    public static TheoryData<string, string, string> Formats => new()
    {
        { "jpeg", "image/jpeg", "jpg" },
        { "png", "image/png", "png" },
        { "webp", "image/webp", "webp" },
        { "gif", "image/gif", "gif" },
    };

    public static TheoryData<string> FormatNames => ["jpeg", "png", "webp", "gif"];

    private static byte[] Sample(string format, int width = 400, int height = 300) => format switch
    {
        "jpeg" => TestImages.Jpeg(width, height),
        "png" => TestImages.Png(width, height),
        "webp" => TestImages.Webp(width, height),
        "gif" => TestImages.Gif(width, height),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static IImageEncoder EncoderFor(string format) => format switch
    {
        "jpeg" => new JpegEncoder(),
        "png" => new PngEncoder(),
        "webp" => new WebpEncoder(),
        "gif" => new GifEncoder(),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Each_web_image_format_is_accepted_and_its_original_is_stored_re_encoded_in_the_same_format(string format, string contentType, string extension)
    {
        var result = await UploadAsync(Sample(format));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(contentType, result.Original.ContentType);
        Assert.EndsWith($"-400.{extension}", result.Original.Key, StringComparison.Ordinal);
        var stored = storage[result.Original.Key];
        Assert.Equal(stored.Length, result.Original.Bytes);
        var info = Image.Identify(stored, out var storedFormat);
        Assert.Equal(contentType, storedFormat.DefaultMimeType);
        Assert.Equal((400, 300), (info.Width, info.Height));
    }

    [Theory]
    [MemberData(nameof(FormatNames))]
    public async Task Every_stored_file_is_free_of_exif_gps_xmp_iptc_and_text_metadata(string format)
    {
        var upload = TestImages.PhonePhoto(1000, 700, EncoderFor(format));
        // The fixture really carries the secret, except where the format has nowhere to put it.
        Assert.Contains(TestImages.Secret, Encoding.Latin1.GetString(upload), StringComparison.Ordinal);

        var result = await UploadAsync(upload);

        Assert.True(result.Succeeded, result.Error);
        Assert.NotEmpty(result.Variants);
        foreach (var file in result.Files)
        {
            var bytes = storage[file.Key];
            var text = Encoding.Latin1.GetString(bytes);
            Assert.DoesNotContain(TestImages.Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("GPS", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Exif\0", text, StringComparison.Ordinal);
            var metadata = Image.Identify(bytes).Metadata;
            Assert.Null(metadata.ExifProfile);
            Assert.Null(metadata.XmpProfile);
            Assert.Null(metadata.IptcProfile);
            Assert.Null(metadata.IccProfile);
        }
    }

    [Fact]
    public async Task A_sideways_phone_photo_is_stored_upright_in_every_size()
    {
        // Stored 1600 × 900 with "rotate 90° clockwise": the left (red) half belongs at the top.
        var result = await UploadAsync(TestImages.PhonePhoto(1600, 900, new JpegEncoder { Quality = 95 }));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((900, 1600), (result.Original.Width, result.Original.Height));
        Assert.Equal([320, 640], result.Variants.Select(v => v.Width));
        foreach (var file in result.Files)
        {
            using var image = Image.Load<Rgba32>(storage[file.Key]);
            Assert.Equal((file.Width, file.Height), (image.Width, image.Height));
            Assert.True(image.Height > image.Width);
            AssertClose(TestImages.Red, image[image.Width / 2, image.Height / 4]);
            AssertClose(TestImages.Blue, image[image.Width / 2, image.Height * 3 / 4]);
        }
    }

    [Fact]
    public async Task Resized_copies_are_made_for_each_configured_width_narrower_than_the_original_and_keep_the_aspect_ratio()
    {
        var result = await UploadAsync(TestImages.Jpeg(2000, 1000));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([(320, 160), (640, 320), (1280, 640)], result.Variants.Select(v => (v.Width, v.Height)));
        Assert.All(result.Variants, v => Assert.Equal("image/webp", v.ContentType));
        Assert.Equal((2000, 1000), (result.Original.Width, result.Original.Height));
        Assert.Equal(4, storage.Keys.Count);
    }

    [Fact]
    public async Task An_image_narrower_than_every_configured_width_is_stored_only_as_its_original()
    {
        var result = await UploadAsync(TestImages.Png(300, 200));

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(result.Variants);
        Assert.Single(result.Files);
    }

    [Fact]
    public async Task Resized_copies_can_be_jpeg_and_then_transparent_areas_become_white()
    {
        using var transparent = new Image<Rgba32>(800, 400, new Rgba32(0, 0, 0, 0));
        var result = await UploadAsync(TestImages.Encode(transparent, new PngEncoder()), options: new MediaOptions { VariantFormat = ImageVariantFormat.Jpeg });

        Assert.True(result.Succeeded, result.Error);
        var variant = Assert.Single(result.Variants, v => v.Width == 640);
        Assert.Equal("image/jpeg", variant.ContentType);
        using var image = Image.Load<Rgba32>(storage[variant.Key]);
        AssertClose(new Rgba32(255, 255, 255), image[10, 10]);
    }

    [Fact]
    public async Task Webp_copies_keep_transparency()
    {
        using var transparent = new Image<Rgba32>(800, 400, new Rgba32(0, 0, 0, 0));
        var result = await UploadAsync(TestImages.Encode(transparent, new PngEncoder()));

        using var image = Image.Load<Rgba32>(storage[result.Variants[0].Key]);
        Assert.Equal(0, image[10, 10].A);
    }

    [GeneratedRegex(@"^img/(?<prefix>[0-9a-f]{2})/(?<hash>[0-9a-f]{32})-(?<width>\d+)\.(?<ext>webp|jpg|png|gif)\z")]
    private static partial Regex KeyPattern();

    [Fact]
    public async Task Every_file_is_named_by_the_hash_of_its_own_bytes_and_its_width()
    {
        var result = await UploadAsync(TestImages.Jpeg(1400, 700));

        Assert.True(result.Succeeded, result.Error);
        foreach (var file in result.Files)
        {
            var match = KeyPattern().Match(file.Key);
            Assert.True(match.Success, file.Key);
            var hash = Convert.ToHexStringLower(SHA256.HashData(storage[file.Key]));
            Assert.StartsWith(match.Groups["hash"].Value, hash, StringComparison.Ordinal);
            Assert.Equal(match.Groups["hash"].Value[..2], match.Groups["prefix"].Value);
            Assert.Equal(file.Width.ToString(System.Globalization.CultureInfo.InvariantCulture), match.Groups["width"].Value);
            Assert.True(MediaKey.IsValid(file.Key));
        }
    }

    [Fact]
    public async Task The_same_image_uploaded_twice_gets_the_same_keys_and_is_stored_once()
    {
        var bytes = TestImages.PhonePhoto(1600, 900, new JpegEncoder());

        var first = await UploadAsync(bytes, "lan-1.jpg");
        var savesAfterFirst = storage.Saves;
        var second = await UploadAsync(bytes, "lan-2.jpg");

        Assert.Equal(first.Files.Select(f => f.Key), second.Files.Select(f => f.Key));
        Assert.Equal(3, savesAfterFirst);
        Assert.Equal(savesAfterFirst, storage.Saves);
    }

    [Fact]
    public async Task Srcset_lists_every_size_narrowest_first_with_its_width()
    {
        var result = await UploadAsync(TestImages.Jpeg(900, 600));

        var srcset = result.SrcSet(key => "/media/" + key);

        var keys = result.Files.Select(f => f.Key).ToArray();
        Assert.Equal($"/media/{keys[0]} 320w, /media/{keys[1]} 640w, /media/{keys[2]} 900w", srcset);
    }

    [Fact]
    public async Task A_png_renamed_jpg_is_treated_as_a_png()
    {
        var result = await UploadAsync(TestImages.Png(), "anh-chup-man-hinh.jpg");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("image/png", result.Original.ContentType);
        Assert.EndsWith(".png", result.Original.Key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_animated_gif_stays_animated_and_its_resized_copies_are_stills()
    {
        using var animation = TestImages.LeftRedRightBlue(800, 400);
        using (var second = TestImages.LeftRedRightBlue(800, 400))
        {
            animation.Frames.AddFrame(second.Frames.RootFrame);
        }
        var result = await UploadAsync(TestImages.Encode(animation, new GifEncoder()), "hoat-hinh.gif");

        Assert.True(result.Succeeded, result.Error);
        using var original = Image.Load<Rgba32>(storage[result.Original.Key]);
        Assert.Equal(2, original.Frames.Count);
        using var copy = Image.Load<Rgba32>(storage[result.Variants[0].Key]);
        Assert.Equal(1, copy.Frames.Count);
    }

    [Fact]
    public async Task An_animated_gif_keeps_only_as_many_frames_as_the_pixel_budget_allows()
    {
        using var animation = TestImages.LeftRedRightBlue(100, 100);
        for (var i = 0; i < 4; i++)
        {
            using var frame = TestImages.LeftRedRightBlue(100, 100);
            animation.Frames.AddFrame(frame.Frames.RootFrame);
        }
        var result = await UploadAsync(TestImages.Encode(animation, new GifEncoder()), options: new MediaOptions { MaxPixels = 100 * 100 * 2 });

        Assert.True(result.Succeeded, result.Error);
        using var original = Image.Load<Rgba32>(storage[result.Original.Key]);
        Assert.Equal(2, original.Frames.Count);
    }

    [Theory]
    [MemberData(nameof(FormatNames))]
    public async Task A_truncated_image_is_refused_as_damaged(string format)
    {
        var whole = Sample(format, 600, 400);

        var result = await UploadAsync(whole[..(whole.Length * 6 / 10)]);

        Assert.False(result.Succeeded);
        Assert.Equal("Tệp ảnh bị hỏng hoặc không đọc được.", result.Error);
        Assert.Empty(storage.Keys);
    }

    [Fact]
    public async Task A_jpeg_with_a_video_appended_after_its_end_marker_is_accepted()
    {
        // Motion photos append an MP4 after the JPEG's EOI; those bytes must not count as damage.
        var trailer = new byte[50_000];
        new Random(7).NextBytes(trailer);

        var result = await UploadAsync([.. TestImages.Jpeg(), .. trailer]);

        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public async Task A_file_with_an_image_signature_and_garbage_after_it_is_refused_as_damaged()
    {
        byte[] bytes = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. Encoding.ASCII.GetBytes("not really a png at all")];

        var result = await UploadAsync(bytes);

        Assert.Equal(MediaMessages.CorruptImage, result.Error);
    }

    [Fact]
    public async Task An_svg_with_a_script_is_refused_even_when_named_jpg()
    {
        var result = await UploadAsync(TestImages.Svg, "logo.jpg");

        Assert.False(result.Succeeded);
        Assert.Equal("Định dạng tệp không được hỗ trợ. Chỉ chấp nhận ảnh JPEG, PNG, WebP hoặc GIF.", result.Error);
        Assert.Empty(storage.Keys);
    }

    [Fact]
    public async Task A_format_imagesharp_could_decode_but_the_portal_does_not_serve_is_refused()
    {
        var result = await UploadAsync(TestImages.Bmp(), "anh.png");

        Assert.Equal(MediaMessages.UnsupportedImage, result.Error);
    }

    [Fact]
    public async Task An_empty_upload_is_refused()
    {
        var result = await UploadAsync([]);

        Assert.Equal(MediaMessages.EmptyFile, result.Error);
    }

    [Fact]
    public async Task A_file_over_ten_megabytes_is_refused_with_the_limit_in_the_message()
    {
        var bytes = new byte[(10 * 1024 * 1024) + 1];
        TestImages.Jpeg().CopyTo(bytes, 0);

        var result = await UploadAsync(bytes);

        Assert.Equal("Ảnh vượt quá dung lượng tối đa 10 MB.", result.Error);
    }

    [Fact]
    public async Task An_endless_upload_is_cut_off_just_past_the_limit()
    {
        var upload = new EndlessStream();
        var options = new MediaOptions { MaxImageBytes = 2 * MediaOptions.Megabyte + (MediaOptions.Megabyte / 2) };

        var result = await new ImageUploader(storage, options).ProcessAsync(upload, "vo-tan.jpg");

        Assert.Equal("Ảnh vượt quá dung lượng tối đa 2,5 MB.", result.Error);
        Assert.Equal(options.MaxImageBytes + 1, upload.BytesRead);
    }

    [Fact]
    public async Task An_image_of_exactly_the_pixel_limit_is_accepted_and_one_column_more_is_refused()
    {
        var options = new MediaOptions { MaxPixels = 400 * 300 };

        Assert.True((await UploadAsync(TestImages.Png(400, 300), options: options)).Succeeded);
        var result = await UploadAsync(TestImages.Png(401, 300), options: options);

        Assert.Equal("Ảnh có kích thước quá lớn (tối đa 0,12 megapixel).", result.Error);
    }

    // 50 000² would need 10 GB; 8 000² (256 MB) is a size ImageSharp would go ahead and allocate on its own.
    public static TheoryData<string, ushort> Bombs => new()
    {
        { "png", 50_000 },
        { "gif", 50_000 },
        { "jpeg", 50_000 },
        { "png", 8_000 },
        { "gif", 8_000 },
        { "jpeg", 8_000 },
    };

    private static byte[] Bomb(string format, ushort size) => format switch
    {
        "png" => TestImages.PngBomb(size, size),
        "gif" => TestImages.GifBomb(size),
        _ => TestImages.JpegBomb(size),
    };

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task A_decompression_bomb_is_refused_from_its_header_without_allocating_its_pixels(string format, ushort size)
    {
        var bomb = Bomb(format, size);
        Assert.True(bomb.Length < 2_000, $"{bomb.Length} bytes");
        var info = Image.Identify(bomb);
        Assert.Equal((size, size), ((ushort)info.Width, (ushort)info.Height));
        var allocator = new CountingAllocator();
        var uploader = new ImageUploader(storage, new MediaOptions(), allocator);

        var managedBefore = GC.GetAllocatedBytesForCurrentThread();
        var result = await uploader.ProcessAsync(new MemoryStream(bomb), "bom.png");
        var managed = GC.GetAllocatedBytesForCurrentThread() - managedBefore;

        Assert.Equal("Ảnh có kích thước quá lớn (tối đa 40 megapixel).", result.Error);
        Assert.True(allocator.AllocatedBytes < 1024 * 1024, $"ImageSharp buffers: {allocator.AllocatedBytes:N0} bytes");
        Assert.True(managed < 50 * 1024 * 1024, $"managed allocations: {managed:N0} bytes");
        Assert.Empty(storage.Keys);
    }

    [Fact]
    public async Task The_allocation_probe_does_see_the_pixels_of_an_image_that_is_decoded()
    {
        // Proof that the bomb test above measures something: a real 2000 × 2000 decode shows up.
        var allocator = new CountingAllocator();
        var uploader = new ImageUploader(storage, new MediaOptions { Widths = [] }, allocator);

        var result = await uploader.ProcessAsync(new MemoryStream(TestImages.Png(2000, 2000)), "lon.png");

        Assert.True(result.Succeeded, result.Error);
        Assert.True(allocator.AllocatedBytes >= 2000L * 2000 * 4, $"{allocator.AllocatedBytes:N0} bytes");
    }

    [Fact]
    public void Options_out_of_range_are_refused_when_the_uploader_is_made() =>
        Assert.Throws<InvalidOperationException>(() => new ImageUploader(storage, new MediaOptions { Widths = [0, 640] }));

    private static void AssertClose(Rgba32 expected, Rgba32 actual)
    {
        var distance = Math.Abs(expected.R - actual.R) + Math.Abs(expected.G - actual.G) + Math.Abs(expected.B - actual.B);
        Assert.True(distance < 60, $"expected about {expected}, got {actual}");
    }
}
