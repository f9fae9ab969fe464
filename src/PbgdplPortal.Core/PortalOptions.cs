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

    public DatabaseProvider Provider => Database.Trim().ToLowerInvariant() switch
    {
        "sqlite" or "" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"Portal:Database must be 'sqlite' or 'postgres', not '{Database}'."),
    };
}
