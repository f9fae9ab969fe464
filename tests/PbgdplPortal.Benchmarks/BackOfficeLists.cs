using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace PbgdplPortal.Benchmarks;

/// <summary>One back-office page measured one request at a time, as an editor uses it.</summary>
internal sealed record BackOfficePage(string What, string Url, LatencySummary Latency);

/// <summary>
/// The back office's paged, server-filtered lists on the full corpus: an administrator (who sees every
/// agency, the largest lists) signs in through the real form and opens each list page in turn.
/// </summary>
internal static partial class BackOfficeLists
{
    public const string Email = "quan-tri-do-tai@kiemthu.vn";
    public const string Password = "Đo-tải-Quản-trị-2026!";

    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("href=\"/quan-tri/bai-viet/(\\d+)\"")]
    private static partial Regex ArticleLink();

    [GeneratedRegex("name=\"co-quan\".*?<option value=\"(\\d+)\"", RegexOptions.Singleline)]
    private static partial Regex AgencyOption();

    public static async Task<List<BackOfficePage>> RunAsync(Uri address, int rounds, Action<string> log)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.All };
        using var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        var form = await client.GetStringAsync("/quan-tri/dang-nhap");
        var signIn = await client.PostAsync("/quan-tri/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = Email,
            ["Password"] = Password,
            ["__csrf"] = WebUtility.HtmlDecode(Token().Match(form).Groups[1].Value),
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect || signIn.Headers.Location?.OriginalString != "/quan-tri")
        {
            throw new InvalidOperationException($"Sign-in for the back-office benchmark failed: {(int)signIn.StatusCode}");
        }
        var firstPage = await client.GetStringAsync("/quan-tri/bai-viet");
        var articleId = ArticleLink().Match(firstPage).Groups[1].Value;
        var agencyId = AgencyOption().Match(firstPage).Groups[1].Value;
        (string What, string Url)[] pages =
        [
            ("Articles, first page (all agencies)", "/quan-tri/bai-viet"),
            ("Articles, page 1,000 (offset 49,950)", "/quan-tri/bai-viet?trang=1000"),
            ("Articles, published only", "/quan-tri/bai-viet?trang-thai=da-dang"),
            ("Articles, one agency", $"/quan-tri/bai-viet?co-quan={agencyId}"),
            ("Articles, one topic", "/quan-tri/bai-viet?chu-de=dat-dai"),
            ("Articles, title contains", "/quan-tri/bai-viet?q=" + Uri.EscapeDataString("kết hôn")),
            ("Articles, needing review", "/quan-tri/bai-viet?ra-soat=1"),
            ("Article editor", $"/quan-tri/bai-viet/{articleId}"),
            ("Legal documents", "/quan-tri/van-ban"),
            ("Dashboard", "/quan-tri"),
            ("Audit log", "/quan-tri/nhat-ky"),
        ];
        var measured = new List<BackOfficePage>();
        foreach (var (what, url) in pages)
        {
            var latencies = new Latencies();
            for (var i = 0; i < rounds + 3; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead);
                watch.Stop();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
                }
                if (i >= 3)
                {
                    latencies.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
            var page = new BackOfficePage(what, url, latencies.Summarize());
            measured.Add(page);
            log($"back office: {what}: p50 {page.Latency.P50:0.0} ms, p95 {page.Latency.P95:0.0} ms");
        }
        return measured;
    }
}
