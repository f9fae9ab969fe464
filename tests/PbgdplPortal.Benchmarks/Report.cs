using System.Globalization;
using System.Text;

namespace PbgdplPortal.Benchmarks;

/// <summary>The results of a run as Markdown tables (results.md), the figures docs/benchmarks.md quotes.</summary>
internal static class Report
{
    public const double TargetP95Ms = 25;
    public const double TargetThroughputRatio = 3;
    public const double TargetSubmitP99Ms = 250;

    public static string Markdown(Results r)
    {
        var sb = new StringBuilder();
        var m = r.Machine;
        sb.AppendLine("## Machine").AppendLine();
        sb.AppendLine("| | |").AppendLine("|---|---|");
        sb.AppendLine($"| CPU | {m.Cores} × {m.Cpu} |");
        sb.AppendLine($"| memory | {F(m.MemoryGiB, "0.0")} GiB |");
        sb.AppendLine($"| system | {m.Os} |");
        sb.AppendLine($"| .NET | {m.Runtime} (benchmark process: {m.Gc} GC) |");
        sb.AppendLine($"| Lucene.Net | {m.LuceneVersion} |");
        sb.AppendLine($"| PostgreSQL | {m.PostgresVersion} |");
        sb.AppendLine($"| source measured | {m.Source} |");
        sb.AppendLine($"| load average (1 min) | {string.Join(", ", r.Load.Select(p => $"{p.Key} {F(p.Value, "0.0")}"))} |");
        sb.AppendLine();

        if (r.Corpus is { } c)
        {
            sb.AppendLine("## Corpus").AppendLine();
            sb.AppendLine($"{c.Articles:N0} synthetic articles and {c.SampleArticles} sample articles; {c.Documents:N0} synthetic and {c.SampleDocuments} sample " +
                $"legal documents; {c.Citations:N0} citations; {F(c.BodyWordsPerArticle, "0")} words (syllables) per article body on average, " +
                $"{c.DistinctWords:N0} distinct words; written in {F(c.WriteSeconds, "0.0")} s.");
            sb.AppendLine();
        }

        // The search sections, when a search phase ran (the contest phase runs alone too).
        var http = r.Http?.Levels ?? [];
        var pg = r.Postgres?.Levels ?? [];
        if (r.Index is not null || r.InProcess is not null || r.Http is not null || r.Postgres is not null || r.Relevance is not null)
        {
            sb.AppendLine("## Results").AppendLine();
            sb.AppendLine("| measure | portal search (Lucene.Net) | PostgreSQL full-text search | target | met |");
            sb.AppendLine("|---|---|---|---|---|");
            if (r.Index is { } index)
            {
                sb.AppendLine($"| index build, {index.Documents:N0} items | {F(index.BuildSeconds, "0.0")} s (`reindex` command: {F(index.VerbSeconds, "0.0")} s); " +
                    $"{F(index.SizeMiB, "0")} MiB on disk | {(r.Postgres is { } p0 ? $"{F(p0.BuildSeconds, "0.0")} s (table + GIN index); {F(p0.SizeMiB, "0")} MiB" : "–")} | – | – |");
            }
            if (r.InProcess is { } ip)
            {
                sb.AppendLine($"| in-process query, p50 / p95 | {Ms(ip.Latency)} | – | – | – |");
            }
            foreach (var level in http)
            {
                var other = pg.FirstOrDefault(l => l.Clients == level.Clients);
                var ratio = other is null || other.Throughput == 0 ? (double?)null : level.Throughput / other.Throughput;
                var clients = level.Clients == 1 ? "1 client" : $"{level.Clients} clients";
                if (level.Clients == 1)
                {
                    sb.AppendLine($"| HTTP `/api/search`, {clients}, p50 / p95 | {Ms(level.Latency)} | {(other is null ? "–" : Ms(other.Latency))} | p95 ≤ {TargetP95Ms} ms | {Met(level.Latency.P95 <= TargetP95Ms)} |");
                }
                else
                {
                    sb.AppendLine($"| {clients}, p50 / p95 | {Ms(level.Latency)} | {(other is null ? "–" : Ms(other.Latency))} | – | – |");
                }
                sb.AppendLine($"| {clients}, throughput | {F(level.Throughput, "0")} req/s | {(other is null ? "–" : F(other.Throughput, "0") + " queries/s")} | " +
                    $"≥ {TargetThroughputRatio}× PostgreSQL | {(ratio is { } x ? $"{F(x, "0.0")}× {Met(x >= TargetThroughputRatio)}" : "–")} |");
                sb.AppendLine($"| {clients}, server CPU per query | {CpuPerQuery(level)} | {(other is null ? "–" : CpuPerQuery(other))} | – | – |");
            }
            if (r.Http is { } h)
            {
                sb.AppendLine($"| portal server memory | peak {F(h.PeakMiB, "0")} MiB (VmHWM); {F(h.IdleMiB, "0")} MiB after start-up, {F(h.AfterMiB, "0")} MiB after the load | – | report | – |");
            }
            if (r.Relevance is { } rel)
            {
                sb.AppendLine($"| hits@3, {rel.Queries} judged queries (sample content) | {P(rel.Portal.All.HitsAt3)} | {P(rel.Postgres.All.HitsAt3)} | better than PostgreSQL | " +
                    $"{Met(rel.Portal.All.HitsAt3 > rel.Postgres.All.HitsAt3)} |");
                sb.AppendLine($"| MRR@10 | {F(rel.Portal.All.MrrAt10, "0.000")} | {F(rel.Postgres.All.MrrAt10, "0.000")} | – | – |");
            }
            else
            {
                sb.AppendLine("| hits@3 (judged queries) | not run: no judged-queries file | | better than PostgreSQL | – |");
            }
            sb.AppendLine();

            sb.AppendLine("## CPU during each load level").AppendLine();
            sb.AppendLine("Average cores busy, and the server's CPU time per answered query (the portal process; for PostgreSQL its postmaster " +
                "and backends). The load generator runs on the same two cores as the server it measures; what the machine used beyond " +
                "the two was other work on the machine.").AppendLine();
            sb.AppendLine("| level | server | load generator | whole machine | server CPU per query |").AppendLine("|---|---|---|---|---|");
            foreach (var (name, levels) in new[] { ("portal, HTTP", http), ("PostgreSQL", pg) })
            {
                foreach (var level in levels)
                {
                    sb.AppendLine($"| {name}, {level.Clients} client(s) | {F(level.Cpu.ServerCores, "0.00")} | {F(level.Cpu.BenchmarkCores, "0.00")} | " +
                        $"{F(level.Cpu.MachineCores, "0.00")} | {CpuPerQuery(level)} |");
                }
            }
            sb.AppendLine();

        }

        if (r.BackOffice is { Count: > 0 } backOffice)
        {
            sb.AppendLine("## Back-office lists on the same corpus (one administrator, one request at a time)").AppendLine();
            sb.AppendLine("| page | address | p50 ms | p95 ms |").AppendLine("|---|---|---|---|");
            foreach (var page in backOffice)
            {
                sb.AppendLine($"| {page.What} | `{page.Url}` | {page.Latency.P50:0.0} | {page.Latency.P95:0.0} |");
            }
            sb.AppendLine();
        }

        if (r.Dialogue is { } d)
        {
            sb.AppendLine("## Live dialogue (server-sent events)").AppendLine();
            sb.AppendLine($"{d.ViewersConnected} of {d.Viewers} viewers on one live session's stream; questions offered at {d.QuestionsPerSecondOffered:0}/s through " +
                $"`POST /api/dialogues/{{slug}}/questions` for {d.AskSeconds:0} s while the moderator picked, answered and showed one about every second.").AppendLine();
            sb.AppendLine("| measure | value |").AppendLine("|---|---|");
            sb.AppendLine($"| questions sent / accepted (201) / refused | {d.QuestionsSent} / {d.QuestionsAccepted} / {d.QuestionsRefused} |");
            sb.AppendLine($"| accepted questions stored in the database | {d.QuestionsStored} ({(d.QuestionsStored == d.QuestionsAccepted ? "none lost" : $"{d.QuestionsAccepted - d.QuestionsStored} missing")}) |");
            sb.AppendLine($"| ask latency p50 / p99 | {d.Ask.P50:0.0} / {d.Ask.P99:0.0} ms |");
            sb.AppendLine($"| answers shown live | {d.AnswersShown} |");
            sb.AppendLine($"| deliveries (answers × viewers) / missing | {d.Deliveries} / {d.DeliveriesMissing} |");
            sb.AppendLine($"| delivery latency p50 / p99 / max, from the answer's publication in the database to the viewer | {d.DeliveryFromPublication.P50:0} / {d.DeliveryFromPublication.P99:0} / {d.DeliveryFromPublication.Max:0} ms |");
            sb.AppendLine($"| delivery latency p50 / p99 / max, from the moderator sending \"show\" (includes that request) | {d.Delivery.P50:0} / {d.Delivery.P99:0} / {d.Delivery.Max:0} ms |");
            sb.AppendLine();
        }

        if (r.Contest is { } contest)
        {
            Contest(sb, contest);
        }

        var kinds = r.Queries.Select(q => q.Kind).Distinct().ToList();
        if (kinds.Count > 0 && (r.InProcess is not null || http.Count > 0 || pg.Count > 0))
        {
            sb.AppendLine("## Latency by kind of query (ms, p50 / p95)").AppendLine();
            var http1 = http.FirstOrDefault(l => l.Clients == 1);
            var pg1 = pg.FirstOrDefault(l => l.Clients == 1);
            sb.AppendLine("| kind | queries | in-process | HTTP, 1 client | PostgreSQL, 1 client |").AppendLine("|---|---|---|---|---|");
            foreach (var kind in kinds)
            {
                sb.AppendLine($"| {kind} | {r.Queries.Count(q => q.Kind == kind)} | {Ms(r.InProcess?.ByKind.GetValueOrDefault(kind))} | " +
                    $"{Ms(http1?.ByKind.GetValueOrDefault(kind))} | {Ms(pg1?.ByKind.GetValueOrDefault(kind))} |");
            }
            sb.AppendLine();
        }

        if (r.InProcess is { } inProcess)
        {
            sb.AppendLine("## The query mix").AppendLine();
            sb.AppendLine($"In-process: {inProcess.Rounds} rounds over the mix in shuffled order after {F(inProcess.WarmupSeconds, "0")} s of warm-up; " +
                $"index of {inProcess.IndexedDocuments:N0} items.").AppendLine();
            sb.AppendLine("| query | kind | portal: matches | portal: median ms | PostgreSQL: results (of 10) |").AppendLine("|---|---|---|---|---|");
            foreach (var q in inProcess.Queries)
            {
                var found = r.Postgres?.Found.TryGetValue(q.Query, out var n) == true ? n.ToString(CultureInfo.InvariantCulture) : "–";
                sb.AppendLine($"| `{q.Query.Replace("|", "\\|", StringComparison.Ordinal)}` | {q.Kind} | {q.Total:N0} | {F(q.MedianMs, "0.00")} | {found} |");
            }
            sb.AppendLine();
        }

        if (r.Relevance is { } relevance)
        {
            sb.AppendLine("## Relevance by kind of query").AppendLine();
            sb.AppendLine("| kind | queries | portal hits@3 | PostgreSQL hits@3 | portal MRR@10 | PostgreSQL MRR@10 |").AppendLine("|---|---|---|---|---|---|");
            foreach (var (kind, score) in relevance.Portal.ByKind)
            {
                var other = relevance.Postgres.ByKind[kind];
                sb.AppendLine($"| {kind} | {score.Queries} | {P(score.HitsAt3)} | {P(other.HitsAt3)} | {F(score.MrrAt10, "0.000")} | {F(other.MrrAt10, "0.000")} |");
            }
            sb.AppendLine();
            sb.AppendLine("## Judged queries one by one").AppendLine();
            sb.AppendLine("Rank of the first relevant item in the first 10 results (– when none).").AppendLine();
            sb.AppendLine("| query | kind | portal | PostgreSQL |").AppendLine("|---|---|---|---|");
            foreach (var o in relevance.Outcomes)
            {
                sb.AppendLine($"| `{o.Query.Replace("|", "\\|", StringComparison.Ordinal)}` | {o.Kind} | {Rank(o.PortalRank)} | {Rank(o.PostgresRank)} |");
            }
            sb.AppendLine();
        }
        sb.AppendLine($"Whole run: {F(r.TotalSeconds / 60, "0.0")} min.");
        return sb.ToString();
    }

    private static void Contest(StringBuilder sb, ContestLoadResult c)
    {
        static string Ms(LatencySummary? s) => s is null || s.Count == 0 ? "–" : $"{F(s.P50, "0.0")} / {F(s.P99, "0.0")} ms (max {F(s.Max, "0")} ms)";
        var errors = c.Errors.Count == 0 ? "none" : string.Join(", ", c.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value}"));
        sb.AppendLine($"## Contest: the last minute of a round, {c.Entrants:N0} entrants").AppendLine();
        sb.AppendLine("| measure | result | target | met |").AppendLine("|---|---|---|---|");
        sb.AppendLine($"| sign-in for a token (`POST /api/entrants/token`), 4 at a time, p50 / p99 | {Ms(c.SignIn)}; {F(c.SignInSeconds, "0.0")} s for {c.Entrants + c.WarmupEntrants:N0} | – | – |");
        sb.AppendLine($"| start (`POST …/attempts`), p50 / p99 | {Ms(c.Start)} | – | – |");
        sb.AppendLine($"| submit (`POST /api/attempts/{{id}}/submission`), p50 / p99 | {Ms(c.Submit)} | p99 < {TargetSubmitP99Ms} ms | {Met(c.Submit?.P99 < TargetSubmitP99Ms)} |");
        sb.AppendLine($"| throughput | starts {F(c.StartThroughput, "0.0")}/s, submissions {F(c.SubmitThroughput, "0.0")}/s on average; busiest second {c.PeakRequestsPerSecond} requests | – | – |");
        sb.AppendLine($"| server CPU during the minute | {F(c.Cpu?.ServerCores ?? 0, "0.00")} cores (load generator {F(c.Cpu?.BenchmarkCores ?? 0, "0.00")}, machine {F(c.Cpu?.MachineCores ?? 0, "0.00")}) | – | – |");
        sb.AppendLine($"| errors | {errors} | none | {Met(c.Errors.Count == 0)} |");
        sb.AppendLine($"| accepted submissions (2xx) | {c.Accepted:N0} of {c.Entrants + c.WarmupEntrants:N0} (attempts started: {c.Started:N0}) | all | {Met(c.Accepted == c.Entrants + c.WarmupEntrants)} |");
        sb.AppendLine($"| stored with their score / in the service's ranking after closing | {c.InDatabase:N0} / {c.InRanking:N0} ({c.RankedEntrants:N0} ranked entrants) | all | {Met(c.InDatabase == c.Accepted && c.InRanking == c.Accepted)} |");
        sb.AppendLine($"| lost | {c.Lost} | 0 | {Met(c.Lost == 0)} |");
        sb.AppendLine($"| after closing | round `{c.StateAfterClose}`, a late start gets {c.LateStartStatus} | `closed`, 409 | {Met(c.StateAfterClose == "closed" && c.LateStartStatus == 409)} |");
        sb.AppendLine();
        sb.AppendLine($"The {c.WarmupEntrants} warm-up entrants took their attempts before the minute and are counted in the checks, not in the latencies; " +
            $"the last submission came back {F(c.SecondsBeforeClose, "0.0")} s before the round closed.").AppendLine();
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string P(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Ms(LatencySummary? s) => s is null || s.Count == 0 ? "–" : $"{F(s.P50, "0.00")} / {F(s.P95, "0.00")} ms";

    /// <summary>Server CPU milliseconds per completed query: the cost that bounds throughput once the cores are saturated.</summary>
    public static double? CpuMsPerQuery(LoadResult level) =>
        level.Throughput > 0 && level.Cpu.ServerCores > 0 ? level.Cpu.ServerCores / level.Throughput * 1000 : null;

    private static string CpuPerQuery(LoadResult level) => CpuMsPerQuery(level) is { } ms ? F(ms, "0.0") + " ms" : "–";

    private static string Met(bool met) => met ? "**met**" : "**not met**";

    private static string Rank(int? rank) => rank?.ToString(CultureInfo.InvariantCulture) ?? "–";
}
