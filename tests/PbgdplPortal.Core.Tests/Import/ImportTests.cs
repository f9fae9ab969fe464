using System.Text;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;

namespace PbgdplPortal.Core.Tests.Import;

public sealed class ImportTests : IAsyncLifetime
{
    private TestPortal portal = null!;

    public async Task InitializeAsync()
    {
        portal = await TestPortal.CreateAsync();
        SampleContent.WriteTo(portal);
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private async Task ImportWithoutProblems()
    {
        var result = await portal.ImportAsync();
        Assert.Empty(result.Problems);
    }

    [Fact]
    public async Task A_first_import_creates_every_item_of_the_folder()
    {
        var result = await portal.ImportAsync();

        Assert.True(result.Succeeded);
        // 2 topics + 2 audience groups + 2 agencies + 3 documents + 2 articles; one more journal row for the review flag
        // the legal-basis watch puts on the traffic article, which cites a decree no longer in force.
        Assert.Equal((11, 0, 0), (result.Created, result.Updated, result.Unchanged));
        Assert.Equal("topics 2, audiences 2, agencies 2, documents 3, relations 1, articles 2, citations 3, changes 12", await portal.CountsAsync());
    }

    [Fact]
    public async Task A_missing_slug_is_derived_from_the_title_or_name()
    {
        await ImportWithoutProblems();
        await using var db = portal.NewContext();
        Assert.True(await db.Articles.AnyAsync(a => a.Slug == "dieu-kien-ket-hon" && a.Title == "Điều kiện kết hôn"));
        Assert.True(await db.Topics.AnyAsync(t => t.Slug == "trat-tu-an-toan-giao-thong" && t.Name == "Trật tự, an toàn giao thông"));
        var decree = await db.LegalDocuments.SingleAsync(d => d.Number == "100/2019/NĐ-CP");
        Assert.Equal("nghi-dinh-xu-phat-vi-pham-hanh-chinh-trong-linh-vuc-giao-thong-duong-bo-va-duong-sat", decree.Slug);
    }

    [Fact]
    public async Task An_explicit_slug_is_kept()
    {
        await ImportWithoutProblems();
        await using var db = portal.NewContext();
        Assert.True(await db.Articles.AnyAsync(a => a.Slug == "muc-phat-vuot-den-do"));
        Assert.True(await db.LegalDocuments.AnyAsync(d => d.Slug == "luat-hon-nhan-va-gia-dinh-2014"));
    }

    [Fact]
    public async Task Importing_the_same_folder_twice_changes_nothing()
    {
        await ImportWithoutProblems();
        var countsAfterFirst = await portal.CountsAsync();
        var stampsAfterFirst = await UpdateStamps();
        portal.Clock.Advance(TimeSpan.FromDays(3));

        var second = await portal.ImportAsync();

        Assert.Empty(second.Problems);
        Assert.Equal((0, 0, 11), (second.Created, second.Updated, second.Unchanged));
        Assert.Equal(countsAfterFirst, await portal.CountsAsync());
        Assert.Equal(stampsAfterFirst, await UpdateStamps());
    }

    [Fact]
    public async Task Reimporting_an_edited_title_updates_the_article_in_place()
    {
        await ImportWithoutProblems();
        int id;
        DateTime createdAt;
        await using (var db = portal.NewContext())
        {
            var article = await db.Articles.SingleAsync(a => a.Slug == "muc-phat-vuot-den-do");
            (id, createdAt) = (article.Id, article.CreatedAt);
        }
        portal.Clock.Advance(TimeSpan.FromDays(3));
        portal.Write("articles/muc-phat.md", SampleContent.TrafficArticle.Replace(
            "title: Mức phạt khi vượt đèn đỏ", "title: Mức phạt khi vượt đèn đỏ năm 2026", StringComparison.Ordinal));

        var result = await portal.ImportAsync();

        Assert.Empty(result.Problems);
        Assert.Equal((0, 1, 10), (result.Created, result.Updated, result.Unchanged));
        await using (var db = portal.NewContext())
        {
            var article = await db.Articles.SingleAsync(a => a.Slug == "muc-phat-vuot-den-do");
            Assert.Equal(id, article.Id);
            Assert.Equal("Mức phạt khi vượt đèn đỏ năm 2026", article.Title);
            Assert.Equal(createdAt, article.CreatedAt);
            Assert.Equal(portal.Clock.Now.UtcDateTime, article.UpdatedAt);
            Assert.Equal(2, await db.Articles.CountAsync());
        }
    }

    [Fact]
    public async Task Reimporting_changed_topics_and_citations_updates_them()
    {
        await ImportWithoutProblems();
        portal.Write("articles/dieu-kien-ket-hon.md", SampleContent.MarriageArticle
            .Replace("topics: [hon-nhan-gia-dinh]", "topics: [hon-nhan-gia-dinh, trat-tu-an-toan-giao-thong]", StringComparison.Ordinal)
            .Replace("  - 52/2014/QH13\n", "  - 100/2019/NĐ-CP Điều 5\n", StringComparison.Ordinal));

        var result = await portal.ImportAsync();

        Assert.Equal((0, 1), (result.Created, result.Updated));
        await using var db = portal.NewContext();
        var article = await db.Articles.Include(a => a.Topics).Include(a => a.Citations).ThenInclude(c => c.LegalDocument)
            .SingleAsync(a => a.Slug == "dieu-kien-ket-hon");
        Assert.Equal(["hon-nhan-gia-dinh", "trat-tu-an-toan-giao-thong"], article.Topics.Select(t => t.Slug).Order());
        Assert.Equal(["52/2014/QH13 Điều 8", "100/2019/NĐ-CP Điều 5"],
            article.Citations.OrderBy(c => c.Position).Select(c => $"{c.LegalDocument.Number} {c.Provision}"));
    }

    [Fact]
    public async Task Decomposed_text_in_a_file_is_stored_composed()
    {
        var nfdArticle = """
            ---
            title: Hỏi đáp về quyền của người khuyết tật
            summary: Người khuyết tật được hưởng trợ cấp xã hội hằng tháng.
            topics: [hon-nhan-gia-dinh]
            agency: so-tu-phap
            published: 2026-02-01
            ---
            Người khuyết tật đặc biệt nặng được hưởng trợ cấp.
            """.Normalize(NormalizationForm.FormD);
        portal.Write("articles/nfd.md", nfdArticle);
        portal.Write("taxonomy/audiences.yml", (SampleContent.Audiences + "\n- name: Người dân khu vực biên giới, hải đảo\n").Normalize(NormalizationForm.FormD));

        await ImportWithoutProblems();

        await using var db = portal.NewContext();
        var article = await db.Articles.SingleAsync(a => a.Slug == "hoi-dap-ve-quyen-cua-nguoi-khuyet-tat");
        Assert.Equal("Hỏi đáp về quyền của người khuyết tật".Normalize(NormalizationForm.FormC), article.Title);
        Assert.True(article.Title.IsNormalized(NormalizationForm.FormC));
        Assert.True(article.Summary!.IsNormalized(NormalizationForm.FormC));
        Assert.True(article.Body.IsNormalized(NormalizationForm.FormC));
        Assert.Contains("đặc biệt nặng", article.Body, StringComparison.Ordinal);
        var audience = await db.AudienceGroups.SingleAsync(a => a.Slug == "nguoi-dan-khu-vuc-bien-gioi-hai-dao");
        Assert.True(audience.Name.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public async Task A_bare_date_is_midnight_in_Vietnam_and_a_date_with_an_offset_keeps_its_moment()
    {
        await ImportWithoutProblems();
        await using var db = portal.NewContext();
        var marriage = await db.Articles.SingleAsync(a => a.Slug == "dieu-kien-ket-hon");
        Assert.Equal(new DateTime(2026, 1, 14, 17, 0, 0, DateTimeKind.Utc), marriage.PublishedAt);
        Assert.Equal(DateTimeKind.Utc, marriage.PublishedAt.Kind);
        Assert.Null(marriage.UnpublishAt);
        var traffic = await db.Articles.SingleAsync(a => a.Slug == "muc-phat-vuot-den-do");
        Assert.Equal(new DateTime(2026, 1, 20, 1, 0, 0, DateTimeKind.Utc), traffic.PublishedAt);
        Assert.Equal(new DateTime(2027, 1, 20, 0, 0, 0, DateTimeKind.Utc), traffic.UnpublishAt);
    }

    [Fact]
    public async Task Document_dates_are_stored_as_calendar_dates()
    {
        await ImportWithoutProblems();
        await using var db = portal.NewContext();
        var law = await db.LegalDocuments.SingleAsync(d => d.Slug == "luat-hon-nhan-va-gia-dinh-2014");
        Assert.Equal(new DateOnly(2014, 6, 19), law.IssuedOn);
        Assert.Equal(new DateOnly(2015, 1, 1), law.EffectiveOn);
        Assert.Null(law.ExpiresOn);
    }

    [Fact]
    public async Task Document_fields_are_stored_with_the_number_key_folded()
    {
        await ImportWithoutProblems();
        await using var db = portal.NewContext();
        var decree = await db.LegalDocuments.SingleAsync(d => d.NumberKey == "100/2019/nd-cp");
        Assert.Equal(("100/2019/NĐ-CP", "Nghị định", "Chính phủ", ValidityStatus.Expired, false),
            (decree.Number, decree.Type, decree.Issuer, decree.Status, decree.IsSample));
        var law = await db.LegalDocuments.SingleAsync(d => d.NumberKey == "52/2014/qh13");
        Assert.Equal(("Nguyễn Sinh Hùng", ValidityStatus.InForce, true, "Luật quy định chế độ hôn nhân và gia đình."),
            (law.Signer, law.Status, law.IsSample, law.Body));
    }

    [Fact]
    public async Task A_citation_stores_the_document_and_the_provision_after_the_number()
    {
        await ImportWithoutProblems();
        await using var db = portal.NewContext();
        var citations = await db.ArticleCitations.Include(c => c.Article).Include(c => c.LegalDocument)
            .OrderBy(c => c.ArticleId).ThenBy(c => c.Position).ToListAsync();
        Assert.Equal(
            [
                ("dieu-kien-ket-hon", "52/2014/QH13", "Điều 8"),
                ("dieu-kien-ket-hon", "52/2014/QH13", null),
                ("muc-phat-vuot-den-do", "100/2019/NĐ-CP", "điểm e khoản 4 Điều 6"),
            ],
            citations.Select(c => (c.Article.Slug, c.LegalDocument.Number, c.Provision)));
    }

    [Fact]
    public async Task A_citation_may_name_a_document_already_in_the_database()
    {
        await ImportWithoutProblems();
        var later = Path.Combine(portal.ContentDir, "..", "later");
        Directory.CreateDirectory(Path.Combine(later, "articles"));
        File.WriteAllText(Path.Combine(later, "articles", "bai-sau.md"), """
            ---
            title: Bài viết nhập sau
            topics: [hon-nhan-gia-dinh]
            agency: so-tu-phap
            published: 2026-03-01
            cites: [52/2014/QH13 Điều 9]
            ---
            Nội dung.
            """);

        var result = await portal.ImportAsync(later);

        Assert.Empty(result.Problems);
        Assert.Equal(1, result.Created);
    }

    [Fact]
    public async Task Relations_are_stored_even_when_the_target_is_not_in_the_portal()
    {
        await ImportWithoutProblems();
        await using var db = portal.NewContext();
        var relation = await db.DocumentRelations.Include(r => r.FromDocument).SingleAsync();
        Assert.Equal(("52/2014/QH13", DocumentRelationKind.Replaces, "22/2000/QH10", "22/2000/qh10"),
            (relation.FromDocument.Number, relation.Kind, relation.TargetNumber, relation.TargetNumberKey));
    }

    [Fact]
    public async Task Article_topics_audiences_agency_and_flags_are_stored()
    {
        await ImportWithoutProblems();
        await using var db = portal.NewContext();
        var article = await db.Articles.Include(a => a.Topics).Include(a => a.Audiences).Include(a => a.Agency)
            .SingleAsync(a => a.Slug == "dieu-kien-ket-hon");
        Assert.Equal(["hon-nhan-gia-dinh"], article.Topics.Select(t => t.Slug));
        Assert.Equal(["hoc-sinh-sinh-vien", "nguoi-yeu-the"], article.Audiences.Select(t => t.Slug).Order());
        Assert.Equal("so-tu-phap", article.Agency.Slug);
        Assert.Equal(AgencyKind.ProvincialDepartment, article.Agency.Kind);
        Assert.Equal((PublicationStatus.Published, true, "Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi."), (article.Status, article.IsSample, article.Summary));
    }

    [Fact]
    public async Task The_change_journal_gets_a_row_for_each_created_item_and_for_each_updated_item()
    {
        await ImportWithoutProblems();
        await using (var db = portal.NewContext())
        {
            var journal = await db.ContentChanges.Select(c => c.EntityType + ":" + c.EntityKey).ToListAsync();
            // One row per item, and one for the review flags the watch set (the traffic article cites an expired decree).
            Assert.Equal(12, journal.Count);
            Assert.Contains("ReviewFlag:watch", journal);
            Assert.Contains("Article:dieu-kien-ket-hon", journal);
            Assert.Contains("LegalDocument:luat-hon-nhan-va-gia-dinh-2014", journal);
            Assert.Contains("Topic:trat-tu-an-toan-giao-thong", journal);
            Assert.Contains("AudienceGroup:nguoi-yeu-the", journal);
            Assert.Contains("Agency:cong-an-tinh", journal);
        }

        portal.Clock.Advance(TimeSpan.FromHours(1));
        portal.Write("documents/ke-hoach-138.md", SampleContent.ProvincialPlan.Replace("Nội dung kế hoạch.", "Nội dung kế hoạch đã sửa.", StringComparison.Ordinal));
        Assert.Empty((await portal.ImportAsync()).Problems);

        await using (var db = portal.NewContext())
        {
            var newRows = await db.ContentChanges.Where(c => c.ChangedAt == portal.Clock.Now.UtcDateTime).ToListAsync();
            var row = Assert.Single(newRows);
            Assert.Equal(("LegalDocument", "ke-hoach-pho-bien-giao-duc-phap-luat-nam-2026"), (row.EntityType, row.EntityKey));
            Assert.Equal(13, await db.ContentChanges.CountAsync());
        }
    }

    [Fact]
    public async Task An_unchanged_reimport_adds_nothing_to_the_change_journal()
    {
        await ImportWithoutProblems();
        portal.Clock.Advance(TimeSpan.FromHours(1));
        await ImportWithoutProblems();
        await using var db = portal.NewContext();
        Assert.Equal(12, await db.ContentChanges.CountAsync());
    }

    /// <summary>Every article's and document's slug with its UpdatedAt, in slug order.</summary>
    private async Task<List<string>> UpdateStamps()
    {
        await using var db = portal.NewContext();
        var articles = await db.Articles.OrderBy(a => a.Slug).Select(a => new { a.Slug, a.UpdatedAt }).ToListAsync();
        var documents = await db.LegalDocuments.OrderBy(d => d.Slug).Select(d => new { d.Slug, d.UpdatedAt }).ToListAsync();
        return [.. articles.Select(a => $"{a.Slug} {a.UpdatedAt:O}"), .. documents.Select(d => $"{d.Slug} {d.UpdatedAt:O}")];
    }
}
