namespace PbgdplPortal.Web.Tests.Hosting;

/// <summary>
/// What a newcomer sees on `dotnet run` (the Development environment of launchSettings.json): the real portal process on
/// a fresh SQLite data folder says what it is doing, prints its address, and no warning that needs no action.
/// </summary>
public sealed class FirstRunOutputTests : IDisposable
{
    private const string Listening = "Now listening on: http://127.0.0.1:";
    private readonly string dataDir = Directory.CreateTempSubdirectory("pbgdpl-first-run-").FullName;

    [Fact]
    public async Task First_and_later_starts_print_what_happens_and_the_address_without_warnings()
    {
        // The first start migrates, imports the sample content and builds the search index; it is watched until the index is built.
        var first = await ServeAsync(output => output.Contains(Listening, StringComparison.Ordinal) && output.Contains("Search index built", StringComparison.Ordinal));
        AssertQuiet(first);
        var announced = first.IndexOf("Starting the portal: preparing the database (Sqlite", StringComparison.Ordinal);
        Assert.True(announced >= 0 && announced < first.IndexOf("Empty database: importing content", StringComparison.Ordinal),
            "The start-up line does not come first:\n" + first);

        var again = await ServeAsync(output => output.Contains("Application started", StringComparison.Ordinal));
        AssertQuiet(again);
    }

    private Task<string> ServeAsync(Func<string, bool> done) =>
        PortalProcess.ServeUntilAsync(dataDir, [("ASPNETCORE_ENVIRONMENT", "Development"), ("DOTNET_ENVIRONMENT", "Development")], done,
            "--urls", "http://127.0.0.1:0");

    private static void AssertQuiet(string output)
    {
        var warnings = output.Split('\n').Where(line => line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 0, $"The portal printed {warnings.Count} warning(s):\n{output}");
        Assert.Contains(Listening, output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestPaths.DeleteFolder(dataDir);
    }
}
