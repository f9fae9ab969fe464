using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace PbgdplPortal.Benchmarks;

/// <summary>What the dialogue phase measured.</summary>
internal sealed record DialogueResult(int Viewers, int ViewersConnected, double AskSeconds, double QuestionsPerSecondOffered, int QuestionsSent, int QuestionsAccepted,
    int QuestionsRefused, int QuestionsStored, int AnswersShown, long Deliveries, long DeliveriesMissing, LatencySummary Delivery, LatencySummary DeliveryFromPublication,
    LatencySummary Ask);

/// <summary>
/// A live dialogue under load: viewers follow one live session through its server-sent events stream while citizens send
/// questions through the public API at a steady rate and a moderator (the benchmark administrator) picks, answers and
/// shows questions through the back-office forms. Delivery latency runs from the moment the moderator sends "show" to
/// each viewer receiving the item; no accepted question may be missing from the database.
/// </summary>
internal static partial class DialogueLoad
{
    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("/cau-hoi/(\\d+)/chon\"")]
    private static partial Regex PickLink();

    [GeneratedRegex("name=\"AgencyId\".*?<option value=\"(\\d+)\">Sở Tư pháp", RegexOptions.Singleline)]
    private static partial Regex JusticeAgency();

    [GeneratedRegex("name=\"TopicIds\" type=\"checkbox\" value=\"(\\d+)\"")]
    private static partial Regex FirstTopic();

    public static async Task<DialogueResult> RunAsync(Uri address, string connectionString, int viewers, int questionsPerSecond, TimeSpan askFor, Action<string> log)
    {
        using var staffHandler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var staff = new HttpClient(staffHandler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        var form = await staff.GetStringAsync("/quan-tri/dang-nhap");
        await Expect(staff.PostAsync("/quan-tri/dang-nhap", Form(form, ("Email", BackOfficeLists.Email), ("Password", BackOfficeLists.Password))), "sign-in");

        // A session of the Department of Justice, made live through the back office.
        var editor = await staff.GetStringAsync("/quan-tri/doi-thoai/moi");
        var agency = JusticeAgency().Match(editor).Groups[1].Value;
        var topic = FirstTopic().Match(editor).Groups[1].Value;
        var title = $"Đối thoại đo tải {DateTime.UtcNow:yyyyMMddHHmmss}";
        // Vietnam time, an hour ahead: the benchmark starts the session itself, before its schedule would.
        var now = DateTime.UtcNow.AddHours(7 + 1);
        var created = await Expect(staff.PostAsync("/quan-tri/doi-thoai/moi", Form(editor, ("Version", "0"), ("Title", title), ("AgencyId", agency), ("TopicIds", topic),
            ("Guests", "Giám đốc Sở Tư pháp"), ("StartsAt", now.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture)),
            ("EndsAt", now.AddHours(2).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture)))), "create the session");
        var sessionPath = created.Headers.Location!.OriginalString;
        var sessionPage = await staff.GetStringAsync(sessionPath);
        var slug = Regex.Match(sessionPage, "href=\"/doi-thoai/([a-z0-9-]+)\"").Groups[1].Value;
        await Expect(staff.PostAsync(sessionPath + "/chuyen", Form(sessionPage, ("version", "1"), ("sang", "OpenForQuestions"))), "open the session");
        await Expect(staff.PostAsync(sessionPath + "/chuyen", Form(sessionPage, ("version", "2"), ("sang", "Live"))), "start the session");
        var topicSlug = await TopicSlugAsync(connectionString, int.Parse(topic, System.Globalization.CultureInfo.InvariantCulture));
        log($"dialogue: session /doi-thoai/{slug} is live; connecting {viewers} viewers");

        // The viewers: one stream each, every item's arrival time noted.
        using var stop = new CancellationTokenSource();
        var shownAt = new ConcurrentDictionary<int, long>();
        var arrivals = new ConcurrentBag<(int Order, long At, DateTime Utc)>();
        var connected = 0;
        var failedViewers = 0;
        using var viewerHandler = new SocketsHttpHandler { MaxConnectionsPerServer = viewers + 10, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var viewerClient = new HttpClient(viewerHandler) { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        var viewerTasks = Enumerable.Range(0, viewers).Select(_ => Task.Run(async () =>
        {
            try
            {
                using var response = await viewerClient.GetAsync($"/doi-thoai/{slug}/su-kien", HttpCompletionOption.ResponseHeadersRead, stop.Token);
                response.EnsureSuccessStatusCode();
                Interlocked.Increment(ref connected);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
                int? id = null;
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    if (line.StartsWith("id: ", StringComparison.Ordinal))
                    {
                        id = int.Parse(line.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture);
                    }
                    else if (line.Length == 0 && id is { } order)
                    {
                        arrivals.Add((order, Stopwatch.GetTimestamp(), DateTime.UtcNow));
                        id = null;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The phase is over.
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref failedViewers);
            }
        })).ToList();
        var wait = Stopwatch.StartNew();
        while (Volatile.Read(ref connected) + Volatile.Read(ref failedViewers) < viewers && wait.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }
        log($"dialogue: {connected} viewers connected ({failedViewers} refused) in {wait.Elapsed.TotalSeconds:0.0} s; {questionsPerSecond} questions/s for {askFor.TotalSeconds:0} s");

        // The askers: a steady rate through the public API, each request on its own.
        using var askClient = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var askLatency = new Latencies();
        int sent = 0, accepted = 0, refused = 0;
        var asks = new List<Task>();
        var askClock = Stopwatch.StartNew();
        var moderator = ModerateAsync(staff, sessionPath, shownAt, askClock, askFor, log);
        var interval = TimeSpan.FromSeconds(1.0 / questionsPerSecond);
        for (var i = 0; askClock.Elapsed < askFor; i++)
        {
            var due = interval * i;
            if (due > askClock.Elapsed)
            {
                await Task.Delay(due - askClock.Elapsed);
            }
            var n = Interlocked.Increment(ref sent);
            asks.Add(Task.Run(async () =>
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    using var response = await askClient.PostAsJsonAsync($"/api/dialogues/{slug}/questions", new
                    {
                        text = $"Câu hỏi đo tải số {n}: xin hỏi thủ tục đăng ký kết hôn cần những giấy tờ gì?",
                        topic = topicSlug,
                        audience = "hoc-sinh-sinh-vien",
                        name = "Nguyễn Văn Đo",
                        place = "Phường Tân Thành",
                    });
                    askLatency.Add(watch.Elapsed.TotalMilliseconds);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        Interlocked.Increment(ref accepted);
                    }
                    else
                    {
                        Interlocked.Increment(ref refused);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref refused);
                }
            }));
        }
        await Task.WhenAll(asks);
        var shown = await moderator;
        // Deliveries still on their way.
        await Task.Delay(3000);
        await stop.CancelAsync();
        await Task.WhenAll(viewerTasks);

        var stored = await StoredAsync(connectionString, slug);
        var published = await PublishedAsync(connectionString, slug);
        var delivery = new Latencies();
        var fromPublication = new Latencies();
        var received = arrivals.ToList();
        foreach (var (order, at, utc) in received)
        {
            if (shownAt.TryGetValue(order, out var start))
            {
                delivery.Add(Stopwatch.GetElapsedTime(start, at).TotalMilliseconds);
            }
            if (published.TryGetValue(order, out var moment))
            {
                fromPublication.Add((utc - moment).TotalMilliseconds);
            }
        }
        var expected = (long)shownAt.Count * connected;
        var delivered = received.Count(r => shownAt.ContainsKey(r.Order));
        return new DialogueResult(viewers, connected, askFor.TotalSeconds, questionsPerSecond, sent, accepted, refused, stored, shown, delivered,
            expected - delivered, delivery.Summarize(), fromPublication.Summarize(), askLatency.Summarize());
    }

    /// <summary>The moderator: picks the oldest waiting question, answers it and shows it live, about once a second.</summary>
    private static async Task<int> ModerateAsync(HttpClient staff, string sessionPath, ConcurrentDictionary<int, long> shownAt, Stopwatch clock, TimeSpan until, Action<string> log)
    {
        var shown = 0;
        while (clock.Elapsed < until)
        {
            var started = Stopwatch.StartNew();
            var page = await staff.GetStringAsync(sessionPath);
            if (PickLink().Match(page) is { Success: true } pick)
            {
                var id = pick.Groups[1].Value;
                await Expect(staff.PostAsync($"{sessionPath}/cau-hoi/{id}/chon", Form(page, ("version", "0"))), "pick");
                await Expect(staff.PostAsync($"{sessionPath}/cau-hoi/{id}/tra-loi", Form(page, ("version", "1"),
                    ("noi-dung", "Theo Luật Hộ tịch, hồ sơ đăng ký kết hôn gồm tờ khai và giấy xác nhận tình trạng hôn nhân."), ("can-cu", ""))), "answer");
                var order = shown + 1;
                shownAt[order] = Stopwatch.GetTimestamp();
                await Expect(staff.PostAsync($"{sessionPath}/cau-hoi/{id}/hien-thi", Form(page, ("version", "2"))), "show");
                shown = order;
            }
            var rest = TimeSpan.FromSeconds(1) - started.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }
        }
        log($"dialogue: the moderator showed {shown} answers");
        return shown;
    }

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__csrf", WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value))]);

    private static async Task<HttpResponseMessage> Expect(Task<HttpResponseMessage> request, string what)
    {
        var response = await request;
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"dialogue: {what} answered {(int)response.StatusCode}");
        }
        return response;
    }

    private static async Task<string> TopicSlugAsync(string connectionString, int id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"Slug\" FROM \"Topics\" WHERE \"Id\" = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>When each shown question was published, by its number in the session (the server's clock: same machine).</summary>
    private static async Task<Dictionary<int, DateTime>> PublishedAsync(string connectionString, string slug)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT q.\"SessionOrder\", q.\"PublishedAt\" FROM \"Questions\" q JOIN \"DialogueSessions\" s ON s.\"Id\" = q.\"DialogueSessionId\" " +
            "WHERE s.\"Slug\" = @slug AND q.\"SessionOrder\" IS NOT NULL", connection);
        command.Parameters.AddWithValue("slug", slug);
        var moments = new Dictionary<int, DateTime>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            moments[reader.GetInt32(0)] = DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc);
        }
        return moments;
    }

    private static async Task<int> StoredAsync(string connectionString, string slug)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM \"Questions\" q JOIN \"DialogueSessions\" s ON s.\"Id\" = q.\"DialogueSessionId\" WHERE s.\"Slug\" = @slug", connection);
        command.Parameters.AddWithValue("slug", slug);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
