using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Web.Search;
using Xunit;

namespace PbgdplPortal.TestKit;

/// <summary>
/// The portal on a real database: a fresh SQLite file in its own data folder, or a fresh database on
/// the PostgreSQL server named by PBGDPL_TEST_POSTGRES (started by test.sh). The repository's sample
/// content is imported on start, as on a first run. In memory unless <see cref="ServedByKestrel"/>: then on a real
/// loopback port at <see cref="BaseAddress"/>, for browsers and for what only a real connection has.
/// </summary>
public abstract class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private ThrowawayDatabase? database;
    private string? postgresConnectionString;

    public abstract DatabaseProvider Provider { get; }

    /// <summary>True serves the portal by Kestrel on a loopback port (see <see cref="BaseAddress"/>) instead of in memory.</summary>
    protected virtual bool ServedByKestrel => false;

    /// <summary>The served address, such as http://127.0.0.1:41234/, when <see cref="ServedByKestrel"/>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    /// <summary>The portal's data folder; a fresh temporary one unless a test sets it.</summary>
    public string DataDir { get; init; } = Directory.CreateTempSubdirectory("pbgdpl-test-").FullName;

    /// <summary>False keeps the data folder after disposal, for a test that restarts the portal on it.</summary>
    public bool DeleteDataDir { get; init; } = true;

    /// <summary>
    /// Another web node of the same portal: this host then runs on that portal's PostgreSQL database (with its own data
    /// folder, as a second node has) instead of a fresh one, and leaves the database to it.
    /// </summary>
    public PortalFactory? NodeOf { get; init; }

    /// <summary>The connection string of this portal's PostgreSQL database; null on SQLite.</summary>
    public string? PostgresConnectionString => postgresConnectionString;

    /// <summary>Sign-in attempts allowed per address per minute; tests share one address.</summary>
    public virtual int SignInPermitsPerMinute => 10_000;

    /// <summary>Questions allowed per address per hour; tests share one address.</summary>
    public virtual int AskPermitsPerHour => 10_000;

    /// <summary>The folder imported on first start; the repository's sample content unless overridden.</summary>
    public virtual string? ContentDir => TestPaths.Content;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Portal:DataDir", DataDir);
        builder.UseSetting("Portal:ContentDir", ContentDir ?? Path.Combine(DataDir, "no-content"));
        builder.UseSetting("Portal:ContentWatch:PollInterval", "00:00:00.100");
        builder.UseSetting("Portal:LegalBasisWatch:Interval", "00:00:01");
        // Every back-office request re-checks the account, so "sign out everywhere" is observable at once.
        builder.UseSetting("Portal:Accounts:SecurityStampInterval", "00:00:00");
        builder.UseSetting("Portal:Accounts:SignInPermitsPerMinute", SignInPermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Portal:Accounts:PasswordResetPermitsPerMinute", SignInPermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Portal:Questions:AskPermitsPerHour", AskPermitsPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Portal:Database", Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite");
        if (postgresConnectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:Portal", postgresConnectionString);
        }
    }

    public virtual async Task InitializeAsync()
    {
        if (NodeOf is { } first)
        {
            postgresConnectionString = first.PostgresConnectionString ?? throw new InvalidOperationException("Only a PostgreSQL portal has other nodes.");
        }
        else if (Provider == DatabaseProvider.Postgres)
        {
            database = await ThrowawayDatabase.CreateAsync();
            postgresConnectionString = database.ConnectionString;
        }
        // Starts the host: migrations and the first-run import happen here.
        if (ServedByKestrel)
        {
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            BaseAddress = new Uri(addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no address."));
        }
        else
        {
            _ = Server;
        }
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    /// <summary>
    /// Writes a published article (by the first agency, public since a minute ago unless
    /// <paramref name="adjust"/> says otherwise) and journals it, as an editor's save would.
    /// </summary>
    public Task<string> AddArticleAsync(string slug, string title, string body, string? topicSlug = null, Action<Article>? adjust = null) =>
        WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var article = new Article
            {
                Slug = slug,
                Title = title,
                Body = body,
                Status = PublicationStatus.Published,
                PublishedAt = now.AddMinutes(-1),
                AgencyId = (await db.Agencies.FirstAsync()).Id,
                CreatedAt = now,
                UpdatedAt = now,
            };
            if (topicSlug is not null)
            {
                article.Topics.Add(await db.Topics.SingleAsync(t => t.Slug == topicSlug));
            }
            adjust?.Invoke(article);
            db.Articles.Add(article);
            db.RecordChange(nameof(Article), slug, now);
            await db.SaveChangesAsync();
            return slug;
        });

    /// <summary>Waits until the search index holds what the database held at start-up.</summary>
    public Task SearchReadyAsync() => Services.GetRequiredService<SearchIndexer>().Ready.WaitAsync(TimeSpan.FromMinutes(2));

    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> action)
    {
        await using var scope = Scope();
        return await action(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    /// <summary>Stops what a derived fixture started beside the portal, after the portal has stopped.</summary>
    protected virtual Task StopAlongsideAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await StopAlongsideAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        if (!DeleteDataDir)
        {
            return;
        }
        TestPaths.DeleteFolder(DataDir);
    }
}

public sealed class SqlitePortal : PortalFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresPortal : PortalFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
