using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PbgdplPortal.Import;

namespace PbgdplPortal.Web.Tests.Import;

/// <summary>Import round trips against the running portal, on SQLite and on PostgreSQL.</summary>
public abstract class ImportRoundTripTests(PortalFactory portal)
{
    private async Task<ImportResult> ImportAsync(string directory)
    {
        await using var scope = portal.Scope();
        return await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(directory);
    }

    [Fact]
    public async Task Importing_the_sample_content_again_changes_nothing()
    {
        var result = await ImportAsync(TestPaths.Content);
        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        Assert.Equal(0, result.Created);
        Assert.Equal(0, result.Updated);
        Assert.True(result.Unchanged > 30);
    }

    [Fact]
    public async Task An_edited_file_updates_the_article_in_place_and_the_page_shows_it()
    {
        using var copy = new ContentCopy();
        var file = Directory.GetFiles(Path.Combine(copy.Path, "articles"), "*.md").Order(StringComparer.Ordinal).Last();
        var slug = Path.GetFileNameWithoutExtension(file);
        var idBefore = await portal.WithDbAsync(db => db.Articles.Where(a => a.Slug == slug).Select(a => a.Id).SingleAsync());
        var lines = File.ReadAllLines(file);
        var titleLine = Array.FindIndex(lines, l => l.StartsWith("title:", StringComparison.Ordinal));
        lines[titleLine] = "title: Tiêu đề đã sửa khi nhập lại";
        File.WriteAllLines(file, lines);
        try
        {
            var result = await ImportAsync(copy.Path);
            Assert.True(result.Succeeded, string.Join('\n', result.Problems));
            Assert.Equal(1, result.Updated);
            Assert.Equal(0, result.Created);
            Assert.Equal(idBefore, await portal.WithDbAsync(db => db.Articles.Where(a => a.Slug == slug).Select(a => a.Id).SingleAsync()));
            var client = portal.CreateClient();
            await Eventually.HoldsAsync(async () => (await client.GetStringAsync($"/bai-viet/{slug}")).Contains("Tiêu đề đã sửa khi nhập lại", StringComparison.Ordinal),
                "the article page shows the new title");
        }
        finally
        {
            var restored = await ImportAsync(TestPaths.Content);
            Assert.True(restored.Succeeded);
        }
    }

    [Fact]
    public async Task A_folder_with_any_problem_changes_nothing_at_all()
    {
        using var copy = new ContentCopy();
        var file = Directory.GetFiles(Path.Combine(copy.Path, "articles"), "*.md").Order(StringComparer.Ordinal).First();
        var slug = Path.GetFileNameWithoutExtension(file);
        File.WriteAllText(file, File.ReadAllText(file).Replace("\ntitle:", "\ntitle: Không được ghi –", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(copy.Path, "articles", "loi.md"), "---\ntitle: Bài lỗi\ntopics: [khong-co-chu-de]\nagency: so-tu-phap\npublished: 2026-02-30\n---\nNội dung.\n");
        var countBefore = await portal.WithDbAsync(db => db.Articles.CountAsync());
        var journalBefore = await portal.WithDbAsync(db => db.ContentChanges.CountAsync());

        var result = await ImportAsync(copy.Path);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.File == "articles/loi.md" && p.Line == 3 && p.Message.Contains("khong-co-chu-de", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.File == "articles/loi.md" && p.Line == 5 && p.Message.Contains("2026-02-30", StringComparison.Ordinal));
        Assert.Equal(countBefore, await portal.WithDbAsync(db => db.Articles.CountAsync()));
        Assert.Equal(journalBefore, await portal.WithDbAsync(db => db.ContentChanges.CountAsync()));
        Assert.DoesNotContain("Không được ghi", await portal.WithDbAsync(db => db.Articles.Where(a => a.Slug == slug).Select(a => a.Title).SingleAsync()), StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ImportRoundTripOnSqlite(SqlitePortal portal) : ImportRoundTripTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class ImportRoundTripOnPostgres(PostgresPortal portal) : ImportRoundTripTests(portal);

/// <summary>The `import` command-line verb, run as its own process as an operator would.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string dataDir = Directory.CreateTempSubdirectory("pbgdpl-cli-").FullName;

    [Fact]
    public async Task Import_command_fills_an_empty_sqlite_database_and_is_idempotent()
    {
        var first = await RunAsync(("Portal__Database", "sqlite"));
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("Đã nhập nội dung", first.Output, StringComparison.Ordinal);
        var second = await RunAsync(("Portal__Database", "sqlite"));
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("0 mục mới, 0 mục cập nhật", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_command_works_on_postgresql()
    {
        await using var database = await ThrowawayDatabase.CreateAsync("pbgdpl_cli");
        var run = await RunAsync(("Portal__Database", "postgres"), ("ConnectionStrings__Portal", database.ConnectionString));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Đã nhập nội dung", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_command_lists_every_problem_with_file_and_line_and_exits_non_zero()
    {
        using var copy = new ContentCopy();
        File.WriteAllText(Path.Combine(copy.Path, "articles", "hong.md"), "---\ntitle: [khong dong\n---\nx\n");
        File.WriteAllText(Path.Combine(copy.Path, "documents", "thieu.md"), "---\nnumber: 1/2026/NĐ-CP\ntype: Nghị định\n---\nx\n");
        var run = await RunAsync([("Portal__Database", "sqlite")], copy.Path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("articles/hong.md:3: YAML không hợp lệ", run.Error, StringComparison.Ordinal);
        Assert.Contains("documents/thieu.md:2: thiếu trường bắt buộc 'title'", run.Error, StringComparison.Ordinal);
        Assert.Contains("documents/thieu.md:2: thiếu trường bắt buộc 'issuer'", run.Error, StringComparison.Ordinal);
        Assert.Contains("không có thay đổi nào được ghi", run.Error, StringComparison.Ordinal);
    }

    private Task<PortalProcess.Outcome> RunAsync(params (string Name, string Value)[] environment) =>
        RunAsync(environment, TestPaths.Content);

    private Task<PortalProcess.Outcome> RunAsync((string Name, string Value)[] environment, string directory) =>
        PortalProcess.RunAsync(dataDir, environment, "import", directory);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestPaths.DeleteFolder(dataDir);
    }
}

/// <summary>A throwaway copy of the repository's sample content, for edits.</summary>
internal sealed class ContentCopy : IDisposable
{
    public ContentCopy()
    {
        Path = Directory.CreateTempSubdirectory("pbgdpl-content-").FullName;
        foreach (var file in Directory.EnumerateFiles(TestPaths.Content, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(TestPaths.Content, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Path { get; }

    public void Dispose() => TestPaths.DeleteFolder(Path);
}
