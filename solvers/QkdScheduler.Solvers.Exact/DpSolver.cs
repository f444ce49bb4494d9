using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Solvers.Exact;

/// <summary>
/// <c>dp</c>: the exact <see cref="IntervalDp"/> for gd and pd (status optimal, bound = optimum);
/// for td a heuristic without a bound (<see cref="TargetedDeliverySearch"/>).
/// </summary>
public sealed class DpSolver : ISolver
{
    public string Name => "dp";
    public string Description => "exact dynamic program for gd/pd (linear in non-zeros); stretch-wise DP search + share trimming for td (no bound)";
    public bool UsesSeed => false;
    public string? UnavailableReason => null;
    public IReadOnlyList<SolverParameter> Parameters { get; } = [TargetedDeliverySearch.Sweeps];

    public SolveResult Solve(Problem problem, SolverOptions options, CancellationToken cancellationToken)
    {
        if (options.Strategy == Strategy.Td) return TargetedDeliverySearch.Solve(problem, options, cancellationToken);

        var values = NodeValues.ForLinearStrategy(problem, options.Strategy);
        try
        {
            var solution = IntervalDp.Maximise(problem.Keys, problem.SwitchIntervals, values, cancellationToken);
            var schedule = Schedule.FromAssignments(problem, solution.Assignments);
            return new SolveResult(schedule, SolveStatus.Optimal, Bound: solution.Value);
        }
        catch (OperationCanceledException)
        {
            return new SolveResult(Schedule.Empty, SolveStatus.TimeLimit, Message: "stopped before the dynamic program finished; no schedule yet");
        }
    }
}
