using System.Diagnostics;
using System.Text.Json;
using PbgdplPortal.Benchmarks;
using PbgdplPortal.Benchmarks.Corpus;
using PbgdplPortal.TestKit;

// The search benchmark of docs/benchmarks.md, end to end against one PostgreSQL server. Run it
// through benchmarks.sh at the repository root, which starts a throwaway cluster and builds first.
var options = BenchmarkOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}
Directory.CreateDirectory(options.Out);
var total = Stopwatch.StartNew();
void Log(string message) => Console.WriteLine($"[{total.Elapsed:mm\\:ss}] {message}");

var corpusDb = options.Database(options.DatabaseName);
var sampleDb = options.Database(options.DatabaseName + "_sample");
var dataDir = Path.Combine(options.Out, "data");
var indexPath = Path.Combine(dataDir, "search-index");
var queriesFile = Path.Combine(options.Out, "queries.json");
var results = new Results
{
    Machine = MachineInfo.Describe(await PostgresFullText.VersionAsync(options.Database("postgres")), RepositoryRoot.Find()),
    Settings = options,
};
results.Load["start"] = MachineInfo.LoadAverage();
Log($"{results.Machine.Cores} cores, {results.Machine.Cpu}, {results.Machine.Runtime}, PostgreSQL {results.Machine.PostgresVersion}");

// 1. The corpus, written into the portal's database.
IReadOnlyList<BenchQuery> mix;
if (!options.Runs("corpus") && !File.Exists(queriesFile))
{
    // Only the phases that need no corpus (contest, dialogue) can run without one.
    mix = [];
    Log("no corpus from a previous run: only the contest and dialogue phases can run");
}
else if (!options.Runs("corpus"))
{
    mix = JsonSerializer.Deserialize<List<BenchQuery>>(await File.ReadAllTextAsync(queriesFile))!;
    results.Corpus = JsonSerializer.Deserialize<CorpusFacts>(await File.ReadAllTextAsync(Path.Combine(options.Out, "corpus.json")));
    Log("reusing the corpus of the previous run");
}
else
{
    Log($"generating {options.Articles} articles and {options.Documents} documents (seed {options.Seed}) into {options.DatabaseName}");
    var summary = await CorpusWriter.WriteAsync(corpusDb, options.ContentDir, options.Articles, options.Documents, options.Seed, Log);
    mix = QueryMix.Build(summary.TailWords, summary.CitedDocuments);
    results.Corpus = new CorpusFacts(summary.Articles, summary.SampleArticles, summary.Documents, summary.SampleDocuments, summary.Citations,
        summary.BodySyllables / (double)summary.Articles, summary.DistinctWords, summary.Elapsed.TotalSeconds);
    await File.WriteAllTextAsync(queriesFile, JsonSerializer.Serialize(mix, Results.Json));
    await File.WriteAllTextAsync(Path.Combine(options.Out, "corpus.json"), JsonSerializer.Serialize(results.Corpus, Results.Json));
    Log($"corpus written in {summary.Elapsed.TotalSeconds:0.0} s: {summary.Citations} citations, {results.Corpus.BodyWordsPerArticle:0} body words per article");
}
results.Queries = mix;
results.Load["after corpus"] = MachineInfo.LoadAverage();

// 2. Index build: the portal's own `reindex` verb on the whole database.
if (options.Runs("index"))
{
    if (Directory.Exists(dataDir))
    {
        Directory.Delete(dataDir, recursive: true);
    }
    Log("building the search index with `reindex`");
    var reindexLog = Path.Combine(options.Out, "reindex.log");
    File.Delete(reindexLog);
    var elapsed = await PortalProcess.RunVerbAsync(options.WebDll, corpusDb, dataDir, reindexLog, "reindex");
    results.Index = IndexFacts.From(elapsed, await File.ReadAllTextAsync(reindexLog), indexPath);
    await File.WriteAllTextAsync(Path.Combine(options.Out, "index.json"), JsonSerializer.Serialize(results.Index, Results.Json));
    Log($"index built: {results.Index.Documents} items, {results.Index.BuildSeconds:0.0} s inside the verb, {results.Index.VerbSeconds:0.0} s for the whole command, {results.Index.SizeMiB:0} MiB");
}
else if (File.Exists(Path.Combine(options.Out, "index.json")))
{
    results.Index = JsonSerializer.Deserialize<IndexFacts>(await File.ReadAllTextAsync(Path.Combine(options.Out, "index.json")));
}
results.Load["after index"] = MachineInfo.LoadAverage();

// 3. In-process query latency.
if (options.Runs("inprocess"))
{
    Log("in-process query latency (SearchEngine.Search, one thread)");
    results.InProcess = InProcessSearch.Run(indexPath, mix, options.Scale(TimeSpan.FromSeconds(10)), options.Quick ? 5 : 40, options.Scale(TimeSpan.FromSeconds(90)), options.Seed);
    Log($"in-process: p50 {results.InProcess.Latency.P50:0.00} ms, p95 {results.InProcess.Latency.P95:0.00} ms over {results.InProcess.Latency.Count} queries");
    results.Load["after in-process"] = MachineInfo.LoadAverage();
}

// 4. HTTP against the running portal.
if (options.Runs("http"))
{
    Log("starting the portal");
    var serverLog = Path.Combine(options.Out, "server.log");
    File.Delete(serverLog);
    var startup = Stopwatch.StartNew();
    await using (var server = await PortalProcess.StartServerAsync(options.WebDll, corpusDb, dataDir, serverLog, mix.First(q => q.Kind == "citation").Text))
    {
        var http = new HttpResults { StartupSeconds = startup.Elapsed.TotalSeconds, IdleMiB = MachineInfo.Memory(server.Id).CurrentMiB };
        Log($"portal ready at {server.Address} in {http.StartupSeconds:0.0} s ({http.IdleMiB:0} MiB resident)");
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 256,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };
        using var client = new HttpClient(handler) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        async Task Get(BenchQuery query, CancellationToken cancellationToken)
        {
            using var response = await client.GetAsync("/api/search?q=" + Uri.EscapeDataString(query.Text), HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase}");
            }
        }
        await ClosedLoop.RunAsync(mix, 4, options.Scale(TimeSpan.FromSeconds(15)), int.MaxValue, Get, options.Seed, () => CpuSnapshot.Process(server.Id));
        foreach (var clients in options.Clients)
        {
            var level = await ClosedLoop.RunAsync(mix, clients, options.Scale(TimeSpan.FromSeconds(clients == 1 ? 30 : 20)),
                clients == 1 ? 5000 : int.MaxValue, Get, options.Seed, () => CpuSnapshot.Process(server.Id));
            http.Levels.Add(level);
            Log($"HTTP, {clients} client(s): p50 {level.Latency.P50:0.00} ms, p95 {level.Latency.P95:0.00} ms, {level.Throughput:0} req/s, {level.Errors} errors; " +
                $"CPU: server {level.Cpu.ServerCores:0.00}, load generator {level.Cpu.BenchmarkCores:0.00}, machine {level.Cpu.MachineCores:0.00} cores");
        }
        (http.PeakMiB, http.AfterMiB) = MachineInfo.Memory(server.Id);
        Log($"portal memory: peak {http.PeakMiB:0} MiB (VmHWM), now {http.AfterMiB:0} MiB");
        results.Http = http;
    }
    results.Load["after HTTP"] = MachineInfo.LoadAverage();
}

// 4b. The back office's lists on the same corpus, through the real sign-in.
if (options.Runs("backoffice"))
{
    Log("back-office lists: creating a benchmark administrator");
    var adminLog = Path.Combine(options.Out, "create-admin.log");
    File.Delete(adminLog);
    try
    {
        await PortalProcess.RunVerbAsync(options.WebDll, corpusDb, dataDir, adminLog, "create-admin", "--email", BackOfficeLists.Email, "--password", BackOfficeLists.Password);
    }
    catch (InvalidOperationException) when (File.ReadAllText(adminLog).Contains("Đã có tài khoản", StringComparison.Ordinal))
    {
        Log("the benchmark administrator exists already");
    }
    var serverLog = Path.Combine(options.Out, "server-backoffice.log");
    File.Delete(serverLog);
    await using var server = await PortalProcess.StartServerAsync(options.WebDll, corpusDb, dataDir, serverLog, mix.First(q => q.Kind == "citation").Text);
    results.BackOffice = await BackOfficeLists.RunAsync(server.Address!, options.Quick ? 5 : 30, Log);
    results.Load["after back office"] = MachineInfo.LoadAverage();
}

// 4c. The last minute of a contest round, on a database of its own (the sample content and the entrants).
if (options.Runs("contest"))
{
    var contestDb = options.Database(options.DatabaseName + "_contest");
    var contestData = Path.Combine(options.Out, "contest-data");
    if (Directory.Exists(contestData))
    {
        Directory.Delete(contestData, recursive: true);
    }
    Log($"contest: importing the sample content into {options.DatabaseName}_contest and registering {options.Entrants} entrants");
    await CorpusWriter.ImportSampleAsync(contestDb, options.ContentDir);
    await ContestLoad.RegisterAsync(contestDb, options.Entrants + ContestLoad.WarmupEntrants, options.Seed);
    var serverLog = Path.Combine(options.Out, "server-contest.log");
    File.Delete(serverLog);
    await using var server = await PortalProcess.StartServerAsync(options.WebDll, contestDb, contestData, serverLog, "kết hôn", ContestLoad.ServerSettings);
    results.Contest = await ContestLoad.RunAsync(server.Address!, server.Id, contestDb, options.Entrants, options.Seed, Log);
    results.Load["after contest"] = MachineInfo.LoadAverage();
}

// 5. PostgreSQL full-text search on the same database.
if (options.Runs("postgres"))
{
    Log("building the PostgreSQL full-text table (tsvector of unaccented text, GIN index)");
    var pg = new PostgresResults { BuildSeconds = (await PostgresFullText.BuildAsync(corpusDb)).TotalSeconds };
    pg.SizeMiB = await PostgresFullText.SizeAsync(corpusDb) / 1024.0 / 1024.0;
    Log($"PostgreSQL full-text table built in {pg.BuildSeconds:0.0} s ({pg.SizeMiB:0} MiB with its index)");
    await using (var dataSource = PostgresFullText.DataSource(corpusDb, options.Clients.Max()))
    {
        Task Query(BenchQuery query, CancellationToken cancellationToken) => PostgresFullText.SearchAsync(dataSource, query.Text, cancellationToken);
        var postgresCpu = await PostgresFullText.ServerCpuAsync(corpusDb);
        for (var i = 0; i < 2; i++)
        {
            foreach (var query in mix)
            {
                var keys = await PostgresFullText.SearchAsync(dataSource, query.Text, CancellationToken.None);
                pg.Found[query.Text] = keys.Count;
            }
        }
        foreach (var clients in options.Clients)
        {
            var level = await ClosedLoop.RunAsync(mix, clients, options.Scale(TimeSpan.FromSeconds(clients == 1 ? 30 : 20)),
                clients == 1 ? 5000 : int.MaxValue, Query, options.Seed, postgresCpu);
            pg.Levels.Add(level);
            Log($"PostgreSQL, {clients} client(s): p50 {level.Latency.P50:0.00} ms, p95 {level.Latency.P95:0.00} ms, {level.Throughput:0} req/s, {level.Errors} errors; " +
                $"CPU: PostgreSQL {level.Cpu.ServerCores:0.00}, load generator {level.Cpu.BenchmarkCores:0.00}, machine {level.Cpu.MachineCores:0.00} cores");
        }
    }
    results.Postgres = pg;
    results.Load["after PostgreSQL"] = MachineInfo.LoadAverage();
}

// 6. Relevance on the sample content, against the judged queries.
if (options.Runs("relevance") && File.Exists(options.JudgedFile))
{
    Log($"relevance on the sample content: {options.JudgedFile}");
    var judged = Relevance.Load(options.JudgedFile);
    var sampleData = Path.Combine(options.Out, "sample-data");
    if (Directory.Exists(sampleData))
    {
        Directory.Delete(sampleData, recursive: true);
    }
    await CorpusWriter.ImportSampleAsync(sampleDb, options.ContentDir);
    var sampleLog = Path.Combine(options.Out, "sample-reindex.log");
    File.Delete(sampleLog);
    await PortalProcess.RunVerbAsync(options.WebDll, sampleDb, sampleData, sampleLog, "reindex");
    await PostgresFullText.BuildAsync(sampleDb);
    await using var dataSource = PostgresFullText.DataSource(sampleDb, 1);
    results.Relevance = await Relevance.RunAsync(judged, Path.Combine(sampleData, "search-index"), dataSource);
    Log($"hits@3: portal {results.Relevance.Portal.All.HitsAt3:P0}, PostgreSQL {results.Relevance.Postgres.All.HitsAt3:P0}; " +
        $"MRR@10: portal {results.Relevance.Portal.All.MrrAt10:0.000}, PostgreSQL {results.Relevance.Postgres.All.MrrAt10:0.000} ({judged.Count} queries)");
}
else if (options.Runs("relevance"))
{
    Log($"no judged queries at {options.JudgedFile}: relevance skipped");
}

// 7. A live dialogue: 500 viewers on its stream, 50 questions a second through the public API, a moderator showing answers.
if (options.Runs("dialogue"))
{
    var dialogueDb = options.Database(options.DatabaseName + "_dialogue");
    var dialogueData = Path.Combine(options.Out, "dialogue-data");
    var adminLog = Path.Combine(options.Out, "dialogue-create-admin.log");
    File.Delete(adminLog);
    try
    {
        await PortalProcess.RunVerbAsync(options.WebDll, dialogueDb, dialogueData, adminLog, "create-admin", "--email", BackOfficeLists.Email, "--password", BackOfficeLists.Password);
    }
    catch (InvalidOperationException) when (File.ReadAllText(adminLog).Contains("Đã có tài khoản", StringComparison.Ordinal))
    {
        Log("the benchmark administrator exists already");
    }
    var serverLog = Path.Combine(options.Out, "server-dialogue.log");
    File.Delete(serverLog);
    // The sample content is imported on the first start; the per-address limit is raised: every asker comes from 127.0.0.1.
    await using (var server = await PortalProcess.StartServerAsync(options.WebDll, dialogueDb, dialogueData, serverLog, "kết hôn",
        new Dictionary<string, string> { ["Portal__Questions__AskPermitsPerHour"] = "100000000" }))
    {
        var d = await DialogueLoad.RunAsync(server.Address!, dialogueDb, 500, 50, options.Scale(TimeSpan.FromSeconds(40)), Log);
        results.Dialogue = d;
        Log($"dialogue: {d.ViewersConnected}/{d.Viewers} viewers; {d.QuestionsAccepted} of {d.QuestionsSent} questions accepted, {d.QuestionsStored} stored; " +
            $"{d.AnswersShown} answers shown, {d.Deliveries} deliveries ({d.DeliveriesMissing} missing), delivery from publication p50 {d.DeliveryFromPublication.P50:0} ms, p99 {d.DeliveryFromPublication.P99:0} ms; " +
            $"from \"show\" sent p50 {d.Delivery.P50:0} ms, p99 {d.Delivery.P99:0} ms");
    }
    results.Load["after dialogue"] = MachineInfo.LoadAverage();
}

results.TotalSeconds = total.Elapsed.TotalSeconds;
await File.WriteAllTextAsync(Path.Combine(options.Out, "results.json"), JsonSerializer.Serialize(results, Results.Json));
var report = Report.Markdown(results);
await File.WriteAllTextAsync(Path.Combine(options.Out, "results.md"), report);
Console.WriteLine();
Console.WriteLine(report);
Log($"done in {total.Elapsed.TotalMinutes:0.0} min; results in {options.Out}/results.md and results.json");
return 0;
