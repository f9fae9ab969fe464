namespace PbgdplPortal.Web.Tests;

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqlitePortal>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresPortal>
{
    public const string Name = "postgres";
}
