using System.Diagnostics;
using System.Security.Cryptography;
using QkdScheduler.Core.IO;
using QkdScheduler.Testing;

namespace QkdScheduler.Cli.Tests;

/// <summary>
/// The CLI as a real process: interruption by signal, and a crash at every write step of an instance
/// folder (the reliability issue's must-shows).
/// </summary>
[Collection(nameof(ProcessTests))]
[Trait("Category", "Integration")]
public sealed class ProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-process-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Cli => Path.Combine(AppContext.BaseDirectory, "qkdsched.dll");
    private static string Polnik => Path.Combine(RepositoryPaths.Root(), "instances", "polnik2020-uk-week");

    private static Process Start(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Cli);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        var p = Process.Start(info)!;
        // Drain the pipes so a chatty child never blocks on a full buffer.
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        return p;
    }

    private static int RunToEnd(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        using var p = Start(args, environment);
        Assert.True(p.WaitForExit(120_000), "the command did not finish in 2 minutes");
        return p.ExitCode;
    }

    /// <summary>Whether this process has SIGINT ignored (bit 2 of SigIgn in /proc/self/status), which its children inherit.</summary>
    private static bool InterruptIgnoredHere()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        Assert.NotNull(line);
        return (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (2 - 1))) != 0;
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>
    /// A signal 2 s into a solve on the Polnik week: the process writes the best schedule so far (status cancelled), which
    /// validate accepts, and exits with 128 + the signal (130, 143) within 2 s. INT is Ctrl-C; TERM is what Slurm and Kubernetes send.
    /// The 8-s case signals while SCIP is solving, which used to catch Ctrl-C itself (the run then ended with exit code 1).
    /// </summary>
    [Theory]
    [InlineData("INT", "ga", "gd", 2000)]
    [InlineData("INT", "mip", "td", 2000)]
    [InlineData("INT", "mip", "td", 8000)]
    [InlineData("TERM", "ga", "td", 2000)]
    [InlineData("TERM", "mip", "td", 2000)]
    public void Interrupted_solve_writes_a_valid_schedule_within_two_seconds(string signal, string solver, string strategy, int afterMs)
    {
        var outDir = Path.Combine(_dir, "solve");
        using var p = Start(["solve", Polnik, "--solver", solver, "--strategy", strategy, "--time-limit", "600", "--out", outDir, "--format", "json"]);
        Thread.Sleep(afterMs);
        Assert.False(p.HasExited, "the solve ended before the signal; it should run for minutes");
        if (signal == "INT" && InterruptIgnoredHere())
        {
            // Started with SIGINT ignored (a background job of a non-interactive shell, nohup): the child inherits that, and
            // a background program must not die of the terminal's Ctrl-C. Check that it ignores it, then stop it with TERM.
            Signal(p.Id, signal);
            Assert.False(p.WaitForExit(1000), "SIGINT was ignored when the tests started, so the solve must ignore it too");
            signal = "TERM";
        }

        var clock = Stopwatch.StartNew();
        Signal(p.Id, signal);
        Assert.True(p.WaitForExit(2000), $"still running 2 s after SIG{signal}");
        Assert.Equal(signal == "INT" ? 130 : 143, p.ExitCode);
        Assert.Equal("cancelled", (string?)System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, ScheduleFiles.ResultFileName)))!["status"]);
        Assert.Equal(0, RunToEnd(["validate", Polnik, Path.Combine(outDir, ScheduleFiles.ScheduleFileName)]));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// precompute --out into a folder that holds an older instance (another divergence, so other keys), killed at every
    /// write step in turn (<see cref="CrashPoint"/>, FailFast: no clean-up, like kill -9). After each crash every file is
    /// whole, the old version or the new one; the folder holds nothing but the instance's files and hidden temporaries;
    /// and it loads as the complete old or new instance, or is refused because its hashes do not match (an interrupted
    /// write is never read as an instance). A run that completes leaves no temporary behind, including those of the
    /// crashed runs. A file of the user's in the folder makes precompute refuse before it writes anything.
    /// </summary>
    [Fact]
    public void Precompute_killed_at_every_write_leaves_whole_files_and_no_silent_mixture()
    {
        var scenario = Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38", "scenario.yaml");
        var reference = Path.Combine(_dir, "new");
        Assert.Equal(0, RunToEnd(["precompute", scenario, "--out", reference, "--set", "period.end=2016-09-21T00:00:00Z"]));
        var target = Path.Combine(_dir, "target");
        Assert.Equal(0, RunToEnd(["precompute", scenario, "--out", target, "--set", "period.end=2016-09-21T00:00:00Z", "--set", "link.divergence_urad=5"]));
        var oldState = Hashes(target);
        var newState = Hashes(reference);
        Assert.NotEqual(oldState["keys.csv"], newState["keys.csv"]);

        File.WriteAllText(Path.Combine(target, "notes.txt"), "mine");
        Assert.Equal(2, RunToEnd(["precompute", scenario, "--out", target, "--set", "period.end=2016-09-21T00:00:00Z"]));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(target, "notes.txt")));
        File.Delete(Path.Combine(target, "notes.txt"));
        Assert.True(Same(Hashes(target), oldState));

        var crashes = 0;
        for (var step = 1; step < 20; step++)
        {
            var code = RunToEnd(["precompute", scenario, "--out", target, "--set", "period.end=2016-09-21T00:00:00Z"],
                new Dictionary<string, string> { [CrashPoint.Variable] = step.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            var now = Hashes(target);
            foreach (var (name, hash) in now)
                Assert.True(oldState.GetValueOrDefault(name) == hash || newState.GetValueOrDefault(name) == hash, $"after a crash at step {step}, {name} is neither the old nor the new file");
            Assert.All(Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName), n => Assert.True(oldState.ContainsKey(n!) || n!.StartsWith(".qkdsched-", StringComparison.Ordinal), n));
            if (!Same(now, oldState) && !Same(now, newState))
            {
                var info = CliRun.Run("info", target);
                Assert.True(info.Code == 2 && info.Err.Contains("does not match the SHA-256", StringComparison.Ordinal), $"after a crash at step {step} a mixed folder loaded: {info.Err}");
            }

            if (code == 0) break;
            crashes++;
            Assert.True(Same(now, oldState) || step > 1, "a crash before any write must leave the old instance");
        }

        Assert.True(crashes >= 4, $"expected a crash at each of the write steps, saw {crashes}");
        Assert.True(Same(Hashes(target), newState));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir, ".qkdsched-*"));
        Assert.Equal([AtomicFolder.ManifestFileName], Directory.EnumerateFileSystemEntries(target, ".*").Select(Path.GetFileName));
    }

    private static (int Code, string Out, string Err) Shell(string script, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.Environment["Q"] = $"dotnet {Cli}";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(120_000), "the command did not finish in 2 minutes");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// With standard error closed (2&gt;&amp;-) the runtime hands descriptor 2 to a pipe of its own and every write to it
    /// fails; a warning or an error message used to abort the process (SIGABRT, 134). Now the work is done, its files
    /// written and the exit code right; with standard output closed the command says so on standard error.
    /// </summary>
    [Fact]
    public void Closed_standard_streams_do_not_abort()
    {
        var scenario = Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38", "scenario.yaml");
        var outDir = Path.Combine(_dir, "closed");
        var done = Shell($"$Q precompute '{scenario}' --set period.end=2016-09-20T00:00:00Z --out '{outDir}' 2>&- >/dev/null");
        Assert.Equal(0, done.Code); // the scenario's elements are 90 days old: a warning goes to the closed stderr
        Assert.True(File.Exists(Path.Combine(outDir, InstanceFiles.InstanceFileName)));
        Assert.Equal(2, Shell($"$Q solve '{Path.Combine(_dir, "missing")}' 2>&-").Code);
        var noStdout = Shell($"$Q info '{outDir}' >&-");
        Assert.Equal(2, noStdout.Code);
        Assert.Contains("cannot write to standard output", noStdout.Err);
    }

    /// <summary>Reports and console tables are culture-invariant like the data files, whatever the locale says.</summary>
    [Fact]
    public void A_german_locale_changes_no_number()
    {
        var env = new Dictionary<string, string> { ["LC_ALL"] = "de_DE.UTF-8", ["LANG"] = "de_DE.UTF-8", ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "0" };
        var info = Shell($"$Q info '{Polnik}'", env);
        Assert.Equal(0, info.Code);
        Assert.DoesNotMatch(@"\d\.\d{3}\b intervals", info.Out);
        var report = Shell($"$Q report '{Polnik}' --out -", env);
        Assert.Equal(0, report.Code);
        Assert.DoesNotContain("0,5", report.Out);
    }

    /// <summary>
    /// A full disk (a 64 KiB tmpfs; the tests run as root in CI) is exit 1, not "bad input", names the --out file rather
    /// than a temporary, and leaves nothing behind.
    /// </summary>
    [Fact]
    public void A_full_disk_is_exit_one_naming_the_output()
    {
        var mount = Path.Combine(_dir, "small");
        Directory.CreateDirectory(mount);
        var mounted = Shell($"mount -t tmpfs -o size=64k tmpfs '{mount}'");
        Assert.True(mounted.Code == 0, $"these tests need root to mount a small tmpfs: {mounted.Err}");
        try
        {
            var micius = Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38");
            var r = Shell($"$Q report '{micius}' --out '{mount}/report.html'");
            Assert.Equal(1, r.Code);
            Assert.Contains($"{mount}/report.html: cannot be written: the disk is full", r.Err);
            Assert.DoesNotContain(".qkdsched-", r.Err);
            var solve = Shell($"$Q solve '{micius}' --out '{mount}/solve'");
            Assert.Equal(1, solve.Code);
            Assert.Empty(Directory.EnumerateFileSystemEntries(mount));

            // A results database on the full disk: the --out files are written first and kept, the database is named,
            // and no empty file is left behind.
            Assert.Equal(0, Shell($"head -c 61440 /dev/zero > '{mount}/filler'").Code); // 15 of the 16 pages
            var bench = Shell($"$Q bench '{micius}' --solvers greedy --strategies gd --db '{mount}/results.sqlite' --out '{_dir}/bench'");
            Assert.Equal(1, bench.Code);
            Assert.Contains($"{mount}/results.sqlite: cannot be written: the disk is full", bench.Err);
            Assert.DoesNotContain("give a results database", bench.Err);
            Assert.True(File.Exists(Path.Combine(_dir, "bench", "results.csv")), bench.Err);
            Assert.Equal(["filler"], Directory.EnumerateFileSystemEntries(mount).Select(Path.GetFileName));
        }
        finally
        {
            Shell($"umount '{mount}'");
        }
    }

    /// <summary>The hash of every file but our temporaries.</summary>
    private static Dictionary<string, string> Hashes(string dir) =>
        Directory.EnumerateFiles(dir).Where(f => !Path.GetFileName(f).StartsWith(".qkdsched-", StringComparison.Ordinal) || Path.GetFileName(f) == AtomicFolder.ManifestFileName).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static bool Same(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}

/// <summary>
/// The signal tests measure how fast a real process reacts; they run alone, not next to the other
/// CLI tests that keep both cores busy (xUnit runs other collections before or after this one).
/// </summary>
[CollectionDefinition(nameof(ProcessTests), DisableParallelization = true)]
public sealed class ProcessTestsCollection;
