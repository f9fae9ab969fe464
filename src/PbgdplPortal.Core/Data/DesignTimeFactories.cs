using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PbgdplPortal.Data;

// Used by `dotnet ef migrations add` only; neither opens a connection.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqlitePortalDbContext>();
        DataServices.ConfigureSqlite(builder, "Data Source=design.db");
        return new SqlitePortalDbContext(builder.Options);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPortalDbContext>
{
    public PostgresPortalDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresPortalDbContext>();
        DataServices.ConfigurePostgres(builder, "Host=localhost;Database=pbgdpl_design");
        return new PostgresPortalDbContext(builder.Options);
    }
}
