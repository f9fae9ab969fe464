using System.Net;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Media;

namespace PbgdplPortal.Web.Tests.BackOffice;

public abstract class ArticleEditingTests(PortalFactory portal)
{
    private const string Agency = "so-tu-phap";
    private const string OtherAgency = "so-giao-duc-va-dao-tao";

    [Fact]
    public async Task A_draft_goes_through_submit_publish_and_unpublish_with_revisions_audit_and_journal()
    {
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, Agency));
        var title = EditingKit.Unique("Đăng ký kết hôn có yếu tố nước ngoài");
        var id = await editor.CreateArticleAsync(portal, title);
        var article = await portal.ArticleAsync(id);
        Assert.Equal(PublicationStatus.Draft, article.Status);
        Assert.StartsWith("dang-ky-ket-hon-co-yeu-to-nuoc-ngoai-", article.Slug, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await portal.CreateClient().GetAsync($"/bai-viet/{article.Slug}")).StatusCode);

        var url = $"/quan-tri/bai-viet/{id}";
        var response = await editor.PostFormAsync(url, url, EditingKit.ArticleFields(title, action: "gui-duyet", version: await editor.FormVersionAsync(url)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(PublicationStatus.Submitted, (await portal.ArticleAsync(id)).Status);

        // Editors never publish, whatever they post.
        var version = await reviewer.FormVersionAsync(url);
        response = await editor.PostFormAsync("/quan-tri/bai-viet", url, EditingKit.ArticleFields(title, action: "duyet-dang", version: version));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(PublicationStatus.Submitted, (await portal.ArticleAsync(id)).Status);

        response = await reviewer.PostFormAsync(url, url, EditingKit.ArticleFields(title, action: "duyet-dang", version: version));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        article = await portal.ArticleAsync(id);
        Assert.Equal(PublicationStatus.Published, article.Status);
        await Eventually.HoldsAsync(async () => (await portal.CreateClient().GetAsync($"/bai-viet/{article.Slug}")).StatusCode == HttpStatusCode.OK,
            "the published article is public");

        response = await reviewer.PostFormAsync(url, $"{url}/go-xuong", [("version", article.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(PublicationStatus.Unpublished, (await portal.ArticleAsync(id)).Status);
        await Eventually.HoldsAsync(async () => (await portal.CreateClient().GetAsync($"/bai-viet/{article.Slug}")).StatusCode == HttpStatusCode.NotFound,
            "the unpublished article is gone");

        var target = $"article:{article.Slug}";
        var actions = await portal.WithDbAsync(db => db.AuditEntries.Where(a => a.Target == target).Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.Submitted, actions);
        Assert.Contains(AuditActions.Published, actions);
        Assert.Contains(AuditActions.Unpublished, actions);
        var revisions = await portal.WithDbAsync(db => db.Revisions.Where(r => r.ContentType == "article" && r.ContentId == id).OrderBy(r => r.Number).ToListAsync());
        Assert.Equal([1, 2, 3, 4], revisions.Select(r => r.Number));
        Assert.Equal([PublicationStatus.Draft, PublicationStatus.Submitted, PublicationStatus.Published, PublicationStatus.Unpublished], revisions.Select(r => r.Status));
        Assert.Contains("hon-nhan-gia-dinh", revisions[0].Metadata, StringComparison.Ordinal);
        Assert.True(await portal.WithDbAsync(db => db.ContentChanges.CountAsync(c => c.EntityType == "Article" && c.EntityKey == article.Slug)) >= 2);
    }

    [Fact]
    public async Task A_reviewer_sends_back_with_a_required_comment_the_editor_sees()
    {
        var editorAccount = await portal.CreateAccountAsync(PortalRoles.Editor, Agency);
        var editor = await portal.SignedInAsync(editorAccount);
        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, Agency));
        var title = EditingKit.Unique("Bài gửi duyệt");
        var id = await editor.CreateArticleAsync(portal, title, action: "gui-duyet");
        var url = $"/quan-tri/bai-viet/{id}";
        var version = (await portal.ArticleAsync(id)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await reviewer.PostFormAsync(url, $"{url}/tra-lai", [("version", version), ("nhan-xet", "  ")]);
        Assert.Equal(PublicationStatus.Submitted, (await portal.ArticleAsync(id)).Status);

        var response = await reviewer.PostFormAsync(url, $"{url}/tra-lai", [("version", version), ("nhan-xet", "Hãy bổ sung căn cứ pháp lý.")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var article = await portal.ArticleAsync(id);
        Assert.Equal(PublicationStatus.Draft, article.Status);
        Assert.Equal("Hãy bổ sung căn cứ pháp lý.", article.ReviewComment);
        Assert.Contains("Hãy bổ sung căn cứ pháp lý.", await editor.GetStringAsync(url), StringComparison.Ordinal);
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.SentBack && a.Target == "article:" + article.Slug)));
    }

    [Fact]
    public async Task Other_agencies_get_404_and_editors_cannot_take_reviewer_actions()
    {
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var id = await editor.CreateArticleAsync(portal, EditingKit.Unique("Bài của Sở Tư pháp"), action: "gui-duyet");
        var url = $"/quan-tri/bai-viet/{id}";
        var otherEditor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, OtherAgency));
        var otherReviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, OtherAgency));
        foreach (var client in new[] { otherEditor, otherReviewer })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{url}/phien-ban")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{url}/so-sanh?a=1&b=1")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound,
                (await client.PostFormAsync("/quan-tri/bai-viet", url, EditingKit.ArticleFields("Chiếm", action: "duyet-dang", version: 2))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync("/quan-tri/bai-viet", $"{url}/xoa", [("version", "2")])).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostFormAsync(url, $"{url}/xoa", [("version", "2")])).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostFormAsync(url, $"{url}/tra-lai", [("version", "2"), ("nhan-xet", "x")])).StatusCode);
        // A submitted article is the reviewer's now: its editor may no longer change it.
        Assert.Equal(HttpStatusCode.Forbidden,
            (await editor.PostFormAsync(url, url, EditingKit.ArticleFields("Sửa lén", version: 2))).StatusCode);
        Assert.Equal(PublicationStatus.Submitted, (await portal.ArticleAsync(id)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await otherEditor.GetAsync("/quan-tri/bai-viet/999999")).StatusCode);
    }

    [Fact]
    public async Task Deleting_is_for_reviewers_and_is_audited()
    {
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, Agency));
        var id = await editor.CreateArticleAsync(portal, EditingKit.Unique("Bài sẽ xóa"));
        var slug = (await portal.ArticleAsync(id)).Slug;
        var response = await reviewer.PostFormAsync($"/quan-tri/bai-viet/{id}", $"/quan-tri/bai-viet/{id}/xoa", [("version", "1")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await portal.WithDbAsync(db => db.Articles.AnyAsync(a => a.Id == id)));
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.Deleted && a.Target == "article:" + slug)));
    }

    [Fact]
    public async Task The_form_refuses_bad_input_in_Vietnamese_and_keeps_the_text()
    {
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var title = EditingKit.Unique("Bài có lỗi");
        var fields = EditingKit.ArticleFields(title, body: "Văn bản tôi vừa viết", topic: "", citations: "52/2014/QH13 | Điều 8\n999/2099/XX-YY");
        var response = await editor.PostFormAsync("/quan-tri/bai-viet/moi", "/quan-tri/bai-viet/moi", fields);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hãy chọn ít nhất một chủ đề.", html, StringComparison.Ordinal);
        Assert.Contains("Dòng 2: không có văn bản số hiệu “999/2099/XX-YY”", html, StringComparison.Ordinal);
        Assert.Contains("Văn bản tôi vừa viết", html, StringComparison.Ordinal);
        Assert.False(await portal.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title == title)));

        var first = await editor.CreateArticleAsync(portal, EditingKit.Unique("Bài trùng đường dẫn"));
        var taken = (await portal.ArticleAsync(first)).Slug;
        response = await editor.PostFormAsync("/quan-tri/bai-viet/moi", "/quan-tri/bai-viet/moi", EditingKit.ArticleFields(EditingKit.Unique("Khác"), slug: taken));
        Assert.Contains($"Đường dẫn “{taken}” đã được dùng", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withdrawal_moment_before_publication_is_refused()
    {
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var title = EditingKit.Unique("Bài lịch sai");
        var fields = EditingKit.ArticleFields(title, publishAt: "2030-01-01T10:00")
            .Select(f => f.Item1 == "UnpublishAt" ? ("UnpublishAt", "2029-12-31T10:00") : f).ToList();
        var response = await editor.PostFormAsync("/quan-tri/bai-viet/moi", "/quan-tri/bai-viet/moi", fields);
        Assert.Contains("Thời điểm gỡ phải sau thời điểm đăng.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await portal.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title == title)));
    }

    [Fact]
    public async Task Lists_show_fifty_a_page()
    {
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        var marker = Guid.NewGuid().ToString("N")[..10];
        await portal.WithDbAsync(async db =>
        {
            var agency = await db.Agencies.SingleAsync(a => a.Slug == Agency);
            var now = DateTime.UtcNow;
            for (var i = 0; i < 51; i++)
            {
                db.Articles.Add(new Article
                {
                    Slug = $"trang-{marker}-{i}", Title = $"Trang {marker} số {i:D2}", Body = "x", AgencyId = agency.Id, Status = PublicationStatus.Draft,
                    PublishedAt = now, CreatedAt = now, UpdatedAt = now.AddSeconds(i),
                });
            }
            return await db.SaveChangesAsync();
        });
        var first = await admin.GetStringAsync($"/quan-tri/bai-viet?q={marker}");
        Assert.Contains($"Trang {marker} số 50", first, StringComparison.Ordinal);
        Assert.DoesNotContain($"Trang {marker} số 00", first, StringComparison.Ordinal);
        Assert.Contains($"trang=2", first, StringComparison.Ordinal);
        var second = await admin.GetStringAsync($"/quan-tri/bai-viet?q={marker}&trang=2");
        Assert.Contains($"Trang {marker} số 00", second, StringComparison.Ordinal);
        Assert.DoesNotContain($"Trang {marker} số 01", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Citations_are_resolved_by_number_and_scheduling_uses_Vietnam_time()
    {
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, Agency));
        var title = EditingKit.Unique("Bài trích dẫn");
        var id = await editor.CreateArticleAsync(portal, title, citations: "100/2015/qh13 | Điều 1");
        var article = await portal.ArticleAsync(id);
        var cited = await portal.WithDbAsync(db => db.LegalDocuments.SingleAsync(d => d.NumberKey == "100/2015/qh13"));
        Assert.Equal(cited.Id, Assert.Single(article.Citations).LegalDocumentId);
        Assert.Equal("Điều 1", article.Citations[0].Provision);

        var url = $"/quan-tri/bai-viet/{id}";
        var response = await reviewer.PostFormAsync(url, url, EditingKit.ArticleFields(title, action: "duyet-dang", version: article.Version, publishAt: "2099-01-02T08:30"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        article = await portal.ArticleAsync(id);
        Assert.Equal(PublicationStatus.Published, article.Status);
        Assert.Equal(new DateTime(2099, 1, 2, 1, 30, 0, DateTimeKind.Utc), article.PublishedAt);
        var list = await reviewer.GetStringAsync("/quan-tri/bai-viet?trang-thai=hen-gio");
        Assert.Contains(title, list, StringComparison.Ordinal);
        Assert.DoesNotContain(title, await reviewer.GetStringAsync("/quan-tri/bai-viet?trang-thai=da-dang"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_featured_image_without_alternative_text_blocks_publishing()
    {
        var reviewerAccount = await portal.CreateAccountAsync(PortalRoles.Reviewer, Agency);
        var reviewer = await portal.SignedInAsync(reviewerAccount);
        var imageId = await portal.WithDbAsync(async db =>
        {
            var image = new MediaAsset
            {
                Kind = MediaKind.Image, StorageKey = "kiem-thu/" + Guid.NewGuid().ToString("N"), FileName = "anh.jpg", ContentType = "image/jpeg",
                AgencyId = reviewerAccount.AgencyId!.Value, UploadedAt = DateTime.UtcNow,
            };
            db.MediaAssets.Add(image);
            await db.SaveChangesAsync();
            return image.Id;
        });
        var title = EditingKit.Unique("Bài có ảnh");
        var response = await reviewer.PostFormAsync("/quan-tri/bai-viet/moi", "/quan-tri/bai-viet/moi", EditingKit.ArticleFields(title, action: "duyet-dang", imageId: imageId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Ảnh đại diện cần có văn bản thay thế", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var fileId = await portal.WithDbAsync(async db =>
        {
            var file = new MediaAsset
            {
                Kind = MediaKind.Document, StorageKey = "kiem-thu/" + Guid.NewGuid().ToString("N"), FileName = "mau-don.pdf", ContentType = "application/pdf",
                Title = "Mẫu đơn", AgencyId = reviewerAccount.AgencyId!.Value, UploadedAt = DateTime.UtcNow,
            };
            db.MediaAssets.Add(file);
            await db.SaveChangesAsync();
            return file.Id;
        });
        // A draft may keep the image while the alternative text is written; attachments come from the library too.
        response = await reviewer.PostFormAsync("/quan-tri/bai-viet/moi", "/quan-tri/bai-viet/moi",
            [.. EditingKit.ArticleFields(title, imageId: imageId), ("AttachmentIds", fileId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await portal.WithDbAsync(db => db.Articles.Include(a => a.Attachments).SingleAsync(a => a.Title == title));
        Assert.Equal(imageId, saved.FeaturedImageId);
        Assert.Equal(fileId, Assert.Single(saved.Attachments).MediaAssetId);

        // After the alternative text is written, publishing succeeds.
        await portal.WithDbAsync(async db =>
        {
            var image = await db.MediaAssets.SingleAsync(m => m.Id == imageId);
            image.AltText = "Người dân làm thủ tục tại bộ phận một cửa";
            return await db.SaveChangesAsync();
        });
        var url = $"/quan-tri/bai-viet/{saved.Id}";
        response = await reviewer.PostFormAsync(url, url,
            [.. EditingKit.ArticleFields(title, action: "duyet-dang", imageId: imageId, version: saved.Version), ("AttachmentIds", fileId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(PublicationStatus.Published, (await portal.ArticleAsync(saved.Id)).Status);
    }

    [Fact]
    public async Task Lists_are_filtered_on_the_server_and_limited_to_the_agency()
    {
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var other = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, OtherAgency));
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        var marker = Guid.NewGuid().ToString("N")[..8];
        var draft = $"Nháp lọc {marker}";
        var submitted = $"Chờ duyệt lọc {marker}";
        await editor.CreateArticleAsync(portal, draft);
        await editor.CreateArticleAsync(portal, submitted, action: "gui-duyet");
        var drafts = await editor.GetStringAsync($"/quan-tri/bai-viet?trang-thai=nhap&q={marker}");
        Assert.Contains(draft, drafts, StringComparison.Ordinal);
        Assert.DoesNotContain(submitted, drafts, StringComparison.Ordinal);
        Assert.Contains(submitted, await editor.GetStringAsync($"/quan-tri/bai-viet?trang-thai=cho-duyet&q={marker}"), StringComparison.Ordinal);
        Assert.DoesNotContain(draft, await other.GetStringAsync($"/quan-tri/bai-viet?q={marker}"), StringComparison.Ordinal);
        Assert.DoesNotContain(draft, await editor.GetStringAsync($"/quan-tri/bai-viet?q={marker}&chu-de=giao-thong"), StringComparison.Ordinal);
        Assert.Contains(draft, await editor.GetStringAsync($"/quan-tri/bai-viet?q={marker}&chu-de=hon-nhan-gia-dinh"), StringComparison.Ordinal);
        var agencyId = await portal.WithDbAsync(db => db.Agencies.Where(a => a.Slug == Agency).Select(a => a.Id).SingleAsync());
        Assert.Contains(draft, await admin.GetStringAsync($"/quan-tri/bai-viet?q={marker}&co-quan={agencyId}"), StringComparison.Ordinal);
        Assert.DoesNotContain(draft, await admin.GetStringAsync($"/quan-tri/bai-viet?q={marker}&co-quan={agencyId + 1}"), StringComparison.Ordinal);
        // Newest change first.
        var all = await editor.GetStringAsync($"/quan-tri/bai-viet?q={marker}");
        Assert.True(all.IndexOf(submitted, StringComparison.Ordinal) < all.IndexOf(draft, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_preview_uses_the_public_pipeline_and_is_sanitized()
    {
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var response = await editor.PostFormAsync("/quan-tri/bai-viet/moi", "/quan-tri/xem-truoc",
            [("markdown", "## Mục\n\nTheo Luật 52/2014/QH13 <script>alert(1)</script>")]);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(">Mục</h2>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        // Without JavaScript, the "Xem trước" button re-renders the form with the preview.
        response = await editor.PostFormAsync("/quan-tri/bai-viet/moi", "/quan-tri/bai-viet/moi", EditingKit.ArticleFields("Xem", body: "**đậm**", action: "xem-truoc"));
        Assert.Contains("<strong>đậm</strong>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ArticleEditingOnSqlite(SqlitePortal portal) : ArticleEditingTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class ArticleEditingOnPostgres(PostgresPortal portal) : ArticleEditingTests(portal);
