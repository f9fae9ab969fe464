using PbgdplPortal.Import;

namespace PbgdplPortal.Core.Tests.Import;

/// <summary>
/// Every kind of problem the importer reports, each with its exact file and line. Each test writes
/// the valid <see cref="SampleContent"/> and one broken file beside it, so the problem is the only one.
/// </summary>
public sealed class ImportValidationTests : IAsyncLifetime
{
    private const string NothingWritten = "topics 0, audiences 0, agencies 0, documents 0, relations 0, articles 0, citations 0, changes 0";

    private TestPortal portal = null!;

    public async Task InitializeAsync()
    {
        portal = await TestPortal.CreateAsync();
        SampleContent.WriteTo(portal);
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    /// <summary>Writes a file whose front matter has every given line but the one for <paramref name="field"/>,
    /// and expects that one problem, reported where the front matter starts.</summary>
    private async Task ExpectMissingFieldReported(string file, string field, params string[] frontMatter)
    {
        var lines = frontMatter.Where(l => !l.StartsWith(field + ":", StringComparison.Ordinal));
        portal.Write(file, string.Join('\n', ["---", .. lines, "---", "Nội dung."]));
        await ExpectOnlyProblem(file, 2, $"'{field}'");
    }

    /// <summary>Imports, expects exactly one problem at <paramref name="file"/>:<paramref name="line"/>, and nothing written.</summary>
    private async Task<ImportProblem> ExpectOnlyProblem(string file, int line, string messagePart)
    {
        var result = await portal.ImportAsync();
        var problem = Assert.Single(result.Problems);
        Assert.Equal($"{file}:{line}", $"{problem.File}:{problem.Line}");
        Assert.Contains(messagePart, problem.Message, StringComparison.Ordinal);
        Assert.False(result.Succeeded);
        Assert.Equal(NothingWritten, await portal.CountsAsync());
        return problem;
    }

    [Fact]
    public async Task The_sample_content_itself_imports_without_problems()
    {
        var result = await portal.ImportAsync();
        Assert.Empty(result.Problems);
    }

    [Fact]
    public async Task Front_matter_with_a_YAML_syntax_error_is_reported_on_the_line_of_the_error()
    {
        portal.Write("articles/loi-yaml.md", """
            ---
            title: Bài viết lỗi
            summary: Tóm tắt: có dấu hai chấm: không hợp lệ
            topics: [hon-nhan-gia-dinh]
            agency: so-tu-phap
            published: 2026-01-15
            ---
            Nội dung.
            """);
        await ExpectOnlyProblem("articles/loi-yaml.md", 3, "YAML không hợp lệ");
    }

    [Fact]
    public async Task A_taxonomy_file_with_a_YAML_syntax_error_is_reported_on_the_line_of_the_error()
    {
        portal.Write("taxonomy/audiences.yml", """
            - slug: hoc-sinh-sinh-vien
              name: Học sinh, sinh viên
            - slug: nguoi-yeu-the
              name: Người yếu thế: người khuyết tật: người cao tuổi
            """);
        var result = await portal.ImportAsync();
        // The broken file yields no audience groups, so the articles that name them are reported too.
        var problem = Assert.Single(result.Problems, p => p.File == "taxonomy/audiences.yml");
        Assert.Equal(4, problem.Line);
        Assert.Contains("YAML không hợp lệ", problem.Message, StringComparison.Ordinal);
        Assert.Equal(NothingWritten, await portal.CountsAsync());
    }

    [Fact]
    public async Task Front_matter_without_its_closing_line_is_reported_on_the_opening_line()
    {
        portal.Write("articles/khong-dong.md", """
            ---
            title: Bài viết chưa đóng phần đầu
            topics: [hon-nhan-gia-dinh]
            agency: so-tu-phap
            published: 2026-01-15

            Nội dung.
            """);
        await ExpectOnlyProblem("articles/khong-dong.md", 1, "thiếu dòng '---'");
    }

    [Fact]
    public async Task A_file_that_does_not_start_with_front_matter_is_reported_on_line_one()
    {
        portal.Write("articles/khong-co-phan-dau.md", """
            # Điều kiện kết hôn

            Nội dung.
            """);
        await ExpectOnlyProblem("articles/khong-co-phan-dau.md", 1, "phải bắt đầu bằng phần đầu YAML");
    }

    [Fact]
    public async Task Front_matter_that_is_a_list_instead_of_a_mapping_is_reported()
    {
        portal.Write("documents/danh-sach.md", """
            ---
            - 52/2014/QH13
            - Luật
            ---
            Nội dung.
            """);
        await ExpectOnlyProblem("documents/danh-sach.md", 2, "phải có dạng 'khóa: giá trị'");
    }

    [Theory]
    [InlineData("title")]
    [InlineData("topics")]
    [InlineData("agency")]
    [InlineData("published")]
    public async Task An_article_missing_a_required_field_is_reported_at_the_start_of_its_front_matter(string field) =>
        await ExpectMissingFieldReported("articles/thieu-truong.md", field,
            "title: Bài viết thiếu trường",
            "topics: [hon-nhan-gia-dinh]",
            "agency: so-tu-phap",
            "published: 2026-02-01");

    [Theory]
    [InlineData("number")]
    [InlineData("type")]
    [InlineData("title")]
    [InlineData("issuer")]
    [InlineData("issued")]
    [InlineData("status")]
    public async Task A_document_missing_a_required_field_is_reported_at_the_start_of_its_front_matter(string field) =>
        await ExpectMissingFieldReported("documents/thieu-truong.md", field,
            "number: 01/2021/TT-BTP",
            "type: Thông tư",
            "title: Thông tư hướng dẫn Luật Phổ biến, giáo dục pháp luật",
            "issuer: Bộ Tư pháp",
            "issued: 2021-02-03",
            "status: Còn hiệu lực",
            "slug: thong-tu-01-2021-tt-btp");

    [Fact]
    public async Task A_required_field_left_empty_counts_as_missing()
    {
        portal.Write("documents/trong.md", """
            ---
            number: 01/2021/TT-BTP
            type: Thông tư
            title: Thông tư hướng dẫn
            issuer:
            issued: 2021-02-03
            status: Còn hiệu lực
            ---
            Nội dung.
            """);
        await ExpectOnlyProblem("documents/trong.md", 5, "'issuer'");
    }

    [Fact]
    public async Task An_impossible_calendar_date_is_reported_on_its_line()
    {
        portal.Write("documents/ngay-sai.md", """
            ---
            number: 01/2021/TT-BTP
            type: Thông tư
            title: Thông tư hướng dẫn
            issuer: Bộ Tư pháp
            issued: 2021-02-30
            status: Còn hiệu lực
            ---
            Nội dung.
            """);
        await ExpectOnlyProblem("documents/ngay-sai.md", 6, "'issued'");
    }

    [Theory]
    [InlineData("15/01/2026")]
    [InlineData("2026-01-15 08:00")]
    [InlineData("2026-01-15T08:00:00")]
    [InlineData("ngày mai")]
    public async Task A_publication_date_not_in_ISO_form_or_without_an_offset_is_reported_on_its_line(string value)
    {
        portal.Write("articles/ngay-sai.md", $"""
            ---
            title: Bài viết có ngày sai
            topics: [hon-nhan-gia-dinh]
            agency: so-tu-phap
            published: "{value}"
            ---
            Nội dung.
            """);
        await ExpectOnlyProblem("articles/ngay-sai.md", 5, "'published'");
    }

    [Fact]
    public async Task A_validity_status_that_is_not_one_of_the_five_values_is_reported_on_its_line()
    {
        portal.Write("documents/tinh-trang-sai.md", """
            ---
            number: 01/2021/TT-BTP
            type: Thông tư
            title: Thông tư hướng dẫn
            issuer: Bộ Tư pháp
            issued: 2021-02-03
            status: Còn hiệu lực một phần
            ---
            Nội dung.
            """);
        await ExpectOnlyProblem("documents/tinh-trang-sai.md", 7, "tình trạng hiệu lực không hợp lệ 'Còn hiệu lực một phần'");
    }

    [Fact]
    public async Task An_article_status_other_than_published_or_draft_is_reported_on_its_line()
    {
        portal.Write("articles/trang-thai-sai.md", """
            ---
            title: Bài viết có trạng thái sai
            topics: [hon-nhan-gia-dinh]
            agency: so-tu-phap
            published: 2026-02-01
            status: xuat-ban
            ---
            Nội dung.
            """);
        await ExpectOnlyProblem("articles/trang-thai-sai.md", 6, "'xuat-ban'");
    }

    [Fact]
    public async Task An_agency_kind_that_is_not_one_of_the_four_codes_is_reported_on_its_line()
    {
        portal.Write("taxonomy/agencies.yml", """
            - slug: so-tu-phap
              name: Sở Tư pháp tỉnh Cà Mau
              kind: provincial-department
            - slug: cong-an-tinh
              name: Công an tỉnh Cà Mau
              kind: armed-force
            - slug: xa-tan-thanh
              name: Ủy ban nhân dân xã Tân Thành
              kind: xa
            """);
        await ExpectOnlyProblem("taxonomy/agencies.yml", 9, "loại cơ quan không hợp lệ 'xa'");
    }

    [Fact]
    public async Task An_agency_without_a_kind_is_reported()
    {
        portal.Write("taxonomy/agencies.yml", """
            - slug: so-tu-phap
              name: Sở Tư pháp tỉnh Cà Mau
              kind: provincial-department
            - slug: cong-an-tinh
              name: Công an tỉnh Cà Mau
              kind: armed-force
            - slug: xa-tan-thanh
              name: Ủy ban nhân dân xã Tân Thành
            """);
        await ExpectOnlyProblem("taxonomy/agencies.yml", 7, "'kind'");
    }

    [Theory]
    [InlineData("Dieu-Kien")]
    [InlineData("điều-kiện")]
    [InlineData("dieu kien")]
    [InlineData("dieu--kien")]
    public async Task An_explicit_article_slug_not_in_slug_form_is_reported_on_its_line(string slug)
    {
        portal.Write("articles/slug-sai.md", $"""
            ---
            title: Bài viết có slug sai
            slug: "{slug}"
            topics: [hon-nhan-gia-dinh]
            agency: so-tu-phap
            published: 2026-02-01
            ---
            Nội dung.
            """);
        await ExpectOnlyProblem("articles/slug-sai.md", 3, "slug không hợp lệ");
    }

    [Fact]
    public async Task An_explicit_taxonomy_slug_not_in_slug_form_is_reported_on_its_line()
    {
        portal.Write("taxonomy/topics.yml", """
            - slug: hon-nhan-gia-dinh
              name: Hôn nhân và gia đình
            - name: Trật tự, an toàn giao thông
            - name: Đất đai
              slug: Dat_Dai
            """);
        await ExpectOnlyProblem("taxonomy/topics.yml", 5, "slug không hợp lệ 'Dat_Dai'");
    }

    [Fact]
    public async Task An_unknown_topic_is_reported_on_the_line_that_names_it()
    {
        portal.Write("articles/chu-de-la.md", """
            ---
            title: Bài viết có chủ đề lạ
            topics:
              - hon-nhan-gia-dinh
              - chu-de-khong-co
            agency: so-tu-phap
            published: 2026-02-01
            ---
            Nội dung.
            """);
        await ExpectOnlyProblem("articles/chu-de-la.md", 5, "chủ đề không tồn tại: 'chu-de-khong-co'");
    }

    [Fact]
    public async Task An_unknown_audience_group_is_reported_on_the_line_that_names_it()
    {
        portal.Write("articles/doi-tuong-la.md", """
            ---
            title: Bài viết có đối tượng lạ
            topics: [hon-nhan-gia-dinh]
            agency: so-tu-phap
            published: 2026-02-01
            audiences: [hoc-sinh-sinh-vien, nguoi-cao-tuoi]
            ---
            Nội dung.
            """);
        await ExpectOnlyProblem("articles/doi-tuong-la.md", 6, "đối tượng không tồn tại: 'nguoi-cao-tuoi'");
    }

    [Fact]
    public async Task An_unknown_agency_is_reported_on_its_line()
    {
        portal.Write("articles/co-quan-la.md", """
            ---
            title: Bài viết của cơ quan lạ
            topics: [hon-nhan-gia-dinh]
            agency: so-khong-co
            published: 2026-02-01
            ---
            Nội dung.
            """);
        await ExpectOnlyProblem("articles/co-quan-la.md", 4, "cơ quan không tồn tại: 'so-khong-co'");
    }

    [Fact]
    public async Task Two_articles_with_the_same_slug_are_reported_on_the_second_with_a_pointer_to_the_first()
    {
        portal.Write("articles/trung-slug.md", """
            ---
            title: Điều kiện kết hôn
            topics: [hon-nhan-gia-dinh]
            agency: so-tu-phap
            published: 2026-02-01
            ---
            Bài viết khác cùng tiêu đề.
            """);
        var problem = await ExpectOnlyProblem("articles/trung-slug.md", 2, "'dieu-kien-ket-hon'");
        Assert.Contains("articles/dieu-kien-ket-hon.md:2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_taxonomy_entries_with_the_same_slug_are_reported_on_the_second()
    {
        portal.Write("taxonomy/topics.yml", """
            - slug: hon-nhan-gia-dinh
              name: Hôn nhân và gia đình
            - name: Trật tự, an toàn giao thông
            - name: Hôn nhân, gia đình
              slug: hon-nhan-gia-dinh
            """);
        await ExpectOnlyProblem("taxonomy/topics.yml", 4, "'hon-nhan-gia-dinh'");
    }

    [Fact]
    public async Task Two_documents_with_the_same_number_are_reported_even_when_written_in_a_different_case()
    {
        portal.Write("documents/trung-so-hieu.md", """
            ---
            number: 52/2014/qh13
            type: Luật
            title: Luật Hôn nhân và gia đình (bản sao)
            issuer: Quốc hội
            issued: 2014-06-19
            status: Còn hiệu lực
            ---
            Bản sao.
            """);
        var problem = await ExpectOnlyProblem("documents/trung-so-hieu.md", 2, "số hiệu văn bản trùng '52/2014/qh13'");
        Assert.Contains("documents/luat-hon-nhan.md:2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_citation_of_a_document_the_portal_does_not_hold_is_reported_on_its_line()
    {
        portal.Write("articles/trich-dan-la.md", """
            ---
            title: Bài viết trích dẫn văn bản lạ
            topics: [hon-nhan-gia-dinh]
            agency: so-tu-phap
            published: 2026-02-01
            cites:
              - 52/2014/QH13 Điều 8
              - 91/2015/QH13 Điều 2
            ---
            Nội dung.
            """);
        await ExpectOnlyProblem("articles/trich-dan-la.md", 8, "'91/2015/QH13'");
    }

    [Fact]
    public async Task A_citation_that_does_not_start_with_a_document_number_is_reported_on_its_line()
    {
        portal.Write("articles/trich-dan-sai.md", """
            ---
            title: Bài viết trích dẫn sai
            topics: [hon-nhan-gia-dinh]
            agency: so-tu-phap
            published: 2026-02-01
            cites:
              - Điều 8 Luật Hôn nhân và gia đình
            ---
            Nội dung.
            """);
        await ExpectOnlyProblem("articles/trich-dan-sai.md", 7, "trích dẫn không hợp lệ");
    }

    [Fact]
    public async Task A_relation_to_a_document_the_portal_does_not_hold_is_accepted() =>
        Assert.Empty((await portal.ImportAsync()).Problems);

    [Fact]
    public async Task A_relation_of_an_unknown_kind_is_reported_on_its_line()
    {
        portal.Write("documents/quan-he-sai.md", """
            ---
            number: 01/2021/TT-BTP
            type: Thông tư
            title: Thông tư hướng dẫn
            issuer: Bộ Tư pháp
            issued: 2021-02-03
            status: Còn hiệu lực
            relations:
              - kind: guides
                target: 52/2014/QH13
              - kind: explains
                target: 52/2014/QH13
            ---
            Nội dung.
            """);
        await ExpectOnlyProblem("documents/quan-he-sai.md", 11, "loại quan hệ không hợp lệ 'explains'");
    }

    [Fact]
    public async Task A_misspelt_field_is_reported_as_unknown_on_its_line()
    {
        portal.Write("articles/go-nham.md", """
            ---
            title: Bài viết có trường gõ nhầm
            topics: [hon-nhan-gia-dinh]
            audience: [hoc-sinh-sinh-vien]
            agency: so-tu-phap
            published: 2026-02-01
            ---
            Nội dung.
            """);
        await ExpectOnlyProblem("articles/go-nham.md", 4, "trường không được hỗ trợ 'audience'");
    }

    [Fact]
    public async Task A_misspelt_taxonomy_field_is_reported_as_unknown_on_its_line()
    {
        portal.Write("taxonomy/audiences.yml", """
            - slug: hoc-sinh-sinh-vien
              name: Học sinh, sinh viên
            - slug: nguoi-yeu-the
              name: Người yếu thế
              descripton: Người khuyết tật, người cao tuổi.
            """);
        await ExpectOnlyProblem("taxonomy/audiences.yml", 5, "'descripton'");
    }

    [Theory]
    [InlineData("2026-01-01")]
    [InlineData("2026-02-01")]
    public async Task An_unpublish_date_not_after_the_publication_date_is_reported_on_its_line(string unpublish)
    {
        portal.Write("articles/go-truoc-khi-dang.md", $"""
            ---
            title: Bài viết gỡ trước khi đăng
            topics: [hon-nhan-gia-dinh]
            agency: so-tu-phap
            published: 2026-02-01
            unpublish: {unpublish}
            ---
            Nội dung.
            """);
        await ExpectOnlyProblem("articles/go-truoc-khi-dang.md", 6, "ngày gỡ bài phải sau ngày đăng");
    }

    [Fact]
    public async Task An_effective_date_before_the_issue_date_is_reported_on_its_line()
    {
        portal.Write("documents/hieu-luc-truoc.md", """
            ---
            number: 01/2021/TT-BTP
            type: Thông tư
            title: Thông tư hướng dẫn
            issuer: Bộ Tư pháp
            issued: 2021-02-03
            effective: 2021-01-01
            status: Còn hiệu lực
            ---
            Nội dung.
            """);
        await ExpectOnlyProblem("documents/hieu-luc-truoc.md", 7, "ngày hiệu lực");
    }

    [Fact]
    public async Task An_article_without_a_body_is_reported()
    {
        portal.Write("articles/khong-noi-dung.md", """
            ---
            title: Bài viết chưa có nội dung
            topics: [hon-nhan-gia-dinh]
            agency: so-tu-phap
            published: 2026-02-01
            ---
            """);
        await ExpectOnlyProblem("articles/khong-noi-dung.md", 2, "chưa có nội dung");
    }

    [Fact]
    public async Task Every_problem_in_the_folder_is_reported_in_one_run_in_file_and_line_order()
    {
        portal.Write("articles/loi-co-quan.md", """
            ---
            title: Bài viết của cơ quan lạ
            topics: [hon-nhan-gia-dinh]
            agency: so-khong-co
            published: 2026-02-01
            ---
            Nội dung.
            """);
        portal.Write("articles/loi-ngay.md", """
            ---
            title: Bài viết có ngày sai
            topics: [hon-nhan-gia-dinh]
            agency: so-tu-phap
            published: 2026-13-01
            ---
            Nội dung.
            """);
        portal.Write("documents/loi-tinh-trang.md", """
            ---
            number: 01/2021/TT-BTP
            type: Thông tư
            title: Thông tư hướng dẫn
            issuer: Bộ Tư pháp
            issued: 2021-02-03
            status: Đang áp dụng
            ---
            Nội dung.
            """);
        var result = await portal.ImportAsync();
        Assert.Equal(
            [
                "articles/loi-co-quan.md:4",
                "articles/loi-ngay.md:5",
                "documents/loi-tinh-trang.md:7",
            ],
            result.Problems.Select(p => $"{p.File}:{p.Line}"));
        Assert.Equal(NothingWritten, await portal.CountsAsync());
    }

    [Fact]
    public async Task Several_problems_in_one_file_are_all_reported_not_just_the_first()
    {
        portal.Write("articles/nhieu-loi.md", """
            ---
            title: Bài viết nhiều lỗi
            topics: [chu-de-khong-co]
            agency: so-khong-co
            published: 2026-13-01
            status: xuat-ban
            cites: [91/2015/QH13]
            ---
            Nội dung.
            """);
        var result = await portal.ImportAsync();
        Assert.Equal([3, 4, 5, 6, 7], result.Problems.Select(p => p.Line));
        Assert.All(result.Problems, p => Assert.Equal("articles/nhieu-loi.md", p.File));
    }

    [Fact]
    public async Task Nothing_is_written_when_any_file_has_a_problem_even_if_the_others_are_valid()
    {
        Assert.Empty((await portal.ImportAsync()).Problems);
        var before = await portal.CountsAsync();
        portal.Clock.Advance(TimeSpan.FromDays(1));
        portal.Write("articles/dieu-kien-ket-hon.md", SampleContent.MarriageArticle.Replace("title: Điều kiện kết hôn", "title: Điều kiện kết hôn (sửa)\nslug: dieu-kien-ket-hon", StringComparison.Ordinal));
        portal.Write("articles/bai-moi.md", """
            ---
            title: Bài viết mới hợp lệ
            topics: [hon-nhan-gia-dinh]
            agency: so-tu-phap
            published: 2026-02-01
            ---
            Nội dung.
            """);
        portal.Write("taxonomy/audiences.yml", SampleContent.Audiences + "\n- slug: ngu-dan\n  name: Ngư dân\n");
        portal.Write("articles/loi.md", """
            ---
            title: Bài viết lỗi
            topics: [hon-nhan-gia-dinh]
            agency: so-tu-phap
            published: hôm qua
            ---
            Nội dung.
            """);

        var result = await portal.ImportAsync();

        var problem = Assert.Single(result.Problems);
        Assert.Equal("articles/loi.md:5", $"{problem.File}:{problem.Line}");
        Assert.Equal(before, await portal.CountsAsync());
        await using var db = portal.NewContext();
        Assert.Equal("Điều kiện kết hôn", db.Articles.Single(a => a.Slug == "dieu-kien-ket-hon").Title);
    }

    [Fact]
    public async Task A_folder_that_does_not_exist_is_a_problem_not_an_exception()
    {
        var result = await portal.ImportAsync(Path.Combine(portal.ContentDir, "khong-co"));
        Assert.Single(result.Problems);
        Assert.Equal(NothingWritten, await portal.CountsAsync());
    }
}
