using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PbgdplPortal.Data;
using PbgdplPortal.Search;

namespace PbgdplPortal.Web.Search;

public sealed class SearchIndexOptions
{
    /// <summary>How often the change journal is read.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Journal entries this recent are read again, in case a slower transaction committed them late.</summary>
    public TimeSpan RescanWindow { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Keeps this node's index in step with the database: rebuilds it when it is empty, missing or
/// corrupt, then applies the change journal past the cursor stored in the index commit.
/// </summary>
public sealed class SearchIndexer(SearchIndex index, IEnumerable<ISearchSource> sources, IServiceScopeFactory scopes, TimeProvider time,
    IOptions<SearchIndexOptions> options, ILogger<SearchIndexer> logger) : BackgroundService
{
    private const int BatchSize = 1000;

    // Changes become searchable on refresh; commits (an fsync each) only make them durable, so
    // they are grouped. After a crash the journal since the last committed cursor is applied again.
    private static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(2);
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<long, DateTime> recentlyApplied = [];
    private long cursor;
    private long committedCursor;
    private DateTime lastCommit = DateTime.MinValue;

    /// <summary>Completes once the index holds everything the database held at start-up.</summary>
    public Task Ready => ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (index.WasReset)
            {
                logger.LogWarning("The search index in {Path} was damaged and has been discarded", index.Path);
            }
            if (index.Cursor is { } stored && index.DocumentCount > 0)
            {
                cursor = stored;
            }
            else
            {
                cursor = await RebuildAsync(index, sources, scopes, logger, progress: null, stoppingToken);
            }
            committedCursor = cursor;
            ready.TrySetResult();
        }
        catch (OperationCanceledException)
        {
            ready.TrySetCanceled(stoppingToken);
            return;
        }
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                await ApplyJournalAsync(stoppingToken);
                CommitIfDue(force: false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not apply the change journal to the search index; retrying");
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Applies journal entries past the cursor, and recent ones not applied yet.</summary>
    private async Task ApplyJournalAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var since = now - options.Value.RescanWindow;
        var changes = await db.ContentChanges.AsNoTracking()
            .Where(c => c.Id > cursor || c.ChangedAt > since)
            .OrderBy(c => c.Id).Take(BatchSize)
            .ToListAsync(cancellationToken);
        changes.RemoveAll(c => recentlyApplied.ContainsKey(c.Id));
        foreach (var old in recentlyApplied.Where(p => p.Value < since).Select(p => p.Key).ToList())
        {
            recentlyApplied.Remove(old);
        }
        if (changes.Count == 0)
        {
            return;
        }
        foreach (var source in sources)
        {
            var update = await source.LoadChangesAsync(db, changes, cancellationToken);
            foreach (var document in update.Upserts)
            {
                index.Upsert(document);
            }
            foreach (var key in update.DeletedKeys)
            {
                index.Delete(source.Type, key);
            }
        }
        cursor = Math.Max(cursor, changes[^1].Id);
        index.Refresh();
        foreach (var change in changes)
        {
            recentlyApplied[change.Id] = change.ChangedAt;
        }
        logger.LogDebug("Applied {Count} journal entries to the search index (cursor {Cursor})", changes.Count, cursor);
    }

    private void CommitIfDue(bool force)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (cursor != committedCursor && (force || now - lastCommit >= CommitInterval))
        {
            index.Commit(cursor);
            committedCursor = cursor;
            lastCommit = now;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (ready.Task.IsCompletedSuccessfully)
        {
            CommitIfDue(force: true);
        }
    }

    /// <summary>Rebuilds the whole index from the database; returns the journal cursor it is current to.</summary>
    public static async Task<long> RebuildAsync(SearchIndex index, IEnumerable<ISearchSource> sources, IServiceScopeFactory scopes, ILogger logger,
        IProgress<int>? progress, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        // Read the cursor first: changes made while rebuilding are applied again afterwards.
        var cursor = await db.ContentChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
        logger.LogInformation("Building the search index in {Path}", index.Path);
        var started = System.Diagnostics.Stopwatch.StartNew();
        index.DeleteAll();
        var count = 0;
        foreach (var source in sources)
        {
            await foreach (var document in source.LoadAllAsync(db, cancellationToken))
            {
                index.Upsert(document);
                if (++count % 5000 == 0)
                {
                    logger.LogInformation("Search index: {Count} items indexed", count);
                }
                progress?.Report(count);
                db.ChangeTracker.Clear();
            }
        }
        logger.LogInformation("Search index: {Count} items indexed, merging the segments", count);
        index.MergeSegments();
        index.Commit(cursor);
        index.Refresh();
        logger.LogInformation("Search index built: {Count} items in {Seconds:0.0} s", count, started.Elapsed.TotalSeconds);
        return cursor;
    }
}
