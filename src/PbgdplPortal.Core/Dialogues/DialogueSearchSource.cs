using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Questions;
using PbgdplPortal.Search;

namespace PbgdplPortal.Dialogues;

/// <summary>Published dialogue transcripts in search: the session and every question answered in it, never an asker.</summary>
public sealed class DialogueSearchSource : ISearchSource
{
    public string Type => "dialogue";
    public string Label => "Đối thoại trực tuyến";

    public async IAsyncEnumerable<SearchDocument> LoadAllAsync(PortalDbContext db, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var document in await Load(db.DialogueSessions.AsNoTracking().Where(s => s.State == DialogueState.TranscriptPublished), db, cancellationToken))
        {
            yield return document;
        }
    }

    public async Task<SearchUpdate> LoadChangesAsync(PortalDbContext db, IReadOnlyCollection<ContentChange> changes, CancellationToken cancellationToken)
    {
        // Sessions carry no audience groups.
        var (slugs, topics, _, agencies) = ChangedKeys.Of(changes, nameof(DialogueSession));
        if (slugs.Count + topics.Count + agencies.Count == 0)
        {
            return new SearchUpdate([], []);
        }
        var found = await Load(db.DialogueSessions.AsNoTracking().Where(s => s.State == DialogueState.TranscriptPublished
            && (slugs.Contains(s.Slug) || s.Topics.Any(t => topics.Contains(t.Slug)) || agencies.Contains(s.Agency.Slug))), db, cancellationToken);
        return new SearchUpdate(found, slugs.Except(found.Select(d => d.Key)).ToList());
    }

    private static async Task<List<SearchDocument>> Load(IQueryable<DialogueSession> sessions, PortalDbContext db, CancellationToken cancellationToken)
    {
        var rows = await sessions.OrderBy(s => s.Id).Select(s => new
        {
            s.Id,
            s.Slug,
            s.Title,
            s.Description,
            s.Guests,
            s.TranscriptPublishedAt,
            s.StartsAt,
            Agency = new FacetValue(s.Agency.Slug, s.Agency.Name),
            Topics = s.Topics.Select(t => new FacetValue(t.Slug, t.Name)).ToList(),
        }).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }
        var ids = rows.Select(r => r.Id).ToList();
        var shown = (await db.Questions.AsNoTracking()
            .Where(q => q.DialogueSessionId != null && ids.Contains(q.DialogueSessionId.Value) && q.SessionOrder != null && q.Status == QuestionStatus.Published)
            .OrderBy(q => q.SessionOrder)
            .Select(q => new { SessionId = q.DialogueSessionId!.Value, q.Title, Text = q.PublicText ?? "", q.Answer, Cites = q.Citations.Select(c => c.LegalDocument.NumberKey).ToList() })
            .ToListAsync(cancellationToken)).ToLookup(q => q.SessionId);
        return rows.Select(s => new SearchDocument
        {
            Type = "dialogue",
            Key = s.Slug,
            Title = s.Title,
            Text = (Markdown.MarkdownRenderer.ToPlainText(s.Description ?? "") + "\n" + (s.Guests ?? "") + "\n"
                + DialogueService.TranscriptText(shown[s.Id].Select(q => (q.Title, q.Text, q.Answer)))).Trim(),
            Keywords = string.Join(" ", [.. s.Topics.Select(t => t.Label), s.Agency.Label, "đối thoại trực tuyến", "giao lưu trực tuyến"]),
            Url = DialogueUrls.Show(s.Slug),
            Published = s.TranscriptPublishedAt ?? s.StartsAt,
            VisibleFrom = s.TranscriptPublishedAt,
            Cites = [.. shown[s.Id].SelectMany(q => q.Cites).Distinct()],
            Agency = s.Agency,
            Topics = s.Topics,
            Audiences = [],
        }).ToList();
    }
}
