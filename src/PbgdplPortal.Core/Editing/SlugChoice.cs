using System.Globalization;

namespace PbgdplPortal.Editing;

/// <summary>The address an editor's save gives an item, or why the typed one cannot be used.</summary>
/// <param name="Slug">The address to keep on the form; null leaves the form's as it is.</param>
/// <param name="Error">Why the address cannot be used (Vietnamese), or null.</param>
public sealed record SlugChoice(string? Slug, string? Error)
{
    public const int MaxLength = 200;

    /// <summary>
    /// The typed address when it is valid and free; without one, an address made from the title,
    /// numbered (<c>-2</c>, <c>-3</c>, …) until it is free.
    /// </summary>
    /// <param name="kindLabel">"Bài viết", "Văn bản": named in the message when the typed address is taken.</param>
    /// <param name="taken">Whether another item of the same kind has the address.</param>
    public static async Task<SlugChoice> DecideAsync(string? typed, string title, string kindLabel, Func<string, Task<bool>> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        if (!string.IsNullOrWhiteSpace(typed))
        {
            var slug = typed.Trim();
            if (!Text.Slug.IsValid(slug))
            {
                return new(slug, "Đường dẫn chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ: dang-ky-ket-hon).");
            }
            return await taken(slug)
                ? new(slug, $"Đường dẫn “{slug}” đã được dùng cho {kindLabel.ToLowerInvariant()} khác. Hãy chọn đường dẫn khác.")
                : new(slug, null);
        }
        var generated = Text.Slug.From(title);
        if (generated.Length == 0)
        {
            return new(null, title.Length > 0 ? "Không tạo được đường dẫn từ tiêu đề; hãy nhập đường dẫn." : null);
        }
        var candidate = generated;
        for (var n = 2; await taken(candidate); n++)
        {
            var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
            candidate = (generated.Length + suffix.Length > MaxLength ? generated[..(MaxLength - suffix.Length)] : generated) + suffix;
        }
        return new(candidate, null);
    }
}
