using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PbgdplPortal.Browser.Tests.Contests;
using PbgdplPortal.Contests;

namespace PbgdplPortal.Browser.Tests.Markup;

/// <summary>The HTML the portal serves passes the Nu HTML checker (vnu.jar) without errors.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ValidHtmlTests(ServedPortal portal)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Public_pages_are_valid_html()
    {
        using var client = portal.CreateHttpClient();
        var pages = new List<(string Url, string Html)>();
        foreach (var url in PublicPages.All)
        {
            pages.Add((url, await HtmlAsync(client, url)));
        }
        await AssertValidAsync(pages);
    }

    [Fact]
    public async Task Contest_pages_are_valid_html()
    {
        var pages = new List<(string Url, string Html)>();
        using (var client = portal.CreateHttpClient())
        {
            foreach (var url in await ContestPages.PublicAsync(portal))
            {
                pages.Add((url, await HtmlAsync(client, url)));
            }
        }

        // An entrant's pages: the account, the round, the paper, and the paper once submitted.
        using var entrant = await ContestPages.SignedInClientAsync(portal);
        var round = ContestUrls.Round(await ContestPages.CreateOpenAsync(portal), 1);
        pages.Add((ContestUrls.Account, await HtmlAsync(entrant, ContestUrls.Account)));
        pages.Add((round, await HtmlAsync(entrant, round)));
        var started = await entrant.PostAsync(round, new FormUrlEncodedContent(new Dictionary<string, string> { ["__csrf"] = await ContestPages.AntiforgeryAsync(entrant, round) }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, started.StatusCode);
        var attempt = started.Headers.Location!.OriginalString;
        var paper = await HtmlAsync(entrant, attempt);
        pages.Add((attempt, paper));
        var answers = Regex.Matches(paper, "name=\"(q\\d+)\" value=\"(\\d+)\"").GroupBy(m => m.Groups[1].Value)
            .ToDictionary(g => g.Key, g => g.First().Groups[2].Value);
        answers["du-doan"] = "2";
        answers["__csrf"] = await ContestPages.AntiforgeryAsync(entrant, attempt);
        var submitted = await entrant.PostAsync(attempt, new FormUrlEncodedContent(answers));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, submitted.StatusCode);
        var result = await HtmlAsync(entrant, attempt);
        Assert.Contains("Kết quả lượt thi", result, StringComparison.Ordinal);
        pages.Add((attempt + " (submitted)", result));
        await AssertValidAsync(pages);
    }

    private static async Task<string> HtmlAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task AssertValidAsync(IReadOnlyList<(string Url, string Html)> served)
    {
        var vnu = TestTools.VnuJar;
        var folder = Directory.CreateTempSubdirectory("pbgdpl-vnu-").FullName;
        try
        {
            var pages = new Dictionary<string, string>(); // file name → page address
            foreach (var (url, html) in served)
            {
                var name = $"page-{pages.Count}.html";
                await File.WriteAllTextAsync(Path.Combine(folder, name), html);
                pages[name] = url;
            }

            // vnu names each file by a file: URL; its file name leads back to the page.
            var errors = (await RunVnuAsync(vnu, pages.Keys.Select(name => Path.Combine(folder, name))))
                .Select(m => $"{(pages.TryGetValue(Path.GetFileName(m.Url ?? ""), out var page) ? page : m.Url)} line {m.LastLine}: {m.Message}\n    {m.Extract?.ReplaceLineEndings(" ")}")
                .ToList();

            Assert.True(errors.Count == 0, $"The Nu HTML checker found {errors.Count} error(s):\n" + string.Join("\n", errors));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<VnuMessage>> RunVnuAsync(string vnu, IEnumerable<string> files)
    {
        var start = new ProcessStartInfo("java")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in (string[])["-jar", vnu, "--format", "json", "--stdout", "--errors-only", .. files])
        {
            start.ArgumentList.Add(arg);
        }
        using var process = StartJava(start);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var json = await output;
        Assert.True(json.TrimStart().StartsWith('{'), $"vnu.jar gave no JSON report (exit code {process.ExitCode}): {json}{await error}");
        var report = JsonSerializer.Deserialize<VnuReport>(json, Json)!;
        return report.Messages.Where(m => m.Type is "error" or "non-document-error").ToList();
    }

    private static Process StartJava(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("java could not be started. Run the tests with ./test.sh, which installs it.", e);
        }
    }

    private sealed record VnuReport(List<VnuMessage> Messages);

    private sealed record VnuMessage(string Type, string? SubType, string? Url, int? LastLine, string? Message, string? Extract);
}
