using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Search;

namespace PbgdplPortal.Web.Tests.Search;

/// <summary>The index follows the database through the change journal, on SQLite and PostgreSQL.</summary>
public abstract class SearchIndexFollowsTheDatabase(PortalFactory portal)
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private SearchEngine Engine => portal.Services.GetRequiredService<SearchEngine>();

    private SearchResult Find(string query) => Engine.Search(new SearchRequest { Query = query, PageSize = 50 });

    private bool Finds(string query, string slug) => Find(query).Hits.Any(h => h.Key == slug);

    /// <summary>Runs a write, then measures how long until the search shows its effect.</summary>
    private async Task<TimeSpan> VisibleAfterAsync(Func<PortalDbContext, Task> write, Func<bool> visible, string what)
    {
        await portal.SearchReadyAsync();
        await portal.WithDbAsync(async db =>
        {
            await write(db);
            await db.SaveChangesAsync();
            return 0;
        });
        var clock = Stopwatch.StartNew();
        while (!visible())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                Assert.Fail($"Search never showed that {what}.");
            }
            await Task.Delay(20);
        }
        return clock.Elapsed;
    }

    private static Article NewArticle(string slug, string title, Topic topic, Agency agency, DateTime publishedAt) => new()
    {
        Slug = slug,
        Title = title,
        Body = "Nội dung về thủ tục kiểm thử chỉ mục tìm kiếm.",
        Status = PublicationStatus.Published,
        PublishedAt = publishedAt,
        AgencyId = agency.Id,
        Topics = { topic },
        CreatedAt = DateTime.UtcNow,
        UpdatedAt = DateTime.UtcNow,
    };

    [Fact]
    public async Task Publishing_editing_unpublishing_and_deleting_reach_search_within_a_second()
    {
        var slug = $"chi-muc-{Guid.NewGuid():N}"[..20];
        var published = await VisibleAfterAsync(async db =>
        {
            db.Articles.Add(NewArticle(slug, "Thủ tục xác nhận kiểm thử chỉ mục", await db.Topics.FirstAsync(), await db.Agencies.FirstAsync(), DateTime.UtcNow.AddMinutes(-1)));
            db.RecordChange(nameof(Article), slug, DateTime.UtcNow);
        }, () => Finds("xac nhan kiem thu chi muc", slug), "a published article is found");
        Assert.True(published < OneSecond, $"Publishing took {published.TotalMilliseconds:0} ms to reach search.");

        var edited = await VisibleAfterAsync(async db =>
        {
            var article = await db.Articles.SingleAsync(a => a.Slug == slug);
            article.Title = "Thủ tục cấp phiếu lý lịch tư pháp thử nghiệm";
            db.RecordChange(nameof(Article), slug, DateTime.UtcNow);
        }, () => Finds("phieu ly lich tu phap thu nghiem", slug), "an edited title is found");
        Assert.True(edited < OneSecond, $"An edit took {edited.TotalMilliseconds:0} ms to reach search.");

        var unpublished = await VisibleAfterAsync(async db =>
        {
            (await db.Articles.SingleAsync(a => a.Slug == slug)).Status = PublicationStatus.Draft;
            db.RecordChange(nameof(Article), slug, DateTime.UtcNow);
        }, () => !Finds("phieu ly lich tu phap thu nghiem", slug), "an unpublished article is gone");
        Assert.True(unpublished < OneSecond, $"Unpublishing took {unpublished.TotalMilliseconds:0} ms to reach search.");

        await VisibleAfterAsync(async db =>
        {
            (await db.Articles.SingleAsync(a => a.Slug == slug)).Status = PublicationStatus.Published;
            db.RecordChange(nameof(Article), slug, DateTime.UtcNow);
        }, () => Finds("phieu ly lich tu phap thu nghiem", slug), "a republished article is back");
        var deleted = await VisibleAfterAsync(async db =>
        {
            db.Articles.Remove(await db.Articles.SingleAsync(a => a.Slug == slug));
            db.RecordChange(nameof(Article), slug, DateTime.UtcNow);
        }, () => !Finds("phieu ly lich tu phap thu nghiem", slug), "a deleted article is gone");
        Assert.True(deleted < OneSecond, $"Deleting took {deleted.TotalMilliseconds:0} ms to reach search.");
    }

    [Fact]
    public async Task Expiry_hides_an_article_from_results_facets_and_suggestions_on_time()
    {
        var slug = $"het-han-{Guid.NewGuid():N}"[..20];
        var until = DateTime.UtcNow.AddSeconds(2);
        await VisibleAfterAsync(async db =>
        {
            var article = NewArticle(slug, "Hướng dẫn tạm thời về lịch trực ban", await db.Topics.FirstAsync(), await db.Agencies.FirstAsync(), DateTime.UtcNow.AddMinutes(-1));
            article.UnpublishAt = until;
            db.Articles.Add(article);
            db.RecordChange(nameof(Article), slug, DateTime.UtcNow);
        }, () => Finds("lich truc ban", slug), "an article with an end date is found");
        while (DateTime.UtcNow < until.AddMilliseconds(50))
        {
            await Task.Delay(50);
        }
        Assert.False(Finds("lich truc ban", slug));
        Assert.DoesNotContain(Engine.Suggest("huong dan tam thoi ve lich truc"), s => s.Url.EndsWith(slug, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Draft_and_future_articles_never_appear_in_results_facets_or_suggestions()
    {
        await portal.SearchReadyAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var topicSlug = $"chu-de-an-{suffix}";
        await portal.WithDbAsync(async db =>
        {
            var topic = new Topic { Slug = topicSlug, Name = $"Chủ đề ẩn {suffix}" };
            var agency = await db.Agencies.FirstAsync();
            var draft = NewArticle($"ban-nhap-{suffix}", $"Khuyến nông bí mật {suffix}", topic, agency, DateTime.UtcNow.AddDays(-1));
            draft.Status = PublicationStatus.Draft;
            var future = NewArticle($"tuong-lai-{suffix}", $"Khuyến nông bí mật {suffix} năm sau", topic, agency, DateTime.UtcNow.AddYears(1));
            db.AddRange(topic, draft, future);
            db.RecordChange(nameof(Article), draft.Slug, DateTime.UtcNow);
            db.RecordChange(nameof(Article), future.Slug, DateTime.UtcNow);
            await db.SaveChangesAsync();
            return 0;
        });
        // A marker article written after them: once it is searchable, the two others were applied too.
        var marker = $"moc-{suffix}";
        await VisibleAfterAsync(async db =>
        {
            db.Articles.Add(NewArticle(marker, $"Mốc kiểm thử {suffix}", await db.Topics.FirstAsync(), await db.Agencies.FirstAsync(), DateTime.UtcNow.AddMinutes(-1)));
            db.RecordChange(nameof(Article), marker, DateTime.UtcNow);
        }, () => Finds($"moc kiem thu {suffix}", marker), "the marker article is found");

        var result = Find($"khuyen nong bi mat {suffix}");
        Assert.DoesNotContain(result.Hits, h => h.Key.EndsWith(suffix, StringComparison.Ordinal));
        Assert.DoesNotContain(Find("khuyến nông").Facets.GetValueOrDefault(Facets.Topic) ?? [], f => f.Value == topicSlug);
        var filtered = Engine.Search(new SearchRequest { Query = "khuyen nong", Topic = topicSlug });
        Assert.Equal(0, filtered.Total);
        Assert.Empty(Engine.Suggest($"khuyen nong bi mat {suffix}"));
    }

    [Fact]
    public async Task Renaming_a_topic_renames_its_facet_and_makes_its_articles_findable_by_the_new_name()
    {
        await portal.SearchReadyAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var topicSlug = $"doi-ten-{suffix}";
        var slug = $"bai-doi-ten-{suffix}";
        await VisibleAfterAsync(async db =>
        {
            var topic = new Topic { Slug = topicSlug, Name = "Chủ đề cũ" };
            db.Add(topic);
            db.Articles.Add(NewArticle(slug, $"Bài thuộc chủ đề sẽ đổi tên {suffix}", topic, await db.Agencies.FirstAsync(), DateTime.UtcNow.AddMinutes(-1)));
            db.RecordChange(nameof(Article), slug, DateTime.UtcNow);
        }, () => Finds($"chu de se doi ten {suffix}", slug), "the article is found");
        var renamed = await VisibleAfterAsync(async db =>
        {
            (await db.Topics.SingleAsync(t => t.Slug == topicSlug)).Name = $"Thừa kế di sản {suffix}";
            db.RecordChange(nameof(Topic), topicSlug, DateTime.UtcNow);
        }, () => Finds($"thua ke di san {suffix}", slug), "the article is found by the new topic name");
        Assert.True(renamed < OneSecond, $"A rename took {renamed.TotalMilliseconds:0} ms to reach search.");
        var facet = Find($"chu de se doi ten {suffix}").Facets[Facets.Topic].Single(f => f.Value == topicSlug);
        Assert.Equal($"Thừa kế di sản {suffix}", facet.Label);
    }

    [Fact]
    public async Task The_index_commit_stores_the_journal_cursor()
    {
        await portal.SearchReadyAsync();
        var latest = await portal.WithDbAsync(db => db.ContentChanges.MaxAsync(c => c.Id));
        var index = portal.Services.GetRequiredService<SearchIndex>();
        await Eventually.HoldsAsync(() => Task.FromResult(index.Cursor >= latest), "the index cursor reaches the latest journal entry");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SearchIndexFollowsTheDatabaseOnSqlite(SqlitePortal portal) : SearchIndexFollowsTheDatabase(portal);

[Collection(PostgresCollection.Name)]
public sealed class SearchIndexFollowsTheDatabaseOnPostgres(PostgresPortal portal) : SearchIndexFollowsTheDatabase(portal);

/// <summary>The index is derived: deleted or damaged, it is rebuilt from the database on start.</summary>
public sealed class SearchIndexIsRebuiltWhenLost : IDisposable
{
    private readonly string dataDir = Directory.CreateTempSubdirectory("pbgdpl-rebuild-").FullName;

    private async Task<(bool WasReset, int Count, long? Cursor, int Hits)> StartAsync()
    {
        await using var portal = new SqlitePortal { DataDir = dataDir, DeleteDataDir = false };
        await ((IAsyncLifetime)portal).InitializeAsync();
        await portal.SearchReadyAsync();
        var index = portal.Services.GetRequiredService<SearchIndex>();
        var hits = portal.Services.GetRequiredService<SearchEngine>().Search(new SearchRequest { Query = "dang ky ket hon" }).Total;
        var result = (index.WasReset, index.DocumentCount, index.Cursor, hits);
        await ((IAsyncLifetime)portal).DisposeAsync();
        return result;
    }

    [Fact]
    public async Task A_deleted_index_is_rebuilt_on_start()
    {
        var first = await StartAsync();
        Assert.True(first.Count > 60);
        Directory.Delete(Path.Combine(dataDir, "search-index"), recursive: true);
        var second = await StartAsync();
        Assert.Equal(first.Count, second.Count);
        Assert.True(second.Hits > 0);
        Assert.Equal(first.Cursor, second.Cursor);
    }

    [Fact]
    public async Task A_corrupt_index_is_discarded_and_rebuilt_on_start()
    {
        var first = await StartAsync();
        foreach (var file in Directory.GetFiles(Path.Combine(dataDir, "search-index")).Where(f => !f.EndsWith("write.lock", StringComparison.Ordinal)))
        {
            var bytes = File.ReadAllBytes(file);
            Array.Fill(bytes, (byte)0x5A, 0, Math.Min(bytes.Length, 64));
            File.WriteAllBytes(file, bytes);
        }
        var second = await StartAsync();
        Assert.True(second.WasReset);
        Assert.Equal(first.Count, second.Count);
        Assert.True(second.Hits > 0);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestPaths.DeleteFolder(dataDir);
    }
}

/// <summary>The `reindex` verb rebuilds the index from the database with a progress display.</summary>
public sealed class ReindexCommandTests : IDisposable
{
    private readonly string dataDir = Directory.CreateTempSubdirectory("pbgdpl-reindex-").FullName;

    [Fact]
    public async Task Reindex_command_rebuilds_the_index_from_the_database()
    {
        var import = await PortalProcess.RunAsync(dataDir, [], "import", TestPaths.Content);
        Assert.True(import.ExitCode == 0, import.Error);
        var run = await PortalProcess.RunAsync(dataDir, [], "reindex");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Matches(@"Đã lập chỉ mục \d+ mục", run.Output);
        Assert.True(Directory.EnumerateFiles(Path.Combine(dataDir, "search-index"), "segments_*").Any());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestPaths.DeleteFolder(dataDir);
    }
}
