using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Import;

namespace PbgdplPortal.Benchmarks.Corpus;

/// <summary>What writing the corpus produced, for the report.</summary>
internal sealed record CorpusSummary(int Articles, int SampleArticles, int Documents, int SampleDocuments, int Citations, long BodySyllables,
    long DistinctWords, TimeSpan Elapsed, IReadOnlyList<string> TailWords, IReadOnlyList<CitableDocument> CitedDocuments);

/// <summary>
/// Fills a fresh portal database: the real migrations, the sample content imported as the `import`
/// verb does, then the synthetic documents and articles in batches through the DbContext. No
/// change-journal rows are written for the synthetic items: like a restore, the load is followed by
/// a full rebuild of the index, which reads the tables and not the journal.
/// </summary>
internal static class CorpusWriter
{
    private const int BatchSize = 1000;

    public static PostgresPortalDbContext Open(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<PostgresPortalDbContext>();
        DataServices.ConfigurePostgres(builder, connectionString);
        return new PostgresPortalDbContext(builder.Options);
    }

    /// <summary>Drops and creates the database named in the connection string.</summary>
    public static async Task RecreateDatabaseAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        var name = target.Database ?? throw new InvalidOperationException("The connection string names no database.");
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", connection);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>A fresh database with the migrations applied and <paramref name="contentDir"/> imported.</summary>
    public static async Task ImportSampleAsync(string connectionString, string contentDir)
    {
        await RecreateDatabaseAsync(connectionString);
        await using var db = Open(connectionString);
        await db.MigrateAsync();
        var result = await new ContentImporter(db, TimeProvider.System).ImportAsync(contentDir);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Importing the sample content failed:\n" + string.Join("\n", result.Problems));
        }
    }

    public static async Task<CorpusSummary> WriteAsync(string connectionString, string contentDir, int articles, int documents, int seed, Action<string> log)
    {
        var started = Stopwatch.StartNew();
        await ImportSampleAsync(connectionString, contentDir);
        Taxonomy taxonomy;
        List<CitableDocument> sample;
        int sampleArticles;
        await using (var db = Open(connectionString))
        {
            taxonomy = new Taxonomy(
                await db.Topics.OrderBy(t => t.Slug).Select(t => t.Slug).ToListAsync(),
                (await db.AudienceGroups.OrderBy(t => t.Slug).Select(t => new { t.Slug, t.Name }).ToListAsync()).Select(t => (t.Slug, t.Name)).ToList(),
                await db.Agencies.OrderBy(t => t.Slug).Select(t => t.Slug).ToListAsync());
            sample = (await db.LegalDocuments.OrderBy(d => d.NumberKey).Select(d => new { d.Number, d.Type, d.Title }).ToListAsync())
                .Select(d => new CitableDocument(d.Number, d.Type, d.Title, null)).ToList();
            sampleArticles = await db.Articles.CountAsync();
        }
        log($"sample content imported: {sample.Count} documents, {sampleArticles} articles ({started.Elapsed.TotalSeconds:0.0} s)");

        var corpus = new SyntheticCorpus(seed, taxonomy, sample, documents);
        var documentIds = await WriteDocumentsAsync(connectionString, corpus.Documents);
        log($"{corpus.Documents.Count} synthetic documents written ({started.Elapsed.TotalSeconds:0.0} s)");

        var citations = 0;
        long syllables = 0;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<SyntheticArticle>(BatchSize);
        for (var i = 0; i < articles; i++)
        {
            var article = corpus.NextArticle();
            batch.Add(article);
            citations += article.Cites.Count;
            syllables += CountWords(article.Body, distinct);
            if (batch.Count == BatchSize || i == articles - 1)
            {
                await WriteArticlesAsync(connectionString, batch, documentIds);
                batch.Clear();
                if ((i + 1) % 10_000 == 0 || i == articles - 1)
                {
                    log($"{i + 1} articles written ({started.Elapsed.TotalSeconds:0.0} s)");
                }
            }
        }
        await using (var db = Open(connectionString))
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        }
        return new CorpusSummary(articles, sampleArticles, corpus.Documents.Count, sample.Count, citations, syllables, distinct.Count, started.Elapsed,
            corpus.TailWords, sample.Concat(corpus.Documents.Select(d => d.Document)).ToList());
    }

    /// <summary>Counts the words (syllables) of a text and adds their lower-case forms to <paramref name="distinct"/>.</summary>
    private static int CountWords(string text, HashSet<string> distinct)
    {
        var count = 0;
        foreach (var word in text.Split([' ', '\n', ',', '.', '?', '#', '*'], StringSplitOptions.RemoveEmptyEntries))
        {
            count++;
            distinct.Add(word.ToLowerInvariant());
        }
        return count;
    }

    private static async Task<Dictionary<string, int>> WriteDocumentsAsync(string connectionString, IReadOnlyList<SyntheticDocument> documents)
    {
        foreach (var chunk in documents.Chunk(BatchSize))
        {
            await using var db = Open(connectionString);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var d in chunk)
            {
                var at = d.Issued.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                db.LegalDocuments.Add(new LegalDocument
                {
                    Slug = d.Slug,
                    Number = d.Document.Number,
                    NumberKey = d.Document.NumberKey,
                    Type = d.Document.Type,
                    Title = d.Document.Title,
                    Issuer = d.Issuer,
                    Signer = d.Signer,
                    IssuedOn = d.Issued,
                    EffectiveOn = d.Effective,
                    Status = d.Status,
                    Body = d.Body,
                    IsSample = true,
                    CreatedAt = at,
                    UpdatedAt = at,
                });
            }
            await db.SaveChangesAsync();
        }
        await using var read = Open(connectionString);
        return await read.LegalDocuments.ToDictionaryAsync(d => d.NumberKey, d => d.Id);
    }

    private static async Task WriteArticlesAsync(string connectionString, List<SyntheticArticle> batch, Dictionary<string, int> documentIds)
    {
        await using var db = Open(connectionString);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var topics = await db.Topics.ToDictionaryAsync(t => t.Slug);
        var audiences = await db.AudienceGroups.ToDictionaryAsync(t => t.Slug);
        var agencies = await db.Agencies.ToDictionaryAsync(t => t.Slug, t => t.Id);
        foreach (var a in batch)
        {
            var article = new Article
            {
                Slug = a.Slug,
                Title = a.Title,
                Summary = a.Summary,
                Body = a.Body,
                Status = PublicationStatus.Published,
                PublishedAt = a.Published,
                UnpublishAt = a.Unpublish,
                IsSample = true,
                AgencyId = agencies[a.Agency],
                CreatedAt = a.Published,
                UpdatedAt = a.Published,
            };
            article.Topics.AddRange(a.Topics.Select(t => topics[t]));
            article.Audiences.AddRange(a.Audiences.Select(t => audiences[t]));
            article.Citations.AddRange(a.Cites.Select((c, i) => new ArticleCitation { LegalDocumentId = documentIds[c.NumberKey], Provision = c.Provision, Position = i }));
            db.Articles.Add(article);
        }
        await db.SaveChangesAsync();
    }
}
