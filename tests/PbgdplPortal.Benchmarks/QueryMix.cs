using PbgdplPortal.Benchmarks.Corpus;
using PbgdplPortal.Text;

namespace PbgdplPortal.Benchmarks;

/// <summary>A benchmark query and what kind of query it stands for.</summary>
internal sealed record BenchQuery(string Text, string Kind)
{
    /// <summary>Syllables in the query, quotes and citations counted as words.</summary>
    public int Words => Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}

/// <summary>
/// The query mix, the same for every engine and transport: queries typed with and without
/// diacritics, old-style tone marks, document numbers, quoted phrases, one to six words, the most
/// common words of the corpus (which match most documents) and words of its rare tail.
/// </summary>
internal static class QueryMix
{
    public static IReadOnlyList<BenchQuery> Build(IReadOnlyList<string> tailWords, IReadOnlyList<CitableDocument> documents)
    {
        var queries = new List<BenchQuery>
        {
            new("kết hôn", "diacritics"),
            new("đăng ký kết hôn", "diacritics"),
            new("thu hồi đất", "diacritics"),
            new("giấy phép lái xe", "diacritics"),
            new("trợ cấp người khuyết tật", "diacritics"),
            new("bảo vệ dữ liệu cá nhân", "diacritics"),
            new("lừa đảo trực tuyến", "diacritics"),
            new("tàu cá", "diacritics"),
            new("quyền trẻ em", "diacritics"),
            new("mức phạt nồng độ cồn", "diacritics"),
            new("hoà giải ở cơ sở", "old-style tones"),
            new("khai thác thuỷ sản", "old-style tones"),
            new("dang ky ket hon", "no diacritics"),
            new("giay phep lai xe", "no diacritics"),
            new("nong do con", "no diacritics"),
            new("tro giup phap ly mien phi", "no diacritics"),
            new("thu hoi dat boi thuong", "no diacritics"),
            new("ho kinh doanh", "no diacritics"),
            new("an ninh mang", "no diacritics"),
            new("tre em bi xam hai", "no diacritics"),
            new("phat vuot den do xe may", "no diacritics"),
            new("168/2024/NĐ-CP", "citation"),
            new("52/2014/QH13", "citation"),
            new("138/KH-UBND", "citation"),
            new("100/2019/nd-cp", "citation"),
            new("nghị định 168/2024/NĐ-CP", "citation"),
            new("100/2019/NĐ-CP xe máy", "citation"),
            new("\"giấy chứng nhận quyền sử dụng đất\"", "phrase"),
            new("\"bạo lực gia đình\"", "phrase"),
            new("\"trợ giúp pháp lý\" miễn phí", "phrase"),
            new("\"nong do con\"", "phrase"),
            new("quy định", "common"),
            new("người dân", "common"),
            new("pháp luật", "common"),
            new("cơ quan nhà nước có thẩm quyền", "common"),
            new("trách nhiệm của người dân", "common"),
        };
        // Synthetic documents cited now and then, and words from the rare tail of the vocabulary.
        foreach (var rank in new[] { 60, 400, 1500 })
        {
            queries.Add(new BenchQuery(documents[Math.Min(rank, documents.Count - 1)].Number, "citation"));
        }
        foreach (var position in new[] { 1500, 3000, 6000, 9000, tailWords.Count - 1 })
        {
            queries.Add(new BenchQuery(RareWord(tailWords, position), "rare"));
        }
        queries.Add(new BenchQuery(Slug.Fold(RareWord(tailWords, 4000)), "rare"));
        queries.Add(new BenchQuery(RareWord(tailWords, 2000) + " đất đai", "rare"));
        return queries.DistinctBy(q => q.Text, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The first tail word from <paramref name="position"/> on (or back) that stays rare without its
    /// diacritics: "phấp" is rare, but folded it is "phap", the "pháp" of every "pháp luật".
    /// </summary>
    private static string RareWord(IReadOnlyList<string> tailWords, int position)
    {
        var common = Lexicon.Common.Concat(Lexicon.ByTopic.Values.SelectMany(v => v)).Concat(Lexicon.SentenceOpeners).Concat(Lexicon.Headings)
            .Concat(Lexicon.FamilyNames).Concat(Lexicon.MiddleNames).Concat(Lexicon.GivenNames).Concat(Lexicon.Places).Concat(Lexicon.LawNames)
            .SelectMany(w => Slug.Fold(w).Split(' ', ',')).ToHashSet(StringComparer.Ordinal);
        // How many different tail syllables fold to the same letters.
        var spellings = tailWords.SelectMany(w => w.Split(' ')).Distinct(StringComparer.Ordinal)
            .GroupBy(Slug.Fold, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        bool Rare(int i) => tailWords[i].Split(' ').Select(Slug.Fold).All(f => !common.Contains(f) && spellings[f] == 1);
        var start = Math.Min(position, tailWords.Count - 1);
        for (var i = start; i < tailWords.Count; i++)
        {
            if (Rare(i))
            {
                return tailWords[i];
            }
        }
        for (var i = start; i >= 0; i--)
        {
            if (Rare(i))
            {
                return tailWords[i];
            }
        }
        return tailWords[start];
    }
}
