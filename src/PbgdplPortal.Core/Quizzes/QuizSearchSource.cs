using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Markdown;
using PbgdplPortal.Search;

namespace PbgdplPortal.Quizzes;

/// <summary>Practice quizzes in search: their titles, descriptions and question texts, never the options or explanations.</summary>
public sealed class QuizSearchSource : ISearchSource
{
    public string Type => "quiz";
    public string Label => QuizUrls.Name;

    private static IQueryable<Quiz> Indexable(PortalDbContext db) =>
        db.Quizzes.AsNoTracking().Where(q => q.Status == PublicationStatus.Published);

    public async IAsyncEnumerable<SearchDocument> LoadAllAsync(PortalDbContext db, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var document in await Load(Indexable(db), cancellationToken))
        {
            yield return document;
        }
    }

    public async Task<SearchUpdate> LoadChangesAsync(PortalDbContext db, IReadOnlyCollection<ContentChange> changes, CancellationToken cancellationToken)
    {
        var keys = ChangedKeys.Of(changes, nameof(Quiz));
        var (slugs, topics, audiences, agencies) = keys;
        if (keys.IsEmpty)
        {
            return new SearchUpdate([], []);
        }
        var found = await Load(Indexable(db).Where(q => slugs.Contains(q.Slug)
            || q.Topics.Any(t => topics.Contains(t.Slug))
            || q.Audiences.Any(t => audiences.Contains(t.Slug))
            || agencies.Contains(q.Agency.Slug)), cancellationToken);
        return new SearchUpdate(found, slugs.Except(found.Select(d => d.Key)).ToList());
    }

    private static async Task<List<SearchDocument>> Load(IQueryable<Quiz> quizzes, CancellationToken cancellationToken)
    {
        var rows = await quizzes.OrderBy(q => q.Id).Select(q => new
        {
            q.Slug,
            q.Title,
            q.Description,
            q.PublishedAt,
            Questions = q.Questions.OrderBy(x => x.Position).Select(x => x.Text).ToList(),
            Cites = q.Questions.SelectMany(x => x.Citations).Select(c => c.LegalDocument.NumberKey).ToList(),
            Agency = new FacetValue(q.Agency.Slug, q.Agency.Name),
            Topics = q.Topics.Select(t => new FacetValue(t.Slug, t.Name)).ToList(),
            Audiences = q.Audiences.Select(t => new FacetValue(t.Slug, t.Name)).ToList(),
        }).ToListAsync(cancellationToken);
        return rows.Select(q => new SearchDocument
        {
            Type = "quiz",
            Key = q.Slug,
            Title = q.Title,
            Text = string.Join("\n", q.Questions.Select(MarkdownRenderer.ToPlainText).Prepend(q.Description ?? "")).Trim(),
            Keywords = string.Join(" ", q.Topics.Select(t => t.Label).Concat(q.Audiences.Select(t => t.Label)).Append(q.Agency.Label).Append("thi trắc nghiệm tìm hiểu pháp luật")),
            Url = QuizUrls.Quiz(q.Slug),
            Published = q.PublishedAt,
            VisibleFrom = q.PublishedAt,
            Cites = q.Cites.Distinct().ToList(),
            Agency = q.Agency,
            Topics = q.Topics,
            Audiences = q.Audiences,
        }).ToList();
    }
}
