namespace PbgdplPortal.Content;

/// <summary>
/// A row of the change journal. Every write that affects what the public sees appends one in the
/// same transaction; every web node polls the journal to invalidate its caches and update its
/// search index, so nothing another node needs lives only in one process.
/// </summary>
public class ContentChange
{
    public long Id { get; set; }
    public required string EntityType { get; set; }
    public required string EntityKey { get; set; }
    public DateTime ChangedAt { get; set; }
}
