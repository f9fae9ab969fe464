using Npgsql;

namespace PbgdplPortal.TestKit;

/// <summary>
/// A fresh UTF-8 database on the test PostgreSQL server (PBGDPL_TEST_POSTGRES), dropped WITH (FORCE) on disposal,
/// whatever connections are still open to it.
/// </summary>
public sealed class ThrowawayDatabase : IAsyncDisposable
{
    private ThrowawayDatabase(string name)
    {
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(TestPaths.PostgresServer) { Database = name }.ToString();
    }

    /// <summary>The database's name: the prefix and a fresh GUID.</summary>
    public string Name { get; }

    /// <summary>The test server's connection string, naming this database.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates a database named <paramref name="prefix"/>_&lt;GUID&gt;.</summary>
    public static async Task<ThrowawayDatabase> CreateAsync(string prefix = "pbgdpl")
    {
        var database = new ThrowawayDatabase($"{prefix}_{Guid.NewGuid():N}");
        await OnServerAsync($"CREATE DATABASE \"{database.Name}\" ENCODING 'UTF8'");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await OnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private static async Task OnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestPaths.PostgresServer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
