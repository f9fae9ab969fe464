using PbgdplPortal.Content;
using PbgdplPortal.Data;

namespace PbgdplPortal.Search;

/// <summary>A facet value: what filters by it (the slug) and what a reader sees (the label).</summary>
public sealed record FacetValue(string Value, string Label);

/// <summary>One searchable item, whatever its content type.</summary>
public sealed record SearchDocument
{
    public required string Type { get; init; }
    public required string Key { get; init; }
    public required string Title { get; init; }

    /// <summary>Plain text searched and shown in snippets.</summary>
    public required string Text { get; init; }

    /// <summary>Extra words that find the item but are not shown (topic and audience names…).</summary>
    public string? Keywords { get; init; }

    public required string Url { get; init; }
    public DateTime Published { get; init; }

    /// <summary>UTC moment from which the item may be shown; null for always.</summary>
    public DateTime? VisibleFrom { get; init; }

    /// <summary>UTC moment from which the item is hidden; null for never.</summary>
    public DateTime? VisibleUntil { get; init; }

    /// <summary>The item's own document number key, for a legal document ("52/2014/qh13").</summary>
    public string? NumberKey { get; init; }

    /// <summary>
    /// Keys of the document numbers the item cites as its legal basis, once per provision cited, so
    /// an item drawing more of its basis from a document ranks higher among those citing it.
    /// </summary>
    public IReadOnlyCollection<string> Cites { get; init; } = [];

    /// <summary>Keys of document numbers the item names in its text without citing them as its basis.</summary>
    public IReadOnlyCollection<string> Mentions { get; init; } = [];

    public FacetValue? Agency { get; init; }
    public IReadOnlyCollection<FacetValue> Topics { get; init; } = [];
    public IReadOnlyCollection<FacetValue> Audiences { get; init; } = [];
}

/// <summary>What a content type changes in the index after some journal entries.</summary>
public sealed record SearchUpdate(IReadOnlyList<SearchDocument> Upserts, IReadOnlyList<string> DeletedKeys);

/// <summary>
/// A content type in search. Each type (articles, legal documents, later quizzes, answered questions,
/// dialogue transcripts) plugs in with one implementation registered as a service.
/// </summary>
public interface ISearchSource
{
    /// <summary>The type code in the index and the API ("article").</summary>
    string Type { get; }

    /// <summary>The label readers see ("Bài viết").</summary>
    string Label { get; }

    /// <summary>Every item that may appear in results, for a rebuild.</summary>
    IAsyncEnumerable<SearchDocument> LoadAllAsync(PortalDbContext db, CancellationToken cancellationToken);

    /// <summary>What the given journal entries change for this type; entries of other types are ignored.</summary>
    Task<SearchUpdate> LoadChangesAsync(PortalDbContext db, IReadOnlyCollection<ContentChange> changes, CancellationToken cancellationToken);
}

/// <summary>
/// The keys a batch of journal changes names that a source's items depend on: the items of its own
/// type, and the topics, audience groups and agencies whose names its items carry.
/// </summary>
public sealed record ChangedKeys(List<string> Items, List<string> Topics, List<string> Audiences, List<string> Agencies)
{
    public bool IsEmpty => Items.Count + Topics.Count + Audiences.Count + Agencies.Count == 0;

    public static ChangedKeys Of(IReadOnlyCollection<ContentChange> changes, string entityType)
    {
        ArgumentNullException.ThrowIfNull(changes);
        List<string> Keys(string type) => changes.Where(c => c.EntityType == type).Select(c => c.EntityKey).Distinct().ToList();
        return new(Keys(entityType), Keys(nameof(Topic)), Keys(nameof(AudienceGroup)), Keys(nameof(Agency)));
    }
}
