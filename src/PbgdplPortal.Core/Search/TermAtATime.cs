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
/// (a disjunction-max). It computes what <see cref="ParsedQuery.ToQuery"/> computes (the
/// same items, the same scores from the same statistics and boosts, up to the order in which floats
/// are added), and counts totals and facets in the same sweep. Quoted phrases are found over the pair
/// fields, where they are cheap to find, and scored as phrase queries over the syllables score them.
/// </summary>
internal static class TermAtATime
{
    // A search over fewer items than this is not worth splitting between threads.
    private const int ParallelFromItems = 20_000;
    private const int MaxThreads = 4;

    /// <summary>Whether a search on this index is worth splitting between threads.</summary>
    public static bool InParallel(IndexSearcher searcher) => Environment.ProcessorCount > 1 && searcher.IndexReader.MaxDoc >= ParallelFromItems;

    public static TermAtATimeResult Run(IndexSearcher searcher, ParsedQuery parsed, bool strict,
        IReadOnlyList<(string Dimension, string Value)> filters, DateTime now, bool newest, int keep)
    {
        // Newest first needs no scores: only which items match, and their dates.
        var scored = !newest;
        var groups = Groups(parsed, scored);
        var lookup = new TermLookup(searcher, groups.SelectMany(g => g.Terms).SelectMany(t => new[] { (t.Term.Field, t.Text), (t.BodyField, t.Text) }));
        foreach (var term in groups.SelectMany(g => g.Terms))
        {
            term.Resolve(searcher, lookup);
        }
        foreach (var group in groups)
        {
            group.Terms.RemoveAll(t => t.States.DocFreq == 0);
        }
        groups.RemoveAll(g => g.Terms.Count == 0);
        var search = new Search(searcher, groups, parsed.Phrases.Select(p => PhraseGroup.Create(searcher, p, scored)).ToList(),
            new MatchRule(parsed, strict), filters, now.Ticks, newest, Math.Max(keep, 1));

        // The items of each segment are split into as many ranges as threads, each thread taking one
        // range of every segment: a search that reads most of the corpus uses every core.
        var threads = InParallel(searcher) ? Math.Clamp(Environment.ProcessorCount, 1, MaxThreads) : 1;
        var parts = new Search.Part[threads];
        if (threads == 1)
        {
            parts[0] = search.Run(0, 1);
        }
        else
        {
            Parallel.For(0, threads, w => parts[w] = search.Run(w, threads));
        }

        var dimensions = Facets.Dimensions;
        var facetCounts = new Dictionary<string, List<(string Value, string Label, int Count)>>();
        for (var d = 0; d < dimensions.Count; d++)
        {
            facetCounts[dimensions[d]] = parts.SelectMany(part => part.Totals[d])
                .GroupBy(p => p.Key, p => p.Value)
                .Select(g =>
                {
                    var separator = g.Key.IndexOf(Facets.Separator, StringComparison.Ordinal);
                    return (g.Key[..separator], g.Key[(separator + 1)..], g.Sum());
                }).ToList();
        }
        var top = parts.SelectMany(part => part.Top.Entries())
            .OrderByDescending(e => e.Key).ThenBy(e => e.Doc).Take(Math.Max(keep, 1))
            .Select(e => new ScoreDoc(e.Doc, newest ? 0 : NumericUtils.SortableInt32ToSingle((int)e.Key)))
            .ToArray();
        return new TermAtATimeResult(parts.Sum(part => part.Total), facetCounts, top);
    }

    /// <summary>One search, split by ranges of items: what every range reads and how it decides.</summary>
    private sealed class Search(IndexSearcher searcher, List<PassGroup> groups, List<PhraseGroup> phraseGroups, MatchRule rule,
        IReadOnlyList<(string Dimension, string Value)> filters, long ticks, bool newest, int keep)
    {
        /// <summary>What one thread found: its matches, their facet values by dimension, its best items.</summary>
        public sealed record Part(int Total, Dictionary<string, int>[] Totals, TopHeap Top);

        /// <summary>Reads range <paramref name="index"/> of <paramref name="count"/> of every segment.</summary>
        public Part Run(int index, int count)
        {
            var similarity = searcher.Similarity;
            var dimensions = Facets.Dimensions;
            // The dimension of each chosen value (filter f is flag bit FirstFilter << f).
            var filterDimensions = filters.Select(f => IndexOf(dimensions, f.Dimension)).ToArray();
            var allFilters = ((1 << filters.Count) - 1) * Flag.FirstFilter;
            var totals = dimensions.Select(_ => new Dictionary<string, int>()).ToArray();
            var heap = new TopHeap(keep);
            var total = 0;
            var leaves = searcher.TopReaderContext.Leaves;
            var largest = Math.Max(1, leaves.Count == 0 ? 0 : leaves.Max(l => l.AtomicReader.MaxDoc / count + 1));
            var arrays = LeafArrays.Rent(largest);
            try
            {
                DocsEnum? reuse = null;
                foreach (var leaf in leaves)
                {
                    var reader = leaf.AtomicReader;
                    var low = (int)((long)reader.MaxDoc * index / count);
                    var high = (int)((long)reader.MaxDoc * (index + 1) / count);
                    if (high <= low)
                    {
                        continue;
                    }
                    var range = new DocRange(low, high);
                    arrays.Clear(range.Length);
                    var enums = new Dictionary<string, TermsEnum>();
                    foreach (var group in groups)
                    {
                        reuse = group.Read(leaf, similarity, arrays, range, enums, reuse);
                    }
                    for (var p = 0; p < phraseGroups.Count; p++)
                    {
                        phraseGroups[p].Read(leaf, similarity, arrays, range, (byte)p);
                    }
                    // What else hides an item: deleted, outside its visibility window, outside a chosen facet value.
                    var flags = arrays.Flags;
                    for (var f = 0; f < filters.Count; f++)
                    {
                        var docs = reader.GetTermDocsEnum(new Term(filters[f].Dimension, filters[f].Value));
                        var doc = docs is null ? DocIdSetIterator.NO_MORE_DOCS : range.First(docs);
                        for (; doc < high; doc = docs!.NextDoc())
                        {
                            flags[doc - low] |= (byte)(Flag.FirstFilter << f);
                        }
                    }
                    var live = reader.LiveDocs;
                    var segment = SegmentValues.Of(reader);
                    var values = dimensions.Select(segment.Dimension).ToArray();
                    var counts = values.Select(v => new int[v.Keys.Length]).ToArray();
                    var visibleFrom = segment.VisibleFrom;
                    var visibleUntil = segment.VisibleUntil;
                    // Mostly every item of a segment is visible now: then no item's window needs reading.
                    var allVisible = segment.LatestFrom <= ticks && segment.EarliestUntil > ticks;
                    var published = newest ? reader.GetNumericDocValues(Fields.PublishedSort) : null;
                    var wordBits = arrays.WordBits;
                    var phraseCounts = arrays.PhraseCounts;
                    var scores = arrays.Scores;
                    var matched = arrays.Matched;
                    var docBase = leaf.DocBase;
                    // First which items match, then their facet values dimension by dimension and the best
                    // of them: each loop then reads only a few arrays.
                    var found = 0;
                    for (var doc = low; doc < high; doc++)
                    {
                        var i = doc - low;
                        var flag = flags[i];
                        if (!rule.Matches(wordBits[i], flag, phraseCounts[i]) || (!allVisible && (visibleFrom[doc] > ticks || visibleUntil[doc] <= ticks))
                            || (live is not null && !live.Get(doc)))
                        {
                            continue;
                        }
                        var missing = allFilters & ~flag;
                        if (missing == 0)
                        {
                            matched[found++] = doc;
                        }
                        else if ((missing & (missing - 1)) == 0)
                        {
                            // Outside one chosen value only: counted for that dimension, so its other values
                            // stay visible and can be chosen instead (drill sideways).
                            var d = filterDimensions[BitOperations.TrailingZeroCount(missing / Flag.FirstFilter)];
                            values[d].Count(doc, counts[d]);
                        }
                    }
                    total += found;
                    var matches = matched.AsSpan(0, found);
                    for (var d = 0; d < values.Length; d++)
                    {
                        values[d].CountAll(matches, counts[d]);
                    }
                    if (published is not null)
                    {
                        foreach (var doc in matches)
                        {
                            heap.Offer(published.Get(doc), docBase + doc);
                        }
                    }
                    else
                    {
                        foreach (var doc in matches)
                        {
                            heap.Offer(NumericUtils.SingleToSortableInt32(scores[doc - low]), docBase + doc);
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
            return new Part(total, totals, heap);
        }
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

    /// <summary>Bits of an item's flags.</summary>
    private static class Flag
    {
        public const int Cited = 1;

        // One bit per chosen facet value from here (at most five dimensions).
        public const int FirstFilter = 2;

        // Set while a group is read where one of its terms is found, cleared when the group is folded.
        public const int Present = 0x80;
    }

    /// <summary>The items [Low, High) of a segment that one thread reads; arrays are indexed from Low.</summary>
    private readonly record struct DocRange(int Low, int High)
    {
        public int Length => High - Low;

        /// <summary>Positions an iterator on the first item of the range (or past it).</summary>
        public int First(DocIdSetIterator iterator) => Low == 0 ? iterator.NextDoc() : iterator.Advance(Low);
    }

    /// <summary>
    /// Which items the full query matches (<see cref="ParsedQuery.ToQuery"/>): quoted
    /// phrases are required; without them, most of the words are, and a citation is enough when the
    /// query has one; the same words as typed and the pairs only order the matches.
    /// </summary>
    private readonly struct MatchRule(ParsedQuery parsed, bool strict)
    {
        private readonly int minWords = parsed.FoldedTerms.Count == 0 ? int.MaxValue : strict ? ParsedQuery.MinimumWords(parsed.FoldedTerms.Count) : 1;
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
    /// its own. Each term gets the weights of the full query's term query for it.
    /// </summary>
    private static List<PassGroup> Groups(ParsedQuery parsed, bool scored)
    {
        const float title = ParsedQuery.TitleWeight;
        const float keywords = ParsedQuery.KeywordsWeight;
        const float body = ParsedQuery.BodyWeight;
        var groups = new List<PassGroup>();
        PassTerm Term(string field, string bodyField, string text, float weight, float boost, float constant, ushort wordBit, int flag) =>
            new(new Term(field, text), bodyField, text, scored ? weight : 0, boost, scored ? constant : 0, wordBit, (byte)flag);
        PassGroup InAnyField(string titleField, string keywordsField, string bodyField, string text, float boost, ushort wordBit, int flag = 0,
            float presentBonus = 0) =>
            new(dismax: true,
            [
                Term(bodyField, bodyField, text, body, boost, 0, wordBit, flag),
                Term(titleField, bodyField, text, title, boost, 0, wordBit, flag),
                Term(keywordsField, bodyField, text, keywords, boost, 0, wordBit, flag),
            ], presentBonus: presentBonus);
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
                // A word typed with diacritics adds its constant once wherever it is found as typed: the
                // postings read for the word as typed tell where that is, so they are read only once.
                var marked = parsed.MarkedTerms.Contains(term);
                var group = InAnyField(Fields.TitleExact, Fields.KeywordsExact, Fields.BodyExact, term, ParsedQuery.ExactWeight, 0,
                    marked ? Flag.Present : 0, marked ? ParsedQuery.TypedExactlyBonus : 0);
                groups.Add(group);
            }
            foreach (var pair in parsed.Pairs)
            {
                groups.Add(InAnyField(Fields.TitlePairs, Fields.KeywordsPairs, Fields.BodyPairs, pair, ParsedQuery.PairWeight, 0));
            }
        }
        return groups;
    }

    /// <summary>
    /// The query's terms looked up in every segment at once: one terms enumerator per field and
    /// segment, seeking each term of that field in turn, where looking terms up one by one would open
    /// one per term and segment.
    /// </summary>
    private sealed class TermLookup
    {
        private readonly Dictionary<(string Field, string Text), TermContext> states = [];

        public TermLookup(IndexSearcher searcher, IEnumerable<(string Field, string Text)> terms)
        {
            var top = searcher.TopReaderContext;
            var byField = terms.Distinct().GroupBy(t => t.Field, t => t.Text).ToList();
            foreach (var (field, text) in byField.SelectMany(g => g.Select(t => (g.Key, t))))
            {
                states[(field, text)] = new TermContext(top);
            }
            foreach (var leaf in top.Leaves)
            {
                foreach (var field in byField)
                {
                    if (leaf.AtomicReader.GetTerms(field.Key) is not { } fieldTerms)
                    {
                        continue;
                    }
                    var termsEnum = fieldTerms.GetEnumerator();
                    foreach (var text in field)
                    {
                        if (termsEnum.SeekExact(new BytesRef(text)))
                        {
                            states[(field.Key, text)].Register(termsEnum.GetTermState(), leaf.Ord, termsEnum.DocFreq, termsEnum.TotalTermFreq);
                        }
                    }
                }
            }
        }

        public TermContext this[string field, string text] => states[(field, text)];
    }

    /// <summary>Per-item arrays for one range of one segment at a time, rented for the search.</summary>
    /// <remarks><see cref="Matched"/> holds the items of the range that match (need no clearing).</remarks>
    private readonly record struct LeafArrays(ushort[] WordBits, byte[] Flags, byte[] PhraseCounts, float[] Scores, float[] Sums, float[] Maxima, int[] Matched)
    {
        public static LeafArrays Rent(int length) => new(ArrayPool<ushort>.Shared.Rent(length), ArrayPool<byte>.Shared.Rent(length),
            ArrayPool<byte>.Shared.Rent(length), ArrayPool<float>.Shared.Rent(length), ArrayPool<float>.Shared.Rent(length), ArrayPool<float>.Shared.Rent(length),
            ArrayPool<int>.Shared.Rent(length));

        public void Clear(int length)
        {
            Array.Clear(WordBits, 0, length);
            Array.Clear(Flags, 0, length);
            Array.Clear(PhraseCounts, 0, length);
            Array.Clear(Scores, 0, length);
            Array.Clear(Sums, 0, length);
            Array.Clear(Maxima, 0, length);
        }

        public void Return()
        {
            ArrayPool<ushort>.Shared.Return(WordBits);
            ArrayPool<byte>.Shared.Return(Flags);
            ArrayPool<byte>.Shared.Return(PhraseCounts);
            ArrayPool<float>.Shared.Return(Scores);
            ArrayPool<float>.Shared.Return(Sums);
            ArrayPool<float>.Shared.Return(Maxima);
            ArrayPool<int>.Shared.Return(Matched);
        }
    }

    /// <summary>
    /// Adds a disjunction-max's score to the items [low, high] of the arrays: the best field's score
    /// plus the others' times the tie-breaker, and <paramref name="presentBonus"/> to the items where a
    /// term of the group was found; then clears the sums, maxima and presence for the next group.
    /// </summary>
    private static void Fold(LeafArrays arrays, int low, int high, float tie = ParsedQuery.FieldTieBreaker, float presentBonus = 0)
    {
        if (high < low)
        {
            return;
        }
        var scores = arrays.Scores.AsSpan(low, high - low + 1);
        var sums = arrays.Sums.AsSpan(low, high - low + 1);
        var maxima = arrays.Maxima.AsSpan(low, high - low + 1);
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
        if (presentBonus > 0)
        {
            var flags = arrays.Flags.AsSpan(low, high - low + 1);
            for (i = 0; i < flags.Length; i++)
            {
                if ((flags[i] & Flag.Present) != 0)
                {
                    scores[i] += presentBonus;
                    flags[i] &= unchecked((byte)~Flag.Present);
                }
            }
        }
    }

    /// <summary>
    /// Terms whose scores add up (the citation clauses), or of which the best counts, the others a tenth
    /// (a word's fields); with a bonus, the items having any of the terms get it once (a word typed with
    /// diacritics found as typed; its terms then carry <see cref="Flag.Present"/>).
    /// </summary>
    private sealed class PassGroup(bool dismax, List<PassTerm> terms, float tie = ParsedQuery.FieldTieBreaker, float presentBonus = 0)
    {
        public List<PassTerm> Terms => terms;

        public DocsEnum? Read(AtomicReaderContext leaf, Similarity similarity, LeafArrays arrays, DocRange range, Dictionary<string, TermsEnum> enums,
            DocsEnum? reuse)
        {
            int low = int.MaxValue, high = -1;
            foreach (var term in terms)
            {
                reuse = term.Read(leaf, similarity, arrays, range, dismax, enums, reuse, ref low, ref high);
            }
            if (dismax && terms.Exists(t => t.Stats is not null || t.Constant > 0))
            {
                Fold(arrays, low, high, tie, presentBonus);
            }
            return reuse;
        }
    }

    /// <summary>One term: the bits its postings set, and what each adds to the score.</summary>
    private sealed class PassTerm(Term term, string bodyField, string text, float weight, float clauseBoost, float constant, ushort wordBit, byte flag)
    {
        public Term Term => term;
        public string BodyField => bodyField;
        public string Text => text;
        public float Constant => constant;
        public TermContext States { get; private set; } = null!;
        public Similarity.SimWeight? Stats { get; private set; }

        /// <summary>
        /// Takes the term's states, and the statistics of the full query's term query for it: a rarity
        /// (document frequency) that is the larger of its own field's and the body's
        /// (<see cref="ParsedQuery.States"/>), its weight (the term query's boost, 0 for
        /// none) and the boost of the clause around it.
        /// </summary>
        public void Resolve(IndexSearcher searcher, TermLookup lookup)
        {
            States = lookup[term.Field, text];
            if (weight > 0 && States.DocFreq > 0)
            {
                var bodyFreq = lookup[bodyField, text].DocFreq;
                var statistics = bodyFreq > States.DocFreq
                    ? new TermStatistics(term.Bytes, bodyFreq, -1)
                    : searcher.TermStatistics(term, States);
                Stats = searcher.Similarity.ComputeWeight(weight, searcher.CollectionStatistics(term.Field), statistics);
                Stats.Normalize(1, clauseBoost);
            }
        }

        /// <summary>
        /// Reads the term's postings in the range: sets its bits, and adds its scores to the items'
        /// scores, or in a disjunction-max to the group's sums and maxima, widening the span they cover.
        /// </summary>
        public DocsEnum? Read(AtomicReaderContext leaf, Similarity similarity, LeafArrays arrays, DocRange range, bool dismax,
            Dictionary<string, TermsEnum> enums, DocsEnum? reuse, ref int low, ref int high)
        {
            if (States.Get(leaf.Ord) is not { } state)
            {
                return reuse;
            }
            if (!enums.TryGetValue(term.Field, out var termsEnum))
            {
                enums[term.Field] = termsEnum = leaf.AtomicReader.GetTerms(term.Field)!.GetEnumerator();
            }
            termsEnum.SeekExact(term.Bytes, state);
            var docs = termsEnum.Docs(null, reuse, Stats is null ? DocsFlags.NONE : DocsFlags.FREQS);
            var end = range.High;
            var offset = range.Low;
            var doc = range.First(docs);
            if (doc >= end)
            {
                return docs;
            }
            low = Math.Min(low, doc - offset);
            var bit = wordBit;
            var wordBits = arrays.WordBits;
            var flags = arrays.Flags;
            var last = doc;
            if (Stats is not null)
            {
                var scorer = similarity.GetSimScorer(Stats, leaf);
                var scores = dismax ? arrays.Sums : arrays.Scores;
                var maxima = arrays.Maxima;
                for (; doc < end; doc = docs.NextDoc())
                {
                    var i = doc - offset;
                    var score = constant + scorer.Score(doc, docs.Freq);
                    scores[i] += score;
                    if (dismax && score > maxima[i])
                    {
                        maxima[i] = score;
                    }
                    wordBits[i] |= bit;
                    flags[i] |= flag;
                    last = doc;
                }
            }
            else if (constant > 0)
            {
                var scores = dismax ? arrays.Sums : arrays.Scores;
                var maxima = arrays.Maxima;
                for (; doc < end; doc = docs.NextDoc())
                {
                    var i = doc - offset;
                    scores[i] += constant;
                    if (dismax && constant > maxima[i])
                    {
                        maxima[i] = constant;
                    }
                    wordBits[i] |= bit;
                    flags[i] |= flag;
                    last = doc;
                }
            }
            else
            {
                for (; doc < end; doc = docs.NextDoc())
                {
                    var i = doc - offset;
                    wordBits[i] |= bit;
                    flags[i] |= flag;
                    last = doc;
                }
            }
            high = Math.Max(high, last - offset);
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
                (Fields.TitleFolded, Fields.TitlePairs, ParsedQuery.TitleWeight),
                (Fields.KeywordsFolded, Fields.KeywordsPairs, ParsedQuery.KeywordsWeight),
                (Fields.BodyFolded, Fields.BodyPairs, ParsedQuery.BodyWeight),
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
        public void Read(AtomicReaderContext leaf, Similarity similarity, LeafArrays arrays, DocRange range, byte index)
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
                for (var doc = range.First(scorer); doc < range.High; doc = scorer.NextDoc())
                {
                    var i = doc - range.Low;
                    if (phraseCounts[i] == index)
                    {
                        phraseCounts[i] = (byte)(index + 1);
                    }
                    if (simScorer is not null)
                    {
                        var score = simScorer.Score(doc, scorer.Freq);
                        arrays.Sums[i] += score;
                        arrays.Maxima[i] = Math.Max(arrays.Maxima[i], score);
                        low = Math.Min(low, i);
                        high = Math.Max(high, i);
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

        public IEnumerable<(long Key, int Doc)> Entries() => Enumerable.Range(0, count).Select(i => (keys[i], docs[i]));

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
        LatestFrom = VisibleFrom.Length == 0 ? long.MinValue : VisibleFrom.Max();
        EarliestUntil = VisibleUntil.Length == 0 ? long.MaxValue : VisibleUntil.Min();
    }

    /// <summary>The latest moment from which an item of the segment may be shown: from then on, all are (until <see cref="EarliestUntil"/>).</summary>
    public long LatestFrom { get; }

    /// <summary>The earliest moment from which an item of the segment is hidden.</summary>
    public long EarliestUntil { get; }

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

        /// <summary>Counts the values of the given items.</summary>
        public void CountAll(ReadOnlySpan<int> docs, int[] counts)
        {
            if (single is not null)
            {
                foreach (var doc in docs)
                {
                    var ord = single[doc];
                    if (ord >= 0)
                    {
                        counts[ord]++;
                    }
                }
                return;
            }
            foreach (var doc in docs)
            {
                for (var i = starts[doc]; i < starts[doc + 1]; i++)
                {
                    counts[ords[i]]++;
                }
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
