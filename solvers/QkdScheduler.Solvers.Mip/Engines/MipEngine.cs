using System.Diagnostics;
using Google.OrTools.LinearSolver;
using QkdScheduler.Solvers.Mip.Model;

namespace QkdScheduler.Solvers.Mip.Engines;

/// <summary>How an engine run ended, in engine-neutral terms.</summary>
public enum MipOutcome
{
    Optimal,
    Feasible,
    TimeLimitWithSolution,
    TimeLimitWithoutSolution,
    Infeasible,
    Failed,
}

/// <summary>Settings of one engine run.</summary>
/// <param name="RelativeGap">Stop when (bound − incumbent)/|bound| ≤ this (0 = prove optimality).</param>
/// <param name="Log">The engine's own log on stderr.</param>
/// <param name="Seed">The engine's random seed, where it takes one.</param>
/// <param name="WorkLimit">A deterministic limit in the engine's own work units (CP-SAT: deterministic seconds), which with a fixed seed and thread count makes a run repeatable; engines without one say so.</param>
public sealed record MipSettings(double? TimeLimitSeconds = null, double RelativeGap = 0, int Threads = 1, bool Log = false, int? Seed = null, double? WorkLimit = null);

/// <summary>The result of one run: outcome, objective of the incumbent, proven bound, variable values, and what the engine could not honour.</summary>
public sealed record MipSolution(MipOutcome Outcome, double? Objective, double? Bound, double[]? Values, string? Note = null);

/// <summary>An engine that solves a <see cref="MipModel"/> (maximise) and reports its incumbent and proven bound.</summary>
public interface IMipEngine
{
    /// <summary>The engine's name in messages and options.</summary>
    string Name { get; }

    /// <summary>Null when the engine can run here; otherwise why not.</summary>
    string? UnavailableReason { get; }

    MipSolution Solve(MipModel model, MipSettings settings, CancellationToken cancellationToken);
}

/// <summary>
/// One of the MIP engines bundled with Google OR-Tools 9.15 (<c>Solver.CreateSolver</c>, no system
/// package). The model is handed over variable by variable and row by row, maximised, given the
/// time limit, relative gap, threads and MIP start where the engine takes them, solved on a worker
/// thread, and the incumbent and the engine's proven bound are read back. What an engine cannot take
/// (measured on 9.15: CBC runs single-threaded and ignores interruption, HiGHS crashes on a MIP
/// start and ignores interruption) is said in <see cref="MipSolution.Note"/>, never dropped silently.
/// </summary>
public sealed class MipEngine : IMipEngine
{
    // SCIP's presolve can run hundreds of rounds on a stretch, each deleting a variable or two of a
    // chain (on the Micius week, gd, half of the solve); 20 rounds keep its reductions and lose the crawl.
    // SCIP's threads are its concurrent mode (whole solvers racing), whose bound OR-Tools 9.15 reads
    // back as 0 (Micius td, 2 threads); one thread keeps SCIP's proven bound. SCIP catches SIGINT itself
    // while it solves (misc/catchctrlc), which takes Ctrl-C away from qkdsched's own handler: the solve
    // then ended as a failure with exit code 1 instead of a cancelled run with its schedule (exit 130).
    public static readonly MipEngine Scip = new("scip", "SCIP", threads: false, hints: true, presolveOff: true,
        specific: "presolving/maxrounds = 20\nmisc/catchctrlc = FALSE");
    // HiGHS prints a banner on stdout at every solve unless told not to (it would corrupt --json output).
    public static readonly MipEngine Highs = new("highs", "HIGHS", threads: true, hints: false, presolveOff: true, quiet: "output_flag=false");
    // CBC's preprocessing can return a point that breaks a share row (a 3-interval S-TD model in the
    // tests); OR-Tools 9.15 cannot switch it off for CBC, so such a run ends as a failure naming the row.
    public static readonly MipEngine Cbc = new("cbc", "CBC", threads: false, hints: true, presolveOff: false);
    public static IReadOnlyList<MipEngine> All { get; } = [Scip, Highs, Cbc];

    /// <summary>How long a cancelled solve is given to return with its incumbent and bound before it is abandoned.</summary>
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(0.5);

    private readonly string _orToolsId;
    private readonly bool _threads;
    private readonly bool _hints;
    private readonly bool _presolveOff;
    private readonly string? _specific;
    private readonly string? _quiet;

    private MipEngine(string name, string orToolsId, bool threads, bool hints, bool presolveOff, string? specific = null, string? quiet = null)
    {
        _presolveOff = presolveOff;
        _specific = specific;
        _quiet = quiet;
        Name = name;
        _orToolsId = orToolsId;
        _threads = threads;
        _hints = hints;
    }

    /// <summary>The name <c>--solver-option backend=</c> takes.</summary>
    public string Name { get; }

    public static MipEngine Named(string name) => All.Single(e => e.Name == name);

    /// <summary>Null when OR-Tools can create this engine here; otherwise why not.</summary>
    public string? UnavailableReason
    {
        get
        {
            try
            {
                using var solver = Solver.CreateSolver(_orToolsId);
                return solver == null ? $"OR-Tools has no {_orToolsId} engine on this platform" : null;
            }
            catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException)
            {
                return $"OR-Tools' native library could not be loaded ({e.Message.Split('\n')[0]})";
            }
        }
    }

    /// <summary>
    /// Solves, and checks the incumbent against every row and bound: a point that breaks one after
    /// presolve is solved again with presolve off (where the engine can), and a point that still breaks
    /// a row is reported as a failure, never as a solution. At cancellation the engine is interrupted (where it can be) and
    /// given <see cref="CancelGrace"/> to return what it has; otherwise the run is abandoned and
    /// finishes in the background.
    /// </summary>
    public MipSolution Solve(MipModel model, MipSettings settings, CancellationToken cancellationToken)
    {
        if (model.Variables.Count == 0) return new MipSolution(MipOutcome.Optimal, 0, 0, []);
        var engineClock = Stopwatch.StartNew();
        var first = Run(model, settings, presolve: true, cancellationToken, engineClock);
        if (first.Values == null || Violation(model, first.Values) is not { } broken) return first;
        // A second solve loads the model again (seconds for a large one, not interruptible) and costs about what the first
        // did: only with at least that much of the limit left.
        if (cancellationToken.IsCancellationRequested || (settings.TimeLimitSeconds is { } limit && limit - engineClock.Elapsed.TotalSeconds < engineClock.Elapsed.TotalSeconds))
            return new MipSolution(MipOutcome.TimeLimitWithoutSolution, null, null, null,
                $"{_orToolsId}'s point at the time limit breaks row {broken}, and too little time was left to solve again without presolve");
        if (_presolveOff)
        {
            var second = Run(model, settings, presolve: false, cancellationToken, engineClock);
            if (second.Values == null || Violation(model, second.Values) is not { } still) return second;
            broken = still;
        }

        return new MipSolution(MipOutcome.Failed, null, null, null, $"{_orToolsId} returned a point that breaks row {broken}");
    }

    /// <summary>The first row or bound a point breaks by more than 1e-6 (relative), or null.</summary>
    public static string? Violation(MipModel model, double[] x)
    {
        for (var j = 0; j < model.Variables.Count; j++)
        {
            var v = model.Variables[j];
            if (x[j] < v.Lower - 1e-6 || x[j] > v.Upper + 1e-6 || (v.IsInteger && Math.Abs(x[j] - Math.Round(x[j])) > 1e-6)) return v.Name;
        }

        foreach (var c in model.Constraints)
        {
            double lhs = 0, scale = Math.Abs(c.Rhs);
            foreach (var (j, a) in c.Terms)
            {
                lhs += a * x[j];
                scale = Math.Max(scale, Math.Abs(a * x[j]));
            }

            var tolerance = 1e-6 * Math.Max(1, scale);
            var ok = c.Sense switch
            {
                ConstraintSense.LessOrEqual => lhs <= c.Rhs + tolerance,
                ConstraintSense.GreaterOrEqual => lhs >= c.Rhs - tolerance,
                _ => Math.Abs(lhs - c.Rhs) <= tolerance,
            };
            if (!ok) return c.Name;
        }

        return null;
    }

    /// <param name="engineClock">Started when the solve was asked for: loading the model and a rerun count against its limit.</param>
    private MipSolution Run(MipModel model, MipSettings settings, bool presolve, CancellationToken cancellationToken, Stopwatch engineClock)
    {
        var solver = Solver.CreateSolver(_orToolsId) ?? throw new InvalidOperationException(UnavailableReason ?? $"OR-Tools could not create {_orToolsId}");
        var notes = new List<string>();
        var variables = Load(solver, model);
        if (settings.Threads > 1)
        {
            if (_threads) solver.SetNumThreads(settings.Threads);
            else notes.Add($"{Name} runs on 1 thread in OR-Tools 9.15 (asked for {settings.Threads})");
        }

        if (model.Start is { Count: > 0 } start)
        {
            if (_hints) solver.SetHint(start.Keys.Select(j => variables[j]).ToArray(), start.Values.ToArray());
            else notes.Add($"{Name} takes no MIP start in OR-Tools 9.15 (it crashes on one); the warm start only stands in where no incumbent is found");
        }

        if (settings.WorkLimit != null) notes.Add($"{Name} takes no deterministic work limit in OR-Tools 9.15; only the time limit applies");
        if (settings.TimeLimitSeconds is { } seconds) solver.SetTimeLimit((long)Math.Ceiling(Math.Max(seconds - engineClock.Elapsed.TotalSeconds, 0.01) * 1000));
        if (settings.Log) solver.EnableOutput();
        var specific = string.Join('\n', new[] { _specific, settings.Log ? null : _quiet }.OfType<string>());
        if (specific.Length > 0) solver.SetSolverSpecificParametersAsString(specific);
        var parameters = new MPSolverParameters();
        // OR-Tools' default relative gap is 1e-4: set ours, so "optimal" means what we asked for.
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, settings.RelativeGap);
        if (!presolve) parameters.SetIntegerParam(MPSolverParameters.IntegerParam.PRESOLVE, (int)MPSolverParameters.PresolveValues.PRESOLVE_OFF);

        var work = Task.Factory.StartNew(() => solver.Solve(parameters), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var cancelled = false;
        // The wait has its own deadline (the engine's limit and the grace): the token's timer runs on the thread pool,
        // which a busy machine can hold up by seconds, so it alone does not bound an engine that ignores its limit (CBC).
        var deadline = settings.TimeLimitSeconds is { } engineSeconds
            ? (int)Math.Ceiling((Math.Max(0, engineSeconds - engineClock.Elapsed.TotalSeconds) + CancelGrace.TotalSeconds) * 1000)
            : Timeout.Infinite;
        try
        {
            if (!work.Wait(deadline, cancellationToken)) throw new OperationCanceledException();
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
            solver.InterruptSolve();
            if (!work.Wait(CancelGrace))
            {
                // The engine did not stop: abandon it; it frees its model when it ends.
                work.ContinueWith(_ => solver.Dispose(), TaskScheduler.Default);
                return new MipSolution(MipOutcome.TimeLimitWithoutSolution, null, null, null, Join(notes.Append($"{Name} did not stop within {CancelGrace.TotalSeconds:0.#} s of cancellation")));
            }
        }

        // Freeing a model of millions of columns takes seconds of the engine's own time: done in the background, so
        // the solve returns within its limit.
        try
        {
            return ReadBack(solver, work.Result, variables, settings, cancelled || (settings.TimeLimitSeconds is { } limit && engineClock.Elapsed.TotalSeconds >= limit * 0.98), Join(notes));
        }
        finally
        {
            Task.Run(solver.Dispose);
        }
    }

    private static Variable[] Load(Solver solver, MipModel model)
    {
        var variables = new Variable[model.Variables.Count];
        var objective = solver.Objective();
        for (var j = 0; j < variables.Length; j++)
        {
            var v = model.Variables[j];
            variables[j] = solver.MakeVar(v.Lower, v.Upper, v.IsInteger, v.Name);
            if (v.Objective != 0) objective.SetCoefficient(variables[j], v.Objective);
        }

        objective.SetMaximization();
        foreach (var c in model.Constraints)
        {
            var row = solver.MakeConstraint(
                c.Sense == ConstraintSense.LessOrEqual ? double.NegativeInfinity : c.Rhs,
                c.Sense == ConstraintSense.GreaterOrEqual ? double.PositiveInfinity : c.Rhs, c.Name);
            foreach (var (j, a) in c.Terms) row.SetCoefficient(variables[j], a);
        }

        return variables;
    }

    private MipSolution ReadBack(Solver solver, Solver.ResultStatus status, Variable[] variables, MipSettings settings, bool stoppedByTime, string? note)
    {
        var notes = note == null ? new List<string>() : [note];
        var hasPoint = status is Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE;
        var values = hasPoint ? variables.Select(v => v.SolutionValue()).ToArray() : null;
        double? objective = hasPoint ? solver.Objective().Value() : null;
        // Without a point OR-Tools reads no bound back (it reports 0 while SCIP's log shows its dual bound).
        double? bound = hasPoint && solver.Objective().BestBound() is var b && double.IsFinite(b) && Math.Abs(b) < 1e30 ? b : null;
        if (bound is { } low && objective is { } o && low < o - 1e-6 * Math.Max(1, Math.Abs(o)))
        {
            // Seen with SCIP stopped by its time limit before its root LP: OR-Tools reports 0, which is no bound of a maximisation.
            notes.Add($"{Name} reported a bound of {low:G9} below its own incumbent {o:G9}: not a bound, dropped");
            bound = null;
        }

        var outcome = status switch
        {
            Solver.ResultStatus.OPTIMAL => MipOutcome.Optimal,
            Solver.ResultStatus.FEASIBLE => stoppedByTime ? MipOutcome.TimeLimitWithSolution : MipOutcome.Feasible,
            Solver.ResultStatus.INFEASIBLE => MipOutcome.Infeasible,
            // Interrupted or out of time without a point (OR-Tools may say NOT_SOLVED or ABNORMAL then).
            _ when stoppedByTime => MipOutcome.TimeLimitWithoutSolution,
            _ => MipOutcome.Failed,
        };
        if (outcome == MipOutcome.Failed) notes.Add($"{Name} ended with status {status}");
        // A proven optimum at gap 0 is its own bound (the engine's bound may differ by its tolerance).
        if (outcome == MipOutcome.Optimal && settings.RelativeGap == 0) bound = objective;
        return new MipSolution(outcome, objective, bound, values, Join(notes));
    }

    private static string? Join(IEnumerable<string> notes) => notes.ToList() is { Count: > 0 } list ? string.Join("; ", list) : null;
}
