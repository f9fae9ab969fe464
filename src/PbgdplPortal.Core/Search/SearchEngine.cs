using System.Buffers;
using System.Globalization;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;

namespace PbgdplPortal.Search;

public enum SearchSort
{
    Relevance,
    Newest,
}

/// <summary>A search as a reader asks it; validated by <see cref="SearchRequest.Validate"/>.</summary>
public sealed record SearchRequest
{
    public const int MaxQueryLength = 256;
    public const int MaxPageSize = 100;
    public const int MaxResultWindow = 10_000;

    public string? Query { get; init; }
    public string? Type { get; init; }
    public string? Topic { get; init; }
    public string? Audience { get; init; }
    public string? Agency { get; init; }
    public string? Year { get; init; }
    public SearchSort Sort { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 10;

    /// <summary>Problems with the request, by parameter, in Vietnamese; empty when it is valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Query?.Length > MaxQueryLength)
        {
            errors["q"] = [$"Từ khóa dài tối đa {MaxQueryLength} ký tự."];
        }
        if (Page < 1)
        {
            errors["page"] = ["Số trang phải từ 1 trở lên."];
        }
        if (PageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"Số kết quả mỗi trang phải từ 1 đến {MaxPageSize}."];
        }
        return errors;
    }

    public IEnumerable<(string Dimension, string Value)> Filters()
    {
        foreach (var (dimension, value) in new[] { (Facets.Type, Type), (Facets.Topic, Topic), (Facets.Audience, Audience), (Facets.Agency, Agency), (Facets.Year, Year) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                yield return (dimension, value.Trim());
            }
        }
    }
}

public sealed record SearchHit(string Type, string TypeLabel, string Key, string Url, string Title, string TitleHtml, string SnippetHtml,
    DateTime Published, string? AgencyName);

public sealed record FacetCount(string Value, string Label, int Count, bool Selected);

public sealed record SearchResult(string Query, int Total, int Page, int PageSize, IReadOnlyList<SearchHit> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets)
{
    public int PageCount => Math.Max(1, (Math.Min(Total, SearchRequest.MaxResultWindow) + PageSize - 1) / PageSize);
}

public sealed record Suggestion(string Title, string Url);

/// <summary>Answers searches and suggestions from the local index.</summary>
public sealed class SearchEngine(SearchIndex index, IEnumerable<ISearchSource> sources, TimeProvider time)
{
    private const int SnippetLength = 180;
    private const int MaxSuggestions = 8;
    private readonly Dictionary<string, string> typeLabels = sources.ToDictionary(s => s.Type, s => s.Label);

    public SearchResult Search(SearchRequest request)
    {
        var text = SearchText.Normalize(request.Query ?? string.Empty).Trim();
        if (text.Length > SearchRequest.MaxQueryLength)
        {
            text = text[..SearchRequest.MaxQueryLength];
        }
        var parsed = ParsedQuery.Parse(text);
        var empty = new SearchResult(text, 0, request.Page, request.PageSize, [], new Dictionary<string, IReadOnlyList<FacetCount>>());
        if (parsed.IsEmpty)
        {
            return empty;
        }
        var filters = request.Filters().ToList();
        var now = time.GetUtcNow().UtcDateTime;
        return index.Search(searcher =>
        {
            var result = Run(searcher, parsed, strict: true, request, filters, now, text);
            if (result.Total == 0 && parsed.FoldedTerms.Count > 2)
            {
                // Nothing has most of the words: fall back to anything with some of them.
                result = Run(searcher, parsed, strict: false, request, filters, now, text);
            }
            return result;
        });
    }

    private SearchResult Run(IndexSearcher searcher, ParsedQuery parsed, bool strict, SearchRequest request,
        List<(string Dimension, string Value)> filters, DateTime now, string text)
    {
        // In long: page × page size may not fit an int; pages past the window are empty but keep the total.
        var start = (long)(request.Page - 1) * request.PageSize;
        var window = (int)Math.Min(start + request.PageSize, SearchRequest.MaxResultWindow);
        var newest = request.Sort == SearchSort.Newest;
        var matches = TermAtATime.Run(searcher, parsed, strict, filters, now, newest, Math.Max(window, 1));
        var docs = start < window ? matches.Top.Skip((int)start).Take(request.PageSize).ToList() : [];
        // Reading an item and marking its snippet is most of what is left; on a large index the page's
        // items are shared between threads (a highlighter is not thread-safe: one per thread).
        var hits = new SearchHit[docs.Count];
        SearchHit Hit(int i, Highlighters highlighter)
        {
            var doc = searcher.Doc(docs[i].Doc);
            var type = doc.Get(Fields.Type);
            var title = doc.Get(Fields.Title);
            return new SearchHit(type, typeLabels.GetValueOrDefault(type, type), doc.Get(Fields.Key), doc.Get(Fields.Url), title,
                highlighter.Title(title), highlighter.Snippet(doc.Get(Fields.Text)),
                new DateTime(doc.GetField(Fields.Published).GetInt64Value() ?? 0, DateTimeKind.Utc), doc.Get(Fields.AgencyName));
        }
        if (hits.Length > 1 && TermAtATime.InParallel(searcher))
        {
            Parallel.For(0, hits.Length, () => new Highlighters(parsed), (i, _, highlighter) =>
            {
                hits[i] = Hit(i, highlighter);
                return highlighter;
            }, _ => { });
        }
        else
        {
            var highlighter = new Highlighters(parsed);
            for (var i = 0; i < hits.Length; i++)
            {
                hits[i] = Hit(i, highlighter);
            }
        }
        var selected = filters.ToDictionary(f => f.Dimension, f => f.Value);
        var facetResults = matches.Facets.ToDictionary(c => c.Key, c => (IReadOnlyList<FacetCount>)c.Value
            .Select(v => new FacetCount(v.Value, c.Key == Facets.Type ? typeLabels.GetValueOrDefault(v.Value, v.Value) : v.Label, v.Count,
                selected.TryGetValue(c.Key, out var s) && s == v.Value))
            .OrderByDescending(v => c.Key == Facets.Year ? int.Parse(v.Value, CultureInfo.InvariantCulture) : v.Count)
            .ThenBy(v => v.Label, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false))
            .ToList());
        return new SearchResult(text, matches.Total, request.Page, request.PageSize, hits, facetResults);
    }

    public IReadOnlyList<Suggestion> Suggest(string? prefix)
    {
        var text = SearchText.Normalize(prefix ?? string.Empty).Trim();
        if (text.Length is 0 or > SearchRequest.MaxQueryLength)
        {
            return [];
        }
        var terms = Analyzers.Terms(Analyzers.Folded, Fields.Suggest, text).Take(10).ToList();
        if (terms.Count == 0)
        {
            return [];
        }
        var query = new BooleanQuery();
        foreach (var term in terms)
        {
            // The index holds prefixes up to 20 characters long.
            query.Add(new TermQuery(new Term(Fields.Suggest, term.Length > 20 ? term[..20] : term)), Occur.MUST);
        }
        var now = time.GetUtcNow().UtcDateTime;
        return index.Search(searcher =>
        {
            var top = searcher.Search(Visible(query, now), MaxSuggestions);
            return top.ScoreDocs.Select(sd => searcher.Doc(sd.Doc)).Select(d => new Suggestion(d.Get(Fields.Title), d.Get(Fields.Url))).ToList();
        });
    }

    /// <summary>The query restricted to what is public now.</summary>
    private static BooleanQuery Visible(Query query, DateTime now)
    {
        var ticks = now.Ticks;
        // Almost every item is visible: excluding the few that are not yet or no longer visible costs
        // next to nothing, where requiring "visible" would visit every document on each search.
        return new BooleanQuery
        {
            { query, Occur.MUST },
            { NumericRangeQuery.NewInt64Range(Fields.VisibleFrom, ticks, null, false, true), Occur.MUST_NOT },
            { NumericRangeQuery.NewInt64Range(Fields.VisibleUntil, null, ticks, true, true), Occur.MUST_NOT },
        };
    }

    /// <summary>Marks the query's words in titles and snippets with &lt;mark&gt;, escaping everything else.</summary>
    private sealed class Highlighters
    {
        private readonly Highlighter? title;
        private readonly Highlighter? body;

        public Highlighters(ParsedQuery parsed)
        {
            var terms = parsed.FoldedTerms.Concat(parsed.Phrases.SelectMany(p => p)).Distinct().ToList();
            if (terms.Count == 0)
            {
                return;
            }
            var formatter = new SimpleHTMLFormatter("<mark>", "</mark>");
            title = new Highlighter(formatter, new MinimalHtmlEncoder(), new QueryScorer(TermsQuery(Fields.TitleFolded, terms), Fields.TitleFolded))
            {
                TextFragmenter = new NullFragmenter(),
            };
            body = new Highlighter(formatter, new MinimalHtmlEncoder(), new QueryScorer(TermsQuery(Fields.BodyFolded, terms), Fields.BodyFolded))
            {
                TextFragmenter = new SimpleFragmenter(SnippetLength),
            };
        }

        private static BooleanQuery TermsQuery(string field, List<string> terms)
        {
            var query = new BooleanQuery();
            foreach (var term in terms)
            {
                query.Add(new TermQuery(new Term(field, term)), Occur.SHOULD);
            }
            return query;
        }

        public string Title(string text) =>
            title?.GetBestFragment(Analyzers.Highlighting, Fields.TitleFolded, text) ?? MinimalHtmlEncoder.Encode(text);

        public string Snippet(string text)
        {
            var fragments = body?.GetBestFragments(Analyzers.Highlighting.GetTokenStream(Fields.BodyFolded, text), text, 2, " … ");
            if (!string.IsNullOrWhiteSpace(fragments))
            {
                return fragments.Trim();
            }
            var cut = text.LastIndexOf(' ', Math.Min(SnippetLength, text.Length - 1));
            var start = text.Length <= SnippetLength ? text : text[..(cut > 0 ? cut : SnippetLength)] + " …";
            return MinimalHtmlEncoder.Encode(start.Trim());
        }
    }

    /// <summary>Escapes only what HTML needs, keeping Vietnamese letters as they are.</summary>
    private sealed class MinimalHtmlEncoder : IEncoder
    {
        public string EncodeText(string originalText) => Encode(originalText);

        private static readonly SearchValues<char> Special = SearchValues.Create("&<>\"'");

        // The highlighter encodes every stretch of text between marked words: most have nothing to escape.
        public static string Encode(string text)
        {
            var next = text.AsSpan().IndexOfAny(Special);
            if (next < 0)
            {
                return text;
            }
            var encoded = new StringBuilder(text.Length + 16);
            var done = 0;
            while (next >= 0)
            {
                var at = done + next;
                encoded.Append(text, done, at - done).Append(text[at] switch
                {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    '"' => "&quot;",
                    _ => "&#39;",
                });
                done = at + 1;
                next = text.AsSpan(done).IndexOfAny(Special);
            }
            return encoded.Append(text, done, text.Length - done).ToString();
        }
    }
}
