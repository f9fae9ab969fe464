using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PbgdplPortal.Benchmarks;

/// <summary>
/// The portal as an operator runs it: `dotnet PbgdplPortal.Web.dll` on PostgreSQL, for a command-line
/// verb or as the web server. Its output goes to a log file in the output folder.
/// </summary>
internal sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;
    private volatile bool rebuilding;

    private PortalProcess(Process process, StreamWriter log, Uri? address)
    {
        this.process = process;
        this.log = log;
        Address = address;
    }

    public Uri? Address { get; }

    public int Id => process.Id;

    public static ProcessStartInfo StartInfo(string webDll, string connectionString, string dataDir, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(webDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["Portal__Database"] = "postgres";
        info.Environment["ConnectionStrings__Portal"] = connectionString;
        info.Environment["Portal__DataDir"] = dataDir;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return info;
    }

    private static PortalProcess Start(ProcessStartInfo info, string logFile, Uri? address)
    {
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        var portal = new PortalProcess(process, log, address);
        process.OutputDataReceived += (_, e) => portal.Write(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Write(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return portal;
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }
        // The indexer logs these around a rebuild (an index of another schema is rebuilt on start).
        if (line.Contains("Building the search index", StringComparison.Ordinal))
        {
            rebuilding = true;
        }
        else if (line.Contains("Search index built", StringComparison.Ordinal))
        {
            rebuilding = false;
        }
        lock (log)
        {
            log.WriteLine(line);
        }
    }

    /// <summary>Runs a verb (`reindex`, `import dir`) to the end; throws when it fails.</summary>
    public static async Task<TimeSpan> RunVerbAsync(string webDll, string connectionString, string dataDir, string logFile, params string[] verb)
    {
        var started = Stopwatch.StartNew();
        await using var portal = Start(StartInfo(webDll, connectionString, dataDir, verb), logFile, null);
        await portal.process.WaitForExitAsync();
        if (portal.process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{string.Join(' ', verb)}` exited with {portal.process.ExitCode}; see {logFile}");
        }
        return started.Elapsed;
    }

    /// <summary>Starts the web server on a free local port and waits until it answers and its index is ready.</summary>
    public static async Task<PortalProcess> StartServerAsync(string webDll, string connectionString, string dataDir, string logFile, string probeQuery,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var info = StartInfo(webDll, connectionString, dataDir, ["--urls", address.ToString().TrimEnd('/')]);
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        var portal = Start(info, logFile, address);
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        var healthy = false;
        while (deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (portal.process.HasExited)
            {
                throw new InvalidOperationException($"The portal stopped with {portal.process.ExitCode}; see {logFile}");
            }
            try
            {
                if (!healthy)
                {
                    healthy = (await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK;
                }
                if (healthy)
                {
                    // The index is ready once a query that must match finds something and no rebuild
                    // is under way; a second look after a pause catches a rebuild that starts late.
                    var body = await client.GetStringAsync("/api/search?q=" + Uri.EscapeDataString(probeQuery));
                    if (!body.Contains("\"total\":0,", StringComparison.Ordinal) && !portal.rebuilding)
                    {
                        await Task.Delay(2000);
                        if (!portal.rebuilding)
                        {
                            return portal;
                        }
                    }
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        await portal.DisposeAsync();
        throw new TimeoutException($"The portal did not become ready within 5 minutes; see {logFile}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM first, as systemd would stop it; the host then shuts down gracefully.
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        process.Dispose();
        await log.DisposeAsync();
    }
}
