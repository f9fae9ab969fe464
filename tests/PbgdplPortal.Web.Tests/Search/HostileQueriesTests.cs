using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace PbgdplPortal.Web.Tests.Search;

/// <summary>
/// Ten thousand generated hostile queries (random Unicode, control characters, Lucene syntax, huge and
/// malformed input) sent to the search API, the suggestions and the search page: none may fail with a
/// server error or take half a second.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed partial class HostileQueriesTests(SqlitePortal portal, ITestOutputHelper output)
{
    private const int QueryCount = 10_000;
    private const int Seed = 20_261_128;
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(500);

    [GeneratedRegex("<(?!/?mark>)")]
    private static partial Regex TagOtherThanMark();

    [Fact]
    public void The_generator_covers_every_category_and_is_deterministic()
    {
        var first = HostileQueryGenerator.Generate(new Random(Seed), QueryCount).ToList();
        var second = HostileQueryGenerator.Generate(new Random(Seed), QueryCount).ToList();
        Assert.Equal(QueryCount, first.Count);
        Assert.Equal(first, second);
        Assert.Equal(HostileQueryGenerator.Categories, first.Select(q => q.Category).Distinct().Order(StringComparer.Ordinal).ToList());
        Assert.Contains(first, q => q.Query.Length >= 10_000);
        Assert.Contains(first, q => q.Query.Contains("title:(", StringComparison.Ordinal));
        Assert.Contains(first, q => q.Query.Any(char.IsControl));
        Assert.Contains(first, q => q.RawBytes is not null);
    }

    [Fact]
    public async Task Ten_thousand_hostile_queries_never_get_a_server_error_and_each_answers_within_half_a_second()
    {
        await SearchTestKit.EngineAsync(portal);
        using var client = portal.CreateClient(new() { AllowAutoRedirect = false });
        // The first requests compile views and warm the JIT; they are not what is measured.
        foreach (var warmUp in new[] { "/api/search?q=dang+ky", "/api/search/suggest?q=dang", "/tim-kiem?q=dang+ky" })
        {
            (await client.GetAsync(warmUp)).EnsureSuccessStatusCode();
        }
        var failures = new List<string>();
        var preempted = new List<string>();
        var latencies = new List<double>();
        var requests = 0;
        foreach (var (query, index) in HostileQueryGenerator.Generate(new Random(Seed), QueryCount).Select((q, i) => (q, i)))
        {
            var q = query.Encoded();
            var urls = new List<string> { $"/api/search?q={q}{query.ExtraParameters}", $"/api/search/suggest?q={q}" };
            if (index % 10 == 0)
            {
                urls.Add($"/tim-kiem?q={q}");
            }
            foreach (var url in urls)
            {
                requests++;
                var (elapsed, problem) = await SendAsync(client, url);
                latencies.Add(elapsed.TotalMilliseconds);
                if (problem is null && elapsed >= Limit)
                {
                    // Others build on this machine: a query that is slow again, twice, is slow; one that
                    // answers fast on a retry was only waiting for a core.
                    var retries = new List<TimeSpan> { (await SendAsync(client, url)).Elapsed, (await SendAsync(client, url)).Elapsed };
                    var timings = $"{elapsed.TotalMilliseconds:0} ms, then {string.Join(" and ", retries.Select(r => $"{r.TotalMilliseconds:0} ms"))}";
                    if (retries.Any(r => r < Limit))
                    {
                        preempted.Add($"{Shorten(url)}: {timings}");
                    }
                    else
                    {
                        problem = "took " + timings;
                    }
                }
                if (problem is not null)
                {
                    failures.Add($"[{query.Category}] {Shorten(url)}: {problem}");
                }
            }
        }
        latencies.Sort();
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{QueryCount} hostile queries, {requests} requests: p50 {latencies[latencies.Count / 2]:0.0} ms, p99 {latencies[latencies.Count * 99 / 100]:0.0} ms, max {latencies[^1]:0.0} ms; {preempted.Count} slow once but fast on retry; {failures.Count} failures");
        output.WriteLine(summary);
        Console.WriteLine(summary);
        foreach (var line in preempted)
        {
            output.WriteLine("  slow once: " + line);
        }
        Assert.True(failures.Count == 0, summary + Environment.NewLine + string.Join(Environment.NewLine, failures.Take(20)));
    }

    private static async Task<(TimeSpan Elapsed, string? Problem)> SendAsync(HttpClient client, string url)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        clock.Stop();
        return (clock.Elapsed, Check(url, response, body));
    }

    /// <summary>What is wrong with an answer, or null.</summary>
    private static string? Check(string url, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return $"answered {status}: {Shorten(body)}";
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (url.StartsWith("/tim-kiem", StringComparison.Ordinal))
        {
            return response.StatusCode == HttpStatusCode.OK ? null : $"the page answered {status}";
        }
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            return mediaType == "application/problem+json" ? null : $"400 as {mediaType}, not problem details";
        }
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"answered {status}";
        }
        if (url.StartsWith("/api/search?", StringComparison.Ordinal))
        {
            using var json = JsonDocument.Parse(body);
            foreach (var hit in json.RootElement.GetProperty("hits").EnumerateArray())
            {
                if (TagOtherThanMark().IsMatch(hit.GetProperty("snippet").GetString()!))
                {
                    return "a snippet holds a tag other than <mark>";
                }
            }
        }
        return null;
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";
}

/// <summary>One generated query: its text, or raw bytes for malformed UTF-8, and extra API parameters.</summary>
internal sealed record HostileQuery(string Category, string Query, string ExtraParameters = "", byte[]? RawBytes = null)
{
    /// <summary>The query percent-encoded for a URL; raw bytes are sent as they are, valid UTF-8 or not.</summary>
    public string Encoded()
    {
        var bytes = RawBytes ?? Encoding.UTF8.GetBytes(Query);
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'_' or (byte)'.')
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    public bool Equals(HostileQuery? other) =>
        other is not null && Category == other.Category && Query == other.Query && ExtraParameters == other.ExtraParameters
        && (RawBytes ?? []).SequenceEqual(other.RawBytes ?? []);

    public override int GetHashCode() => HashCode.Combine(Category, Query, ExtraParameters);
}

/// <summary>Generates hostile queries deterministically from a seeded random source.</summary>
internal static class HostileQueryGenerator
{
    public static readonly IReadOnlyList<string> Categories =
        ["control", "html", "huge", "lucene", "malformed-utf8", "mixed", "parameters", "unicode", "wildcard"];

    private static readonly string[] LuceneSyntax =
    [
        "title:(", "title:", "*", "?", "~", "~2", "^10", "\"", "\"\"", "AND", "OR", "NOT", "&&", "||", "!", "+", "-", "(", ")", "{", "}",
        "[", "]", "[a TO z]", "{* TO *}", "\\", "/", "/.*/", "/[a-z]+/", "*:*", "body_f:hon", "id:*", "_val_:1", "hon~0.5", "\"dang ky\"~10",
        "title:\"ket hon", ":", "::", "^", "a^-1", "NOT NOT", "AND OR NOT", "((((", "))))", "\"\"\"", "\\\"", "%", "&", "#", "'",
    ];

    private static readonly string[] Words =
    [
        "đăng", "ký", "kết", "hôn", "dang", "ky", "ket", "hon", "ngư", "dân", "điều", "5", "luật", "không", "được", "thuỷ", "hoà",
        "100/2019/NĐ-CP", "138/KH-UBND", "52/2014/QH13", "168/2024/nd-cp", "1/2/3/4/NĐ-CP", "////", "9999/9999/X", "Điều", "khoản",
    ];

    private static readonly string[] Html =
    [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'\"><svg onload=alert(1)>", "</mark><mark>", "<mark>",
        "javascript:alert(1)", "&lt;script&gt;", "&#60;script&#62;", "<!--", "]]>", "<a href=\"x\">", "{{7*7}}", "@(1+1)", "${7*7}",
    ];

    private static readonly string[] Controls =
        ["\0", "\t", "\n", "\r", "\r\n", "\u0001", "\u0007", "\u0008", "\u001b", "\u001f", "\u007f", "\u0085", "\u2028", "\u2029", "\u200b", "\u200d", "\ufeff", "\u202e"];

    public static IEnumerable<HostileQuery> Generate(Random random, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var category = Categories[i % Categories.Count];
            yield return category switch
            {
                "unicode" => new HostileQuery(category, RandomUnicode(random, random.Next(1, 60))),
                "control" => new HostileQuery(category, Join(random, random.Next(1, 12), () => random.Next(2) == 0 ? Pick(random, Controls) : Pick(random, Words))),
                "lucene" => new HostileQuery(category, Join(random, random.Next(1, 10), () => random.Next(3) == 0 ? Pick(random, Words) : Pick(random, LuceneSyntax))),
                "wildcard" => new HostileQuery(category, Join(random, random.Next(1, 6), () => Wildcard(random))),
                "huge" => new HostileQuery(category, Huge(random)),
                "html" => new HostileQuery(category, Join(random, random.Next(1, 5), () => random.Next(2) == 0 ? Pick(random, Html) : Pick(random, Words))),
                "malformed-utf8" => Malformed(random),
                "parameters" => new HostileQuery(category, Join(random, random.Next(0, 4), () => Pick(random, Words)), Parameters(random)),
                _ => new HostileQuery(category, Join(random, random.Next(1, 40),
                    () => random.Next(4) switch { 0 => Pick(random, LuceneSyntax), 1 => Pick(random, Html), 2 => RandomUnicode(random, 3), _ => Pick(random, Words) })),
            };
        }
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Join(Random random, int count, Func<string> part) =>
        string.Join(random.Next(3) == 0 ? "" : " ", Enumerable.Range(0, count).Select(_ => part()));

    private static string Wildcard(Random random)
    {
        var word = Pick(random, Words);
        return random.Next(4) switch
        {
            0 => word + "*",
            1 => "*" + word,
            2 => word[..Math.Max(1, word.Length / 2)] + "?" + "*",
            _ => new string('*', random.Next(1, 50)) + word + "~" + random.Next(0, 3),
        };
    }

    private static string Huge(Random random) => random.Next(4) switch
    {
        0 => new string('a', 10_000),
        1 => string.Concat(Enumerable.Repeat("đăng ký kết hôn ", 700))[..10_000],
        2 => string.Concat(Enumerable.Repeat("\"", 10_000)),
        _ => new string('x', random.Next(250, 262)) + " " + RandomUnicode(random, random.Next(1, 20)),
    };

    /// <summary>Any code point of any plane, surrogate halves and non-characters included.</summary>
    private static string RandomUnicode(Random random, int length)
    {
        var sb = new StringBuilder(length * 2);
        for (var i = 0; i < length; i++)
        {
            switch (random.Next(6))
            {
                case 0:
                    sb.Append((char)random.Next(0, 0x10000)); // may be a lone surrogate or U+FFFE
                    break;
                case 1:
                    sb.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000))); // emoji and other planes
                    break;
                case 2:
                    sb.Append((char)random.Next(0x0300, 0x0370)); // combining marks, also alone
                    break;
                case 3:
                    sb.Append((char)random.Next(0x0590, 0x0700)); // right-to-left scripts
                    break;
                case 4:
                    sb.Append("aăâeêioôơuưyđ"[random.Next(13)]).Append((char)random.Next(0x0300, 0x0324));
                    break;
                default:
                    sb.Append("\uFFFE\uFFFF\uFFFD\u00A0\u3000\u0000"[random.Next(6)]);
                    break;
            }
        }
        return sb.ToString();
    }

    private static HostileQuery Malformed(Random random)
    {
        byte[][] pieces =
        [
            [0xFF], [0xFE], [0xC0, 0xAF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xC3],
            "hôn"u8.ToArray(), "%"u8.ToArray(), "&q=x"u8.ToArray(), "+"u8.ToArray(), [0x00],
        ];
        var bytes = Enumerable.Range(0, random.Next(1, 12)).SelectMany(_ => pieces[random.Next(pieces.Length)]).ToArray();
        return new HostileQuery("malformed-utf8", Encoding.UTF8.GetString(bytes), RawBytes: bytes);
    }

    private static string Parameters(Random random)
    {
        string[] names = ["page", "pageSize", "sort", "type", "topic", "audience", "agency", "year", "q"];
        string[] values =
        [
            "", "0", "-1", "1", "2", "100", "101", "1000", "2147483647", "2147483648", "-2147483649", "99999999999999999999", "1e3", "0x10",
            "abc", "newest", "relevance", "NEWEST", "moi-nhat", "%3Cscript%3E", "%00", "article", "document", "2026", "ngu-dan", "%E2%80%AE",
        ];
        return string.Concat(Enumerable.Range(0, random.Next(1, 5)).Select(_ => $"&{names[random.Next(names.Length)]}={values[random.Next(values.Length)]}"));
    }
}
