using System.Text;
using System.Text.RegularExpressions;
using Lucene.Net.Index;
using Lucene.Net.Search;
using PbgdplPortal.Text;

namespace PbgdplPortal.Search;

/// <summary>What the reader typed, split into citations, quoted phrases and free words.</summary>
internal sealed partial class ParsedQuery
{
    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex QuotedPhrase();

    // How much a match weighs by where it is: the title says what an item is about, the topic and
    // audience names say whom it is for, the body only mentions things.
    internal const float TitleWeight = 3;
    internal const float KeywordsWeight = 2;
    internal const float BodyWeight = 1;

    // Matches with the diacritics as typed weigh this much more than matches that agree only folded.
    internal const float ExactWeight = 2;

    // A word typed with diacritics found as typed adds this much, more than any one word can score
    // folded, so that what was typed exactly ranks above what agrees only folded ("đất", not "đặt").
    internal const float TypedExactlyBonus = 40;

    // Two neighbouring syllables are most often one word: matching the word ("tàu cá") is stronger
    // evidence than matching one of its syllables ("tàu" in "tàu thuyền"), wherever that syllable is.
    internal const float PairWeight = 3;

    private const int MaxTerms = 16;

    public List<string> Citations { get; } = [];
    public List<List<string>> Phrases { get; } = [];
    public List<string> FoldedTerms { get; private set; } = [];
    public List<string> ExactTerms { get; private set; } = [];

    /// <summary>The exact terms typed with diacritics (or đ): those whose folded form differs.</summary>
    public List<string> MarkedTerms { get; private set; } = [];

    /// <summary>Neighbouring folded syllables in typed order, as indexed in the pair fields ("ngu dan").</summary>
    public List<string> Pairs { get; private set; } = [];

    public bool IsEmpty => Citations.Count == 0 && Phrases.Count == 0 && FoldedTerms.Count == 0;

    public static ParsedQuery Parse(string text)
    {
        var parsed = new ParsedQuery();
        var rest = new StringBuilder(text);
        foreach (var match in DocumentNumbers.Find(text).Reverse())
        {
            parsed.Citations.Add(DocumentNumbers.Key(match.Value));
            rest.Remove(match.Index, match.Length).Insert(match.Index, ' ');
        }
        var free = QuotedPhrase().Replace(rest.ToString(), m =>
        {
            var phrase = Analyzers.Terms(Analyzers.Folded, Fields.BodyFolded, m.Groups[1].Value);
            if (phrase.Count > 0)
            {
                parsed.Phrases.Add(phrase);
            }
            return " ";
        });
        // Every word costs nine term clauses; questions rarely need more than sixteen syllables, and
        // pasted paragraphs would otherwise make one search as costly as hundreds.
        parsed.FoldedTerms = Analyzers.Terms(Analyzers.Folded, Fields.BodyFolded, free).Distinct().Take(MaxTerms).ToList();
        parsed.ExactTerms = Analyzers.Terms(Analyzers.Exact, Fields.BodyExact, free).Distinct().Take(MaxTerms).ToList();
        parsed.MarkedTerms = parsed.ExactTerms.Where(t => Analyzers.Terms(Analyzers.Folded, Fields.BodyFolded, t) is not [var folded] || folded != t).ToList();
        parsed.Pairs = Analyzers.Terms(Analyzers.FoldedPairs, Fields.BodyPairs, free).Distinct().Take(MaxTerms - 1).ToList();
        return parsed;
    }

    /// <summary>
    /// The Lucene query. It needs the searcher because a word's rarity is read from the index
    /// (see <see cref="Term"/>); strict asks for most of the words, otherwise any one will do.
    /// </summary>
    public Query ToQuery(IndexSearcher searcher, bool strict)
    {
        var query = new BooleanQuery();
        if (Citations.Count > 0)
        {
            // The cited document itself first; then items that cite it as their legal basis, those
            // drawing more of their basis from it first; then items that only name it in passing.
            var citations = new BooleanQuery();
            foreach (var key in Citations)
            {
                citations.Add(new ConstantScoreQuery(new TermQuery(new Term(Fields.Number, key))) { Boost = 1000 }, Occur.SHOULD);
                citations.Add(new ConstantScoreQuery(new TermQuery(new Term(Fields.Cites, key))) { Boost = 100 }, Occur.SHOULD);
                citations.Add(new TermQuery(new Term(Fields.Cites, key)), Occur.SHOULD);
                citations.Add(new ConstantScoreQuery(new TermQuery(new Term(Fields.Mentions, key))) { Boost = 30 }, Occur.SHOULD);
            }
            query.Add(citations, FoldedTerms.Count == 0 && Phrases.Count == 0 ? Occur.MUST : Occur.SHOULD);
        }
        foreach (var phrase in Phrases)
        {
            query.Add(Best(Phrase(Fields.TitleFolded, phrase, TitleWeight), Phrase(Fields.KeywordsFolded, phrase, KeywordsWeight),
                Phrase(Fields.BodyFolded, phrase, BodyWeight)), Occur.MUST);
        }
        if (FoldedTerms.Count > 0)
        {
            // Questions carry words their answers need not repeat ("ai", "thế nào", "phải làm sao"),
            // so two thirds of the words must match, not all; the fallback accepts any one.
            var words = new BooleanQuery { MinimumNumberShouldMatch = strict ? MinimumWords(FoldedTerms.Count) : 1 };
            foreach (var term in FoldedTerms)
            {
                words.Add(InAnyField(searcher, Fields.TitleFolded, Fields.KeywordsFolded, Fields.BodyFolded, term), Occur.SHOULD);
            }
            // The words decide what matches; the same words as typed and side by side only order the
            // matches (the first pass, MatchPass, relies on this).
            var wordsGroup = new BooleanQuery { { words, Occur.MUST } };
            var exact = new BooleanQuery { Boost = ExactWeight };
            foreach (var term in ExactTerms)
            {
                exact.Add(InAnyField(searcher, Fields.TitleExact, Fields.KeywordsExact, Fields.BodyExact, term), Occur.SHOULD);
            }
            wordsGroup.Add(exact, Occur.SHOULD);
            foreach (var term in MarkedTerms)
            {
                // Once per word, wherever it is.
                wordsGroup.Add(new DisjunctionMaxQuery(0) { Marked(Fields.TitleExact, term), Marked(Fields.KeywordsExact, term), Marked(Fields.BodyExact, term) },
                    Occur.SHOULD);
            }
            // Syllables side by side form words ("ngư dân", "sổ đỏ"), and a pair is as rare as its word,
            // so words side by side beat the same syllables scattered.
            var pairs = new BooleanQuery { Boost = PairWeight };
            foreach (var pair in Pairs)
            {
                pairs.Add(InAnyField(searcher, Fields.TitlePairs, Fields.KeywordsPairs, Fields.BodyPairs, pair), Occur.SHOULD);
            }
            if (pairs.Clauses.Count > 0)
            {
                wordsGroup.Add(pairs, Occur.SHOULD);
            }
            query.Add(wordsGroup, Citations.Count > 0 ? Occur.SHOULD : Occur.MUST);
        }
        return query;
    }

    private static ConstantScoreQuery Marked(string field, string text) =>
        new(new TermQuery(new Term(field, text))) { Boost = TypedExactlyBonus };

    /// <summary>How many of the typed words an item must have in a strict search: two thirds, rounded up.</summary>
    public static int MinimumWords(int words) => (int)Math.Ceiling(words * 2 / 3.0);

    private static DisjunctionMaxQuery InAnyField(IndexSearcher searcher, string title, string keywords, string body, string text) =>
        Best(Term(searcher, title, body, text, TitleWeight), Term(searcher, keywords, body, text, KeywordsWeight),
            Term(searcher, body, body, text, BodyWeight));

    /// <summary>The tie-breaker of a word's fields: the best field counts, the others a tenth.</summary>
    internal const float FieldTieBreaker = 0.1f;

    private static TermQuery Term(IndexSearcher searcher, string field, string body, string text, float boost)
    {
        var (term, states) = States(searcher, field, body, text);
        return new TermQuery(term, states) { Boost = boost };
    }

    /// <summary>
    /// A term and its states in the index, with a rarity (document frequency) that is the larger of
    /// its own field's and the body's. "dân" is rare among titles but everywhere in bodies: judged by
    /// titles alone, one common syllable in a title ("Người dân …") outweighed bodies full of the word
    /// asked for ("ngư dân"). The states already looked up in this search may be passed along.
    /// </summary>
    internal static (Term Term, TermContext States) States(IndexSearcher searcher, string field, string body, string text,
        Dictionary<(string Field, string Text), TermContext>? known = null)
    {
        TermContext Lookup(string f)
        {
            if (known is null)
            {
                return TermContext.Build(searcher.TopReaderContext, new Term(f, text));
            }
            if (!known.TryGetValue((f, text), out var found))
            {
                known[(f, text)] = found = TermContext.Build(searcher.TopReaderContext, new Term(f, text));
            }
            return found;
        }
        var term = new Term(field, text);
        var states = Lookup(field);
        var docFreq = field == body ? states.DocFreq : Math.Max(states.DocFreq, Lookup(body).DocFreq);
        if (states.DocFreq == 0 || docFreq == states.DocFreq)
        {
            return (term, states);
        }
        var blended = new TermContext(searcher.TopReaderContext);
        var first = true;
        for (var ord = 0; ord < searcher.TopReaderContext.Leaves.Count; ord++)
        {
            if (states.Get(ord) is { } state)
            {
                // The whole document frequency goes with the first segment's state; the total is what counts.
                blended.Register(state, ord, first ? docFreq : 0, -1);
                first = false;
            }
        }
        return (term, blended);
    }

    private static DisjunctionMaxQuery Best(params Query[] queries)
    {
        var best = new DisjunctionMaxQuery(FieldTieBreaker);
        foreach (var query in queries)
        {
            best.Add(query);
        }
        return best;
    }

    private static PhraseQuery Phrase(string field, List<string> terms, float boost)
    {
        var phrase = new PhraseQuery { Boost = boost };
        foreach (var term in terms)
        {
            phrase.Add(new Term(field, term));
        }
        return phrase;
    }
}
