using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace PbgdplPortal.Search;

/// <summary>What a search found: how many items match, their facet values, and the page's items, best first.</summary>
/// <param name="Total">How many visible items match.</param>
/// <param name="Facets">Counts by dimension: (value, label, count).</param>
/// <param name="Top">The first items in order (relevance or date), as many as asked for.</param>
internal sealed record TermAtATimeResult(int Total, Dictionary<string, List<(string Value, string Label, int Count)>> Facets, ScoreDoc[] Top);

/// <summary>
/// Evaluates a parsed query term at a time. Lucene evaluates a query document at a time: for every
/// candidate it walks a tree of scorers (for a five-word query about a hundred, one per word, field and
/// form), which is what made queries of common syllables slow, since they match most of the corpus.
/// Here each term's postings are read once, from end to end, into per-item arrays: a bit per word for
/// matching, the BM25 score of every posting, and per word the best field plus a tenth of the others
/// (a disjunction-max). It computes what <see cref="SearchEngine.ParsedQuery.ToQuery"/> computes (the
/// same items, the same scores from the same statistics and boosts, up to the order in which floats
/// are added), and counts totals and facets in the same sweep. Quoted phrases are found over the pair
/// fields, where they are cheap to find, and scored as phrase queries over the syllables score them.
/// </summary>
internal static class TermAtATime
{
    public static TermAtATimeResult Run(IndexSearcher searcher, SearchEngine.ParsedQuery parsed, bool strict,
        IReadOnlyList<(string Dimension, string Value)> filters, DateTime now, bool newest, int keep)
    {
        var top = searcher.TopReaderContext;
        var similarity = searcher.Similarity;
        var rule = new MatchRule(parsed, strict);
        // Newest first needs no scores: only which items match, and their dates.
        var scored = !newest;
        var states = new Dictionary<(string Field, string Text), TermContext>();
        var groups = Groups(searcher, parsed, scored, states);
        var phraseGroups = parsed.Phrases.Select(p => PhraseGroup.Create(searcher, p, scored)).ToList();

        var ticks = now.Ticks;
        var dimensions = Facets.Dimensions;
        // The dimension of each chosen value (filter f is flag bit FilterBit << f).
        var filterDimensions = filters.Select(f => IndexOf(dimensions, f.Dimension)).ToArray();
        var totals = dimensions.Select(_ => new Dictionary<string, int>()).ToArray();
        var heap = new TopHeap(Math.Max(keep, 1));
        var total = 0;

        var largest = Math.Max(1, top.Leaves.Count == 0 ? 0 : top.Leaves.Max(l => l.AtomicReader.MaxDoc));
        var arrays = new LeafArrays(ArrayPool<ushort>.Shared.Rent(largest), ArrayPool<byte>.Shared.Rent(largest), ArrayPool<byte>.Shared.Rent(largest),
            ArrayPool<float>.Shared.Rent(largest), ArrayPool<float>.Shared.Rent(largest), ArrayPool<float>.Shared.Rent(largest));
        try
        {
            DocsEnum? reuse = null;
            foreach (var leaf in top.Leaves)
            {
                var reader = leaf.AtomicReader;
                var docs = reader.MaxDoc;
                if (docs == 0)
                {
                    continue;
                }
                arrays.Clear(docs);

                foreach (var group in groups)
                {
                    reuse = group.Read(leaf, similarity, arrays, reuse);
                }
                for (var p = 0; p < phraseGroups.Count; p++)
                {
                    phraseGroups[p].Read(leaf, similarity, arrays, (byte)p);
                }

                // What hides an item: deleted, outside its visibility window, or outside a chosen facet value.
                var flags = arrays.Flags;
                for (var f = 0; f < filters.Count; f++)
                {
                    Mark(reader.GetTermDocsEnum(new Term(filters[f].Dimension, filters[f].Value)), flags, (byte)(Flag.FirstFilter << f));
                }
                var allFilters = ((1 << filters.Count) - 1) * Flag.FirstFilter;
                var live = reader.LiveDocs;

                var segment = SegmentValues.Of(reader);
                var values = dimensions.Select(segment.Dimension).ToArray();
                var visibleFrom = segment.VisibleFrom;
                var visibleUntil = segment.VisibleUntil;
                var counts = values.Select(v => new int[v.Keys.Length]).ToArray();
                var published = newest ? reader.GetNumericDocValues(Fields.PublishedSort) : null;
                var wordBits = arrays.WordBits;
                var phraseCounts = arrays.PhraseCounts;
                var scores = arrays.Scores;
                var docBase = leaf.DocBase;
                for (var doc = 0; doc < docs; doc++)
                {
                    var flag = flags[doc];
                    if (!rule.Matches(wordBits[doc], flag, phraseCounts[doc]) || visibleFrom[doc] > ticks || visibleUntil[doc] <= ticks
                        || (live is not null && !live.Get(doc)))
                    {
                        continue;
                    }
                    var missing = allFilters & ~flag;
                    if (missing == 0)
                    {
                        total++;
                        for (var d = 0; d < values.Length; d++)
                        {
                            values[d].Count(doc, counts[d]);
                        }
                        heap.Offer(published is not null ? published.Get(doc) : NumericUtils.SingleToSortableInt32(scores[doc]), docBase + doc);
                    }
                    else if ((missing & (missing - 1)) == 0)
                    {
                        // Outside one chosen value only: counted for that dimension, so its other values
                        // stay visible and can be chosen instead (drill sideways).
                        var d = filterDimensions[BitOperations.TrailingZeroCount(missing / Flag.FirstFilter)];
                        values[d].Count(doc, counts[d]);
                    }
                }
                for (var d = 0; d < values.Length; d++)
                {
                    var keys = values[d].Keys;
                    for (var ord = 0; ord < keys.Length; ord++)
                    {
                        if (counts[d][ord] > 0)
                        {
                            totals[d][keys[ord]] = totals[d].GetValueOrDefault(keys[ord]) + counts[d][ord];
                        }
                    }
                }
            }
        }
        finally
        {
            arrays.Return();
        }

        var facetCounts = new Dictionary<string, List<(string Value, string Label, int Count)>>();
        for (var d = 0; d < dimensions.Count; d++)
        {
            facetCounts[dimensions[d]] = totals[d].Select(p =>
            {
                var separator = p.Key.IndexOf(Facets.Separator, StringComparison.Ordinal);
                return (p.Key[..separator], p.Key[(separator + 1)..], p.Value);
            }).ToList();
        }
        return new TermAtATimeResult(total, facetCounts, heap.Sorted(newest ? _ => 0 : key => NumericUtils.SortableInt32ToSingle((int)key)));
    }

    private static int IndexOf(IReadOnlyList<string> dimensions, string dimension)
    {
        for (var d = 0; d < dimensions.Count; d++)
        {
            if (dimensions[d] == dimension)
            {
                return d;
            }
        }
        throw new ArgumentException($"Unknown facet dimension {dimension}", nameof(dimension));
    }

    private static void Mark(DocIdSetIterator? iterator, byte[] flags, int bit)
    {
        if (iterator is null)
        {
            return;
        }
        int doc;
        while ((doc = iterator.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
        {
            flags[doc] |= (byte)bit;
        }
    }

    /// <summary>Bits of an item's flags.</summary>
    private static class Flag
    {
        public const int Cited = 1;

        // One bit per chosen facet value from here (at most five dimensions).
        public const int FirstFilter = 2;
    }

    /// <summary>
    /// Which items the full query matches (<see cref="SearchEngine.ParsedQuery.ToQuery"/>): quoted
    /// phrases are required; without them, most of the words are, and a citation is enough when the
    /// query has one; the same words as typed and the pairs only order the matches.
    /// </summary>
    private readonly struct MatchRule(SearchEngine.ParsedQuery parsed, bool strict)
    {
        private readonly int minWords = parsed.FoldedTerms.Count == 0 ? int.MaxValue : strict ? SearchEngine.ParsedQuery.MinimumWords(parsed.FoldedTerms.Count) : 1;
        private readonly bool citations = parsed.Citations.Count > 0;
        private readonly int phrases = parsed.Phrases.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Matches(ushort words, byte flag, byte phrasesMatched)
        {
            if (phrases > 0)
            {
                // The words are then required only without citations (and when there are words).
                return phrasesMatched == phrases && (citations || minWords == int.MaxValue || BitOperations.PopCount(words) >= minWords);
            }
            return BitOperations.PopCount(words) >= minWords || (citations && (flag & Flag.Cited) != 0);
        }
    }

    /// <summary>
    /// The terms to read, grouped as the full query groups them: each word, each word as typed and each
    /// pair in the title, keywords and body, of which the best field counts; each citation clause on
    /// its own. Each term has the statistics and boosts of the full query's term query for it.
    /// </summary>
    private static List<PassGroup> Groups(IndexSearcher searcher, SearchEngine.ParsedQuery parsed, bool scored,
        Dictionary<(string Field, string Text), TermContext> states)
    {
        const float title = SearchEngine.ParsedQuery.TitleWeight;
        const float keywords = SearchEngine.ParsedQuery.KeywordsWeight;
        const float body = SearchEngine.ParsedQuery.BodyWeight;
        var groups = new List<PassGroup>();
        PassTerm Term(string field, string bodyField, string text, float weight, float boost, float constant, ushort wordBit, int flag) =>
            PassTerm.Create(searcher, SearchEngine.ParsedQuery.States(searcher, field, bodyField, text, states), scored ? weight : 0, boost,
                scored ? constant : 0, wordBit, flag);
        PassGroup InAnyField(string titleField, string keywordsField, string bodyField, string text, float boost, ushort wordBit) =>
            new(dismax: true,
            [
                Term(bodyField, bodyField, text, body, boost, 0, wordBit, 0),
                Term(titleField, bodyField, text, title, boost, 0, wordBit, 0),
                Term(keywordsField, bodyField, text, keywords, boost, 0, wordBit, 0),
            ]);
        foreach (var key in parsed.Citations)
        {
            // The citations' clauses: the document itself, the items citing it (a constant, then by how
            // much of their basis it is), the items naming it.
            groups.Add(new PassGroup(dismax: false,
            [
                Term(Fields.Number, Fields.Number, key, 0, 1, 1000, 0, Flag.Cited),
                Term(Fields.Cites, Fields.Cites, key, 0, 1, 100, 0, Flag.Cited),
                Term(Fields.Cites, Fields.Cites, key, 1, 1, 0, 0, Flag.Cited),
                Term(Fields.Mentions, Fields.Mentions, key, 0, 1, 30, 0, Flag.Cited),
            ]));
        }
        for (var i = 0; i < parsed.FoldedTerms.Count; i++)
        {
            groups.Add(InAnyField(Fields.TitleFolded, Fields.KeywordsFolded, Fields.BodyFolded, parsed.FoldedTerms[i], 1, (ushort)(1 << i)));
        }
        if (scored)
        {
            foreach (var term in parsed.ExactTerms)
            {
                groups.Add(InAnyField(Fields.TitleExact, Fields.KeywordsExact, Fields.BodyExact, term, SearchEngine.ParsedQuery.ExactWeight, 0));
            }
            foreach (var pair in parsed.Pairs)
            {
                groups.Add(InAnyField(Fields.TitlePairs, Fields.KeywordsPairs, Fields.BodyPairs, pair, SearchEngine.ParsedQuery.PairWeight, 0));
            }
        }
        foreach (var group in groups)
        {
            group.Terms.RemoveAll(t => t.States.DocFreq == 0);
        }
        groups.RemoveAll(g => g.Terms.Count == 0);
        return groups;
    }

    /// <summary>Per-item arrays for one segment at a time, rented for the search.</summary>
    private readonly record struct LeafArrays(ushort[] WordBits, byte[] Flags, byte[] PhraseCounts, float[] Scores, float[] Sums, float[] Maxima)
    {
        public void Clear(int docs)
        {
            Array.Clear(WordBits, 0, docs);
            Array.Clear(Flags, 0, docs);
            Array.Clear(PhraseCounts, 0, docs);
            Array.Clear(Scores, 0, docs);
            Array.Clear(Sums, 0, docs);
            Array.Clear(Maxima, 0, docs);
        }

        public void Return()
        {
            ArrayPool<ushort>.Shared.Return(WordBits);
            ArrayPool<byte>.Shared.Return(Flags);
            ArrayPool<byte>.Shared.Return(PhraseCounts);
            ArrayPool<float>.Shared.Return(Scores);
            ArrayPool<float>.Shared.Return(Sums);
            ArrayPool<float>.Shared.Return(Maxima);
        }
    }

    /// <summary>
    /// Adds a disjunction-max's score to every item of a range: the best field's score plus the others'
    /// times the tie-breaker; then clears the sums and maxima for the next group.
    /// </summary>
    private static void Fold(LeafArrays arrays, int low, int high)
    {
        if (high < low)
        {
            return;
        }
        var scores = arrays.Scores.AsSpan(low, high - low + 1);
        var sums = arrays.Sums.AsSpan(low, high - low + 1);
        var maxima = arrays.Maxima.AsSpan(low, high - low + 1);
        const float tie = SearchEngine.ParsedQuery.FieldTieBreaker;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var tieVector = new Vector<float>(tie);
            for (; i <= scores.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var max = new Vector<float>(maxima[i..]);
                (new Vector<float>(scores[i..]) + max + (new Vector<float>(sums[i..]) - max) * tieVector).CopyTo(scores[i..]);
            }
        }
        for (; i < scores.Length; i++)
        {
            scores[i] += maxima[i] + (sums[i] - maxima[i]) * tie;
        }
        sums.Clear();
        maxima.Clear();
    }

    /// <summary>Terms whose scores add up (the citation clauses), or of which the best counts, the others a tenth (a word's fields).</summary>
    private sealed class PassGroup(bool dismax, List<PassTerm> terms)
    {
        private readonly bool scored = terms.Exists(t => t.Stats is not null || t.Constant > 0);

        public List<PassTerm> Terms => terms;

        public DocsEnum? Read(AtomicReaderContext leaf, Similarity similarity, LeafArrays arrays, DocsEnum? reuse)
        {
            int low = int.MaxValue, high = -1;
            foreach (var term in terms)
            {
                reuse = term.Read(leaf, similarity, arrays, dismax, reuse, ref low, ref high);
            }
            if (dismax && scored)
            {
                Fold(arrays, low, high);
            }
            return reuse;
        }
    }

    /// <summary>One term: the bits its postings set, and what each adds to the score.</summary>
    private sealed record PassTerm(Term Term, TermContext States, Similarity.SimWeight? Stats, float Constant, ushort WordBit, byte Flag)
    {
        /// <summary>
        /// A term with the statistics of the full query's term query for it: its weight (the term
        /// query's boost; 0 for none) and the boost of the clause around it.
        /// </summary>
        public static PassTerm Create(IndexSearcher searcher, (Term Term, TermContext States) term, float weight, float clauseBoost, float constant,
            ushort wordBit, int flag)
        {
            Similarity.SimWeight? stats = null;
            if (weight > 0 && term.States.DocFreq > 0)
            {
                stats = searcher.Similarity.ComputeWeight(weight, searcher.CollectionStatistics(term.Term.Field), searcher.TermStatistics(term.Term, term.States));
                stats.Normalize(1, clauseBoost);
            }
            return new PassTerm(term.Term, term.States, stats, constant, wordBit, (byte)flag);
        }

        /// <summary>
        /// Reads the term's postings in the segment: sets its bits, and adds its scores to the item's
        /// score, or in a disjunction-max to the group's sums and maxima, widening the range they cover.
        /// </summary>
        public DocsEnum? Read(AtomicReaderContext leaf, Similarity similarity, LeafArrays arrays, bool dismax, DocsEnum? reuse,
            ref int low, ref int high)
        {
            if (States.Get(leaf.Ord) is not { } state)
            {
                return reuse;
            }
            var termsEnum = leaf.AtomicReader.GetTerms(Term.Field)!.GetEnumerator();
            termsEnum.SeekExact(Term.Bytes, state);
            var docs = termsEnum.Docs(null, reuse, Stats is null ? DocsFlags.NONE : DocsFlags.FREQS);
            var doc = docs.NextDoc();
            if (doc == DocIdSetIterator.NO_MORE_DOCS)
            {
                return docs;
            }
            low = Math.Min(low, doc);
            var bit = WordBit;
            var flag = Flag;
            var wordBits = arrays.WordBits;
            var flags = arrays.Flags;
            var last = doc;
            if (Stats is not null)
            {
                var scorer = similarity.GetSimScorer(Stats, leaf);
                var scores = dismax ? arrays.Sums : arrays.Scores;
                var maxima = arrays.Maxima;
                var constant = Constant;
                for (; doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
                {
                    var score = constant + scorer.Score(doc, docs.Freq);
                    scores[doc] += score;
                    if (dismax && score > maxima[doc])
                    {
                        maxima[doc] = score;
                    }
                    wordBits[doc] |= bit;
                    flags[doc] |= flag;
                    last = doc;
                }
            }
            else if (Constant > 0)
            {
                var scores = dismax ? arrays.Sums : arrays.Scores;
                var maxima = arrays.Maxima;
                var constant = Constant;
                for (; doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
                {
                    scores[doc] += constant;
                    if (dismax && constant > maxima[doc])
                    {
                        maxima[doc] = constant;
                    }
                    wordBits[doc] |= bit;
                    flags[doc] |= flag;
                    last = doc;
                }
            }
            else
            {
                for (; doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
                {
                    wordBits[doc] |= bit;
                    flags[doc] |= flag;
                    last = doc;
                }
            }
            high = Math.Max(high, last);
            return docs;
        }
    }

    /// <summary>
    /// A quoted phrase in the title, keywords and body: found, and its frequency counted, over the pair
    /// fields ("a b", "b c" at neighbouring positions for "a b c" are found at the same places as the
    /// syllables, and are far rarer, so far cheaper to find); scored as the full query's phrase query
    /// over the syllables scores that frequency.
    /// </summary>
    private sealed class PhraseGroup(List<(Weight Finder, Similarity.SimWeight? Stats)> fields)
    {
        public static PhraseGroup Create(IndexSearcher searcher, List<string> phrase, bool scored)
        {
            var fields = new List<(Weight, Similarity.SimWeight?)>();
            foreach (var (folded, pairsField, weight) in new[]
            {
                (Fields.TitleFolded, Fields.TitlePairs, SearchEngine.ParsedQuery.TitleWeight),
                (Fields.KeywordsFolded, Fields.KeywordsPairs, SearchEngine.ParsedQuery.KeywordsWeight),
                (Fields.BodyFolded, Fields.BodyPairs, SearchEngine.ParsedQuery.BodyWeight),
            })
            {
                Query finder;
                if (phrase.Count == 1)
                {
                    finder = new TermQuery(new Term(folded, phrase[0]));
                }
                else
                {
                    var pairs = new PhraseQuery();
                    for (var i = 0; i + 1 < phrase.Count; i++)
                    {
                        pairs.Add(new Term(pairsField, phrase[i] + " " + phrase[i + 1]));
                    }
                    finder = pairs;
                }
                Similarity.SimWeight? stats = null;
                if (scored)
                {
                    // As a phrase query weighs itself: the rarities of its syllables add up.
                    var terms = phrase.Select(t => new Term(folded, t))
                        .Select(t => searcher.TermStatistics(t, TermContext.Build(searcher.TopReaderContext, t))).ToArray();
                    stats = searcher.Similarity.ComputeWeight(weight, searcher.CollectionStatistics(folded), terms);
                    stats.Normalize(1, 1);
                }
                fields.Add((searcher.CreateNormalizedWeight(finder), stats));
            }
            return new PhraseGroup(fields);
        }

        /// <summary>Counts the phrase for the items that matched every earlier phrase, and adds its score.</summary>
        public void Read(AtomicReaderContext leaf, Similarity similarity, LeafArrays arrays, byte index)
        {
            int low = int.MaxValue, high = -1;
            var phraseCounts = arrays.PhraseCounts;
            foreach (var (finder, stats) in fields)
            {
                var scorer = finder.GetScorer(leaf, null);
                if (scorer is null)
                {
                    continue;
                }
                var simScorer = stats is null ? null : similarity.GetSimScorer(stats, leaf);
                int doc;
                while ((doc = scorer.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                {
                    if (phraseCounts[doc] == index)
                    {
                        phraseCounts[doc] = (byte)(index + 1);
                    }
                    if (simScorer is not null)
                    {
                        var score = simScorer.Score(doc, scorer.Freq);
                        arrays.Sums[doc] += score;
                        arrays.Maxima[doc] = Math.Max(arrays.Maxima[doc], score);
                        low = Math.Min(low, doc);
                        high = Math.Max(high, doc);
                    }
                }
            }
            Fold(arrays, low, high);
        }
    }

    /// <summary>
    /// The best items seen so far by a key (a score as sortable bits, or a date), ties to the lower
    /// document as Lucene's collectors break them. Items arrive in document order.
    /// </summary>
    private sealed class TopHeap(int size)
    {
        private readonly long[] keys = new long[size];
        private readonly int[] docs = new int[size];
        private int count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Offer(long key, int doc)
        {
            if (count < size)
            {
                keys[count] = key;
                docs[count] = doc;
                Up(count++);
            }
            else if (key > keys[0])
            {
                // An equal key loses: it belongs to a later document.
                keys[0] = key;
                docs[0] = doc;
                Down(0);
            }
        }

        // The root is the worst kept: the lowest key, and of equal keys the highest document.
        private bool Worse(int a, int b) => keys[a] < keys[b] || (keys[a] == keys[b] && docs[a] > docs[b]);

        private void Up(int i)
        {
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (!Worse(i, parent))
                {
                    return;
                }
                Swap(i, parent);
                i = parent;
            }
        }

        private void Down(int i)
        {
            while (true)
            {
                var left = 2 * i + 1;
                if (left >= count)
                {
                    return;
                }
                var worst = left + 1 < count && Worse(left + 1, left) ? left + 1 : left;
                if (!Worse(worst, i))
                {
                    return;
                }
                Swap(i, worst);
                i = worst;
            }
        }

        private void Swap(int a, int b)
        {
            (keys[a], keys[b]) = (keys[b], keys[a]);
            (docs[a], docs[b]) = (docs[b], docs[a]);
        }

        /// <summary>Best first, each with the score its key stands for.</summary>
        public ScoreDoc[] Sorted(Func<long, float> score) => Enumerable.Range(0, count)
            .OrderByDescending(i => keys[i]).ThenBy(i => docs[i])
            .Select(i => new ScoreDoc(docs[i], score(keys[i])))
            .ToArray();
    }
}

/// <summary>
/// What the search reads for every item of one segment: its visibility window and facet values, read
/// once and kept as long as the segment lives (segments never change; a refreshed searcher reads only
/// its new segments, and <see cref="SearchIndex"/> reads them when it opens them, before any search).
/// </summary>
internal sealed class SegmentValues
{
    private static readonly ConditionalWeakTable<object, SegmentValues> Cache = new();
    private readonly Dictionary<string, DimensionValues> dimensions;

    private SegmentValues(AtomicReader reader)
    {
        dimensions = Facets.Dimensions.ToDictionary(d => d, d => DimensionValues.Read(reader, Fields.Facet(d)));
        VisibleFrom = ReadInt64s(reader, Fields.VisibleFrom, long.MinValue);
        VisibleUntil = ReadInt64s(reader, Fields.VisibleUntil, long.MaxValue);
    }

    /// <summary>UTC ticks from which each item may be shown.</summary>
    public long[] VisibleFrom { get; }

    /// <summary>UTC ticks from which each item is hidden.</summary>
    public long[] VisibleUntil { get; }

    public static SegmentValues Of(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => new SegmentValues(reader));

    public DimensionValues Dimension(string dimension) => dimensions[dimension];

    /// <summary>The values of an indexed 64-bit numeric field, from its full-precision terms.</summary>
    private static long[] ReadInt64s(AtomicReader reader, string field, long missing)
    {
        var values = new long[reader.MaxDoc];
        Array.Fill(values, missing);
        if (reader.GetTerms(field) is not { } terms)
        {
            return values;
        }
        var termsEnum = NumericUtils.FilterPrefixCodedInt64s(terms.GetEnumerator());
        DocsEnum? docs = null;
        while (termsEnum.MoveNext())
        {
            var value = NumericUtils.PrefixCodedToInt64(termsEnum.Term);
            docs = termsEnum.Docs(null, docs, DocsFlags.NONE);
            int doc;
            while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
            {
                values[doc] = value;
            }
        }
        return values;
    }

    /// <summary>
    /// The values of one dimension, keys "slug␟label" by ord: for a dimension of at most one value per
    /// item, the item's ord (−1 for none); otherwise item d has ords[starts[d]..starts[d + 1]).
    /// </summary>
    internal sealed class DimensionValues(int[]? single, int[] starts, int[] ords, string[] keys)
    {
        public string[] Keys => keys;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Count(int doc, int[] counts)
        {
            if (single is not null)
            {
                var ord = single[doc];
                if (ord >= 0)
                {
                    counts[ord]++;
                }
                return;
            }
            for (var i = starts[doc]; i < starts[doc + 1]; i++)
            {
                counts[ords[i]]++;
            }
        }

        public static DimensionValues Read(AtomicReader reader, string field)
        {
            var maxDoc = reader.MaxDoc;
            var starts = new int[maxDoc + 1];
            var values = reader.GetSortedSetDocValues(field);
            if (values is null)
            {
                return new DimensionValues(null, starts, [], []);
            }
            var ords = new List<int>(maxDoc);
            var singleValued = true;
            for (var doc = 0; doc < maxDoc; doc++)
            {
                starts[doc] = ords.Count;
                values.SetDocument(doc);
                long ord;
                while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
                {
                    ords.Add((int)ord);
                }
                singleValued &= ords.Count - starts[doc] <= 1;
            }
            starts[maxDoc] = ords.Count;
            var keys = new string[values.ValueCount];
            var bytes = new BytesRef();
            for (var ord = 0; ord < keys.Length; ord++)
            {
                values.LookupOrd(ord, bytes);
                keys[ord] = bytes.Utf8ToString();
            }
            if (!singleValued)
            {
                return new DimensionValues(null, starts, ords.ToArray(), keys);
            }
            var single = new int[maxDoc];
            for (var doc = 0; doc < maxDoc; doc++)
            {
                single[doc] = starts[doc + 1] > starts[doc] ? ords[starts[doc]] : -1;
            }
            return new DimensionValues(single, [], [], keys);
        }
    }
}
