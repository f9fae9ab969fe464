using System.Diagnostics;

namespace PbgdplPortal.Web.Tests;

/// <summary>Runs the portal's command-line verbs as their own process, as an operator would.</summary>
public static class PortalProcess
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static async Task<Outcome> RunAsync(string dataDir, (string Name, string Value)[] environment, params string[] arguments)
    {
        var start = StartInfo(dataDir, [("Logging__LogLevel__Default", "Warning"), .. environment], arguments);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Starts the web server with its own logging settings, collects everything it prints (standard output and error,
    /// line by line) until <paramref name="done"/> holds for what it printed so far, then stops it.
    /// </summary>
    public static async Task<string> ServeUntilAsync(string dataDir, (string Name, string Value)[] environment, Func<string, bool> done, params string[] arguments)
    {
        var output = new System.Text.StringBuilder();
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }
            lock (output)
            {
                output.AppendLine(e.Data);
                if (done(output.ToString()))
                {
                    finished.TrySetResult();
                }
            }
        }
        using var process = new Process { StartInfo = StartInfo(dataDir, environment, arguments) };
        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await finished.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            lock (output)
            {
                Assert.Fail("The portal did not get there within two minutes. It printed:\n" + output);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        lock (output)
        {
            return output.ToString();
        }
    }

    private static ProcessStartInfo StartInfo(string dataDir, (string Name, string Value)[] environment, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PbgdplPortal.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["Portal__DataDir"] = dataDir;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return start;
    }
}
