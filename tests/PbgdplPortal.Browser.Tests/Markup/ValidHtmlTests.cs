using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace PbgdplPortal.Browser.Tests.Markup;

/// <summary>The HTML the portal serves passes the Nu HTML checker (vnu.jar) without errors.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ValidHtmlTests(ServedPortal portal)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Public_pages_are_valid_html()
    {
        var vnu = TestTools.VnuJar;
        var folder = Directory.CreateTempSubdirectory("pbgdpl-vnu-").FullName;
        try
        {
            using var client = portal.CreateHttpClient();
            var pages = new Dictionary<string, string>(); // file name → page address
            foreach (var url in PublicPages.All)
            {
                using var response = await client.GetAsync(url);
                Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                var name = $"page-{pages.Count}.html";
                await File.WriteAllTextAsync(Path.Combine(folder, name), await response.Content.ReadAsStringAsync());
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
