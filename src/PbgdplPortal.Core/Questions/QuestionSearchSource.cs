using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Markdown;
using PbgdplPortal.Search;

namespace PbgdplPortal.Questions;

/// <summary>Publicly answered questions in search: the question and its answer, never the asker.</summary>
public sealed class QuestionSearchSource : ISearchSource
{
    public string Type => "question";
    public string Label => "Hỏi đáp pháp luật";

    public async IAsyncEnumerable<SearchDocument> LoadAllAsync(PortalDbContext db, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var document in await Load(db.Questions.AsNoTracking().PubliclyAnswered(), cancellationToken))
        {
            yield return document;
        }
    }

    public async Task<SearchUpdate> LoadChangesAsync(PortalDbContext db, IReadOnlyCollection<ContentChange> changes, CancellationToken cancellationToken)
    {
        var keys = ChangedKeys.Of(changes, nameof(Question));
        var (slugs, topics, audiences, agencies) = keys;
        if (keys.IsEmpty)
        {
            return new SearchUpdate([], []);
        }
        var found = await Load(db.Questions.AsNoTracking().PubliclyAnswered().Where(q => slugs.Contains(q.Slug)
            || topics.Contains(q.Topic.Slug) || audiences.Contains(q.Audience.Slug) || agencies.Contains(q.Agency!.Slug)), cancellationToken);
        return new SearchUpdate(found, slugs.Except(found.Select(d => d.Key)).ToList());
    }

    private static async Task<List<SearchDocument>> Load(IQueryable<Question> questions, CancellationToken cancellationToken)
    {
        var rows = await questions.OrderBy(q => q.Id).Select(q => new
        {
            q.Slug,
            q.Title,
            Text = q.PublicText ?? "",
            q.Answer,
            q.PublishedAt,
            Cites = q.Citations.Select(c => c.LegalDocument.NumberKey).ToList(),
            Agency = new FacetValue(q.Agency!.Slug, q.Agency.Name),
            Topic = new FacetValue(q.Topic.Slug, q.Topic.Name),
            Audience = new FacetValue(q.Audience.Slug, q.Audience.Name),
        }).ToListAsync(cancellationToken);
        return rows.Select(q => new SearchDocument
        {
            Type = "question",
            Key = q.Slug,
            Title = q.Title,
            Text = (q.Text + "\n" + MarkdownRenderer.ToPlainText(q.Answer ?? "")).Trim(),
            Keywords = string.Join(" ", q.Topic.Label, q.Audience.Label, q.Agency.Label, "hỏi đáp pháp luật"),
            Url = QuestionUrls.Show(q.Slug),
            Published = q.PublishedAt ?? default,
            VisibleFrom = q.PublishedAt,
            Cites = q.Cites,
            Agency = q.Agency,
            Topics = [q.Topic],
            Audiences = [q.Audience],
        }).ToList();
    }
}
