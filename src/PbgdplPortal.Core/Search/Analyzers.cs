using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.NGram;
using Lucene.Net.Analysis.Shingle;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace PbgdplPortal.Search;

/// <summary>
/// The analyzers of the index. Text reaches them already normalized by <see cref="SearchText"/>.
/// No stopwords are removed: "điều", "không", "được" matter in law.
/// </summary>
internal static class Analyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Lower case with diacritics: "hôn nhân" stays "hôn", "nhân".</summary>
    public static readonly Analyzer Exact = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        return new TokenStreamComponents(tokenizer, new LowerCaseFilter(Version, tokenizer));
    });

    /// <summary>Lower case without diacritics, đ → d: "hôn nhân" → "hon", "nhan".</summary>
    public static readonly Analyzer Folded = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        return new TokenStreamComponents(tokenizer, new ASCIIFoldingFilter(new LowerCaseFilter(Version, tokenizer)));
    });

    /// <summary>
    /// Folded pairs of neighbouring syllables: "ngư dân" → "ngu dan". Most Vietnamese words are two
    /// syllables, and a pair's rarity is the word's rarity: "ngu dan" is rare although "dan" is everywhere.
    /// </summary>
    public static readonly Analyzer FoldedPairs = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(Version, tokenizer));
        var pairs = new ShingleFilter(stream, 2, 2);
        pairs.SetOutputUnigrams(false);
        return new TokenStreamComponents(tokenizer, pairs);
    });

    /// <summary>
    /// The terms of <see cref="Folded"/>, for marking the query's words in titles and snippets: the
    /// same tokenizer, then lower case and folding by a table instead of the culture's casing, which
    /// cost more than all the rest of a search's highlighting.
    /// </summary>
    public static readonly Analyzer Highlighting = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        return new TokenStreamComponents(tokenizer, new TableFoldingFilter(tokenizer));
    });

    /// <summary>Folded prefixes of every title word, for suggestions as you type.</summary>
    public static readonly Analyzer SuggestIndex = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(Version, tokenizer));
        return new TokenStreamComponents(tokenizer, new EdgeNGramTokenFilter(Version, stream, 1, 20));
    });

    public static Analyzer ForIndex() => new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), new Dictionary<string, Analyzer>
    {
        [Fields.TitleFolded] = Folded,
        [Fields.BodyFolded] = Folded,
        [Fields.TitleExact] = Exact,
        [Fields.BodyExact] = Exact,
        [Fields.KeywordsFolded] = Folded,
        [Fields.KeywordsExact] = Exact,
        [Fields.TitlePairs] = FoldedPairs,
        [Fields.BodyPairs] = FoldedPairs,
        [Fields.KeywordsPairs] = FoldedPairs,
        [Fields.Suggest] = SuggestIndex,
    });

    /// <summary>The terms an analyzer makes of a text.</summary>
    public static List<string> Terms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }
        stream.End();
        return terms;
    }
}

/// <summary>
/// Lower case and folds a token as <see cref="LowerCaseFilter"/> then <see cref="ASCIIFoldingFilter"/> do,
/// by a table for every character that folds to one character; a token with any other character
/// (surrogates, "æ" → "ae") takes their way.
/// </summary>
internal sealed class TableFoldingFilter : TokenFilter
{
    private static readonly char[] Table = BuildTable();
    private readonly ICharTermAttribute term;

    public TableFoldingFilter(TokenStream input)
        : base(input)
    {
        term = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }
        var buffer = term.Buffer;
        var length = term.Length;
        for (var i = 0; i < length; i++)
        {
            if (Table[buffer[i]] == '\0')
            {
                FoldSlowly(buffer, length);
                return true;
            }
        }
        for (var i = 0; i < length; i++)
        {
            buffer[i] = Table[buffer[i]];
        }
        return true;
    }

    private void FoldSlowly(char[] buffer, int length)
    {
        var lower = new string(buffer, 0, length).ToLowerInvariant().ToCharArray();
        var folded = new char[lower.Length * 4];
        var foldedLength = ASCIIFoldingFilter.FoldToASCII(lower, 0, folded, 0, lower.Length);
        term.CopyBuffer(folded, 0, foldedLength);
    }

    private static char[] BuildTable()
    {
        var table = new char[char.MaxValue + 1];
        var input = new char[1];
        var output = new char[4];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (char.IsSurrogate((char)c))
            {
                continue;
            }
            input[0] = char.ToLowerInvariant((char)c);
            if (ASCIIFoldingFilter.FoldToASCII(input, 0, output, 0, 1) == 1)
            {
                table[c] = output[0];
            }
        }
        return table;
    }
}

/// <summary>Field names of the search index.</summary>
internal static class Fields
{
    public const string Id = "id";
    public const string Type = "type";
    public const string Key = "key";
    public const string Url = "url";
    public const string Title = "title";
    public const string Text = "text";
    public const string TitleFolded = "title_f";
    public const string TitleExact = "title_x";
    public const string BodyFolded = "body_f";
    public const string BodyExact = "body_x";
    public const string KeywordsFolded = "keywords_f";
    public const string KeywordsExact = "keywords_x";
    public const string TitlePairs = "title_p";
    public const string BodyPairs = "body_p";
    public const string KeywordsPairs = "keywords_p";
    public const string Suggest = "suggest";
    public const string Number = "number";
    public const string Cites = "cites";
    public const string Mentions = "mentions";
    public const string Published = "published";
    public const string PublishedSort = "published_dv";
    public const string VisibleFrom = "visible_from";
    public const string VisibleUntil = "visible_until";
    public const string AgencyName = "agency_name";

    /// <summary>The filter field of a facet dimension ("topic") and its doc-values field ("f_topic").</summary>
    public static string Facet(string dimension) => "f_" + dimension;
}
