using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Markdown;
using PbgdplPortal.Site;
using PbgdplPortal.Text;

namespace PbgdplPortal.Search;

/// <summary>Articles in search: published ones only, each with its visibility window.</summary>
public sealed class ArticleSearchSource : ISearchSource
{
    public string Type => "article";
    public string Label => "Bài viết";

    private static readonly string[] TermTypes = [nameof(Topic), nameof(AudienceGroup), nameof(Agency)];

    private static IQueryable<Article> Indexable(PortalDbContext db) =>
        db.Articles.AsNoTracking().Where(a => a.Status == PublicationStatus.Published);

    public async IAsyncEnumerable<SearchDocument> LoadAllAsync(PortalDbContext db, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lastId = 0;
        while (true)
        {
            var batch = await Load(Indexable(db).Where(a => a.Id > lastId).OrderBy(a => a.Id).Take(500), cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }
            foreach (var (id, document) in batch)
            {
                lastId = id;
                yield return document;
            }
        }
    }

    public async Task<SearchUpdate> LoadChangesAsync(PortalDbContext db, IReadOnlyCollection<ContentChange> changes, CancellationToken cancellationToken)
    {
        var slugs = changes.Where(c => c.EntityType == nameof(Article)).Select(c => c.EntityKey).Distinct().ToList();
        var terms = changes.Where(c => TermTypes.Contains(c.EntityType)).ToList();
        var query = Indexable(db).Where(a => slugs.Contains(a.Slug));
        if (terms.Count > 0)
        {
            // A renamed topic, audience group or agency changes the words of every article in it.
            var topics = terms.Where(c => c.EntityType == nameof(Topic)).Select(c => c.EntityKey).ToList();
            var audiences = terms.Where(c => c.EntityType == nameof(AudienceGroup)).Select(c => c.EntityKey).ToList();
            var agencies = terms.Where(c => c.EntityType == nameof(Agency)).Select(c => c.EntityKey).ToList();
            query = Indexable(db).Where(a => slugs.Contains(a.Slug)
                || a.Topics.Any(t => topics.Contains(t.Slug))
                || a.Audiences.Any(t => audiences.Contains(t.Slug))
                || agencies.Contains(a.Agency.Slug));
        }
        var found = (await Load(query, cancellationToken)).Select(x => x.Document).ToList();
        var deleted = slugs.Except(found.Select(d => d.Key)).ToList();
        return new SearchUpdate(found, deleted);
    }

    private static async Task<List<(int Id, SearchDocument Document)>> Load(IQueryable<Article> articles, CancellationToken cancellationToken)
    {
        var rows = await articles.Select(a => new
        {
            a.Id,
            a.Slug,
            a.Title,
            a.Summary,
            a.Body,
            a.PublishedAt,
            a.UnpublishAt,
            Agency = new FacetValue(a.Agency.Slug, a.Agency.Name),
            Topics = a.Topics.Select(t => new FacetValue(t.Slug, t.Name)).ToList(),
            Audiences = a.Audiences.Select(t => new FacetValue(t.Slug, t.Name)).ToList(),
            Cites = a.Citations.Select(c => c.LegalDocument.NumberKey).ToList(),
        }).ToListAsync(cancellationToken);
        return rows.Select(a =>
        {
            var text = MarkdownRenderer.ToPlainText(a.Body);
            return (a.Id, new SearchDocument
            {
                Type = "article",
                Key = a.Slug,
                Title = a.Title,
                Text = a.Summary is null ? text : a.Summary + "\n" + text,
                Keywords = string.Join(" ", a.Topics.Select(t => t.Label).Concat(a.Audiences.Select(t => t.Label)).Append(a.Agency.Label)),
                Url = SiteUrls.Article(a.Slug),
                Published = a.PublishedAt,
                VisibleFrom = a.PublishedAt,
                VisibleUntil = a.UnpublishAt,
                Cites = a.Cites,
                Mentions = DocumentNumbers.Find(a.Body).Select(m => DocumentNumbers.Key(m.Value)).Distinct().ToList(),
                Agency = a.Agency,
                Topics = a.Topics,
                Audiences = a.Audiences,
            });
        }).ToList();
    }
}

/// <summary>Legal documents in search: published records only, each with its visibility window.</summary>
public sealed class LegalDocumentSearchSource : ISearchSource
{
    public string Type => "document";
    public string Label => "Văn bản pháp luật";

    public async IAsyncEnumerable<SearchDocument> LoadAllAsync(PortalDbContext db, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lastId = 0;
        while (true)
        {
            var batch = await Indexable(db).Where(d => d.Id > lastId).OrderBy(d => d.Id).Take(200).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }
            foreach (var document in batch)
            {
                lastId = document.Id;
                yield return ToSearchDocument(document);
            }
        }
    }

    public async Task<SearchUpdate> LoadChangesAsync(PortalDbContext db, IReadOnlyCollection<ContentChange> changes, CancellationToken cancellationToken)
    {
        var slugs = changes.Where(c => c.EntityType == nameof(LegalDocument)).Select(c => c.EntityKey).Distinct().ToList();
        if (slugs.Count == 0)
        {
            return new SearchUpdate([], []);
        }
        var found = await Indexable(db).Where(d => slugs.Contains(d.Slug)).ToListAsync(cancellationToken);
        return new SearchUpdate(found.Select(ToSearchDocument).ToList(), slugs.Except(found.Select(d => d.Slug)).ToList());
    }

    private static IQueryable<LegalDocument> Indexable(PortalDbContext db) =>
        db.LegalDocuments.AsNoTracking().Where(d => d.Publication == PublicationStatus.Published);

    private static SearchDocument ToSearchDocument(LegalDocument d) => new()
    {
        VisibleFrom = d.PublishedAt,
        VisibleUntil = d.UnpublishAt,
        Type = "document",
        Key = d.Slug,
        Title = LegalVocabulary.DisplayTitle(d.Type, d.Number, d.Title),
        Text = MarkdownRenderer.ToPlainText(d.Body),
        Keywords = $"{d.Issuer} {d.Status.Label()}",
        Url = SiteUrls.Document(d.Slug),
        Published = VietnameseText.VietnamMidnightUtc(d.IssuedOn),
        NumberKey = d.NumberKey,
        // A law names the documents it replaces, follows or is guided by; those are mentions, not a basis
        // explained to readers as an article's citations are.
        Mentions = DocumentNumbers.Find(d.Body).Select(m => DocumentNumbers.Key(m.Value)).Where(k => k != d.NumberKey).Distinct().ToList(),
    };
}
