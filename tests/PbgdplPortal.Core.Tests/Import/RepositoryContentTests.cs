using Microsoft.EntityFrameworkCore;
using PbgdplPortal.TestKit;

namespace PbgdplPortal.Core.Tests.Import;

/// <summary>The sample content shipped in the repository's content/ folder, imported as on a first run.</summary>
public sealed class RepositoryContentTests : IAsyncLifetime
{
    private TestPortal portal = null!;

    public async Task InitializeAsync() => portal = await TestPortal.CreateAsync();

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task The_repository_content_imports_without_problems_and_covers_the_portal()
    {
        var result = await portal.ImportAsync(TestPaths.Content);

        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        await using var db = portal.NewContext();
        var articles = await db.Articles.Include(a => a.Topics).Include(a => a.Audiences).Include(a => a.Citations).ToListAsync();
        Assert.True(articles.Count >= 30, $"only {articles.Count} articles; at least 30 expected");
        var topicsUsed = articles.SelectMany(a => a.Topics).Select(t => t.Slug).Distinct().Count();
        Assert.True(topicsUsed >= 8, $"only {topicsUsed} topics used by articles; at least 8 expected");
        var audiencesUsed = articles.SelectMany(a => a.Audiences).Select(t => t.Slug).ToHashSet();
        var audiencesUnused = (await db.AudienceGroups.Select(g => g.Slug).ToListAsync()).Except(audiencesUsed).ToList();
        Assert.Empty(audiencesUnused);
        Assert.Empty(articles.Where(a => a.Citations.Count == 0).Select(a => a.Slug));
        Assert.Empty(articles.Where(a => !a.IsSample).Select(a => a.Slug));
    }
}
