using System.Text;

namespace PbgdplPortal.Benchmarks.Corpus;

/// <summary>
/// Well-formed Vietnamese syllables (onset + rhyme + tone), for the long tail of rare words that a
/// real corpus has (names, dialect words, technical terms) and that a short word list cannot give.
/// </summary>
internal static class Syllables
{
    private const char Grave = '\u0300';
    private const char Acute = '\u0301';
    private const char Hook = '\u0309';
    private const char Tilde = '\u0303';
    private const char DotBelow = '\u0323';

    // Onsets that may stand before i, e, ê, and those that may stand before the other vowels
    // (k/gh/ngh before front vowels, c/g/ng before the rest, as Vietnamese spelling requires).
    private static readonly string[] FrontOnsets = ["", "b", "ch", "d", "đ", "gh", "h", "k", "kh", "l", "m", "n", "ngh", "nh", "ph", "r", "s", "t", "th", "tr", "v", "x"];
    private static readonly string[] BackOnsets = ["", "b", "c", "ch", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "r", "s", "t", "th", "tr", "v", "x"];

    // A rhyme, the index of the vowel that carries the tone (new style: "hòa", "thủy").
    // Rhymes ending in c, ch, p, t take only the acute or the dot below.
    private static readonly (string Rhyme, int Tone)[] Rhymes =
    [
        ("a", 0), ("ai", 0), ("am", 0), ("an", 0), ("ang", 0), ("anh", 0), ("ao", 0), ("au", 0), ("ay", 0), ("ac", 0), ("ach", 0), ("at", 0), ("ap", 0),
        ("ăm", 0), ("ăn", 0), ("ăng", 0), ("ăc", 0), ("ăt", 0), ("ăp", 0),
        ("âm", 0), ("ân", 0), ("âng", 0), ("âu", 0), ("ây", 0), ("âc", 0), ("ât", 0), ("âp", 0),
        ("e", 0), ("em", 0), ("en", 0), ("eo", 0), ("ec", 0), ("et", 0), ("ep", 0),
        ("ê", 0), ("êm", 0), ("ên", 0), ("ênh", 0), ("êu", 0), ("êch", 0), ("êt", 0), ("êp", 0),
        ("i", 0), ("ia", 0), ("im", 0), ("in", 0), ("inh", 0), ("iu", 0), ("ich", 0), ("it", 0), ("ip", 0),
        ("iêm", 1), ("iên", 1), ("iêng", 1), ("iêu", 1), ("iêc", 1), ("iêt", 1), ("iêp", 1),
        ("o", 0), ("oa", 0), ("oai", 1), ("oan", 1), ("oang", 1), ("oanh", 1), ("oat", 1), ("oac", 1), ("oe", 0),
        ("oi", 0), ("om", 0), ("on", 0), ("ong", 0), ("oc", 0), ("ot", 0), ("op", 0),
        ("ô", 0), ("ôi", 0), ("ôm", 0), ("ôn", 0), ("ông", 0), ("ôc", 0), ("ôt", 0), ("ôp", 0),
        ("ơ", 0), ("ơi", 0), ("ơm", 0), ("ơn", 0), ("ơt", 0), ("ơp", 0),
        ("u", 0), ("ua", 0), ("ui", 0), ("um", 0), ("un", 0), ("ung", 0), ("uc", 0), ("ut", 0), ("up", 0), ("uy", 0),
        ("uân", 1), ("uât", 1), ("uôi", 1), ("uôm", 1), ("uôn", 1), ("uông", 1), ("uôc", 1), ("uôt", 1), ("uyên", 2), ("uyêt", 2), ("uynh", 1),
        ("ư", 0), ("ưa", 0), ("ưi", 0), ("ưng", 0), ("ưc", 0), ("ưt", 0),
        ("ươi", 1), ("ươm", 1), ("ươn", 1), ("ương", 1), ("ươu", 1), ("ươc", 1), ("ươt", 1), ("ươp", 1),
    ];

    private static readonly char[] OpenTones = ['\0', Grave, Acute, Hook, Tilde, DotBelow];
    private static readonly char[] StopTones = [Acute, DotBelow];

    /// <summary><paramref name="count"/> distinct syllables in NFC, in a random order fixed by <paramref name="random"/>.</summary>
    public static List<string> Distinct(Random random, int count)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>(count);
        var attempts = 0;
        while (result.Count < count && attempts++ < count * 50)
        {
            var syllable = One(random);
            if (seen.Add(syllable))
            {
                result.Add(syllable);
            }
        }
        return result;
    }

    public static string One(Random random)
    {
        var (rhyme, toneAt) = Rhymes[random.Next(Rhymes.Length)];
        var front = rhyme[0] is 'i' or 'e' or 'ê';
        var onsets = front ? FrontOnsets : BackOnsets;
        var onset = onsets[random.Next(onsets.Length)];
        var stop = rhyme.EndsWith('c') || rhyme.EndsWith("ch", StringComparison.Ordinal) || rhyme.EndsWith('p') || rhyme.EndsWith('t');
        var tones = stop ? StopTones : OpenTones;
        var tone = tones[random.Next(tones.Length)];
        var sb = new StringBuilder(onset.Length + rhyme.Length + 1);
        sb.Append(onset);
        for (var i = 0; i < rhyme.Length; i++)
        {
            sb.Append(rhyme[i]);
            if (i == toneAt && tone != '\0')
            {
                sb.Append(tone);
            }
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
