using System.Globalization;
using System.Text;
using PbgdplPortal.Content;
using PbgdplPortal.Text;

namespace PbgdplPortal.Benchmarks.Corpus;

/// <summary>A legal document the corpus may cite: one of the sample documents or a synthetic one.</summary>
internal sealed record CitableDocument(string Number, string Type, string Title, string? Topic)
{
    public string NumberKey => DocumentNumbers.Key(Number);

    /// <summary>How running text names it: "Luật Hộ tịch số 60/2014/QH13", "Nghị định 168/2024/NĐ-CP".</summary>
    public string InText => Type is "Luật" or "Bộ luật" && Title.StartsWith(Type, StringComparison.Ordinal) ? $"{Title} số {Number}" : $"{Type} {Number}";
}

internal sealed record SyntheticDocument(CitableDocument Document, string Slug, string Issuer, string? Signer, DateOnly Issued, DateOnly Effective,
    ValidityStatus Status, string Body);

internal sealed record SyntheticArticle(string Slug, string Title, string Summary, string Body, DateTime Published, DateTime? Unpublish,
    string Agency, IReadOnlyList<string> Topics, IReadOnlyList<string> Audiences, IReadOnlyList<(string NumberKey, string? Provision)> Cites);

/// <summary>The taxonomy the corpus is spread over: slugs and names of the portal's topics, audience groups and agencies.</summary>
internal sealed record Taxonomy(IReadOnlyList<string> Topics, IReadOnlyList<(string Slug, string Name)> Audiences, IReadOnlyList<string> Agencies);

/// <summary>
/// A deterministic synthetic corpus of Vietnamese legal explanations: the same seed and taxonomy give
/// the same text, byte for byte. Words follow a Zipf–Mandelbrot law over a vocabulary of real legal
/// words (common words first) and a long tail of well-formed syllables; each article draws a share
/// of its words from its own field's list and cites documents, popular ones most often.
/// </summary>
internal sealed class SyntheticCorpus
{
    public const int TailSyllables = 9000;
    private const int MiddlingWords = 800;

    private readonly Random random;
    private readonly Taxonomy taxonomy;
    private readonly Zipf<string> words;
    private readonly Dictionary<string, Zipf<string>> topicWords;
    private readonly Zipf<string> topicsByPopularity;
    private readonly Zipf<string> agenciesByActivity;
    private readonly Zipf<CitableDocument> citedAnywhere;
    private readonly Dictionary<string, Zipf<CitableDocument>> citedByTopic;
    private int articleCount;

    public SyntheticCorpus(int seed, Taxonomy taxonomy, IReadOnlyList<CitableDocument> sampleDocuments, int documentCount)
    {
        random = new Random(seed);
        this.taxonomy = taxonomy;
        TailWords = BuildTail(new Random(seed + 1));
        var topicTerms = Lexicon.ByTopic.Where(p => taxonomy.Topics.Contains(p.Key)).ToList();
        // Global ranks: common words, the head of the tail (words of middling frequency), then the
        // fields' words interleaved, so that an article mentions another field's words only now and
        // then (a few per cent of articles each), then the rest of the tail.
        var interleaved = Enumerable.Range(0, topicTerms.Max(p => p.Value.Length))
            .SelectMany(i => topicTerms.Where(p => i < p.Value.Length).Select(p => p.Value[i]));
        var vocabulary = Lexicon.Common.Concat(TailWords.Take(MiddlingWords)).Concat(interleaved).Concat(TailWords.Skip(MiddlingWords))
            .Distinct(StringComparer.Ordinal).ToList();
        words = new Zipf<string>(vocabulary, exponent: 1.15, offset: 2.7);
        topicWords = topicTerms.ToDictionary(p => p.Key, p => new Zipf<string>(p.Value, exponent: 0.8, offset: 1));
        topicsByPopularity = new Zipf<string>(Shuffle(taxonomy.Topics.ToList()), exponent: 0.6);
        agenciesByActivity = new Zipf<string>(Shuffle(taxonomy.Agencies.ToList()), exponent: 0.8, offset: 1);

        Documents = GenerateDocuments(sampleDocuments, documentCount);
        // The sample documents are the well-known ones: they rank first among what is cited.
        var citable = sampleDocuments.Concat(Shuffle(Documents.Select(d => d.Document).ToList())).ToList();
        citedAnywhere = new Zipf<CitableDocument>(citable, exponent: 1.0, offset: 3);
        citedByTopic = citable.Where(d => d.Topic is not null).GroupBy(d => d.Topic!)
            .ToDictionary(g => g.Key, g => new Zipf<CitableDocument>(g, exponent: 1.0, offset: 2));
    }

    /// <summary>The rare end of the vocabulary, least frequent last.</summary>
    public IReadOnlyList<string> TailWords { get; }

    public IReadOnlyList<SyntheticDocument> Documents { get; }

    private static List<string> BuildTail(Random random)
    {
        var syllables = Syllables.Distinct(random, TailSyllables);
        var tail = new List<string>(syllables.Count + syllables.Count / 3);
        for (var i = 0; i < syllables.Count; i++)
        {
            tail.Add(syllables[i]);
            if (i % 3 == 2)
            {
                // Some rare words are two syllables, like most Vietnamese words.
                tail.Add(syllables[i] + " " + syllables[(i * 7 + 11) % syllables.Count]);
            }
        }
        return tail;
    }

    private List<T> Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
        return items;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private bool Chance(double p) => random.NextDouble() < p;

    // ---- Legal documents ----

    private static readonly (string Type, string Issuer, double Share)[] DocumentKinds =
    [
        ("Nghị định", "Chính phủ", 0.24), ("Thông tư", "", 0.24), ("Quyết định", "Ủy ban nhân dân tỉnh Cà Mau", 0.14),
        ("Quyết định", "Thủ tướng Chính phủ", 0.06), ("Luật", "Quốc hội", 0.08), ("Nghị quyết", "Hội đồng nhân dân tỉnh Cà Mau", 0.12),
        ("Kế hoạch", "Ủy ban nhân dân tỉnh Cà Mau", 0.12),
    ];

    private static readonly (string Code, string Ministry)[] Ministries =
    [
        ("BTP", "Bộ Tư pháp"), ("BCA", "Bộ Công an"), ("BTC", "Bộ Tài chính"), ("BNV", "Bộ Nội vụ"), ("BXD", "Bộ Xây dựng"),
        ("BNNMT", "Bộ Nông nghiệp và Môi trường"), ("BGDĐT", "Bộ Giáo dục và Đào tạo"), ("BYT", "Bộ Y tế"), ("BQP", "Bộ Quốc phòng"),
    ];

    private List<SyntheticDocument> GenerateDocuments(IReadOnlyList<CitableDocument> sampleDocuments, int count)
    {
        var taken = sampleDocuments.Select(d => d.NumberKey).ToHashSet(StringComparer.Ordinal);
        var documents = new List<SyntheticDocument>(count);
        while (documents.Count < count)
        {
            var kind = PickKind();
            var year = 2005 + random.Next(21);
            var n = 1 + (int)Math.Floor(Math.Pow(random.NextDouble(), 1.6) * 400);
            var issuer = kind.Issuer;
            string number;
            switch (kind.Type)
            {
                case "Nghị định":
                    number = $"{n}/{year}/NĐ-CP";
                    break;
                case "Thông tư":
                    var ministry = Pick(Ministries);
                    issuer = ministry.Ministry;
                    number = $"{n:00}/{year}/TT-{ministry.Code}";
                    break;
                case "Luật":
                    number = $"{n % 120 + 1}/{year}/QH{Legislature(year)}";
                    break;
                case "Nghị quyết":
                    number = $"{n}/{year}/NQ-HĐND";
                    break;
                case "Quyết định" when issuer.StartsWith("Thủ tướng", StringComparison.Ordinal):
                    number = $"{n * 3 + random.Next(3)}/QĐ-TTg";
                    break;
                case "Quyết định":
                    number = $"{n * 7 + random.Next(7)}/QĐ-UBND";
                    break;
                default:
                    number = $"{n * 2 + random.Next(2)}/KH-UBND";
                    break;
            }
            if (!taken.Add(DocumentNumbers.Key(number)))
            {
                continue;
            }
            var topic = Pick(taxonomy.Topics);
            var term = topicWords.TryGetValue(topic, out var t) ? t.Next(random) : words.Next(random);
            var title = kind.Type switch
            {
                "Luật" => "Luật " + Capitalize(term),
                "Nghị định" => Chance(0.5) ? $"Quy định chi tiết một số điều về {term}" : $"Quy định xử phạt vi phạm hành chính trong lĩnh vực {term}",
                "Thông tư" => $"Hướng dẫn thực hiện {term} và {TopicWord(topic)}",
                "Nghị quyết" => $"Quy định mức hỗ trợ {term} trên địa bàn tỉnh Cà Mau",
                "Kế hoạch" => $"Thực hiện công tác {term} năm {year}",
                _ => $"Ban hành quy chế {term} trên địa bàn tỉnh Cà Mau",
            };
            var document = new CitableDocument(number, kind.Type, title, topic);
            var issued = new DateOnly(year, 1, 1).AddDays(random.Next(360));
            var status = random.NextDouble() switch
            {
                < 0.72 => ValidityStatus.InForce,
                < 0.84 => ValidityStatus.PartiallyExpired,
                < 0.96 => ValidityStatus.Expired,
                < 0.99 => ValidityStatus.NotYetInForce,
                _ => ValidityStatus.Suspended,
            };
            documents.Add(new SyntheticDocument(document, Slug.From($"{kind.Type} {number}"), issuer, Signer(), issued,
                issued.AddDays(15 + random.Next(60)), status, DocumentBody(topic, 120 + random.Next(200))));
        }
        return documents;
    }

    private (string Type, string Issuer) PickKind()
    {
        var u = random.NextDouble();
        foreach (var (type, issuer, share) in DocumentKinds)
        {
            if ((u -= share) < 0)
            {
                return (type, issuer);
            }
        }
        return (DocumentKinds[0].Type, DocumentKinds[0].Issuer);
    }

    private static int Legislature(int year) => year switch
    {
        < 2007 => 11,
        < 2011 => 12,
        < 2016 => 13,
        < 2021 => 14,
        _ => 15,
    };

    private string Signer() => $"{Pick(Lexicon.FamilyNames)} {Pick(Lexicon.MiddleNames)} {Pick(Lexicon.GivenNames)}";

    private string DocumentBody(string topic, int syllables)
    {
        var sb = new StringBuilder();
        var article = 1;
        var written = 0;
        while (written < syllables)
        {
            sb.Append("**Điều ").Append(article++).Append(".** ").Append(Capitalize(Next(topic))).Append("\n\n");
            written += 4;
            for (var s = 0; s < 2 + random.Next(3) && written < syllables; s++)
            {
                written += Sentence(sb, topic, topicShare: 0.25);
                sb.Append(' ');
            }
            sb.Append("\n\n");
        }
        return sb.ToString().TrimEnd().Normalize(NormalizationForm.FormC);
    }

    // ---- Articles ----

    public SyntheticArticle NextArticle()
    {
        var index = ++articleCount;
        var primary = topicsByPopularity.Next(random);
        var topics = new List<string> { primary };
        if (Chance(0.3))
        {
            var second = Pick(taxonomy.Topics);
            if (second != primary)
            {
                topics.Add(second);
            }
        }
        var audiences = new List<string>();
        for (var i = random.Next(3); i > 0; i--)
        {
            var audience = Pick(taxonomy.Audiences).Slug;
            if (!audiences.Contains(audience))
            {
                audiences.Add(audience);
            }
        }
        var cites = new List<CitableDocument>();
        for (var i = 1 + random.Next(4); i > 0; i--)
        {
            var cited = Chance(0.7) && citedByTopic.TryGetValue(primary, out var byTopic) ? byTopic.Next(random) : citedAnywhere.Next(random);
            if (!cites.Contains(cited))
            {
                cites.Add(cited);
            }
        }
        var citations = cites.Select(d => (d, Provision: Chance(0.75) ? Provision() : null)).ToList();

        var audienceName = audiences.Count > 0 ? taxonomy.Audiences.First(a => a.Slug == audiences[0]).Name.ToLowerInvariant() : "người dân";
        var year = 2015 + random.Next(11);
        var template = Pick(Lexicon.TitleTemplates);
        var title = Capitalize(string.Format(CultureInfo.InvariantCulture, template, TopicWord(primary), audienceName, year, TopicWord(primary), cites[0].InText));
        var summary = new StringBuilder();
        Sentence(summary, primary, topicShare: 0.3, minWords: 12, maxWords: 22);

        var body = new StringBuilder();
        var target = 180 + random.Next(280);
        var written = 0;
        var pending = new Queue<(CitableDocument Document, string? Provision)>(citations);
        var paragraph = 0;
        while (written < target || pending.Count > 0)
        {
            if (paragraph > 0 && paragraph % 3 == 0)
            {
                body.Append("## ").Append(Pick(Lexicon.Headings)).Append("\n\n");
            }
            paragraph++;
            if (pending.Count > 0 && (written >= target || Chance(0.6)))
            {
                var (document, provision) = pending.Dequeue();
                body.Append("Theo ").Append(provision is null ? "" : provision + " ").Append(document.InText).Append(", ");
                written += 6;
                written += Sentence(body, primary, topicShare: 0.25, capitalize: false);
                body.Append(' ');
            }
            for (var s = 1 + random.Next(3); s > 0; s--)
            {
                written += Sentence(body, primary, topicShare: 0.2);
                body.Append(' ');
            }
            body.Length--;
            body.Append("\n\n");
        }
        var published = new DateTime(2015, 1, 1, 1, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(11 * 365 * 24 * 60));
        DateTime? unpublish = Chance(0.005) ? published.AddDays(30 + random.Next(300)) : null;
        var titleNfc = title.Normalize(NormalizationForm.FormC);
        var slug = Slug.From(titleNfc);
        slug = (slug.Length > 80 ? slug[..80].TrimEnd('-') : slug) + "-" + index.ToString(CultureInfo.InvariantCulture);
        return new SyntheticArticle(slug, titleNfc, summary.ToString().Normalize(NormalizationForm.FormC), body.ToString().TrimEnd().Normalize(NormalizationForm.FormC),
            published, unpublish, agenciesByActivity.Next(random), topics, audiences,
            citations.Select(c => (c.d.NumberKey, c.Provision)).ToList());
    }

    private string Provision() => random.Next(3) switch
    {
        0 => $"Điều {1 + random.Next(80)}",
        1 => $"khoản {1 + random.Next(6)} Điều {1 + random.Next(80)}",
        _ => $"điểm {(char)('a' + random.Next(6))} khoản {1 + random.Next(5)} Điều {1 + random.Next(80)}",
    };

    private string TopicWord(string topic) => topicWords.TryGetValue(topic, out var t) ? t.Next(random) : words.Next(random);

    /// <summary>A word of the topic's field, or any word.</summary>
    private string Next(string topic) => topicWords.TryGetValue(topic, out var t) && Chance(0.8) ? t.Next(random) : words.Next(random);

    /// <summary>Appends one sentence; returns its length in syllables.</summary>
    private int Sentence(StringBuilder sb, string topic, double topicShare, int minWords = 8, int maxWords = 22, bool capitalize = true)
    {
        var start = sb.Length;
        var syllables = 0;
        if (capitalize && Chance(0.2))
        {
            var opener = Pick(Lexicon.SentenceOpeners);
            sb.Append(opener).Append(' ');
            syllables += opener.Count(c => c == ' ') + 1;
        }
        var count = minWords + random.Next(maxWords - minWords + 1);
        for (var i = 0; i < count; i++)
        {
            string word;
            var u = random.NextDouble();
            if (u < 0.015)
            {
                word = $"{(Chance(0.5) ? "ông" : "bà")} {Pick(Lexicon.FamilyNames)} {Pick(Lexicon.MiddleNames)} {Pick(Lexicon.GivenNames)}";
            }
            else if (u < 0.03)
            {
                word = $"{Pick(["ấp", "khóm", "xã", "phường"])} {Pick(Lexicon.Places)}";
            }
            else if (u < 0.04)
            {
                word = Chance(0.5) ? $"{1 + random.Next(60)} triệu đồng" : $"{1 + random.Next(30)} ngày làm việc";
            }
            else
            {
                word = u < 0.04 + topicShare && topicWords.TryGetValue(topic, out var t) ? t.Next(random) : words.Next(random);
            }
            sb.Append(word);
            syllables += word.Count(c => c == ' ') + 1;
            if (i < count - 1)
            {
                sb.Append(i > 3 && Chance(0.08) ? ", " : " ");
            }
        }
        sb.Append(Chance(0.05) ? "?" : ".");
        if (capitalize && sb.Length > start)
        {
            sb[start] = char.ToUpperInvariant(sb[start]);
        }
        return syllables;
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
