using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PbgdplPortal.Data;

namespace PbgdplPortal.Browser.Tests;

/// <summary>
/// The portal as a visitor meets it: served by Kestrel on a real 127.0.0.1 port, on the embedded default
/// (a fresh SQLite file in its own data folder, the repository's sample content imported on start), and
/// one headless Chromium for the whole collection. The browser is the machine's own Chromium
/// (PBGDPL_CHROMIUM): Playwright never downloads one.
/// </summary>
public sealed class ServedPortal : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly SemaphoreSlim browserLock = new(1, 1);
    private IPlaywright? playwright;
    private IBrowser? browser;

    public string DataDir { get; } = Directory.CreateTempSubdirectory("pbgdpl-browser-").FullName;

    /// <summary>The served address, such as http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Portal:DataDir", DataDir);
        builder.UseSetting("Portal:ContentDir", TestTools.Content);
        builder.UseSetting("Portal:Database", "sqlite");
    }

    public async Task InitializeAsync()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        // Starts the host: migrations and the first-run import happen here.
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        BaseAddress = new Uri(addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no address."));

        await using var scope = Services.CreateAsyncScope();
        if (!await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Articles.AnyAsync())
        {
            throw new InvalidOperationException($"The sample content in {TestTools.Content} was not imported: see \"Content import problem\" in the log.");
        }
        await Services.GetRequiredService<PbgdplPortal.Web.Search.SearchIndexer>().Ready.WaitAsync(TimeSpan.FromMinutes(2));
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

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
        browserLock.Dispose();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a background thread; the temp folder is cleaned by the OS.
        }
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
    public static string Repository { get; } = FindRepository();

    public static string Content => Path.Combine(Repository, "content");

    public static string Chromium => RequireFile("PBGDPL_CHROMIUM", "/usr/bin/chromium", "Chromium");

    public static string VnuJar => RequireFile("PBGDPL_VNU_JAR", Path.Combine(Repository, ".tools", "vnu", "node_modules", "vnu-jar", "build", "dist", "vnu.jar"), "The Nu HTML checker (vnu.jar)");

    private static string RequireFile(string variable, string fallback, string what)
    {
        var path = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : fallback;
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{what} was not found at {path} ({variable}). Run the tests with ./test.sh, which installs it and sets {variable}.");
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PbgdplPortal.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (PbgdplPortal.sln) was not found above " + AppContext.BaseDirectory);
    }
}
