using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    public static void ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)).AddInterceptors(StoredText.Instance);

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
