using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Data;
using PbgdplPortal.Import;

namespace PbgdplPortal.Core.Tests.Import;

/// <summary>
/// A throw-away portal for one test: a real SQLite file and a content folder, both in a fresh
/// temporary directory that is deleted afterwards.
/// </summary>
public sealed class TestPortal : IAsyncDisposable
{
    private readonly string root;
    private readonly string connectionString;

    private TestPortal(string root)
    {
        this.root = root;
        ContentDir = Path.Combine(root, "content");
        Directory.CreateDirectory(ContentDir);
        connectionString = DataServices.SqliteConnectionString(Path.Combine(root, "data"));
    }

    public string ContentDir { get; }

    /// <summary>The clock the importer sees; tests move it forward between imports.</summary>
    public FixedClock Clock { get; } = new(new DateTimeOffset(2026, 2, 1, 3, 0, 0, TimeSpan.Zero));

    public static async Task<TestPortal> CreateAsync()
    {
        var portal = new TestPortal(Path.Combine(Path.GetTempPath(), "pbgdpl-tests", Guid.NewGuid().ToString("N")));
        await using var db = portal.NewContext();
        await db.MigrateAsync();
        return portal;
    }

    public PortalDbContext NewContext()
    {
        var builder = new DbContextOptionsBuilder<SqlitePortalDbContext>();
        DataServices.ConfigureSqlite(builder, connectionString);
        return new SqlitePortalDbContext(builder.Options);
    }

    /// <summary>Writes a file of the content folder; <paramref name="text"/> may use '\n' line ends.</summary>
    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(ContentDir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Delete(string relativePath) => File.Delete(Path.Combine(ContentDir, relativePath));

    public Task<ImportResult> ImportAsync() => ImportAsync(ContentDir);

    public async Task<ImportResult> ImportAsync(string directory)
    {
        await using var db = NewContext();
        return await new ContentImporter(db, Clock).ImportAsync(directory);
    }

    /// <summary>Row counts of every table the importer writes, to prove that nothing was written.</summary>
    public async Task<string> CountsAsync()
    {
        await using var db = NewContext();
        return string.Join(", ",
            $"topics {await db.Topics.CountAsync()}",
            $"audiences {await db.AudienceGroups.CountAsync()}",
            $"agencies {await db.Agencies.CountAsync()}",
            $"documents {await db.LegalDocuments.CountAsync()}",
            $"relations {await db.DocumentRelations.CountAsync()}",
            $"articles {await db.Articles.CountAsync()}",
            $"citations {await db.ArticleCitations.CountAsync()}",
            $"changes {await db.ContentChanges.CountAsync()}");
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Directory.Delete(root, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                await Task.Delay(100);
            }
        }
    }
}

public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
