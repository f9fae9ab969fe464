using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace PbgdplPortal.Browser.Tests;

/// <summary>
/// The portal as a visitor meets it: the test kit's SQLite portal served by Kestrel on a real 127.0.0.1 port (the
/// repository's sample content imported on start), and one headless Chromium for the whole collection. The browser is
/// the machine's own Chromium (PBGDPL_CHROMIUM): Playwright never downloads one.
/// </summary>
public sealed class ServedPortal : PortalFactory
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly SemaphoreSlim browserLock = new(1, 1);
    private IPlaywright? playwright;
    private IBrowser? browser;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override bool ServedByKestrel => true;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (!await WithDbAsync(db => db.Articles.AnyAsync()))
        {
            throw new InvalidOperationException($"The sample content in {ContentDir} was not imported: see \"Content import problem\" in the log.");
        }
        await SearchReadyAsync();
    }

    /// <summary>An HTTP client for the served port, for reading raw responses.</summary>
    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    /// <summary>The collection's Chromium, launched on first use.</summary>
    public async Task<IBrowser> BrowserAsync()
    {
        await browserLock.WaitAsync();
        try
        {
            if (browser is null)
            {
                var chromium = TestTools.Chromium;
                // Belt and braces: nothing in Playwright may try to fetch a browser on this offline machine.
                Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
                playwright = await Playwright.CreateAsync();
                browser = await playwright.Chromium.LaunchAsync(new()
                {
                    ExecutablePath = chromium,
                    Headless = true,
                    Args = ChromiumArgs,
                });
            }
            return browser;
        }
        finally
        {
            browserLock.Release();
        }
    }

    /// <summary>A fresh browser context (own cookies, own viewport) whose relative addresses go to the served port.</summary>
    public async Task<IBrowserContext> NewContextAsync(bool javaScriptEnabled = true, int width = 1280, int height = 900) =>
        await (await BrowserAsync()).NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            JavaScriptEnabled = javaScriptEnabled,
            ViewportSize = new() { Width = width, Height = height },
            Locale = "vi-VN",
        });

    /// <summary>Closes the collection's Chromium once the portal has stopped.</summary>
    protected override async Task StopAlongsideAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
        browserLock.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ServedPortal>
{
    public const string Name = "browser";
}

/// <summary>The tools the browser tests need, installed by ./test.sh. A missing tool fails the test, never skips it.</summary>
public static class TestTools
{
    public static string Chromium => RequireFile("PBGDPL_CHROMIUM", "/usr/bin/chromium", "Chromium");

    public static string VnuJar => RequireFile("PBGDPL_VNU_JAR", Path.Combine(TestPaths.Repository, ".tools", "vnu", "node_modules", "vnu-jar", "build", "dist", "vnu.jar"), "The Nu HTML checker (vnu.jar)");

    private static string RequireFile(string variable, string fallback, string what)
    {
        var path = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : fallback;
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{what} was not found at {path} ({variable}). Run the tests with ./test.sh, which installs it and sets {variable}.");
    }
}
