using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;
using PbgdplPortal.Dialogues;
using PbgdplPortal.Questions;
using PbgdplPortal.Text;

namespace PbgdplPortal.Web.Tests.Search;

/// <summary>A document number in the query finds the document, then the published items that cite it.</summary>
[Collection(SqliteCollection.Name)]
public sealed class CitationTests(SqlitePortal portal)
{
    [Theory]
    [InlineData("100/2019/NĐ-CP")]
    [InlineData("168/2024/nd-cp")]
    [InlineData("168/2024/ND-CP")]
    [InlineData("138/KH-UBND")]
    [InlineData("138/kh-ubnd")]
    [InlineData("52/2014/QH13")]
    [InlineData("11/2017/QH14")]
    [InlineData("91/2025/QH15")]
    public async Task A_citation_puts_the_document_first_and_the_items_citing_it_next(string number)
    {
        var engine = await SearchTestKit.EngineAsync(portal);
        var key = DocumentNumbers.Key(number);
        var (document, citing) = await portal.WithDbAsync(async db => (
            await db.LegalDocuments.Where(d => d.NumberKey == key).Select(d => "document:" + d.Slug).SingleAsync(),
            (await db.Articles.Published(DateTime.UtcNow).Where(a => a.Citations.Any(c => c.LegalDocument.NumberKey == key)).Select(a => "article:" + a.Slug).ToListAsync())
                .Concat(await db.Quizzes.Where(q => q.Status == PublicationStatus.Published && q.Questions.Any(x => x.Citations.Any(c => c.LegalDocument.NumberKey == key)))
                    .Select(q => "quiz:" + q.Slug).ToListAsync())
                .Concat(await db.Questions.PubliclyAnswered().Where(q => q.Citations.Any(c => c.LegalDocument.NumberKey == key)).Select(q => "question:" + q.Slug).ToListAsync())
                .Concat(await db.DialogueSessions.Where(s => s.State == DialogueState.TranscriptPublished
                        && s.Questions.Any(q => q.SessionOrder != null && q.Status == QuestionStatus.Published && q.Citations.Any(c => c.LegalDocument.NumberKey == key)))
                    .Select(s => "dialogue:" + s.Slug).ToListAsync())
                .ToList()));
        var hits = engine.Top(number, 20);
        Assert.Equal(document, hits.FirstOrDefault());
        Assert.Equal(citing.Order(), hits.Skip(1).Take(citing.Count).Order());
    }

    [Theory]
    [InlineData("Nghị định 168/2024/NĐ-CP", "document:nghi-dinh-168-2024-nd-cp")]
    [InlineData("nghi dinh 168/2024/nd-cp ve tru diem giay phep lai xe", "document:nghi-dinh-168-2024-nd-cp")]
    [InlineData("kế hoạch 138/KH-UBND phổ biến pháp luật", "document:ke-hoach-138-kh-ubnd-thuc-hien-ket-luan-80-kl-tw")]
    [InlineData("luật 52/2014/QH13 điều kiện kết hôn", "document:luat-hon-nhan-va-gia-dinh-2014")]
    public async Task A_citation_among_words_still_puts_the_document_first(string query, string document)
    {
        var engine = await SearchTestKit.EngineAsync(portal);
        Assert.Equal(document, engine.Top(query).FirstOrDefault());
    }

    [Fact]
    public async Task Articles_drawing_more_of_their_legal_basis_from_the_document_rank_first_among_those_citing_it()
    {
        var engine = await SearchTestKit.EngineAsync(portal);
        var hits = engine.Top("11/2017/QH14");
        // Both legal-aid articles cite three provisions of the Law on Legal Aid; the land article cites one.
        Assert.True(hits.IndexOf("article:ai-duoc-tro-giup-phap-ly-mien-phi") < hits.IndexOf("article:boi-thuong-khi-nha-nuoc-thu-hoi-dat"));
        Assert.True(hits.IndexOf("article:cach-yeu-cau-tro-giup-phap-ly") < hits.IndexOf("article:boi-thuong-khi-nha-nuoc-thu-hoi-dat"));
    }
}
