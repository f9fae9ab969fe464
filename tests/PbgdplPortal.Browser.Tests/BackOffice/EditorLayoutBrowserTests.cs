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

/// <summary>The article editor keeps its layout when the body holds a wide image.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EditorLayoutBrowserTests(ServedPortal portal)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(1024)]
    public async Task A_wide_image_in_the_body_stays_inside_the_preview_and_the_page_does_not_overflow(int width)
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        await using var context = await portal.NewContextAsync(width: width);
        var page = await context.NewPageAsync();
        await page.SignInAsync(editor);

        // A 1,600 px wide image from the media library, uploaded as an editor would.
        await page.GotoAsync("/quan-tri/thu-vien");
        var name = $"anh-rong-{Guid.NewGuid():N}.png";
        byte[] png;
        using (var image = new Image<Rgba32>(1600, 500, new Rgba32(180, 30, 30)))
        using (var output = new MemoryStream())
        {
            image.Save(output, new PngEncoder());
            png = output.ToArray();
        }
        await page.GetByLabel("Chọn tệp (hoặc kéo thả vào đây)").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "image/png", Buffer = png });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await page.Locator(".upload-results").GetByText($"{name}: đã tải lên.").WaitForAsync();

        int id;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var key = await db.MediaAssets.Where(m => m.FileName == name).Select(m => m.StorageKey).SingleAsync();
            var agency = await db.Agencies.SingleAsync(a => a.Slug == "so-tu-phap");
            var article = new Article
            {
                Slug = $"bai-co-anh-trong-noi-dung-{Guid.NewGuid():N}", Title = "Bài có ảnh trong nội dung", Status = PublicationStatus.Draft,
                Body = $"Đoạn mở đầu.\n\n![Sơ đồ thủ tục](/media/{key})\n\nĐoạn kết.", AgencyId = agency.Id,
                PublishedAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, CreatedById = editor.Id,
            };
            article.Topics.Add(await db.Topics.FirstAsync());
            db.Articles.Add(article);
            await db.SaveChangesAsync();
            id = article.Id;
        }

        await page.GotoAsync($"/quan-tri/bai-viet/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).ClickAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('.preview img'); return i && i.complete && i.naturalWidth > 0; }");

        var layout = await page.EvaluateAsync<double[]>(
            """
            () => [
              document.documentElement.scrollWidth,
              window.innerWidth,
              document.getElementById('Body').getBoundingClientRect().width,
              document.querySelector('.preview img').getBoundingClientRect().width,
              document.querySelector('.preview').getBoundingClientRect().width,
            ]
            """);
        Assert.True(layout[0] <= layout[1], $"the page is {layout[0]} px wide in a {layout[1]} px window");
        Assert.True(layout[2] >= 400, $"the Markdown box is only {layout[2]} px wide");
        Assert.True(layout[3] <= layout[4], $"the image ({layout[3]} px) is wider than the preview ({layout[4]} px)");
    }
}
