using PbgdplPortal.Content;

namespace PbgdplPortal.Core.Tests.Content;

/// <summary>How the legal-basis watch reads provisions and decides whether a change touches a citation.</summary>
public class LegalProvisionsTests
{
    [Theory]
    [InlineData("Điều 7", "7", null, null)]
    [InlineData("khoản 5 Điều 7", "7", "5", null)]
    [InlineData("điểm đ khoản 7 Điều 7", "7", "7", "đ")]
    [InlineData("Khoản 6a Điều 7", "7", "6a", null)]
    [InlineData("khoản 1, 2 Điều 5", "5", null, null)]
    public void Reads_one_provision_never_narrower_than_written(string text, string article, string? clause, string? point) =>
        Assert.Equal([new LegalProvision(article, clause, point)], LegalProvisions.Parse(text));

    [Fact]
    public void Reads_lists_of_articles_and_treats_unreadable_text_as_the_whole_document()
    {
        Assert.Equal([new LegalProvision("6", null, null), new LegalProvision("7", null, null), new LegalProvision("8", null, null)],
            LegalProvisions.Parse("Điều 6, 7 và 8"));
        Assert.Equal([new LegalProvision("7", "5", null), new LegalProvision("30", null, null)], LegalProvisions.Parse("khoản 5 Điều 7; Điều 30"));
        Assert.Empty(LegalProvisions.Parse("Phụ lục II"));
        Assert.Empty(LegalProvisions.Parse(null));
    }

    [Theory]
    [InlineData("Điều 7", "khoản 5 Điều 7", true)]
    [InlineData("khoản 5 Điều 7", "Điều 7", true)]
    [InlineData("khoản 5 Điều 7", "khoản 5 Điều 7", true)]
    [InlineData("khoản 2 Điều 7", "khoản 5 Điều 7", false)]
    [InlineData("Điều 30", "khoản 5 Điều 7", false)]
    [InlineData("điểm đ khoản 7 Điều 7", "khoản 7 Điều 7", true)]
    [InlineData("điểm g khoản 7 Điều 7", "điểm đ khoản 7 Điều 7", false)]
    [InlineData(null, "khoản 5 Điều 7", true)]
    [InlineData("Điều 30", null, true)]
    [InlineData("Phụ lục II", "khoản 5 Điều 7", true)]
    [InlineData("Điều 29, Điều 30", "khoản 5 Điều 7; Điều 30", true)]
    public void A_change_touches_a_citation_when_their_provisions_overlap(string? cited, string? changed, bool touches) =>
        Assert.Equal(touches, LegalProvisions.Touch(cited, changed));

    [Fact]
    public void Relation_provisions_are_normalized_and_checked()
    {
        Assert.Equal("khoản 5 Điều 7; điểm đ khoản 7 Điều 7", RelationProvisions.Normalize(" khoản 5 Điều 7 ;\nđiểm đ khoản 7 Điều 7; "));
        Assert.Null(RelationProvisions.Normalize(" ; "));
        Assert.Null(RelationProvisions.Problem("khoản 5 Điều 7; Điều 30"));
        Assert.Contains("“Phụ lục II”", RelationProvisions.Problem("Điều 7; Phụ lục II"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_flag_tells_readers_what_changed_and_that_the_content_is_being_reviewed()
    {
        var flag = new ReviewFlag
        {
            ChangeKey = "Amends:1:2:x", Reason = "", CitedProvision = "Điều 7", Kind = DocumentRelationKind.Amends, ChangedProvisions = "khoản 5 Điều 7",
            EffectiveOn = new DateOnly(2026, 1, 1),
            ChangingDocument = new LegalDocument { Slug = "l", Number = "59/2024/QH15", NumberKey = "59/2024/qh15", Type = "Luật", Title = "Luật Tư pháp người chưa thành niên", Issuer = "Quốc hội", Body = "" },
        };
        Assert.Equal("Điều 7 đã được sửa đổi, bổ sung bởi Luật 59/2024/QH15 (khoản 5 Điều 7), có hiệu lực từ 01/01/2026; nội dung đang được rà soát.",
            LegalBasisWatch.Notice(flag));
    }
}
