using System.Globalization;
using Npgsql;
using PbgdplPortal.TestKit;

namespace PbgdplPortal.Benchmarks;

/// <summary>Command-line options; the defaults are the documented run.</summary>
internal sealed class BenchmarkOptions
{
    public const string Usage = """
        Usage: PbgdplPortal.Benchmarks --postgres <connection string> --web <PbgdplPortal.Web.dll> [options]
          --postgres    a PostgreSQL server the benchmark may create databases on (Host=…;Port=…;Username=…)
          --web         the portal's built PbgdplPortal.Web.dll (Release)
          --content     the sample content folder (default: the repository's content/)
          --judged      the judged queries (default: the repository's tests/data/judged-queries.json)
          --out         where logs, the index and results go (default: the repository's artifacts/benchmarks)
          --articles    synthetic articles (default 100000)
          --documents   synthetic legal documents (default 2000)
          --seed        the corpus seed (default 20261128)
          --database    the corpus database (default pbgdpl_bench; the judged run uses <name>_sample)
          --clients     concurrency levels for throughput (default 1,8,32)
          --skip-generate  reuse the corpus and index of the previous run in --out
          --phases      which phases to run (default all): corpus,index,inprocess,http,backoffice,contest,postgres,relevance,dialogue;
                        a phase left out reuses what the previous run in --out left (corpus, index); contest and dialogue need neither
          --entrants    entrants in the last minute of a contest round (default 1000)
          --quick       short measurement windows, for trying the program out
        """;

    public string Postgres { get; private set; } = "";
    public string WebDll { get; private set; } = "";
    public string ContentDir { get; private set; } = "";
    public string JudgedFile { get; private set; } = "";
    public string Out { get; private set; } = "";
    public int Articles { get; private set; } = 100_000;
    public int Documents { get; private set; } = 2_000;
    public int Seed { get; private set; } = 20261128;
    public string DatabaseName { get; private set; } = "pbgdpl_bench";
    public IReadOnlyList<int> Clients { get; private set; } = [1, 8, 32];
    public int Entrants { get; private set; } = 1000;
    public bool Quick { get; private set; }
    public IReadOnlyList<string> Phases { get; private set; } = ["corpus", "index", "inprocess", "http", "backoffice", "contest", "postgres", "relevance", "dialogue"];

    public bool Runs(string phase) => Phases.Contains(phase);

    public string Database(string name) => new NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ConnectionString;

    /// <summary>A measurement window, shortened in a quick run.</summary>
    public TimeSpan Scale(TimeSpan duration) => Quick ? duration / 5 : duration;

    public static BenchmarkOptions? Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--postgres": options.Postgres = Value(); break;
                case "--web": options.WebDll = Path.GetFullPath(Value()); break;
                case "--content": options.ContentDir = Path.GetFullPath(Value()); break;
                case "--judged": options.JudgedFile = Path.GetFullPath(Value()); break;
                case "--out": options.Out = Path.GetFullPath(Value()); break;
                case "--articles": options.Articles = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--documents": options.Documents = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--seed": options.Seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--database": options.DatabaseName = Value(); break;
                case "--clients": options.Clients = Value().Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList(); break;
                case "--skip-generate": options.Phases = options.Phases.Where(p => p is not ("corpus" or "index")).ToList(); break;
                case "--phases": options.Phases = Value().Split(',').Select(p => p.Trim()).ToList(); break;
                case "--entrants": options.Entrants = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--quick": options.Quick = true; break;
                default: return null;
            }
        }
        var root = RepositoryRoot.Find();
        if (options.ContentDir.Length == 0 && root is not null)
        {
            options.ContentDir = Path.Combine(root, "content");
        }
        if (options.JudgedFile.Length == 0 && root is not null)
        {
            options.JudgedFile = Path.Combine(root, "tests", "data", "judged-queries.json");
        }
        if (options.Out.Length == 0)
        {
            options.Out = Path.Combine(root ?? Environment.CurrentDirectory, "artifacts", "benchmarks");
        }
        return options.Postgres.Length > 0 && File.Exists(options.WebDll) && Directory.Exists(options.ContentDir) ? options : null;
    }
}
