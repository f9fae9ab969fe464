using PbgdplPortal.Media;

namespace PbgdplPortal.Core.Tests.Media;

public sealed class MediaVariantsTests
{
    private static readonly StoredMediaFile[] Copies =
    [
        new("img/ab/ab01-320.webp", 320, 240, 9000, "image/webp"),
        new("img/cd/cd02-640.webp", 640, 480, 30000, "image/webp"),
    ];

    [Fact]
    public void Variants_are_written_one_line_each_and_read_back()
    {
        var text = MediaVariants.Format(Copies);
        Assert.Equal("img/ab/ab01-320.webp 320 240 9000\nimg/cd/cd02-640.webp 640 480 30000\n", text);
        Assert.Equal([new MediaVariant("img/ab/ab01-320.webp", 320, 240, 9000), new MediaVariant("img/cd/cd02-640.webp", 640, 480, 30000)], MediaVariants.Parse(text));
        Assert.Null(MediaVariants.Format([]));
        Assert.Empty(MediaVariants.Parse(null));
    }

    [Fact]
    public void Lines_that_do_not_parse_or_name_an_invalid_key_are_skipped()
    {
        var parsed = MediaVariants.Parse("../etc/passwd 1 1 1\nimg/ab/x.webp 320 abc 1\n\r\nimg/ab/ok.webp 320 200 10\r\nimg/ab/short.webp 320");
        Assert.Equal([new MediaVariant("img/ab/ok.webp", 320, 200, 10)], parsed);
    }

    [Fact]
    public void Addresses_pick_the_copy_at_least_as_wide_as_asked_and_list_every_file_in_srcset()
    {
        var variants = MediaVariants.Format(Copies);
        Assert.Equal("/media/img/ab/ab01-320.webp", MediaUrls.Sized("img/ef/ef03-1000.png", variants, 320));
        Assert.Equal("/media/img/cd/cd02-640.webp", MediaUrls.Sized("img/ef/ef03-1000.png", variants, 500));
        Assert.Equal("/media/img/ef/ef03-1000.png", MediaUrls.Sized("img/ef/ef03-1000.png", variants, 900));
        Assert.Equal("/media/img/ab/ab01-320.webp 320w, /media/img/cd/cd02-640.webp 640w, /media/img/ef/ef03-1000.png 1000w",
            MediaUrls.SrcSet("img/ef/ef03-1000.png", 1000, variants));
        Assert.Equal(["img/ef/ef03-1000.png", "img/ab/ab01-320.webp", "img/cd/cd02-640.webp"], MediaVariants.AllKeys("img/ef/ef03-1000.png", variants));
        Assert.Equal("image/webp", MediaVariants.ContentTypeOf("img/ab/x-320.webp"));
        Assert.Null(MediaVariants.ContentTypeOf("img/ab/x.svg"));
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1024, "1 KB")]
    [InlineData(870_400, "850 KB")]
    [InlineData(2_516_582, "2,4 MB")]
    public void Sizes_read_as_people_write_them(long bytes, string expected) => Assert.Equal(expected, MediaSize.Format(bytes));
}
