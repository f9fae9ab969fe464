using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Dialogues;
using PbgdplPortal.Import;
using PbgdplPortal.Questions;
using PbgdplPortal.Quizzes;
using PbgdplPortal.Text;

namespace PbgdplPortal.Web.Tests.BackOffice;

/// <summary>The real clock, moved forward by <see cref="Offset"/>: timers still tick in real time.</summary>
public sealed class MovableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}

/// <summary>The portal (with the sample content) on a clock the test may move forward, so that a date can arrive.</summary>
public abstract class ClockedPortal : PortalFactory
{
    public MovableClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class ClockedSqlitePortal : ClockedPortal
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class ClockedPostgresPortal : ClockedPortal
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public abstract class LegalBasisWatchTests(ClockedPortal portal)
{
    private const string Agency = "so-tu-phap";

    private static string Tag() => Guid.NewGuid().ToString("N")[..6].ToUpperInvariant().Replace('0', 'A');

    private DateOnly Today => DateOnly.FromDateTime(VietnameseText.ToVietnamTime(portal.Clock.GetUtcNow().UtcDateTime));

    /// <summary>A published document record; returns its id.</summary>
    private Task<int> AddDocumentAsync(string number, string type = "Luật", DateOnly? effective = null, Action<LegalDocument>? adjust = null) =>
        portal.WithDbAsync(async db =>
        {
            var now = portal.Clock.GetUtcNow().UtcDateTime;
            var document = new LegalDocument
            {
                Slug = Slug.From(type + " " + number),
                Number = number,
                NumberKey = DocumentNumbers.Key(number),
                Type = type,
                Title = $"{type} thử nghiệm {number}",
                Issuer = "Quốc hội",
                Body = "Nội dung.",
                IssuedOn = new DateOnly(2024, 11, 30),
                EffectiveOn = effective,
                Publication = PublicationStatus.Published,
                PublishedAt = now.AddMinutes(-1),
                CreatedAt = now,
                UpdatedAt = now,
            };
            adjust?.Invoke(document);
            db.LegalDocuments.Add(document);
            db.RecordChange(nameof(LegalDocument), document.Slug, now);
            await db.SaveChangesAsync();
            return document.Id;
        });

    /// <summary>A relation from an amending document, as an import writes it.</summary>
    private Task<int> AddRelationAsync(int fromId, DocumentRelationKind kind, string target, string? provisions) =>
        portal.WithDbAsync(async db =>
        {
            db.DocumentRelations.Add(new DocumentRelation
            {
                FromDocumentId = fromId, Kind = kind, TargetNumber = target, TargetNumberKey = DocumentNumbers.Key(target), Provisions = provisions,
            });
            return await db.SaveChangesAsync();
        });

    /// <summary>A published article citing the document with each provision (null: the whole document), last reviewed in 2025.</summary>
    private Task<int> AddArticleAsync(int documentId, params string?[] provisions) =>
        AddArticleAsync(new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc), documentId, provisions);

    /// <summary>As <see cref="AddArticleAsync(int, string?[])"/>, last reviewed at <paramref name="reviewed"/>.</summary>
    private async Task<int> AddArticleAsync(DateTime reviewed, int documentId, params string?[] provisions)
    {
        var slug = "bai-can-cu-" + Tag().ToLowerInvariant();
        var agencyId = await portal.WithDbAsync(db => db.Agencies.Where(a => a.Slug == Agency).Select(a => a.Id).SingleAsync());
        await portal.AddArticleAsync(slug, "Bài căn cứ " + slug, "Nội dung.", adjust: a =>
        {
            a.AgencyId = agencyId;
            a.UpdatedAt = reviewed;
            a.Citations.AddRange(provisions.Select((p, i) => new ArticleCitation { LegalDocumentId = documentId, Provision = p, Position = i }));
        });
        return await portal.WithDbAsync(db => db.Articles.Where(a => a.Slug == slug).Select(a => a.Id).SingleAsync());
    }

    private Task<int> RunWatchAsync() => portal.WithDbAsync(db => new LegalBasisWatch(db, portal.Clock).RunAsync());

    private Task<List<ReviewFlag>> FlagsAsync(ReviewItemType type, int itemId) =>
        portal.WithDbAsync(db => db.ReviewFlags.AsNoTracking().Where(f => f.ItemType == type && f.ItemId == itemId).OrderBy(f => f.Id).ToListAsync());

    private async Task<bool> OpenFlagAsync(ReviewItemType type, int itemId) => (await FlagsAsync(type, itemId)).Any(f => f.ClearedAt == null);

    [Fact]
    public async Task Each_changing_relation_kind_flags_citing_articles_and_naming_no_provision_flags_every_citation()
    {
        foreach (var kind in new[] { DocumentRelationKind.Amends, DocumentRelationKind.Replaces, DocumentRelationKind.Repeals, DocumentRelationKind.Suspends })
        {
            var target = $"{Random.Shared.Next(100, 999)}/2017/QH{Tag()}";
            var targetId = await AddDocumentAsync(target);
            var article7 = await AddArticleAsync(targetId, "Điều 7");
            var article30 = await AddArticleAsync(targetId, "Điều 30");
            var wholeDocument = await AddArticleAsync(targetId, [null]);
            var changing = await AddDocumentAsync($"{Random.Shared.Next(100, 999)}/2024/QH{Tag()}", effective: Today.AddDays(-1));
            await AddRelationAsync(changing, kind, target, provisions: null);
            Assert.True(await RunWatchAsync() >= 3, kind.ToString());
            foreach (var id in new[] { article7, article30, wholeDocument })
            {
                var flag = Assert.Single(await FlagsAsync(ReviewItemType.Article, id));
                Assert.Equal(kind, flag.Kind);
                Assert.Equal(changing, flag.ChangingDocumentId);
                Assert.Equal(Today.AddDays(-1), flag.EffectiveOn);
            }
            // The watch is idempotent: a second run writes nothing.
            Assert.Equal(0, await RunWatchAsync());
        }
        // A guiding or founding document changes nothing.
        var guided = $"{Random.Shared.Next(100, 999)}/2017/QH{Tag()}";
        var guidedId = await AddDocumentAsync(guided);
        var guidedArticle = await AddArticleAsync(guidedId, "Điều 7");
        var guide = await AddDocumentAsync($"{Random.Shared.Next(100, 999)}/2024/NĐ-CP{Tag()}", type: "Nghị định", effective: Today.AddDays(-1));
        await AddRelationAsync(guide, DocumentRelationKind.Guides, guided, null);
        await RunWatchAsync();
        Assert.Empty(await FlagsAsync(ReviewItemType.Article, guidedArticle));
    }

    [Fact]
    public async Task An_amendment_flags_only_items_citing_the_provisions_it_names()
    {
        var target = $"{Random.Shared.Next(100, 999)}/2017/QH{Tag()}";
        var targetId = await AddDocumentAsync(target);
        var article7 = await AddArticleAsync(targetId, "Điều 7");
        var clause5 = await AddArticleAsync(targetId, "khoản 5 Điều 7");
        var clause2 = await AddArticleAsync(targetId, "khoản 2 Điều 7");
        var point = await AddArticleAsync(targetId, "điểm đ khoản 7 Điều 7");
        var pointG = await AddArticleAsync(targetId, "điểm g khoản 7 Điều 7");
        var article30 = await AddArticleAsync(targetId, "Điều 30", "khoản 1 Điều 29");
        var whole = await AddArticleAsync(targetId, [null]);
        var amending = $"{Random.Shared.Next(100, 999)}/2024/QH{Tag()}";
        var amendingId = await AddDocumentAsync(amending, effective: new DateOnly(2026, 1, 1));
        await AddRelationAsync(amendingId, DocumentRelationKind.Amends, target, "khoản 5 Điều 7");
        await AddRelationAsync(amendingId, DocumentRelationKind.Repeals, target, "điểm đ khoản 7 Điều 7");
        await RunWatchAsync();

        Assert.Equal(2, (await FlagsAsync(ReviewItemType.Article, article7)).Count);
        var amended = Assert.Single(await FlagsAsync(ReviewItemType.Article, clause5));
        Assert.Equal($"khoản 5 Điều 7 của {target} đã được sửa đổi, bổ sung bởi Luật {amending} (khoản 5 Điều 7), có hiệu lực từ 01/01/2026", amended.Reason);
        var repealed = Assert.Single(await FlagsAsync(ReviewItemType.Article, point));
        Assert.Equal(DocumentRelationKind.Repeals, repealed.Kind);
        Assert.Empty(await FlagsAsync(ReviewItemType.Article, clause2));
        Assert.Empty(await FlagsAsync(ReviewItemType.Article, pointG));
        Assert.Empty(await FlagsAsync(ReviewItemType.Article, article30));
        Assert.Equal(2, (await FlagsAsync(ReviewItemType.Article, whole)).Count);

        // An article written after the amendment took effect is not flagged by it.
        var written = await AddArticleAsync(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), targetId, "Điều 7");
        await RunWatchAsync();
        Assert.Empty(await FlagsAsync(ReviewItemType.Article, written));
    }

    [Fact]
    public async Task Quiz_questions_answers_and_dialogue_answers_citing_a_changed_provision_are_flagged_and_shown_where_they_are_used()
    {
        var target = $"{Random.Shared.Next(100, 999)}/2017/QH{Tag()}";
        var targetId = await AddDocumentAsync(target);
        var (questionId, quizId, answerId, dialogueAnswerId) = await portal.WithDbAsync(async db =>
        {
            var agency = await db.Agencies.SingleAsync(a => a.Slug == Agency);
            var topic = await db.Topics.FirstAsync();
            var audience = await db.AudienceGroups.FirstAsync();
            var old = new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);
            var quiz = new Quiz { Slug = "bo-can-cu-" + Tag().ToLowerInvariant(), Title = "Bộ câu hỏi căn cứ " + Tag(), AgencyId = agency.Id, Status = PublicationStatus.Published,
                PublishedAt = old, CreatedAt = old, UpdatedAt = old };
            var question = new QuizQuestion { Key = "q1", Text = "Câu hỏi?", Explanation = "Giải thích." };
            question.Options.Add(new QuizOption { Position = 0, Text = "Có", IsCorrect = true });
            question.Options.Add(new QuizOption { Position = 1, Text = "Không" });
            question.Citations.Add(new QuizQuestionCitation { LegalDocumentId = targetId, Provision = "Điều 7" });
            quiz.Questions.Add(question);
            db.Quizzes.Add(quiz);
            Question Asked(string title) => new()
            {
                Slug = "hoi-can-cu-" + Tag().ToLowerInvariant(), Title = title, Text = "Tôi hỏi?", TopicId = topic.Id, AudienceId = audience.Id,
                TrackingTokenHash = Guid.NewGuid().ToString("N"), Status = QuestionStatus.Published, AgencyId = agency.Id, Answer = "Trả lời theo Điều 7.",
                AskedAt = old, AnsweredAt = old, PublishedAt = old,
            };
            var answer = Asked("Câu hỏi căn cứ " + Tag());
            answer.Citations.Add(new AnswerCitation { LegalDocumentId = targetId, Provision = "khoản 5 Điều 7" });
            db.Questions.Add(answer);
            var session = new DialogueSession { Slug = "doi-thoai-can-cu-" + Tag().ToLowerInvariant(), Title = "Đối thoại căn cứ " + Tag(), AgencyId = agency.Id,
                StartsAt = old, EndsAt = old.AddHours(2), State = DialogueState.TranscriptPublished, TranscriptPublishedAt = old.AddHours(3), CreatedAt = old, UpdatedAt = old };
            db.DialogueSessions.Add(session);
            var dialogueAnswer = Asked("Câu hỏi đối thoại " + Tag());
            dialogueAnswer.DialogueSession = session;
            dialogueAnswer.SessionOrder = 1;
            dialogueAnswer.Citations.Add(new AnswerCitation { LegalDocumentId = targetId });
            db.Questions.Add(dialogueAnswer);
            await db.SaveChangesAsync();
            return (question.Id, quiz.Id, answer.Id, dialogueAnswer.Id);
        });
        var amending = $"{Random.Shared.Next(100, 999)}/2024/QH{Tag()}";
        var amendingId = await AddDocumentAsync(amending, effective: new DateOnly(2026, 1, 1));
        await AddRelationAsync(amendingId, DocumentRelationKind.Amends, target, "khoản 5 Điều 7");
        await RunWatchAsync();
        Assert.True(await OpenFlagAsync(ReviewItemType.QuizQuestion, questionId));
        Assert.True(await OpenFlagAsync(ReviewItemType.Answer, answerId));
        Assert.True(await OpenFlagAsync(ReviewItemType.Answer, dialogueAnswerId));

        // The agency's review queue names each item and where it is used; the dashboard counts them.
        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, Agency));
        var queue = await reviewer.GetStringAsync("/quan-tri/ra-soat");
        Assert.Contains($"/quan-tri/bo-cau-hoi/{quizId}/cau-hoi/{questionId}", queue, StringComparison.Ordinal);
        Assert.Contains($"/quan-tri/hoi-dap/{answerId}", queue, StringComparison.Ordinal);
        Assert.Contains($"/quan-tri/hoi-dap/{dialogueAnswerId}", queue, StringComparison.Ordinal);
        Assert.Contains("Đối thoại: Đối thoại căn cứ", queue, StringComparison.Ordinal);
        Assert.Contains("Bộ câu hỏi: Bộ câu hỏi căn cứ", queue, StringComparison.Ordinal);
        Assert.Contains("cần rà soát căn cứ pháp lý", await reviewer.GetStringAsync("/quan-tri"), StringComparison.Ordinal);
        // Another agency's staff do not see them.
        var other = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer,
            await portal.WithDbAsync(db => db.Agencies.Where(a => a.Slug != Agency).Select(a => a.Slug).FirstAsync())));
        Assert.DoesNotContain($"/quan-tri/hoi-dap/{answerId}", await other.GetStringAsync("/quan-tri/ra-soat"), StringComparison.Ordinal);

        // The published answer tells readers the provision changed.
        var slug = await portal.WithDbAsync(db => db.Questions.Where(q => q.Id == answerId).Select(q => q.Slug).SingleAsync());
        var visitor = portal.CreateClient();
        await Eventually.HoldsAsync(async () => (await visitor.GetStringAsync($"/hoi-dap/{slug}"))
                .Contains($"khoản 5 Điều 7 đã được sửa đổi, bổ sung bởi Luật {amending} (khoản 5 Điều 7), có hiệu lực từ 01/01/2026; nội dung đang được rà soát.", StringComparison.Ordinal),
            "the answer's legal basis shows the change");
    }

    [Fact]
    public async Task A_document_entered_in_the_back_office_flags_at_once_and_a_reviewer_may_clear_a_flag_only_with_a_note()
    {
        var target = $"{Random.Shared.Next(100, 999)}/2017/QH{Tag()}";
        var targetId = await AddDocumentAsync(target);
        var articleId = await AddArticleAsync(targetId, "Điều 7");
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        var amending = $"{Random.Shared.Next(100, 999)}/2024/QH{Tag()}";
        (string, string)[] fields =
        [
            ("Number", amending), ("Type", "Luật"), ("Title", "Luật sửa đổi thử " + amending), ("Issuer", "Quốc hội"), ("Signer", ""), ("SourceUrl", ""),
            ("IssuedOn", "2024-11-30"), ("EffectiveOn", "2026-01-01"), ("ExpiresOn", ""), ("Validity", "Còn hiệu lực"), ("Slug", ""),
            ("Body", "Nội dung."), ("Relations", $"amends | {target} | khoản 9 Điều 7; Điều 40"), ("PublishAt", ""), ("UnpublishAt", ""), ("Version", "0"),
            ("hanh-dong", "duyet-dang"),
        ];
        var response = await admin.PostFormAsync("/quan-tri/van-ban/moi", "/quan-tri/van-ban/moi", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var flag = Assert.Single(await FlagsAsync(ReviewItemType.Article, articleId));
        Assert.Null(flag.ClearedAt);
        Assert.Equal("khoản 9 Điều 7; Điều 40", flag.ChangedProvisions);
        Assert.Contains($"amends | {target} | khoản 9 Điều 7; Điều 40",
            await admin.GetStringAsync(response.Headers.Location!.OriginalString), StringComparison.Ordinal);

        // A provision the form cannot read is refused with a message.
        var bad = fields.Select(f => f.Item1 switch
        {
            "Number" => ("Number", amending + "B"),
            "Relations" => ("Relations", $"amends | {target} | phụ lục II"),
            _ => f,
        }).ToArray();
        response = await admin.PostFormAsync("/quan-tri/van-ban/moi", "/quan-tri/van-ban/moi", bad);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("không đọc được điều khoản “phụ lục II”", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // An editor may not decide; a reviewer must give a note; then the flag is cleared and audited.
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, Agency));
        var decide = $"/quan-tri/ra-soat/{flag.Id}/van-dung";
        Assert.Equal(HttpStatusCode.NotFound, (await editor.PostFormAsync("/quan-tri/ra-soat", decide, [("ghi-chu", "Vẫn đúng.")])).StatusCode);
        response = await reviewer.PostFormAsync("/quan-tri/ra-soat", decide, [("ghi-chu", "  ")]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Hãy ghi rõ vì sao nội dung vẫn đúng.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await OpenFlagAsync(ReviewItemType.Article, articleId));
        response = await reviewer.PostFormAsync("/quan-tri/ra-soat", decide, [("ghi-chu", "Bài chỉ nói về khoản 1 Điều 7, không đổi.")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        flag = Assert.Single(await FlagsAsync(ReviewItemType.Article, articleId));
        Assert.Equal(ReviewResolution.StillCorrect, flag.Resolution);
        Assert.Equal("Bài chỉ nói về khoản 1 Điều 7, không đổi.", flag.ClearNote);
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.ReviewFlagCleared
            && a.Detail!.Contains("Bài chỉ nói về khoản 1 Điều 7"))));
        Assert.Equal(HttpStatusCode.Conflict, (await reviewer.PostFormAsync("/quan-tri/ra-soat", decide, [("ghi-chu", "Lần nữa.")])).StatusCode);
    }

    [Fact]
    public async Task An_amending_document_arriving_by_import_flags_items_and_the_document_page_lists_what_changed_each_article()
    {
        var target = $"{Random.Shared.Next(100, 999)}/2017/QH{Tag()}";
        var targetId = await AddDocumentAsync(target);
        var articleId = await AddArticleAsync(targetId, "khoản 5 Điều 7");
        var amending = $"{Random.Shared.Next(100, 999)}/2024/QH{Tag()}";
        var folder = Directory.CreateTempSubdirectory("pbgdpl-watch-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "documents"));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "documents", "luat-sua-doi.md"), $"""
                ---
                number: {amending}
                type: Luật
                title: Luật sửa đổi thử nghiệm {amending}
                issuer: Quốc hội
                issued: 2024-11-30
                effective: 2026-01-01
                status: Còn hiệu lực
                slug: luat-sua-doi-{amending.Replace('/', '-').ToLowerInvariant()}
                source_url: https://vbpl.vn/van-ban/{Tag()}
                relations:
                  - kind: amends
                    target: {target}
                    provisions: [khoản 5 Điều 7]
                  - kind: repeals
                    target: {target}
                    provisions: điểm đ khoản 7 Điều 7
                ---
                Nội dung.
                """);
            var result = await portal.WithDbAsync(db => new ContentImporter(db, portal.Clock).ImportAsync(folder.FullName));
            Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
        var flag = Assert.Single(await FlagsAsync(ReviewItemType.Article, articleId));
        Assert.Equal(DocumentRelationKind.Amends, flag.Kind);

        // The public article says which provision changed, until it is reviewed.
        var articleSlug = await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == articleId).Select(a => a.Slug).SingleAsync());
        var visitor = portal.CreateClient();
        var notice = $"khoản 5 Điều 7 đã được sửa đổi, bổ sung bởi Luật {amending} (khoản 5 Điều 7), có hiệu lực từ 01/01/2026; nội dung đang được rà soát.";
        await Eventually.HoldsAsync(async () => (await visitor.GetStringAsync($"/bai-viet/{articleSlug}")).Contains(notice, StringComparison.Ordinal),
            "the article shows the change");

        // The target's page lists, per article, what changed it; the amending one links its full text.
        var targetSlug = await portal.WithDbAsync(db => db.LegalDocuments.Where(d => d.Id == targetId).Select(d => d.Slug).SingleAsync());
        var page = await visitor.GetStringAsync($"/van-ban/{targetSlug}");
        Assert.Contains("<strong>Điều 7</strong>", page, StringComparison.Ordinal);
        Assert.Contains("khoản 5 Điều 7: được sửa đổi, bổ sung bởi", page, StringComparison.Ordinal);
        Assert.Contains("điểm đ khoản 7 Điều 7: bị bãi bỏ bởi", page, StringComparison.Ordinal);
        var amendingSlug = await portal.WithDbAsync(db => db.LegalDocuments.Where(d => d.Number == amending).Select(d => d.Slug).SingleAsync());
        Assert.Contains(">Xem toàn văn</a>", await visitor.GetStringAsync($"/van-ban/{amendingSlug}"), StringComparison.Ordinal);

        // An approved edit clears the flag and the notice.
        var reviewer = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Reviewer, Agency));
        var article = await portal.ArticleAsync(articleId);
        var url = $"/quan-tri/bai-viet/{articleId}";
        var response = await reviewer.PostFormAsync(url, url,
            EditingKit.ArticleFields(article.Title, action: "luu", citations: $"{target} | khoản 5 Điều 7", version: article.Version, slug: article.Slug));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        flag = Assert.Single(await FlagsAsync(ReviewItemType.Article, articleId));
        Assert.Equal(ReviewResolution.Edited, flag.Resolution);
        await Eventually.HoldsAsync(async () => !(await visitor.GetStringAsync($"/bai-viet/{articleSlug}")).Contains(notice, StringComparison.Ordinal),
            "the notice is gone once reviewed");
    }

    [Fact]
    public async Task An_amendment_with_a_future_effective_date_flags_nothing_until_that_day_then_flags_with_no_request()
    {
        var target = $"{Random.Shared.Next(100, 999)}/2017/QH{Tag()}";
        var targetId = await AddDocumentAsync(target);
        var articleId = await AddArticleAsync(portal.Clock.GetUtcNow().UtcDateTime.AddMinutes(-5), targetId, "Điều 7");
        var effective = Today.AddDays(10);
        var amendingId = await AddDocumentAsync($"{Random.Shared.Next(100, 999)}/2026/QH{Tag()}", effective: effective);
        await AddRelationAsync(amendingId, DocumentRelationKind.Amends, target, "khoản 1 Điều 7");
        Assert.Equal(0, await RunWatchAsync());
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Empty(await FlagsAsync(ReviewItemType.Article, articleId));
        try
        {
            portal.Clock.Offset = TimeSpan.FromDays(11);
            // No request: the watch running on the node finds the day has come.
            await Eventually.HoldsAsync(async () => (await FlagsAsync(ReviewItemType.Article, articleId)).Count == 1, "the background watch flags the article",
                TimeSpan.FromSeconds(30));
            Assert.Equal(effective, (await FlagsAsync(ReviewItemType.Article, articleId))[0].EffectiveOn);
        }
        finally
        {
            portal.Clock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task The_sample_content_carries_the_2024_amendments_of_the_Legal_Aid_Law_and_its_corrected_articles_have_no_stale_flag()
    {
        var relations = await portal.WithDbAsync(db => db.DocumentRelations.AsNoTracking().Where(r => r.TargetNumberKey == DocumentNumbers.Key("11/2017/QH14"))
            .Select(r => new { r.FromDocument.Number, r.Kind, r.Provisions, r.FromDocument.EffectiveOn }).ToListAsync());
        Assert.Contains(relations, r => r.Number == "59/2024/QH15" && r.Kind == DocumentRelationKind.Amends && r.Provisions == "khoản 5 Điều 7"
            && r.EffectiveOn == new DateOnly(2026, 1, 1));
        Assert.Contains(relations, r => r.Number == "59/2024/QH15" && r.Kind == DocumentRelationKind.Repeals && r.Provisions == "điểm đ khoản 7 Điều 7");
        Assert.Contains(relations, r => r.Number == "53/2024/QH15" && r.Kind == DocumentRelationKind.Amends && r.Provisions == "khoản 6a Điều 7"
            && r.EffectiveOn == new DateOnly(2025, 7, 1));
        await RunWatchAsync();
        var corrected = await portal.WithDbAsync(db => db.Articles.Where(a => a.Slug == "ai-duoc-tro-giup-phap-ly-mien-phi").Select(a => a.Id).SingleAsync());
        Assert.False(await OpenFlagAsync(ReviewItemType.Article, corrected));
        var page = await portal.CreateClient().GetStringAsync("/van-ban/luat-tro-giup-phap-ly-2017");
        Assert.Contains("khoản 6a Điều 7: được sửa đổi, bổ sung bởi", page, StringComparison.Ordinal);
    }
}

[CollectionDefinition(Name)]
public sealed class ClockedSqliteCollection : ICollectionFixture<ClockedSqlitePortal>
{
    public const string Name = "clocked-sqlite";
}

[CollectionDefinition(Name)]
public sealed class ClockedPostgresCollection : ICollectionFixture<ClockedPostgresPortal>
{
    public const string Name = "clocked-postgres";
}

[Collection(ClockedSqliteCollection.Name)]
public sealed class LegalBasisWatchOnSqlite(ClockedSqlitePortal portal) : LegalBasisWatchTests(portal);

[Collection(ClockedPostgresCollection.Name)]
public sealed class LegalBasisWatchOnPostgres(ClockedPostgresPortal portal) : LegalBasisWatchTests(portal);
