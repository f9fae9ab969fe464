using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace PbgdplPortal.Benchmarks;

/// <summary>The machine the benchmark ran on, as the report describes it.</summary>
internal sealed record MachineInfo(int Cores, string Cpu, double MemoryGiB, string Os, string Runtime, string Gc, string LuceneVersion, string PostgresVersion,
    string Source)
{
    public static MachineInfo Describe(string postgresVersion, string? repository)
    {
        var cpu = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memory = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) is { } line
            ? double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 / 1024
            : 0;
        var os = ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"')
            ?? RuntimeInformation.OSDescription;
        var lucene = typeof(Lucene.Net.Index.IndexWriter).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "?";
        return new MachineInfo(Environment.ProcessorCount, cpu, Math.Round(memory, 1), $"{os}, Linux {Environment.OSVersion.Version}",
            RuntimeInformation.FrameworkDescription, System.Runtime.GCSettings.IsServerGC ? "server" : "workstation", lucene, postgresVersion,
            SourceState(repository));
    }

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];

    /// <summary>The commit measured, and whether src/ had uncommitted changes: "56f83c7 (+3 files changed under src/)".</summary>
    public static string SourceState(string? repository)
    {
        if (repository is null)
        {
            return "unknown";
        }
        string Git(params string[] arguments)
        {
            var info = new ProcessStartInfo("git") { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }
            try
            {
                using var git = Process.Start(info)!;
                var output = git.StandardOutput.ReadToEnd();
                git.WaitForExit();
                return git.ExitCode == 0 ? output.Trim() : "";
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return "";
            }
        }
        var head = Git("rev-parse", "--short", "HEAD");
        var changed = Git("status", "--porcelain", "--", "src").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        return head.Length == 0 ? "unknown" : changed == 0 ? head : $"{head} (+{changed} files changed under src/, not committed)";
    }

    /// <summary>The 1-minute load average: other work on the machine shows here.</summary>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : 0;

    /// <summary>VmHWM (peak resident set) and VmRSS of a process, in MiB.</summary>
    public static (double PeakMiB, double CurrentMiB) Memory(int pid)
    {
        double Read(string key) => ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal)) is { } line
            ? double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024
            : 0;
        return (Read("VmHWM:"), Read("VmRSS:"));
    }
}

/// <summary>CPU time used by the whole machine, this process and the server measured (the portal or PostgreSQL) since some moment.</summary>
internal sealed record CpuSnapshot(long Timestamp, double MachineBusySeconds, double SelfSeconds, double ServerSeconds)
{
    private const double Jiffy = 0.01;

    public static CpuSnapshot Take(Func<double>? serverSeconds)
    {
        var fields = File.Exists("/proc/stat") ? File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray() : [];
        // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
        var busy = fields.Length >= 8 ? fields.Take(8).Sum() - fields[3] - fields[4] : 0;
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return new CpuSnapshot(Stopwatch.GetTimestamp(), busy * Jiffy, self.TotalProcessorTime.TotalSeconds, serverSeconds?.Invoke() ?? 0);
    }

    public static CpuUse operator -(CpuSnapshot after, CpuSnapshot before)
    {
        var wall = Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp).TotalSeconds;
        return wall <= 0 ? new CpuUse(0, 0, 0) : new CpuUse(
            (after.MachineBusySeconds - before.MachineBusySeconds) / wall,
            (after.SelfSeconds - before.SelfSeconds) / wall,
            (after.ServerSeconds - before.ServerSeconds) / wall);
    }

    /// <summary>CPU seconds a process has used.</summary>
    public static double Process(int pid) => ProcessTree(pid, withChildren: false);

    /// <summary>
    /// CPU seconds of a process and its children, living (their own time) and ended (the time the
    /// parent collected): a PostgreSQL server is the postmaster and one process per connection.
    /// </summary>
    public static double ProcessTree(int pid, bool withChildren = true)
    {
        var total = 0.0;
        foreach (var dir in withChildren ? Directory.EnumerateDirectories("/proc") : [$"/proc/{pid}"])
        {
            var stat = ReadStat(Path.Combine(dir, "stat"));
            if (stat is null)
            {
                continue;
            }
            var (processId, parent, own, children) = stat.Value;
            if (processId == pid)
            {
                total += own + (withChildren ? children : 0);
            }
            else if (parent == pid)
            {
                total += own;
            }
        }
        return total;
    }

    private static (int Pid, int Parent, double Own, double Children)? ReadStat(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // pid (comm) state ppid … utime stime cutime cstime: comm may hold spaces, so split after its ')'.
        var close = text.LastIndexOf(')');
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (close < 0 || open < 0 || !int.TryParse(text.AsSpan(0, open).Trim(), CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }
        var f = text[(close + 2)..].Split(' ');
        if (f.Length < 15)
        {
            return null;
        }
        double Ticks(int i) => long.Parse(f[i], CultureInfo.InvariantCulture) * Jiffy;
        return (pid, int.Parse(f[1], CultureInfo.InvariantCulture), Ticks(11) + Ticks(12), Ticks(13) + Ticks(14));
    }
}

/// <summary>Average cores busy: on the whole machine, in the benchmark process (the load generator) and in the server measured.</summary>
internal sealed record CpuUse(double MachineCores, double BenchmarkCores, double ServerCores);
