using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Solvers.Greedy;

/// <summary>
/// <c>greedy</c>: the baseline. Walk the intervals in time order; keep serving the current node
/// while it pays (c_n K &gt; 0); when it stops paying, serve the best-paying node the switching
/// rule allows (the last node again at any time, another one only after S idle intervals), or
/// stay idle. c_n is 1 for gd and w_n for pd. For td, c_n = 1 / (E_n/q_n + ρ) from the keys served
/// so far (<see cref="NodeValues.ForShareDeficit"/>: nodes behind their target share are
/// preferred), and the result is trimmed to the share rule with
/// <see cref="ShareTrimmer"/>. One pass over the non-zeros, no bound.
/// </summary>
public sealed class GreedySolver : ISolver
{
    private const int CancellationCheckRows = 4096;

    public string Name => "greedy";
    public string Description => "baseline: stay on the current node while it pays, else take the best node the switching rule allows";
    public bool UsesSeed => false;
    public string? UnavailableReason => null;
    public IReadOnlyList<SolverParameter> Parameters { get; } = [];

    public SolveResult Solve(Problem problem, SolverOptions options, CancellationToken cancellationToken)
    {
        var targeted = options.Strategy == Strategy.Td;
        var shares = problem.Nodes.Select(x => x.Share).ToArray();
        var delivered = new double[problem.Nodes.Count];
        var values = targeted ? NodeValues.ForShareDeficit(delivered, shares) : NodeValues.ForLinearStrategy(problem, options.Strategy);

        var keys = problem.Keys;
        var nodes = keys.EntryNodes;
        var bits = keys.EntryBits;
        var served = new List<Assignment>();
        int current = -1, lastNode = -1;
        long lastInterval = long.MinValue / 2;
        var status = SolveStatus.Feasible;

        for (var row = 0; row < keys.RowCount; row++)
        {
            if (row % CancellationCheckRows == 0 && cancellationToken.IsCancellationRequested)
            {
                status = SolveStatus.TimeLimit;
                break;
            }

            var t = keys.IntervalOfRow(row);
            int choice = -1;
            var choiceValue = 0.0;
            for (var e = keys.RowStart(row); e < keys.RowStart(row + 1); e++)
            {
                var n = nodes[e];
                var value = values[n] * bits[e];
                if (!(value > 0)) continue;
                if (n == current)
                {
                    choice = n;
                    break;
                }

                var allowed = n == lastNode || t - lastInterval - 1 >= problem.SwitchIntervals;
                if (allowed && value > choiceValue)
                {
                    choice = n;
                    choiceValue = value;
                }
            }

            var switched = choice != current;
            current = choice;
            if (choice < 0) continue;
            served.Add(new Assignment(t, choice));
            lastNode = choice;
            lastInterval = t;
            if (!targeted) continue;
            delivered[choice] += keys[t, choice];
            if (switched) values = NodeValues.ForShareDeficit(delivered, shares);
        }

        if (targeted) served = ShareTrimmer.Trim(problem, served, options.ShareTolerance).ToList();
        return new SolveResult(Schedule.FromAssignments(problem, served), status);
    }
}
