using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace PbgdplPortal.Browser.Tests.BackOffice;

/// <summary>Uploading to the media library in Chromium: by dropping files (script) and by the plain form (no script).</summary>
[Collection(BrowserCollection.Name)]
public sealed class MediaLibraryBrowserTests(ServedPortal portal)
{
    private static byte[] Png(string seed)
    {
        using var image = new Image<Rgba32>(500, 300, new Rgba32(20, 80, 160));
        var bytes = System.Text.Encoding.UTF8.GetBytes(seed);
        for (var i = 0; i < bytes.Length && i < 500; i++)
        {
            image[i, 0] = new Rgba32(bytes[i], 0, 0);
        }
        using var output = new MemoryStream();
        image.Save(output, new PngEncoder());
        return output.ToArray();
    }

    [Fact]
    public async Task Files_dropped_on_the_form_are_uploaded_in_place_each_with_its_result()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add(message.Text);
            }
        };
        await page.SignInAsync(editor);
        await page.GotoAsync("/quan-tri/thu-vien");
        var name = $"keo-tha-{Guid.NewGuid():N}.png";
        await page.EvaluateAsync(
            """
            ([name, png]) => {
              const bytes = Uint8Array.from(atob(png), c => c.charCodeAt(0));
              const transfer = new DataTransfer();
              transfer.items.add(new File([bytes], name, { type: "image/png" }));
              transfer.items.add(new File(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], "ve.svg", { type: "image/svg+xml" }));
              const zone = document.querySelector(".drop-zone");
              zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
              zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
            }
            """,
            new object[] { name, Convert.ToBase64String(Png(name)) });

        var results = page.Locator(".upload-results");
        await results.WaitForAsync();
        Assert.Contains($"{name}: đã tải lên.", await results.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("ve.svg: Định dạng tệp không được hỗ trợ.", await results.InnerTextAsync(), StringComparison.Ordinal);
        // The page was not left: the results and the list were swapped in, and focus moved to the results.
        Assert.EndsWith("/quan-tri/thu-vien", page.Url, StringComparison.Ordinal);
        Assert.Equal("ket-qua", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.Equal(1, await page.Locator("table.media-list").GetByRole(AriaRole.Link, new() { Name = name }).CountAsync());
        Assert.Equal("Đã xử lý xong.", (await page.Locator(".upload-status").InnerTextAsync()).Trim());
        await page.AssertAccessibleAsync();

        // The asset page: the copy button appears only with script; the thumbnail is served.
        await page.Locator("table.media-list").GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await page.WaitForURLAsync("**/quan-tri/thu-vien/*");
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Sao chép" }).IsVisibleAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => { const i = document.querySelector('.media-preview img'); return i.complete && i.naturalWidth > 0; }"));
        await page.AssertAccessibleAsync();

        // Described, the image shows on an article's public page from its resized copies.
        await page.GetByLabel("Mô tả nội dung ảnh cho người không nhìn thấy ảnh").FillAsync("Sơ đồ thủ tục đăng ký kết hôn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await page.GetByText("Đã lưu văn bản thay thế.").WaitForAsync();
        var id = int.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var slug = $"bai-co-anh-{Guid.NewGuid():N}";
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.Articles.Add(new Article
            {
                Slug = slug, Title = "Bài có ảnh đại diện", Body = "Nội dung bài viết.", Status = PublicationStatus.Published,
                PublishedAt = DateTime.UtcNow.AddMinutes(-1), AgencyId = (await db.Agencies.FirstAsync()).Id,
                CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, FeaturedImageId = id,
            });
            db.RecordChange(nameof(Article), slug, DateTime.UtcNow);
            await db.SaveChangesAsync();
        }
        await page.GotoAsync($"/bai-viet/{slug}");
        var img = page.Locator("figure.featured-image img");
        await img.ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('figure.featured-image img'); return i.complete && i.naturalWidth > 0; }");
        Assert.Equal("Sơ đồ thủ tục đăng ký kết hôn", await img.GetAttributeAsync("alt"));
        Assert.Contains("/media/img/", await page.EvaluateAsync<string>("() => document.querySelector('figure.featured-image img').currentSrc"), StringComparison.Ordinal);
        await page.AssertAccessibleAsync();
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Without_script_the_form_uploads_by_an_ordinary_post()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        await using var context = await portal.NewContextAsync(javaScriptEnabled: false);
        var page = await context.NewPageAsync();
        await page.SignInAsync(editor);
        await page.GotoAsync("/quan-tri/thu-vien");
        var name = $"khong-script-{Guid.NewGuid():N}.png";
        await page.GetByLabel("Chọn tệp (hoặc kéo thả vào đây)").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "image/png", Buffer = Png(name) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await page.Locator(".upload-results").WaitForAsync();
        Assert.Contains($"{name}: đã tải lên.", await page.Locator(".upload-results").InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(await page.GetByRole(AriaRole.Button, new() { Name = "Sao chép" }).IsVisibleAsync());
    }
}
