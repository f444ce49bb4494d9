using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Solvers.External;

/// <summary>
/// A solver in any language (docs/writing-a-solver.md, "External solvers"): the problem is written as an
/// instance folder, the manifest's command runs as <c>command INSTANCE_DIR OUT_DIR</c> in the manifest's
/// folder with the options in <c>QKDSCHED_*</c> environment variables, in a process group of its own, and
/// its <c>OUT_DIR/schedule.csv</c> and optional <c>OUT_DIR/claims.json</c> become the result. Nothing the
/// program says is trusted: the runner validates the schedule, recomputes every metric and checks the
/// claimed status and bound like any solver's. At the time limit the group gets SIGTERM, and SIGKILL
/// <see cref="Grace"/> later; whatever schedule it wrote by then counts, with status time_limit.
/// </summary>
public sealed class ExternalSolver : ISolver
{
    /// <summary>How long a program may take to write its schedule after SIGTERM.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    /// <summary>At most this much of the program's output is kept (the end of it).</summary>
    public const int MaxLogChars = 1 << 20;

    public const string ClaimsFileName = "claims.json";

    private readonly SolverManifest _manifest;

    public ExternalSolver(SolverManifest manifest) => _manifest = manifest;

    public SolverManifest Manifest => _manifest;
    public string Name => _manifest.Name;
    public string Description => _manifest.Description;
    public bool UsesSeed => _manifest.UsesSeed;
    public IReadOnlyList<SolverParameter> Parameters { get; } = [];

    public bool Solves(Strategy strategy) => _manifest.Strategies.Contains(strategy);

    /// <summary>As its manifest declares (<c>min_contact: true</c>); the validator checks what it returns either way.</summary>
    public bool SolvesMinContact => _manifest.MinContact;

    public string? UnavailableReason =>
        ResolveProgram() is null
            ? $"{_manifest.Path}: program '{_manifest.Command[0]}' not found (on PATH or in {_manifest.Folder}); install it or fix command"
            : null;

    public SolveResult Solve(Problem problem, SolverOptions options, CancellationToken cancellationToken)
    {
        if (!Solves(options.Strategy))
            throw new InputException(_manifest.Path, null,
                $"solver '{Name}' solves {string.Join(", ", _manifest.Strategies.Select(s => s.ToName()))}, not {options.Strategy.ToName()}; pick another strategy or solver");
        var program = ResolveProgram() ?? throw new InputException(_manifest.Path, null, UnavailableReason!);

        var work = Directory.CreateTempSubdirectory("qkdsched-external-").FullName;
        try
        {
            var instanceDir = Path.Combine(work, "instance");
            var outDir = Path.Combine(work, "out");
            InstanceFiles.Write(problem, instanceDir);
            Directory.CreateDirectory(outDir);
            string? warmStart = null;
            if (options.WarmStart is { } start)
            {
                warmStart = Path.Combine(work, "warm-start.csv");
                ScheduleFiles.WriteSchedule(problem, start, warmStart);
            }

            var log = new BoundedLog(MaxLogChars);
            var (exitCode, stopped) = RunProgram(program, instanceDir, outDir, warmStart, options, log, cancellationToken);
            return ReadResult(problem, outDir, exitCode, stopped, log.ToString(), log.LastLine);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private (int ExitCode, bool Stopped) RunProgram(string program, string instanceDir, string outDir, string? warmStart, SolverOptions options, BoundedLog log,
        CancellationToken cancellationToken)
    {
        var ownGroup = !OperatingSystem.IsWindows() && File.Exists(SetSid);
        var info = new ProcessStartInfo(ownGroup ? SetSid : program)
        {
            WorkingDirectory = _manifest.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (ownGroup) info.ArgumentList.Add(program);
        foreach (var a in _manifest.Command.Skip(1)) info.ArgumentList.Add(a);
        info.ArgumentList.Add(instanceDir);
        info.ArgumentList.Add(outDir);
        var env = info.Environment;
        env["QKDSCHED_STRATEGY"] = options.Strategy.ToName();
        env["QKDSCHED_SHARE_TOLERANCE"] = options.ShareTolerance.ToString("R", CultureInfo.InvariantCulture);
        env["QKDSCHED_TIME_LIMIT"] = options.TimeLimit is { } t ? t.TotalSeconds.ToString("R", CultureInfo.InvariantCulture) : "";
        env["QKDSCHED_SEED"] = options.Seed.ToString(CultureInfo.InvariantCulture);
        env["QKDSCHED_THREADS"] = options.Threads.ToString(CultureInfo.InvariantCulture);
        env["QKDSCHED_GAP"] = options.RelativeGap.ToString("R", CultureInfo.InvariantCulture);
        if (warmStart != null) env["QKDSCHED_WARM_START"] = warmStart;
        else env.Remove("QKDSCHED_WARM_START");

        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data != null) log.AppendLine(e.Data, error: false); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) log.AppendLine(e.Data, error: true); };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InputException(_manifest.Path, null, $"cannot start '{program}': {e.Message}");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var stopped = false;
        while (!process.WaitForExit(PollMilliseconds))
        {
            if (!cancellationToken.IsCancellationRequested) continue;
            stopped = true;
            Signal(process, ownGroup, SigTerm);
            if (!process.WaitForExit(Grace)) Signal(process, ownGroup, SigKill);
            break;
        }

        // Children the program left in its group go with it (before waiting for the output to close, which they may hold open).
        if (ownGroup) KillGroup(process.Id, SigKill);
        process.WaitForExit(); // flushes the output handlers
        return (process.ExitCode, stopped);
    }

    /// <param name="lastLine">The program's last line of standard error, or of standard output when it wrote no error.</param>
    private SolveResult ReadResult(Problem problem, string outDir, int exitCode, bool stopped, string log, string? lastLine)
    {
        var said = lastLine is null ? "" : $"; its last output line: {lastLine}";
        if (!stopped && exitCode != 0)
            return Failure($"exited with code {exitCode}{said}", log);
        var schedulePath = Path.Combine(outDir, ScheduleFiles.ScheduleFileName);
        if (!File.Exists(schedulePath))
            return stopped
                ? new SolveResult(Schedule.Empty, SolveStatus.TimeLimit, Message: $"{Name} was stopped at the time limit before it wrote {ScheduleFiles.ScheduleFileName}", Log: log)
                : Failure($"exited without writing OUT_DIR/{ScheduleFiles.ScheduleFileName}{said}", log);

        Schedule schedule;
        try
        {
            schedule = ScheduleFiles.ReadSchedule(schedulePath, problem);
        }
        catch (InputException e)
        {
            return Failure($"wrote a {ScheduleFiles.ScheduleFileName} that does not parse: line {e.Line?.ToString(CultureInfo.InvariantCulture) ?? "-"}: {e.Reason}", log);
        }

        var claimsPath = Path.Combine(outDir, ClaimsFileName);
        SolveStatus status = SolveStatus.Feasible;
        double? bound = null;
        if (File.Exists(claimsPath))
        {
            if (ReadClaims(claimsPath) is not { } claims)
                return Failure($"wrote a {ClaimsFileName} that is not {{\"status\": \"optimal\"|\"feasible\", \"bound\": number|null}}", log);
            (status, bound) = claims;
        }

        // Stopped by the limit, the schedule is its best so far whatever it claimed.
        if (stopped) status = SolveStatus.TimeLimit;
        return new SolveResult(schedule, status, bound, Log: log);
    }

    /// <summary>The claimed status and bound, or null when the file is not of that form.</summary>
    private static (SolveStatus, double?)? ReadClaims(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return null;
            var status = SolveStatus.Feasible;
            double? bound = null;
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "status" when p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is "optimal" or "feasible":
                        status = p.Value.GetString() == "optimal" ? SolveStatus.Optimal : SolveStatus.Feasible;
                        break;
                    case "bound" when p.Value.ValueKind == JsonValueKind.Number:
                        bound = p.Value.GetDouble();
                        break;
                    case "bound" when p.Value.ValueKind == JsonValueKind.Null:
                        break;
                    default:
                        return null;
                }
            }
            return (status, bound);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private SolveResult Failure(string what, string log) =>
        new(Schedule.Empty, SolveStatus.Error, Message: $"external solver '{Name}' ({_manifest.Path}) {what}", Log: log);

    /// <summary>The program: a path relative to the manifest's folder, an absolute path, or a name on PATH.</summary>
    private string? ResolveProgram()
    {
        var name = _manifest.Command[0];
        if (name.Contains('/') || name.Contains('\\'))
        {
            var path = Path.GetFullPath(Path.Combine(_manifest.Folder, name));
            return File.Exists(path) ? path : null;
        }
        var extensions = OperatingSystem.IsWindows() ? new[] { "", ".exe", ".cmd", ".bat" } : new[] { "" };
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var ext in extensions)
            {
                var candidate = Path.Combine(dir, name + ext);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }

    private const string SetSid = "/usr/bin/setsid";
    private const int PollMilliseconds = 50;
    private const int SigTerm = 15;
    private const int SigKill = 9;

    private static void Signal(Process process, bool ownGroup, int signal)
    {
        if (ownGroup) KillGroup(process.Id, signal);
        else if (signal == SigKill || OperatingSystem.IsWindows())
        {
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { }
        }
    }

    /// <summary>setsid execs the program, so its pid is also its process group's id.</summary>
    private static void KillGroup(int processGroup, int signal) => _ = Kill(-processGroup, signal);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>
    /// The end of a program's output, at most a fixed number of characters, safe for both output streams at once, and its
    /// last non-blank line of standard error (or, without one, of standard output): the two streams arrive in no fixed
    /// order, so "the last line" of both together would not be well defined.
    /// </summary>
    private sealed class BoundedLog(int maxChars)
    {
        private readonly StringBuilder _text = new();
        private readonly Lock _gate = new();
        private string? _lastError, _lastOutput;

        public string? LastLine
        {
            get { lock (_gate) return _lastError ?? _lastOutput; }
        }

        public void AppendLine(string line, bool error)
        {
            lock (_gate)
            {
                _text.Append(line).Append('\n');
                if (_text.Length > maxChars) _text.Remove(0, _text.Length - maxChars);
                if (line.Trim().Length == 0) return;
                if (error) _lastError = line.Trim();
                else _lastOutput = line.Trim();
            }
        }

        public override string ToString()
        {
            lock (_gate) return _text.ToString();
        }
    }
}
