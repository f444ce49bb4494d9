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
/// A constellation is walked the same way, interval by interval and within one interval satellite by satellite
/// (in list order), each with its own current node and switching rule; a node is taken only when its stations'
/// receivers allow it (<see cref="ReceiverOccupancy"/>).
/// Under a minimum contact length L a new contact starts only where its node has key for the next L intervals; a
/// constellation's contacts that another satellite's receiver cut short are then dropped (<see cref="MinContact"/>).
/// </summary>
public sealed class GreedySolver : ISolver
{
    private const int CancellationCheckRows = 4096;

    public string Name => "greedy";
    public string Description => "baseline: stay on the current node while it pays, else take the best node the switching rule allows";
    public bool UsesSeed => false;
    public string? UnavailableReason => null;
    public IReadOnlyList<SolverParameter> Parameters { get; } = [];
    public bool SolvesConstellations => true;
    public bool SolvesMinContact => true;

    public SolveResult Solve(Problem problem, SolverOptions options, CancellationToken cancellationToken)
    {
        if (problem.IsConstellation) return SolveConstellation(problem, options, cancellationToken);
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
            // Under a minimum contact length a gap ends the contact: going on after it is a new contact, which must last.
            if (problem.MinContactIntervals > 1 && t != lastInterval + 1) current = -1;
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

                var allowed = (n == lastNode || t - lastInterval - 1 >= problem.SwitchIntervals) && Lasts(problem, keys, t, n);
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

    private static SolveResult SolveConstellation(Problem problem, SolverOptions options, CancellationToken cancellationToken)
    {
        var targeted = options.Strategy == Strategy.Td;
        var shares = problem.Nodes.Select(x => x.Share).ToArray();
        var delivered = new double[problem.Nodes.Count];
        var values = targeted ? NodeValues.ForShareDeficit(delivered, shares) : NodeValues.ForLinearStrategy(problem, options.Strategy);
        var receivers = new ReceiverOccupancy(problem);
        var satellites = problem.SatelliteCount;
        var current = Enumerable.Repeat(-1, satellites).ToArray();
        var lastNode = Enumerable.Repeat(-1, satellites).ToArray();
        var lastInterval = Enumerable.Repeat(long.MinValue / 2, satellites).ToArray();
        var served = new List<SatelliteAssignment>();
        var status = SolveStatus.Feasible;
        // Every satellite's rows, in time order and then satellite order.
        var rows = Enumerable.Range(0, satellites)
            .SelectMany(s => Enumerable.Range(0, problem.KeysOf(s).RowCount).Select(r => (Satellite: s, Row: r, Interval: problem.KeysOf(s).IntervalOfRow(r))))
            .OrderBy(x => x.Interval).ThenBy(x => x.Satellite).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            if (i % CancellationCheckRows == 0 && cancellationToken.IsCancellationRequested)
            {
                status = SolveStatus.TimeLimit;
                break;
            }

            var (s, row, t) = rows[i];
            var keys = problem.KeysOf(s);
            if (problem.MinContactIntervals > 1 && t != lastInterval[s] + 1) current[s] = -1;
            int choice = -1;
            var choiceValue = 0.0;
            for (var e = keys.RowStart(row); e < keys.RowStart(row + 1); e++)
            {
                var n = keys.EntryNodes[e];
                var value = values[n] * keys.EntryBits[e];
                if (!(value > 0) || !receivers.CanHold(s, t, n)) continue;
                if (n == current[s])
                {
                    choice = n;
                    break;
                }

                var allowed = (n == lastNode[s] || t - lastInterval[s] - 1 >= problem.SwitchIntervals) && Lasts(problem, keys, t, n);
                if (allowed && value > choiceValue)
                {
                    choice = n;
                    choiceValue = value;
                }
            }

            var switched = choice != current[s];
            current[s] = choice;
            if (choice < 0) continue;
            receivers.Hold(s, t, choice);
            served.Add(new SatelliteAssignment(s, t, choice));
            lastNode[s] = choice;
            lastInterval[s] = t;
            if (!targeted) continue;
            delivered[choice] += keys[t, choice];
            if (switched) values = NodeValues.ForShareDeficit(delivered, shares);
        }

        // A receiver taken by another satellite can end a contact early: drop what fell short of the minimum length.
        served = MinContact.Enforce(problem, served).ToList();
        if (targeted) served = ShareTrimmer.Trim(problem, served, options.ShareTolerance).ToList();
        return new SolveResult(Schedule.FromSatelliteAssignments(problem, served), status);
    }

    /// <summary>Whether a new contact of <paramref name="node"/> from <paramref name="interval"/> can last the minimum contact length (K &gt; 0 throughout).</summary>
    private static bool Lasts(Problem problem, KeyMatrix keys, int interval, int node)
    {
        for (var k = 1; k < problem.MinContactIntervals; k++)
            if (interval + k >= problem.IntervalCount || !(keys[interval + k, node] > 0)) return false;
        return true;
    }
}
