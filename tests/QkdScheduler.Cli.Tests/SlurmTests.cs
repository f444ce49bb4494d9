using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using QkdScheduler.Cli.Commands;
using QkdScheduler.Core.Solving;
using QkdScheduler.Testing;

namespace QkdScheduler.Cli.Tests;

/// <summary>
/// A real one-node Slurm (Debian slurm-wlm + munge, configured for localhost in a temporary folder by the test):
/// deploy/slurm/submit.sh sends a small sweep as a 4-task job array plus the dependent merge job, and the merged
/// results must equal the unsharded run byte for byte. Needs root (slurmd runs jobs as their users); ./run.sh test --all
/// and .ci/run install the packages.
/// </summary>
[Collection(nameof(SlurmTests))]
[Trait("Category", "Integration")]
public sealed class SlurmTests : IDisposable
{

    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-slurm-").FullName;
    private readonly List<Process> _daemons = [];
    private Dictionary<string, string>? _slurmEnv;

    public void Dispose()
    {
        // Stop jobs and daemons even when the test failed (slurmstepd daemonizes: killing the daemons' trees misses it).
        if (_slurmEnv != null && Which("scancel") is { } scancel && Which("scontrol") is { } scontrol)
        {
            Exec(scancel, ["--full", "--user=root"], _slurmEnv, timeoutMs: 20_000);
            Exec(scontrol, ["shutdown"], _slurmEnv, timeoutMs: 20_000);
            Thread.Sleep(1000);
        }

        foreach (var d in _daemons)
        {
                try
            {
                if (!d.HasExited) d.Kill(entireProcessTree: true);
                d.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            d.Dispose();
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A job's last file may still be closing; it is a temporary folder.
        }
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/sbin").Append("/sbin")
        .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>Two distinct free ports (held together while chosen, so they differ).</summary>
    private static (int, int) FreePorts()
    {
        using var a = new TcpListener(IPAddress.Loopback, 0);
        using var b = new TcpListener(IPAddress.Loopback, 0);
        a.Start();
        b.Start();
        return (((IPEndPoint)a.LocalEndpoint).Port, ((IPEndPoint)b.LocalEndpoint).Port);
    }

    private static (int Code, string Out) Exec(string file, IEnumerable<string> args, IDictionary<string, string>? env = null, int timeoutMs = 60_000)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) info.Environment[k] = v;
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(timeoutMs), $"{file} {string.Join(' ', args)} did not finish");
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    private Process Daemon(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        var p = Process.Start(info)!;
        var log = File.AppendText(Path.Combine(_dir, Path.GetFileName(file) + ".log"));
        log.AutoFlush = true;
        p.OutputDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _daemons.Add(p);
        return p;
    }

    private string Logs() => string.Join("\n", Directory.GetFiles(_dir, "*.log", SearchOption.AllDirectories)
        .Select(f => $"--- {Path.GetFileName(f)}\n{string.Join('\n', File.ReadLines(f).TakeLast(15))}"));

    [Fact]
    public void A_four_task_array_and_its_merge_on_a_real_slurm_equal_the_unsharded_run()
    {
        string Need(string name) => Which(name) ?? throw new Xunit.Sdk.XunitException(
            $"{name} not found: this test needs a local Slurm (apt-get install slurm-wlm munge; ./run.sh test --all installs them as root)");
        var (slurmctld, slurmd, munged, sbatch, squeue) = (Need("slurmctld"), Need("slurmd"), Need("munged"), Need("sbatch"), Need("squeue"));
        Assert.True(OperatingSystem.IsLinux(), "Slurm runs on Linux");
        Assert.True(Environment.UserName == "root", "a local slurmd must run as root to start jobs");

        // munge: a key and a socket of our own.
        var munge = Directory.CreateDirectory(Path.Combine(_dir, "munge")).FullName;
        var key = Path.Combine(munge, "munge.key");
        File.WriteAllBytes(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.SetUnixFileMode(munge, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var socket = Path.Combine(munge, "munge.socket");
        var m = Exec(munged, ["--force", $"--key-file={key}", $"--socket={socket}", $"--pid-file={Path.Combine(munge, "munged.pid")}",
            $"--log-file={Path.Combine(_dir, "munged.log")}", $"--seed-file={Path.Combine(munge, "munged.seed")}"]);
        Assert.True(m.Code == 0, $"munged did not start: {m.Out}");
        _daemons.Add(Process.GetProcessById(int.Parse(File.ReadAllText(Path.Combine(munge, "munged.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture)));

        var state = Directory.CreateDirectory(Path.Combine(_dir, "state")).FullName;
        var spool = Directory.CreateDirectory(Path.Combine(_dir, "spool")).FullName;
        var conf = Path.Combine(_dir, "slurm.conf");
        var (controllerPort, nodePort) = FreePorts();
        File.WriteAllText(conf, $"""
            ClusterName=qkdtest
            SlurmctldHost=localhost
            SlurmctldPort={controllerPort}
            SlurmdPort={nodePort}
            SlurmUser=root
            SlurmdUser=root
            AuthType=auth/munge
            AuthInfo=socket={socket}
            CredType=cred/munge
            StateSaveLocation={state}
            SlurmdSpoolDir={spool}
            SlurmctldPidFile={Path.Combine(_dir, "slurmctld.pid")}
            SlurmdPidFile={Path.Combine(_dir, "slurmd.pid")}
            SlurmctldLogFile={Path.Combine(_dir, "slurmctld.log")}
            SlurmdLogFile={Path.Combine(_dir, "slurmd.log")}
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            JobCompType=jobcomp/none
            SchedulerType=sched/builtin
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core
            MpiDefault=none
            ReturnToService=2
            SlurmdTimeout=60
            NodeName=localhost NodeAddr=127.0.0.1 CPUs={Environment.ProcessorCount} State=UNKNOWN
            PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP

            """);
        var env = new Dictionary<string, string> { ["SLURM_CONF"] = conf };
        _slurmEnv = env;
        Daemon(slurmctld, "-D", "-i", "-f", conf);
        Daemon(slurmd, "-D", "-f", conf, "-N", "localhost");

        // Wait for the node to be idle.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var s = Exec(Need("sinfo"), ["-h", "-o", "%t"], env);
            if (s.Code == 0 && s.Out.Trim().StartsWith("idle", StringComparison.Ordinal)) break;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the Slurm node did not come up: {s.Out}\n{Logs()}");
            Thread.Sleep(500);
        }

        // The sweep: the Micius scenario for one day, 6 points; first unsharded, in process.
        var sweep = Path.Combine(_dir, "sweep.yaml");
        File.WriteAllText(sweep, $"""
            format: qkdsched-sweep/1
            name: slurm-test
            scenario: {Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38", "scenario.yaml")}
            set: ["period.end=2016-09-20T00:00:00Z"]
            grid:
              link.divergence_urad: [5, 10]
              visibility.min_elevation_deg: [10, 15, 20]
            """);
        var whole = Path.Combine(_dir, "whole");
        Assert.Equal(0, CliRun.Run("sweep", sweep, "--out", whole).Code);

        var outDir = Path.Combine(_dir, "slurm-out");
        var cli = Path.Combine(AppContext.BaseDirectory, "qkdsched.dll");
        var submit = Path.Combine(RepositoryPaths.Root(), "deploy", "slurm", "submit.sh");
        var jobEnv = new Dictionary<string, string>(env) { ["QKDSCHED"] = $"dotnet {cli}" };
        var r = Exec("bash", [submit, sweep, "4", outDir], jobEnv);
        Assert.True(r.Code == 0, $"submit failed: {r.Out}\n{Logs()}");

        clock.Restart();
        var merged = Path.Combine(outDir, "merged", "results.csv");
        while (!File.Exists(merged) || Exec(squeue, ["-h"], env).Out.Trim().Length > 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(5), $"the jobs did not finish in 5 minutes: {Exec(squeue, ["-h"], env).Out}\n{Logs()}");
            Thread.Sleep(1000);
        }

        Assert.Equal(4, Directory.GetFiles(Path.Combine(outDir, "parts"), "part-*-of-4.json").Length);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "results.csv")), File.ReadAllBytes(merged));
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "results.json")), File.ReadAllBytes(Path.Combine(outDir, "merged", "results.json")));
    }
}
