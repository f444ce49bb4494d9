using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Solvers.Exact;

/// <summary>
/// <c>dp</c>: the exact <see cref="IntervalDp"/> for gd and pd (status optimal, bound = optimum);
/// for td a heuristic without a bound (<see cref="TargetedDeliverySearch"/>).
/// A constellation is a documented heuristic: satellites one after another (most key first), each by the exact DP
/// on the entries the receivers held by the satellites before it leave (<see cref="ReceiverOccupancy.Allowed"/>),
/// td then trimmed to the share rule. For gd and pd the sum of each satellite's DP optimum on its whole K is a
/// proven bound (the receiver rule only removes schedules), so the status is optimal exactly when the heuristic meets it.
/// A minimum contact length is part of the DP's state (<see cref="IntervalDp"/>), so gd and pd stay exact under it.
/// </summary>
public sealed class DpSolver : ISolver
{
    public string Name => "dp";
    public string Description => "exact dynamic program for gd/pd (linear in non-zeros); stretch-wise DP search + share trimming for td (no bound)";
    public bool UsesSeed => false;
    public string? UnavailableReason => null;
    public IReadOnlyList<SolverParameter> Parameters { get; } = [TargetedDeliverySearch.Sweeps];
    public bool SolvesConstellations => true;
    public bool SolvesMinContact => true;

    public SolveResult Solve(Problem problem, SolverOptions options, CancellationToken cancellationToken)
    {
        if (problem.IsConstellation) return SolveConstellation(problem, options, cancellationToken);
        if (options.Strategy == Strategy.Td) return TargetedDeliverySearch.Solve(problem, options, cancellationToken);

        var values = NodeValues.ForLinearStrategy(problem, options.Strategy);
        try
        {
            var solution = IntervalDp.Maximise(problem.Keys, problem.SwitchIntervals, values, problem.MinContactIntervals, cancellationToken);
            var schedule = Schedule.FromAssignments(problem, solution.Assignments);
            return new SolveResult(schedule, SolveStatus.Optimal, Bound: solution.Value);
        }
        catch (OperationCanceledException)
        {
            return new SolveResult(Schedule.Empty, SolveStatus.TimeLimit, Message: "stopped before the dynamic program finished; no schedule yet");
        }
    }

    private static SolveResult SolveConstellation(Problem problem, SolverOptions options, CancellationToken cancellationToken)
    {
        var td = options.Strategy == Strategy.Td;
        var values = td ? problem.Nodes.Select(_ => 1.0).ToArray() : NodeValues.ForLinearStrategy(problem, options.Strategy);
        try
        {
            var receivers = new ReceiverOccupancy(problem);
            var order = Enumerable.Range(0, problem.SatelliteCount).OrderByDescending(s => problem.KeysOf(s).TotalPerNode().Sum()).ThenBy(s => s).ToList();
            var served = new List<SatelliteAssignment>();
            var bound = 0.0;
            var value = 0.0;
            foreach (var s in order)
            {
                if (!td) bound += IntervalDp.Maximise(problem.KeysOf(s), problem.SwitchIntervals, values, problem.MinContactIntervals, cancellationToken).Value;
                var solution = IntervalDp.Maximise(receivers.Allowed(s), problem.SwitchIntervals, values, problem.MinContactIntervals, cancellationToken);
                value += solution.Value;
                foreach (var a in solution.Assignments)
                {
                    receivers.Hold(s, a.Interval, a.Node);
                    served.Add(new SatelliteAssignment(s, a.Interval, a.Node));
                }
            }

            if (td) served = ShareTrimmer.Trim(problem, served, options.ShareTolerance).ToList();
            var schedule = Schedule.FromSatelliteAssignments(problem, served);
            var message = $"constellation heuristic: {problem.SatelliteCount} satellites one after another, each by the exact DP on what the receivers leave";
            if (td) return new SolveResult(schedule, SolveStatus.Feasible, Message: message);
            var proven = bound - value <= SolverRunner.NumericalTolerance * Math.Max(1, bound);
            return new SolveResult(schedule, proven ? SolveStatus.Optimal : SolveStatus.Feasible, Bound: bound,
                Message: message + (proven ? "; it meets the bound (each satellite alone)" : "; bound: each satellite's optimum alone"));
        }
        catch (OperationCanceledException)
        {
            return new SolveResult(Schedule.Empty, SolveStatus.TimeLimit, Message: "stopped before the constellation heuristic finished; no schedule yet");
        }
    }
}
