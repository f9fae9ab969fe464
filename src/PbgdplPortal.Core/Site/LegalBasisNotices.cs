using PbgdplPortal.Content;
using PbgdplPortal.Data;

namespace PbgdplPortal.Site;

/// <summary>Adds to an item's legal-basis lines what changed in the cited provisions since it was last reviewed.</summary>
public static class LegalBasisNotices
{
    /// <summary>The lines of item <paramref name="itemId"/>, each with the notices of its document's open flags.</summary>
    public static async Task<List<CitationView>> WithChangesAsync(this PortalDbContext db, IReadOnlyList<CitationView> basis, ReviewItemType type, int itemId,
        TimeProvider time, CancellationToken cancellationToken = default) =>
        (await db.WithChangesAsync(basis.Select(b => (itemId, b)).ToList(), type, time, cancellationToken)).Select(b => b.Line).ToList();

    /// <summary>As <see cref="WithChangesAsync(PortalDbContext, IReadOnlyList{CitationView}, ReviewItemType, int, TimeProvider, CancellationToken)"/> for the lines of many items.</summary>
    public static async Task<List<(int ItemId, CitationView Line)>> WithChangesAsync(this PortalDbContext db, IReadOnlyList<(int ItemId, CitationView Line)> lines,
        ReviewItemType type, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var flags = await new LegalBasisWatch(db, time).OpenFlagsAsync(type, lines.Select(l => l.ItemId).Distinct().ToList(), cancellationToken);
        return [.. lines.Select(l => flags.TryGetValue(l.ItemId, out var open)
            && open.Where(f => f.CitedDocument.Number == l.Line.Number).Select(LegalBasisWatch.Notice).Distinct().ToList() is { Count: > 0 } changes
                ? (l.ItemId, l.Line with { Changes = changes })
                : l)];
    }
}
