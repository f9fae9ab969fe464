namespace PbgdplPortal;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The "Portal" configuration section.</summary>
public sealed class PortalOptions
{
    /// <summary>Holds the SQLite file, the media folder and the search index.</summary>
    public string DataDir { get; set; } = "App_Data";

    /// <summary>"sqlite" (default) or "postgres".</summary>
    public string Database { get; set; } = "sqlite";

    /// <summary>Imported automatically when the database is empty.</summary>
    public string? ContentDir { get; set; }

    /// <summary>
    /// The largest request body any route accepts, in bytes; upload routes set their own (media library, quiz sheets).
    /// A request that announces more is answered 413 before its body is read.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 30_000_000;

    public DatabaseProvider Provider => Database.Trim().ToLowerInvariant() switch
    {
        "sqlite" or "" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"Portal:Database must be 'sqlite' or 'postgres', not '{Database}'."),
    };
}
