using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;
using PbgdplPortal.Data;

namespace PbgdplPortal.Site;

/// <summary>
/// The numbers of the documents the portal holds, used to turn citations in text into links.
/// A snapshot per process, reloaded when the change journal says content changed or a scheduled
/// record appears or is withdrawn. Only published records are linked.
/// </summary>
public sealed class DocumentNumberIndex(TimeProvider time)
{
    private volatile IReadOnlyDictionary<string, string>? slugByKey;

    public async Task<IReadOnlyDictionary<string, string>> GetAsync(PortalDbContext db, CancellationToken cancellationToken = default) =>
        slugByKey ?? await ReloadAsync(db, cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> ReloadAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        var map = await db.LegalDocuments.AsNoTracking().Published(time.GetUtcNow().UtcDateTime).ToDictionaryAsync(d => d.NumberKey, d => d.Slug, cancellationToken);
        slugByKey = map;
        return map;
    }

    public void Invalidate() => slugByKey = null;
}
