using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PbgdplPortal.Data;

public static class DataServices
{
    /// <summary>Registers <see cref="PortalDbContext"/> on the configured provider.</summary>
    public static IServiceCollection AddPortalData(this IServiceCollection services, PortalOptions options, string? postgresConnectionString)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(postgresConnectionString))
                {
                    throw new InvalidOperationException("Portal:Database is 'postgres' but ConnectionStrings:Portal is empty.");
                }
                services.AddDbContextPool<PortalDbContext, PostgresPortalDbContext>(o => ConfigurePostgres(o, postgresConnectionString));
                break;
            default:
                var connectionString = SqliteConnectionString(options.DataDir);
                services.AddDbContextPool<PortalDbContext, SqlitePortalDbContext>(o => ConfigureSqlite(o, connectionString));
                break;
        }
        services.AddSingleton<Security.PortalSecrets>();
        services.AddScoped<Security.AddressLimiter>();
        return services;
    }

    public static string SqliteConnectionString(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDir, "portal.db"),
            Cache = SqliteCacheMode.Default,
            Pooling = true,
        }.ToString();
    }

    /// <remarks>
    /// SQLite cannot alter most columns, so EF rebuilds such tables in a migration, wrapped in
    /// <c>PRAGMA foreign_keys = 0/1</c>. SQLite ignores that pragma inside a transaction, so EF runs just the pragma
    /// outside one and warns (<see cref="RelationalEventId.NonTransactionalMigrationOperationWarning"/>) on every
    /// migration that rebuilds a table. The rebuild itself still runs in the migration's transaction, and the pragma
    /// only switches a per-connection check, so an interruption leaves nothing half-applied: that one warning is
    /// logged at Debug; every other warning keeps its level.
    /// </remarks>
    public static void ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
            .ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug)))
            .AddInterceptors(StoredText.Instance);

    public static void ConfigurePostgres(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)).AddInterceptors(StoredText.Instance);

    /// <summary>Applies pending migrations; SQLite is switched to WAL so readers never wait for the writer.</summary>
    public static async Task MigrateAsync(this PortalDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
