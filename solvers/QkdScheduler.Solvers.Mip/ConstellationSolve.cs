using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.Mip.Engines;
using QkdScheduler.Solvers.Mip.Formulation;
using QkdScheduler.Solvers.Mip.Model;

namespace QkdScheduler.Solvers.Mip;

/// <summary>
/// The solve of a constellation instance shared by <c>mip</c> and <c>cpsat</c>: one <see cref="ConstellationModel"/>
/// for the whole timeline (the receivers couple the satellites, so there are no independent stretches) handed to
/// an <see cref="IMipEngine"/>. Status optimal only when the engine proves it with gap 0; the bound is the engine's.
/// A warm start (<c>--warm-start dp</c>, say) is the engine's MIP start, and stands where the engine ends below it.
/// </summary>
internal static class ConstellationSolve
{
    public static SolveResult Run(Problem problem, SolverOptions options, IMipEngine engine, bool log, CancellationToken cancellationToken, double? workLimit = null)
    {
        var td = options.Strategy == Strategy.Td;
        var values = td ? problem.Nodes.Select(_ => 1.0).ToArray() : NodeValues.ForLinearStrategy(problem, options.Strategy);
        var shares = td ? problem.Nodes.Select(n => n.Share).ToArray() : null;
        var built = ConstellationModel.Build(problem, values, shares, options.ShareTolerance);
        if (options.ModelFile is { } path) ModelWriters.Write(built.Model, path);
        if (built.Model.Variables.Count == 0) return new SolveResult(Schedule.Empty, SolveStatus.Optimal, Bound: 0);

        var limit = FlowModelSolve.EngineLimit(options.TimeLimit?.TotalSeconds);
        var settings = new MipSettings(limit, options.RelativeGap, options.Threads, log, options.Seed, workLimit);
        var start = options.WarmStart;
        string? started = null;
        if (td && start == null)
        {
            // As for one satellite: td starts from dp's schedule, so an engine stopped early still returns a feasible one.
            var dp = new QkdScheduler.Solvers.Exact.DpSolver().Solve(problem, options with { TimeLimit = null }, cancellationToken);
            if (dp.Status is SolveStatus.Optimal or SolveStatus.Feasible && Validator.Check(problem, dp.Schedule, Strategy.Td, options.ShareTolerance).IsValid)
            {
                start = dp.Schedule;
                started = "started from dp's td schedule";
            }
        }
        var warm = start?.ServedBySatellite(problem);
        if (warm != null) built.Model.Start = built.StartFrom(problem, warm);
        var result = engine.Solve(built.Model, settings, cancellationToken);
        var served = result.Values != null ? built.Served(result.Values).ToList() : [];
        string? kept = null;
        if (warm is { Count: > 0 } && Worth(problem, warm, values, shares, options.ShareTolerance) > Worth(problem, served, values, shares, options.ShareTolerance))
        {
            served = warm.ToList();
            kept = $"{engine.Name} ended below its start; the warm start's schedule stands";
        }
        var status = FlowModelSolve.StatusOf(result.Outcome, options.RelativeGap);
        var size = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{engine.Name}: constellation model of {problem.SatelliteCount} satellites: {built.Model.Constraints.Count:N0} rows, {built.Model.Variables.Count:N0} columns, {built.Model.NonZeroCount:N0} non-zeros")
            + (started is null ? "" : "; " + started) + (result.Note is { } note ? "; " + note : "") + (kept is null ? "" : "; " + kept);
        if (kept != null && status is SolveStatus.Error or SolveStatus.Infeasible) status = SolveStatus.Feasible;
        return new SolveResult(Schedule.FromSatelliteAssignments(problem, served), status, Bound: status == SolveStatus.Infeasible ? null : result.Bound,
            Message: status == SolveStatus.Error ? $"{engine.Name} stopped without a valid solution; {size}" : size);
    }

    /// <summary>What a schedule is worth to the strategy: Σ v_n E_n, and for td −∞ unless it meets the share rule.</summary>
    private static double Worth(Problem problem, IReadOnlyList<SatelliteAssignment> part, IReadOnlyList<double> values, IReadOnlyList<double>? shares, double eps)
    {
        var delivered = new double[problem.Nodes.Count];
        foreach (var a in part) delivered[a.Node] += problem.KeysOf(a.Satellite)[a.Interval, a.Node];
        if (shares != null && !ShareRule.IsMet(delivered, shares, eps)) return double.NegativeInfinity;
        return delivered.Select((e, n) => values[n] * e).Sum();
    }
}
