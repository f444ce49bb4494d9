using System.Diagnostics;
using QkdScheduler.Core;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.Exact;
using QkdScheduler.Solvers.Mip.Engines;
using QkdScheduler.Solvers.Mip.Formulation;
using QkdScheduler.Solvers.Mip.Model;

namespace QkdScheduler.Solvers.Mip;

/// <summary>
/// The solve shared by <c>mip</c> and <c>cpsat</c>: the <see cref="ScheduleFlowModel"/> handed to an
/// <see cref="IMipEngine"/>. gd and pd are solved stretch by stretch (stretches separated by more than
/// S empty intervals are independent, see <see cref="Problem.IndependentStretches"/>), their bounds
/// added up; td is one model with the share rule. Status optimal only when the engine proves it with
/// gap 0; otherwise the bound the engine proved, or none. <see cref="SolverOptions.ModelFile"/>
/// (<c>--write-model FILE.lp|FILE.mps</c>) gets the whole model (all stretches). td without a warm start starts
/// from the dp's td search (<see cref="TargetedDeliverySearch"/>, within the time limit), so an engine stopped before
/// it finds a schedule that meets the share rule still returns the best feasible one it was given.
/// </summary>
internal static class FlowModelSolve
{
    /// <summary>
    /// Peak memory of a td model per entry of K, engine included: 20 nodes × 100 000 intervals with 100 000 entries took
    /// 2.5 GB under SCIP (<c>/usr/bin/time qkdsched solve … --solver mip --strategy td</c>), rounded up.
    /// </summary>
    private const double TdBytesPerEntry = 25_000;

    /// <summary>How much earlier than the command the engine's time limit ends (at most 5 % of what is left).</summary>
    private const double EngineReserveSeconds = 1.5;

    /// <summary>The engine's own log, declared once for every solver built on this.</summary>
    public static readonly SolverParameter LogLevel = SolverParameter.Number(
        new ParameterRule("log-level", 0, v => v is 0 or 1, "0 (quiet) or 1"), "1 = the engine's own log on stderr", whole: true);

    public static SolveResult Run(Problem problem, SolverOptions options, IMipEngine engine, bool log, CancellationToken cancellationToken, double? workLimit = null)
    {
        var td = options.Strategy == Strategy.Td;
        var values = td ? problem.Nodes.Select(_ => 1.0).ToArray() : NodeValues.ForLinearStrategy(problem, options.Strategy);
        var shares = td ? problem.Nodes.Select(n => n.Share).ToArray() : null;
        var all = new RowRange(0, problem.Keys.RowCount);
        if (options.ModelFile is { } path)
            ModelWriters.Write(ScheduleFlowModel.Build(problem, all, values, shares, options.ShareTolerance).Model, path);
        if (problem.Keys.RowCount == 0) return new SolveResult(Schedule.Empty, SolveStatus.Optimal, Bound: 0);

        var clock = Stopwatch.StartNew();
        var settings = new MipSettings(null, options.RelativeGap, options.Threads, log, options.Seed, workLimit);
        var notes = new HashSet<string>();
        var startSchedule = options.WarmStart;
        if (td && startSchedule == null)
        {
            var search = TargetedDeliverySearch.Solve(problem, options, cancellationToken);
            if (search.Status is SolveStatus.Optimal or SolveStatus.Feasible && Validator.Check(problem, search.Schedule, Strategy.Td, options.ShareTolerance).IsValid)
            {
                startSchedule = search.Schedule;
                notes.Add($"started from the dp's td search ({clock.Elapsed.TotalSeconds:0.0} s)");
            }
        }
        var warm = startSchedule?.ServedAssignments(problem);
        var stretches = td ? [all] : problem.IndependentStretches();
        var served = new List<Assignment>();
        double bound = 0;
        var proven = true;
        var status = SolveStatus.Optimal;
        long columns = 0, rows = 0, nonZeros = 0;
        var solved = 0;
        // The warm start's part of a stretch, and what a part is worth to the strategy (td: E, when it meets the share rule).
        List<Assignment> WarmPart(RowRange stretch) => warm?.Where(a => a.Interval >= problem.Keys.IntervalOfRow(stretch.From)
                                                                        && a.Interval <= problem.Keys.IntervalOfRow(stretch.To - 1)).ToList() ?? [];
        double Worth(IReadOnlyList<Assignment> part)
        {
            var delivered = new double[problem.Nodes.Count];
            foreach (var a in part) delivered[a.Node] += problem.Keys[a.Interval, a.Node];
            if (td && !ShareRule.IsMet(delivered, shares!, options.ShareTolerance)) return double.NegativeInfinity;
            return delivered.Select((e, n) => values[n] * e).Sum();
        }

        foreach (var stretch in stretches)
        {
            double? remaining = options.TimeLimit is { } limit ? Math.Max(0.01, (limit - clock.Elapsed).TotalSeconds) : null;
            if (cancellationToken.IsCancellationRequested || remaining is <= 0.01)
            {
                // Out of time: a stretch not reached keeps the warm start's part (or stays empty), which is feasible.
                status = SolveStatus.TimeLimit;
                proven = false;
                served.AddRange(WarmPart(stretch));
                continue;
            }

            // A td model beyond the memory cap is not built: the start stands (--allow-long builds it).
            var entries = problem.Keys.RowStart(stretch.To) - problem.Keys.RowStart(stretch.From);
            if (td && !WorkCap.Fits(entries * TdBytesPerEntry))
            {
                notes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"the td model of {entries:N0} entries would need about {entries * TdBytesPerEntry / (1L << 30):0.#} GiB, above the cap of {WorkCap.MemoryCapBytes / (double)(1L << 30):0.#} GiB; not built (--allow-long builds it), the start stands"));
                status = Worse(status, SolveStatus.Feasible);
                proven = false;
                served.AddRange(WarmPart(stretch));
                continue;
            }

            var flow = ScheduleFlowModel.Build(problem, stretch, values, shares, options.ShareTolerance);
            // What is left once the model is built (a large one takes seconds) is what the engine gets.
            if (remaining != null) remaining = Math.Max(0.01, (options.TimeLimit!.Value - clock.Elapsed).TotalSeconds);
            columns += flow.Model.Variables.Count;
            rows += flow.Model.Constraints.Count;
            nonZeros += flow.Model.NonZeroCount;
            solved++;
            if (warm != null) flow.Model.Start = flow.StartFrom(warm);
            // The engine's own limit ends a little before the command's, so it stops by itself and
            // returns its incumbent and proven bound instead of racing the cancellation (which lost
            // CBC's bound).
            var engineLimit = EngineLimit(remaining);
            var result = engine.Solve(flow.Model, settings with { TimeLimitSeconds = engineLimit }, cancellationToken);
            if (result.Note != null) notes.Add(result.Note);
            var found = result.Values != null ? flow.Served(result.Values).ToList() : [];
            // An engine stopped early may hand back less than its start, or nothing (CP-SAT does not always keep a
            // hint): the better of the two stands; a proven optimum is never below the start.
            var start = WarmPart(stretch);
            if (start.Count > 0 && Worth(start) > Worth(found))
            {
                if (result.Values != null) notes.Add($"{engine.Name} ended below its start; the warm start's schedule stands where it is better");
                found = start;
            }

            served.AddRange(found);
            if (result.Bound is { } b) bound += b; else proven = false;
            status = Worse(status, StatusOf(result.Outcome, options.RelativeGap));
        }

        var schedule = Schedule.FromAssignments(problem, served.OrderBy(a => a.Interval));
        var size = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{engine.Name}: {solved} of {stretches.Count} model(s) solved: {rows:N0} rows, {columns:N0} columns, {nonZeros:N0} non-zeros")
            + string.Concat(notes.Select(n => "; " + n));
        return new SolveResult(schedule, status, Bound: proven ? bound : null,
            Message: status == SolveStatus.Error ? $"{engine.Name} stopped without a valid solution; {size}" : size);
    }

    private static SolveStatus Worse(SolveStatus a, SolveStatus b) => (SolveStatus)Math.Max((int)a, (int)b);

    /// <summary>The engine's own time limit for <paramref name="remainingSeconds"/> left of the command's (null: none).</summary>
    internal static double? EngineLimit(double? remainingSeconds) =>
        remainingSeconds is { } r ? Math.Max(0.01, r - Math.Min(EngineReserveSeconds, 0.05 * r)) : null;

    /// <summary>An engine's outcome as a status: optimal only when proven with no gap allowed.</summary>
    internal static SolveStatus StatusOf(MipOutcome outcome, double relativeGap) => outcome switch
    {
        MipOutcome.Optimal => relativeGap > 0 ? SolveStatus.Feasible : SolveStatus.Optimal,
        MipOutcome.Feasible => SolveStatus.Feasible,
        MipOutcome.TimeLimitWithSolution or MipOutcome.TimeLimitWithoutSolution => SolveStatus.TimeLimit,
        MipOutcome.Infeasible => SolveStatus.Infeasible,
        _ => SolveStatus.Error,
    };
}
