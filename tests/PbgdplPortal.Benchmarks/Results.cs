using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace PbgdplPortal.Benchmarks;

internal sealed record CorpusFacts(int Articles, int SampleArticles, int Documents, int SampleDocuments, int Citations, double BodyWordsPerArticle,
    long DistinctWords, double WriteSeconds);

/// <summary>The index build: the `reindex` command's wall time, the time it reports for the rebuild itself, and the index on disk.</summary>
internal sealed partial record IndexFacts(double VerbSeconds, double BuildSeconds, int Documents, double SizeMiB)
{
    [GeneratedRegex(@"Đã lập chỉ mục (\d+) mục trong ([\d.,]+) giây")]
    private static partial Regex Summary();

    public static IndexFacts From(TimeSpan verb, string log, string indexPath)
    {
        var match = Summary().Match(log);
        var size = Directory.EnumerateFiles(indexPath).Sum(f => new FileInfo(f).Length);
        return new IndexFacts(verb.TotalSeconds,
            match.Success ? double.Parse(match.Groups[2].Value.Replace(',', '.'), System.Globalization.CultureInfo.InvariantCulture) : verb.TotalSeconds,
            match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0,
            size / 1024.0 / 1024.0);
    }
}

internal sealed class HttpResults
{
    public double StartupSeconds { get; init; }
    public double IdleMiB { get; init; }
    public double PeakMiB { get; set; }
    public double AfterMiB { get; set; }
    public List<LoadResult> Levels { get; } = [];
}

internal sealed class PostgresResults
{
    public double BuildSeconds { get; init; }
    public double SizeMiB { get; set; }
    public Dictionary<string, int> Found { get; } = [];
    public List<LoadResult> Levels { get; } = [];
}

/// <summary>Everything one run measured; written as results.json and, through <see cref="Report"/>, results.md.</summary>
internal sealed class Results
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public required MachineInfo Machine { get; init; }
    public required BenchmarkOptions Settings { get; set; }
    public Dictionary<string, double> Load { get; } = [];
    public CorpusFacts? Corpus { get; set; }
    public IReadOnlyList<BenchQuery> Queries { get; set; } = [];
    public IndexFacts? Index { get; set; }
    public InProcessResult? InProcess { get; set; }
    public HttpResults? Http { get; set; }
    public List<BackOfficePage>? BackOffice { get; set; }
    public ContestLoadResult? Contest { get; set; }
    public PostgresResults? Postgres { get; set; }
    public RelevanceResult? Relevance { get; set; }
    public DialogueResult? Dialogue { get; set; }
    public double TotalSeconds { get; set; }
}
