using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PbgdplPortal.Text;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace PbgdplPortal.Search;

/// <summary>
/// The local Lucene index of one process: one writer, one searcher manager. It is derived from the
/// database and may be deleted at any time; its commit data holds the change-journal cursor up to
/// which it is current.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    private const string CursorKey = "journal-cursor";
    private const string SchemaKey = "schema";

    // Bump when fields or analysis change: an index written with another schema has no valid cursor,
    // so it is rebuilt on start instead of answering with fields it lacks.
    private const string Schema = "2";
    internal static readonly Similarity Similarity = new BM25Similarity();

    // A citation is one untokenized term per provision cited; counting them (with the item's total
    // as length) tells how much of an item's legal basis a document is.
    private static readonly FieldType CitationType = NewCitationType();

    private readonly FSDirectory directory;
    private readonly IndexWriter writer;
    private readonly SearcherManager searchers;
    private readonly System.Threading.Lock commitLock = new();

    private SearchIndex(FSDirectory directory, IndexWriter writer, bool wasReset)
    {
        this.directory = directory;
        this.writer = writer;
        WasReset = wasReset;
        searchers = new SearcherManager(writer, applyAllDeletes: true, new SimilarSearcherFactory());
    }

    /// <summary>True when the folder held a damaged index that was discarded on opening.</summary>
    public bool WasReset { get; }

    public string Path => directory.Directory.FullName;

    /// <summary>Opens the index in the folder, creating it, or recreating it when it is corrupt.</summary>
    public static SearchIndex Open(string path)
    {
        try
        {
            return OpenWriter(path, wasReset: false);
        }
        catch (Exception e) when (e is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or EndOfStreamException
            or FileNotFoundException or ArgumentException or InvalidOperationException)
        {
            System.IO.Directory.Delete(path, recursive: true);
            return OpenWriter(path, wasReset: true);
        }
    }

    private static SearchIndex OpenWriter(string path, bool wasReset)
    {
        System.IO.Directory.CreateDirectory(path);
        // NIOFSDirectory, not FSDirectory.Open: MMapDirectory is slow under parallel search on Linux.
        var directory = new PostingsDirectory(new DirectoryInfo(path));
        try
        {
            var config = new IndexWriterConfig(Analyzers.Version, Analyzers.ForIndex())
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                Similarity = Similarity,
                RAMBufferSizeMB = 64,
                // Segments in files of their own, so postings are read through PostingsDirectory's
                // larger buffers rather than a compound file's.
                UseCompoundFile = false,
                MergePolicy = new TieredMergePolicy { NoCFSRatio = 0 },
            };
            var writer = new IndexWriter(directory, config);
            if (DirectoryReader.IndexExists(directory))
            {
                // Reading every segment once proves the index is readable before it is trusted.
                using var reader = DirectoryReader.Open(directory);
                _ = reader.NumDocs;
            }
            return new SearchIndex(directory, writer, wasReset);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>The journal id up to which the index is current; null when it never was.</summary>
    public long? Cursor =>
        writer.CommitData is { } data && data.TryGetValue(SchemaKey, out var schema) && schema == Schema
        && data.TryGetValue(CursorKey, out var value) && long.TryParse(value, CultureInfo.InvariantCulture, out var cursor)
            ? cursor
            : null;

    public int DocumentCount => writer.NumDocs;

    public void Upsert(SearchDocument document) => writer.UpdateDocument(new Term(Fields.Id, IdOf(document.Type, document.Key)), ToLucene(document));

    public void Delete(string type, string key) => writer.DeleteDocuments(new Term(Fields.Id, IdOf(type, key)));

    public void DeleteAll() => writer.DeleteAll();

    /// <summary>
    /// Merges the index into one segment, for after a full rebuild: a search looks each of its terms up,
    /// and starts reading its postings, in every segment, and a rebuild leaves several. Later changes
    /// add small segments, which the merge policy keeps few.
    /// </summary>
    public void MergeSegments() => writer.ForceMerge(1);

    /// <summary>How many segments the searches read now.</summary>
    public int SegmentCount => Search(searcher => searcher.IndexReader.Leaves.Count);

    /// <summary>Makes the changes durable together with the cursor they bring the index to.</summary>
    public void Commit(long cursor)
    {
        lock (commitLock)
        {
            writer.SetCommitData(new Dictionary<string, string> { [CursorKey] = cursor.ToString(CultureInfo.InvariantCulture), [SchemaKey] = Schema });
            writer.Commit();
        }
    }

    /// <summary>Makes applied changes visible to searches.</summary>
    public void Refresh() => searchers.MaybeRefreshBlocking();

    public T Search<T>(Func<IndexSearcher, T> search)
    {
        var searcher = searchers.Acquire();
        try
        {
            return search(searcher);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    private static string IdOf(string type, string key) => type + ":" + key;

    private static LuceneDocument ToLucene(SearchDocument d)
    {
        var title = SearchText.Normalize(d.Title);
        var text = SearchText.Normalize(d.Text);
        var keywords = SearchText.Normalize(d.Keywords ?? string.Empty);
        var published = d.Published.Ticks;
        var document = new LuceneDocument
        {
            new StringField(Fields.Id, IdOf(d.Type, d.Key), Field.Store.YES),
            new StoredField(Fields.Type, d.Type),
            new StoredField(Fields.Key, d.Key),
            new StoredField(Fields.Url, d.Url),
            new StoredField(Fields.Title, title),
            new StoredField(Fields.Text, text),
            new TextField(Fields.TitleFolded, title, Field.Store.NO),
            new TextField(Fields.TitleExact, title, Field.Store.NO),
            new TextField(Fields.BodyFolded, text, Field.Store.NO),
            new TextField(Fields.BodyExact, text, Field.Store.NO),
            new TextField(Fields.KeywordsFolded, keywords, Field.Store.NO),
            new TextField(Fields.KeywordsExact, keywords, Field.Store.NO),
            new TextField(Fields.TitlePairs, title, Field.Store.NO),
            new TextField(Fields.BodyPairs, text, Field.Store.NO),
            new TextField(Fields.KeywordsPairs, keywords, Field.Store.NO),
            new TextField(Fields.Suggest, title, Field.Store.NO),
            new Int64Field(Fields.Published, published, Field.Store.YES),
            new NumericDocValuesField(Fields.PublishedSort, published),
            new Int64Field(Fields.VisibleFrom, d.VisibleFrom?.Ticks ?? long.MinValue, Field.Store.NO),
            new Int64Field(Fields.VisibleUntil, d.VisibleUntil?.Ticks ?? long.MaxValue, Field.Store.NO),
        };
        if (d.NumberKey is not null)
        {
            document.Add(new StringField(Fields.Number, d.NumberKey, Field.Store.NO));
        }
        foreach (var cite in d.Cites)
        {
            document.Add(new Field(Fields.Cites, cite, CitationType));
        }
        foreach (var mention in d.Mentions.Except(d.Cites))
        {
            document.Add(new StringField(Fields.Mentions, mention, Field.Store.NO));
        }
        if (d.Agency is not null)
        {
            document.Add(new StoredField(Fields.AgencyName, d.Agency.Label));
        }
        var year = VietnameseText.ToVietnamTime(d.Published).Year.ToString(CultureInfo.InvariantCulture);
        AddFacet(document, Facets.Type, new FacetValue(d.Type, d.Type));
        AddFacet(document, Facets.Year, new FacetValue(year, year));
        if (d.Agency is not null)
        {
            AddFacet(document, Facets.Agency, d.Agency);
        }
        foreach (var topic in d.Topics)
        {
            AddFacet(document, Facets.Topic, topic);
        }
        foreach (var audience in d.Audiences)
        {
            AddFacet(document, Facets.Audience, audience);
        }
        return document;
    }

    /// <summary>A facet value is a filter term (the slug) and a doc value holding "slug␟label" for counting.</summary>
    private static void AddFacet(LuceneDocument document, string dimension, FacetValue value)
    {
        document.Add(new StringField(dimension, value.Value, Field.Store.NO));
        document.Add(new SortedSetDocValuesField(Fields.Facet(dimension), new BytesRef(value.Value + Facets.Separator + value.Label)));
    }

    public void Dispose()
    {
        searchers.Dispose();
        writer.Dispose();
        directory.Dispose();
    }

    private static FieldType NewCitationType()
    {
        var type = new FieldType(StringField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS, OmitNorms = false };
        type.Freeze();
        return type;
    }

    /// <summary>
    /// Reads postings with larger buffers than Lucene's default of 1 KiB: a search reads the postings
    /// of common words from end to end, and each buffer refill is a system call.
    /// </summary>
    private sealed class PostingsDirectory(DirectoryInfo path) : NIOFSDirectory(path)
    {
        private const int PostingsBufferSize = 16 * 1024;

        public override IndexInput OpenInput(string name, IOContext context)
        {
            var input = base.OpenInput(name, context);
            if (input is BufferedIndexInput buffered && buffered.BufferSize < PostingsBufferSize
                && (name.EndsWith(".doc", StringComparison.Ordinal) || name.EndsWith(".pos", StringComparison.Ordinal)))
            {
                buffered.SetBufferSize(PostingsBufferSize);
            }
            return input;
        }
    }

    private sealed class SimilarSearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            // What searches read of every item is read here, on opening, for the new segments only.
            foreach (var leaf in reader.Leaves)
            {
                SegmentValues.Of(leaf.AtomicReader);
            }
            return new IndexSearcher(reader) { Similarity = Similarity };
        }
    }
}

public static class Facets
{
    public const string Type = "type";
    public const string Topic = "topic";
    public const string Audience = "audience";
    public const string Agency = "agency";
    public const string Year = "year";
    internal const char Separator = '\u001f';

    public static readonly IReadOnlyList<string> Dimensions = [Type, Topic, Audience, Agency, Year];
}
