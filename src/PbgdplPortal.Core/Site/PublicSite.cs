using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Markdown;
using PbgdplPortal.Media;

namespace PbgdplPortal.Site;

/// <summary>The read side of the public site: one query per page, no lazy loading, no N+1.</summary>
public sealed class PublicSite(PortalDbContext db, DocumentNumberIndex directory, TimeProvider time)
{
    public const int PageSize = 20;
    private static readonly Crumb HomeCrumb = new("Trang chủ", SiteUrls.Home);

    private sealed record TermInfo(string Name, string? Description, string? Subtitle);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private IQueryable<Article> PublishedArticles => db.Articles.AsNoTracking().Published(Now);

    /// <summary>Document records the public may see: a draft or taken-down record is never shown or linked.</summary>
    private IQueryable<LegalDocument> PublishedDocuments => db.LegalDocuments.AsNoTracking().Published(Now);

    private static IQueryable<ArticleCard> Cards(IQueryable<Article> articles) =>
        articles.Select(a => new ArticleCard(a.Slug, a.Title, a.Summary, a.PublishedAt, a.Agency.Name, a.Agency.Slug,
            a.Topics.OrderBy(t => t.Name).Select(t => new TermLink(t.Slug, t.Name, SiteUrls.Topic(t.Slug))).ToList(), a.IsSample));

    public async Task<HomePage> GetHomeAsync(CancellationToken cancellationToken = default)
    {
        var latest = await Cards(PublishedArticles.NewestFirst().Take(10)).ToListAsync(cancellationToken);
        var published = PublishedArticles;
        var audiences = await db.AudienceGroups.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new TermCount(t.Slug, t.Name, t.Description, published.Count(a => a.Audiences.Any(x => x.Id == t.Id)), SiteUrls.Audience(t.Slug)))
            .ToListAsync(cancellationToken);
        var topics = await db.Topics.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new TermCount(t.Slug, t.Name, t.Description, published.Count(a => a.Topics.Any(x => x.Id == t.Id)), SiteUrls.Topic(t.Slug)))
            .ToListAsync(cancellationToken);
        var documents = await PublishedDocuments
            .OrderByDescending(d => d.CitedBy.Count(c => published.Any(a => a.Id == c.ArticleId))).ThenByDescending(d => d.IssuedOn)
            .Take(6)
            .Select(d => new DocumentCard(d.Slug, d.Number, d.Type, d.Title, d.IssuedOn, d.Status))
            .ToListAsync(cancellationToken);
        return new HomePage(latest, audiences, topics, documents);
    }

    public Task<ListingPage?> GetTopicAsync(string slug, int page, CancellationToken cancellationToken = default) =>
        GetListingAsync(ListingKind.Topic, slug, page, cancellationToken);

    public Task<ListingPage?> GetAudienceAsync(string slug, int page, CancellationToken cancellationToken = default) =>
        GetListingAsync(ListingKind.Audience, slug, page, cancellationToken);

    public Task<ListingPage?> GetAgencyAsync(string slug, int page, CancellationToken cancellationToken = default) =>
        GetListingAsync(ListingKind.Agency, slug, page, cancellationToken);

    private async Task<ListingPage?> GetListingAsync(ListingKind kind, string slug, int page, CancellationToken cancellationToken)
    {
        if (page < 1)
        {
            return null;
        }
        TermInfo? term;
        IQueryable<Article> articles;
        string indexTitle, indexUrl, url;
        string? feed = null;
        switch (kind)
        {
            case ListingKind.Topic:
                term = await db.Topics.AsNoTracking().Where(t => t.Slug == slug)
                    .Select(t => new TermInfo(t.Name, t.Description, "Chủ đề")).FirstOrDefaultAsync(cancellationToken);
                articles = PublishedArticles.Where(a => a.Topics.Any(t => t.Slug == slug));
                (indexTitle, indexUrl, url, feed) = ("Chủ đề", SiteUrls.Topics, SiteUrls.Topic(slug), SiteUrls.TopicFeed(slug));
                break;
            case ListingKind.Audience:
                term = await db.AudienceGroups.AsNoTracking().Where(t => t.Slug == slug)
                    .Select(t => new TermInfo(t.Name, t.Description, "Đối tượng")).FirstOrDefaultAsync(cancellationToken);
                articles = PublishedArticles.Where(a => a.Audiences.Any(t => t.Slug == slug));
                (indexTitle, indexUrl, url, feed) = ("Đối tượng", SiteUrls.Audiences, SiteUrls.Audience(slug), SiteUrls.AudienceFeed(slug));
                break;
            default:
                var agency = await db.Agencies.AsNoTracking().Where(t => t.Slug == slug && t.RetiredAt == null)
                    .Select(t => new { t.Name, t.Description, t.Kind }).FirstOrDefaultAsync(cancellationToken);
                term = agency is null ? null : new TermInfo(agency.Name, agency.Description, agency.Kind.Label());
                articles = PublishedArticles.Where(a => a.Agency.Slug == slug);
                (indexTitle, indexUrl, url) = ("Cơ quan", SiteUrls.Agencies, SiteUrls.Agency(slug));
                break;
        }
        if (term is null)
        {
            return null;
        }
        var total = await articles.CountAsync(cancellationToken);
        var pager = new Pager(page, PageSize, total, url);
        if (page > pager.PageCount)
        {
            return null;
        }
        var cards = await Cards(articles.NewestFirst().Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(cancellationToken);
        var (name, description, subtitle) = term;
        return new ListingPage(kind, slug, name, description, subtitle, cards, pager, feed,
            [HomeCrumb, new Crumb(indexTitle, indexUrl), new Crumb(name, null)]);
    }

    public async Task<TermIndexPage> GetTopicIndexAsync(CancellationToken cancellationToken = default)
    {
        var published = PublishedArticles;
        var topics = await db.Topics.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new TermCount(t.Slug, t.Name, t.Description, published.Count(a => a.Topics.Any(x => x.Id == t.Id)), SiteUrls.Topic(t.Slug)))
            .ToListAsync(cancellationToken);
        return new TermIndexPage("Chủ đề pháp luật", "Các bài viết được sắp xếp theo lĩnh vực pháp luật.", [new TermGroup(null, topics)],
            [HomeCrumb, new Crumb("Chủ đề", null)]);
    }

    public async Task<TermIndexPage> GetAudienceIndexAsync(CancellationToken cancellationToken = default)
    {
        var published = PublishedArticles;
        var audiences = await db.AudienceGroups.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new TermCount(t.Slug, t.Name, t.Description, published.Count(a => a.Audiences.Any(x => x.Id == t.Id)), SiteUrls.Audience(t.Slug)))
            .ToListAsync(cancellationToken);
        return new TermIndexPage("Đối tượng", "Pháp luật dành riêng cho từng nhóm người dân.", [new TermGroup(null, audiences)],
            [HomeCrumb, new Crumb("Đối tượng", null)]);
    }

    public async Task<TermIndexPage> GetAgencyIndexAsync(CancellationToken cancellationToken = default)
    {
        var published = PublishedArticles;
        var agencies = await db.Agencies.AsNoTracking().Where(t => t.RetiredAt == null).OrderBy(t => t.Name)
            .Select(t => new { t.Kind, Term = new TermCount(t.Slug, t.Name, t.Description, published.Count(a => a.AgencyId == t.Id), SiteUrls.Agency(t.Slug)) })
            .ToListAsync(cancellationToken);
        var groups = agencies.GroupBy(a => a.Kind).OrderBy(g => g.Key)
            .Select(g => new TermGroup(g.Key.Label(), g.Select(a => a.Term).ToList())).ToList();
        return new TermIndexPage("Cơ quan, đơn vị", "Các cơ quan, đơn vị đăng tải nội dung phổ biến, giáo dục pháp luật.", groups,
            [HomeCrumb, new Crumb("Cơ quan", null)]);
    }

    /// <summary>The page of an agency that was merged into another one (null when the agency is not a merged one).</summary>
    public async Task<MergedAgencyPage?> GetMergedAgencyAsync(string slug, CancellationToken cancellationToken = default)
    {
        var merged = await db.Agencies.AsNoTracking().Where(t => t.Slug == slug && t.RetiredAt != null && t.MergedInto != null)
            .Select(t => new { t.Name, Into = t.MergedInto!.Name, IntoSlug = t.MergedInto.Slug }).FirstOrDefaultAsync(cancellationToken);
        return merged is null ? null
            : new MergedAgencyPage(merged.Name, merged.Into, SiteUrls.Agency(merged.IntoSlug),
                [HomeCrumb, new Crumb("Cơ quan", SiteUrls.Agencies), new Crumb(merged.Name, null)]);
    }

    public async Task<DocumentIndexPage?> GetDocumentIndexAsync(int page, CancellationToken cancellationToken = default)
    {
        if (page < 1)
        {
            return null;
        }
        var total = await PublishedDocuments.CountAsync(cancellationToken);
        var pager = new Pager(page, PageSize, total, SiteUrls.Documents);
        if (page > pager.PageCount)
        {
            return null;
        }
        var documents = await PublishedDocuments.OrderByDescending(d => d.IssuedOn).ThenBy(d => d.Number)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(d => new DocumentCard(d.Slug, d.Number, d.Type, d.Title, d.IssuedOn, d.Status))
            .ToListAsync(cancellationToken);
        return new DocumentIndexPage(documents, pager, [HomeCrumb, new Crumb("Văn bản pháp luật", null)]);
    }

    public async Task<ArticlePage?> GetArticleAsync(string slug, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var article = await PublishedArticles.Where(a => a.Slug == slug)
            .Select(a => new
            {
                a.Id,
                a.Slug,
                a.Title,
                a.Summary,
                a.Body,
                a.PublishedAt,
                a.UpdatedAt,
                a.IsSample,
                Agency = new TermLink(a.Agency.Slug, a.Agency.Name, SiteUrls.Agency(a.Agency.Slug)),
                Topics = a.Topics.OrderBy(t => t.Name).Select(t => new TermLink(t.Slug, t.Name, SiteUrls.Topic(t.Slug))).ToList(),
                Audiences = a.Audiences.OrderBy(t => t.Name).Select(t => new TermLink(t.Slug, t.Name, SiteUrls.Audience(t.Slug))).ToList(),
                Citations = a.Citations.OrderBy(c => c.Position)
                    .Select(c => new CitationView(c.LegalDocument.Number, c.LegalDocument.Title,
                        c.LegalDocument.Publication == PublicationStatus.Published && c.LegalDocument.PublishedAt <= now
                            && (c.LegalDocument.UnpublishAt == null || c.LegalDocument.UnpublishAt > now) ? SiteUrls.Document(c.LegalDocument.Slug) : null,
                        c.Provision, c.LegalDocument.Status))
                    .ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return null;
        }
        var topicSlugs = article.Topics.Select(t => t.Slug).ToList();
        var related = await Cards(PublishedArticles
                .Where(a => a.Id != article.Id && a.Topics.Any(t => topicSlugs.Contains(t.Slug)))
                .OrderByDescending(a => a.Topics.Count(t => topicSlugs.Contains(t.Slug)))
                .ThenByDescending(a => a.PublishedAt)
                .Take(5))
            .ToListAsync(cancellationToken);
        var html = await RenderAsync(article.Body, selfKey: null, cancellationToken);
        var crumbs = new List<Crumb> { HomeCrumb };
        if (article.Topics.Count > 0)
        {
            crumbs.Add(new Crumb(article.Topics[0].Name, article.Topics[0].Url));
        }
        crumbs.Add(new Crumb(article.Title, null));
        return await db.WithMediaAsync(new ArticlePage(article.Slug, article.Title, article.Summary, html, article.PublishedAt, article.UpdatedAt, article.Agency,
            article.Topics, article.Audiences, await db.WithChangesAsync(DistinctByDocument(article.Citations), ReviewItemType.Article, article.Id, time, cancellationToken),
            related, article.IsSample, crumbs), article.Id, cancellationToken);
    }

    /// <summary>One legal-basis line per document, with its cited provisions joined.</summary>
    private static List<CitationView> DistinctByDocument(List<CitationView> citations) =>
        citations.GroupBy(c => c.Number)
            .Select(g => g.First() with
            {
                Provision = g.All(c => c.Provision is null) ? null : string.Join(", ", g.Where(c => c.Provision is not null).Select(c => c.Provision).Distinct()),
            })
            .ToList();

    public async Task<DocumentPage?> GetDocumentAsync(string slug, CancellationToken cancellationToken = default)
    {
        var document = await PublishedDocuments.Where(d => d.Slug == slug)
            .Select(d => new
            {
                Document = d,
                Relations = d.Relations.OrderBy(r => r.Id).Select(r => new { r.Kind, r.TargetNumber, r.TargetNumberKey }).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (document is null)
        {
            return null;
        }
        var d = document.Document;
        var targetKeys = document.Relations.Select(r => r.TargetNumberKey).ToList();
        var targets = await PublishedDocuments.Where(t => targetKeys.Contains(t.NumberKey))
            .ToDictionaryAsync(t => t.NumberKey, t => new { t.Slug, t.Title }, cancellationToken);
        var relations = document.Relations
            .Select(r => targets.TryGetValue(r.TargetNumberKey, out var t)
                ? new RelationView(r.Kind.Label(), r.TargetNumber, t.Title, SiteUrls.Document(t.Slug))
                : new RelationView(r.Kind.Label(), r.TargetNumber, null, null))
            .ToList();
        var publishedIds = PublishedDocuments.Select(p => p.Id);
        var inverse = await db.DocumentRelations.AsNoTracking().Where(r => r.TargetNumberKey == d.NumberKey && publishedIds.Contains(r.FromDocumentId))
            .OrderBy(r => r.FromDocument.IssuedOn)
            .Select(r => new { r.Kind, r.FromDocument.Number, r.FromDocument.Title, r.FromDocument.Slug, r.Provisions, Effective = r.FromDocument.EffectiveOn ?? r.FromDocument.IssuedOn })
            .ToListAsync(cancellationToken);
        var amendments = inverse.Where(r => r.Kind is DocumentRelationKind.Amends or DocumentRelationKind.Replaces or DocumentRelationKind.Repeals or DocumentRelationKind.Suspends)
            .SelectMany(r =>
            {
                var provisions = LegalProvisions.Split(r.Provisions);
                var line = (string? provision) => new AmendmentLine(provision, r.Kind.InverseLabel(), r.Number, r.Title, SiteUrls.Document(r.Slug), r.Effective);
                return provisions.Count == 0
                    ? [(Article: (string?)null, Order: int.MaxValue, Line: line(null))]
                    : provisions.SelectMany(p => LegalProvisions.Parse(p).Select(x => x.Article).Distinct()
                        .Select(a => (Article: (string?)a, Order: int.TryParse(new string([.. a.TakeWhile(char.IsDigit)]), out var n) ? n : int.MaxValue - 1, Line: line(p))));
            })
            .GroupBy(x => x.Article)
            .OrderBy(g => g.First().Order).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ArticleAmendments(g.Key is null ? null : $"Điều {g.Key}",
                [.. g.Select(x => x.Line).Distinct().OrderBy(l => l.EffectiveOn)]))
            .ToList();
        relations.AddRange(inverse.Select(r => new RelationView(r.Kind.InverseLabel(), r.Number, r.Title, SiteUrls.Document(r.Slug))));
        var explainedBy = await Cards(PublishedArticles.Where(a => a.Citations.Any(c => c.LegalDocumentId == d.Id)).NewestFirst().Take(50))
            .ToListAsync(cancellationToken);
        var html = await RenderAsync(d.Body, d.NumberKey, cancellationToken);
        return new DocumentPage(d.Slug, d.Number, d.Type, d.Title, d.Issuer, d.Signer, d.IssuedOn, d.EffectiveOn, d.ExpiresOn, d.Status, html,
            d.IsSample, relations, explainedBy,
            [HomeCrumb, new Crumb("Văn bản pháp luật", SiteUrls.Documents), new Crumb(d.Number, null)])
        {
            Attachments = await db.AttachmentLinksAsync(a => a.LegalDocumentId == d.Id, cancellationToken),
            SourceUrl = d.SourceUrl,
            Amendments = amendments,
        };
    }

    private async Task<string> RenderAsync(string markdown, string? selfKey, CancellationToken cancellationToken)
    {
        var documents = await directory.GetAsync(db, cancellationToken);
        return MarkdownRenderer.ToHtml(markdown, key => key != selfKey && documents.TryGetValue(key, out var slug) ? SiteUrls.Document(slug) : null,
            await db.ForMarkdownAsync(markdown, cancellationToken));
    }
}

/// <summary>A retired agency whose content moved to another one.</summary>
public sealed record MergedAgencyPage(string Name, string MergedIntoName, string MergedIntoUrl, IReadOnlyList<Crumb> Crumbs);
