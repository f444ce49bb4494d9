using QkdScheduler.Core;
using System.Diagnostics;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.Mip.Cbc;
using QkdScheduler.Solvers.Mip.Formulation;
using QkdScheduler.Solvers.Mip.Model;

namespace QkdScheduler.Solvers.Mip;

/// <summary>
/// <c>mip</c>: the <see cref="ScheduleFlowModel"/> solved by COIN-OR CBC. gd and pd are solved
/// stretch by stretch (stretches separated by more than S empty intervals are independent, see
/// <see cref="KeyMatrix.IndependentStretches"/>), their bounds added up; td is one model with the
/// share rule. Status optimal only when CBC proves it with gap 0; otherwise the bound CBC proved.
/// <see cref="SolverOptions.ModelFile"/> (<c>--write-model FILE.lp|FILE.mps</c>) gets the whole model (all stretches).
/// </summary>
public sealed class MipSolver : ISolver
{
    public const string SolverName = "mip";
    public static readonly SolverParameter LogLevel = SolverParameter.Number(
        new ParameterRule("log-level", 0, v => v is >= 0 and <= 4, "0 (quiet) to 4"), "CBC's log level on stderr", whole: true);

    public string Name => SolverName;
    public string Description => "MIP (unit-flow formulation, exact LP for gd/pd) solved by COIN-OR CBC; gd/pd per independent stretch, td with the share rule; proven bound and gap";
    public bool UsesSeed => false;
    public IReadOnlyList<SolverParameter> Parameters { get; } = [LogLevel];
    public string? UnavailableReason => CbcBackend.UnavailableReason;

    public SolveResult Solve(Problem problem, SolverOptions options, CancellationToken cancellationToken)
    {
        var td = options.Strategy == Strategy.Td;
        var values = td ? problem.Nodes.Select(_ => 1.0).ToArray() : NodeValues.ForLinearStrategy(problem, options.Strategy);
        var shares = td ? problem.Nodes.Select(n => n.Share).ToArray() : null;
        var all = new RowRange(0, problem.Keys.RowCount);
        if (options.ModelFile is { } path)
            ModelWriters.Write(ScheduleFlowModel.Build(problem, all, values, shares, options.ShareTolerance).Model, path);
        if (problem.Keys.RowCount == 0) return new SolveResult(Schedule.Empty, SolveStatus.Optimal, Bound: 0);

        var logLevel = options.WholeNumber(LogLevel);
        var warm = options.WarmStart?.ServedAssignments(problem);
        var clock = Stopwatch.StartNew();
        var stretches = td ? [all] : problem.Keys.IndependentStretches(problem.SwitchIntervals);
        var served = new List<Assignment>();
        double bound = 0;
        var proven = true;
        var status = SolveStatus.Optimal;
        long columns = 0, rows = 0, nonZeros = 0;
        var solved = 0;
        foreach (var stretch in stretches)
        {
            double? remaining = options.TimeLimit is { } limit ? Math.Max(0.01, (limit - clock.Elapsed).TotalSeconds) : null;
            if (cancellationToken.IsCancellationRequested || remaining is <= 0.01)
            {
                // Out of time: the stretches not reached stay empty, which is feasible.
                status = SolveStatus.TimeLimit;
                proven = false;
                break;
            }

            var flow = ScheduleFlowModel.Build(problem, stretch, values, shares, options.ShareTolerance);
            columns += flow.Model.Variables.Count;
            rows += flow.Model.Constraints.Count;
            nonZeros += flow.Model.NonZeroCount;
            solved++;
            if (warm != null) flow.Model.Start = flow.StartFrom(warm);
            var result = CbcBackend.Solve(flow.Model, new MipSettings(remaining, options.RelativeGap, options.Threads, logLevel), cancellationToken);
            if (result.Values != null) served.AddRange(flow.Served(result.Values));
            else if (warm != null && result.Outcome == MipOutcome.TimeLimitWithoutSolution)
                // No incumbent in time (CBC may still be in its first LP): keep the warm start's part of this stretch.
                served.AddRange(warm.Where(a => a.Interval >= problem.Keys.IntervalOfRow(stretch.From) && a.Interval <= problem.Keys.IntervalOfRow(stretch.To - 1)));
            if (result.Bound is { } b) bound += b; else proven = false;
            status = Worse(status, result.Outcome switch
            {
                MipOutcome.Optimal => options.RelativeGap > 0 ? SolveStatus.Feasible : SolveStatus.Optimal,
                MipOutcome.Feasible => SolveStatus.Feasible,
                MipOutcome.TimeLimitWithSolution or MipOutcome.TimeLimitWithoutSolution => SolveStatus.TimeLimit,
                MipOutcome.Infeasible => SolveStatus.Infeasible,
                _ => SolveStatus.Error,
            });
        }

        var schedule = Schedule.FromAssignments(problem, served.OrderBy(a => a.Interval));
        var size = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{solved} of {stretches.Count} model(s) solved: {rows:N0} rows, {columns:N0} columns, {nonZeros:N0} non-zeros");
        return new SolveResult(schedule, status, Bound: proven ? bound : null,
            Message: status == SolveStatus.Error ? $"CBC stopped without a valid solution; {size}" : size);
    }

    private static SolveStatus Worse(SolveStatus a, SolveStatus b) => (SolveStatus)Math.Max((int)a, (int)b);
}
