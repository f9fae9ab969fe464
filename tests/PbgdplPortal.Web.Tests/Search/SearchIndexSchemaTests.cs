using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PbgdplPortal.Search;

namespace PbgdplPortal.Web.Tests.Search;

/// <summary>An index written before the fields or the analysis changed is not trusted.</summary>
public sealed class SearchIndexSchemaTests : IDisposable
{
    private readonly string path = System.IO.Directory.CreateTempSubdirectory("pbgdpl-schema-").FullName;

    [Fact]
    public void An_index_committed_without_the_current_schema_has_no_cursor_so_start_up_rebuilds_it()
    {
        using (var directory = new NIOFSDirectory(new DirectoryInfo(path)))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer())))
        {
            writer.AddDocument([new StringField("id", "article:cu", Field.Store.YES)]);
            writer.SetCommitData(new Dictionary<string, string> { ["journal-cursor"] = "42" });
            writer.Commit();
        }
        using (var old = SearchIndex.Open(path))
        {
            Assert.Equal(1, old.DocumentCount);
            Assert.Null(old.Cursor);
            old.Commit(42);
        }
        using var current = SearchIndex.Open(path);
        Assert.Equal(42, current.Cursor);
    }

    public void Dispose() => TestPaths.DeleteFolder(path);
}
