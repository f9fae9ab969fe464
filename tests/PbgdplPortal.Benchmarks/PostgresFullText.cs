using System.Diagnostics;
using Npgsql;

namespace PbgdplPortal.Benchmarks;

/// <summary>
/// The search a province would otherwise build: PostgreSQL full-text search over the same tables, a
/// `tsvector` of the unaccented text with the 'simple' configuration (PostgreSQL has no Vietnamese
/// one) in a side table with a GIN index, queried with plainto_tsquery and ranked by ts_rank_cd.
/// Keys are "article:slug" and "document:slug", as the portal's search answers them.
/// </summary>
internal static class PostgresFullText
{
    private const string Build = """
        CREATE EXTENSION IF NOT EXISTS unaccent;
        DROP TABLE IF EXISTS search_fts;
        CREATE TABLE search_fts (key text PRIMARY KEY, title text NOT NULL, document tsvector NOT NULL);
        INSERT INTO search_fts
          SELECT 'article:' || "Slug", "Title",
                 to_tsvector('simple', unaccent("Title" || ' ' || coalesce("Summary", '') || ' ' || "Body"))
          FROM "Articles" WHERE "Status" = 'Published';
        INSERT INTO search_fts
          SELECT 'document:' || "Slug", "Type" || ' ' || "Number" || ': ' || "Title",
                 to_tsvector('simple', unaccent("Type" || ' ' || "Number" || ' ' || "Title" || ' ' || "Body"))
          FROM "LegalDocuments";
        CREATE INDEX search_fts_document ON search_fts USING gin (document);
        """;

    /// <summary>The query, as text for the report.</summary>
    public const string Query = """
        SELECT key, title FROM search_fts, plainto_tsquery('simple', unaccent($1)) AS q
        WHERE document @@ q ORDER BY ts_rank_cd(document, q) DESC LIMIT 10
        """;

    /// <summary>Creates the side table and its index; returns the time it took.</summary>
    public static async Task<TimeSpan> BuildAsync(string connectionString)
    {
        var started = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand(Build, connection) { CommandTimeout = 0 })
        {
            await command.ExecuteNonQueryAsync();
        }
        var elapsed = started.Elapsed;
        await using (var vacuum = new NpgsqlCommand("VACUUM ANALYZE search_fts", connection) { CommandTimeout = 0 })
        {
            await vacuum.ExecuteNonQueryAsync();
        }
        return elapsed;
    }

    /// <summary>A data source with prepared statements, as a tuned application would use.</summary>
    public static NpgsqlDataSource DataSource(string connectionString, int clients) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = Math.Max(clients + 4, 20),
            MaxAutoPrepare = 10,
            AutoPrepareMinUsages = 2,
            CommandTimeout = 120,
        }.ConnectionString);

    /// <summary>The keys of the first 10 results, best first.</summary>
    public static async Task<List<string>> SearchAsync(NpgsqlDataSource dataSource, string query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Query);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<string>(10);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
            _ = reader.GetString(1);
        }
        return keys;
    }

    /// <summary>
    /// Reads the CPU time of the whole PostgreSQL server (postmaster and backends) when it runs on this
    /// machine and its data directory is readable; null otherwise.
    /// </summary>
    public static async Task<Func<double>?> ServerCpuAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW data_directory", connection);
        var pidFile = Path.Combine((string)(await command.ExecuteScalarAsync())!, "postmaster.pid");
        try
        {
            var pid = int.Parse((await File.ReadAllLinesAsync(pidFile))[0], System.Globalization.CultureInfo.InvariantCulture);
            return () => CpuSnapshot.ProcessTree(pid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    public static async Task<long> SizeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_total_relation_size('search_fts')", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<string> VersionAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW server_version", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
