using PbgdplPortal.Editing;

namespace PbgdplPortal.Core.Tests.Editing;

/// <summary>The address an editor's save gives an item, decided in Core for every content editor.</summary>
public class SlugChoiceTests
{
    private static Func<string, Task<bool>> TakenAre(params string[] taken) => slug => Task.FromResult(taken.Contains(slug));

    [Fact]
    public async Task A_free_typed_address_is_kept_trimmed()
    {
        Assert.Equal(new SlugChoice("dang-ky-ket-hon", null), await SlugChoice.DecideAsync("  dang-ky-ket-hon ", "Đăng ký kết hôn", "Bài viết", TakenAre()));
    }

    [Fact]
    public async Task A_typed_address_with_diacritics_or_taken_is_refused_and_left_on_the_form()
    {
        var invalid = await SlugChoice.DecideAsync("Đăng-ký", "Đăng ký", "Bài viết", TakenAre());
        Assert.Equal("Đăng-ký", invalid.Slug);
        Assert.StartsWith("Đường dẫn chỉ gồm chữ thường không dấu", invalid.Error, StringComparison.Ordinal);

        var taken = await SlugChoice.DecideAsync("dang-ky", "Đăng ký", "Văn bản", TakenAre("dang-ky"));
        Assert.Equal(new SlugChoice("dang-ky", "Đường dẫn “dang-ky” đã được dùng cho văn bản khác. Hãy chọn đường dẫn khác."), taken);
    }

    [Fact]
    public async Task Without_a_typed_address_one_is_made_from_the_title_and_numbered_until_free()
    {
        Assert.Equal(new SlugChoice("dang-ky-ket-hon", null), await SlugChoice.DecideAsync(null, "Đăng ký kết hôn", "Bài viết", TakenAre()));
        Assert.Equal(new SlugChoice("dang-ky-ket-hon-3", null),
            await SlugChoice.DecideAsync(" ", "Đăng ký kết hôn", "Bài viết", TakenAre("dang-ky-ket-hon", "dang-ky-ket-hon-2")));
    }

    [Fact]
    public async Task A_numbered_address_from_a_long_title_stays_within_the_limit()
    {
        var title = string.Concat(Enumerable.Repeat("luật ", 60)).Trim();
        var full = PbgdplPortal.Text.Slug.From(title);
        var choice = await SlugChoice.DecideAsync(null, title, "Bài viết", TakenAre(full));
        Assert.True(choice.Slug!.Length <= SlugChoice.MaxLength, choice.Slug);
        Assert.EndsWith("-2", choice.Slug, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_title_with_no_letters_asks_for_an_address_and_an_empty_title_says_nothing()
    {
        Assert.Equal(new SlugChoice(null, "Không tạo được đường dẫn từ tiêu đề; hãy nhập đường dẫn."), await SlugChoice.DecideAsync(null, "???", "Bài viết", TakenAre()));
        Assert.Equal(new SlugChoice(null, null), await SlugChoice.DecideAsync(null, "", "Bài viết", TakenAre()));
    }
}
