using QkdScheduler.Core.Model;

namespace QkdScheduler.Core.Strategies;

/// <summary>
/// For constructive constellation solvers: which satellites hold a receiver at each station in each interval, as
/// schedules are built. A reception of satellite s at station g in interval m holds one of g's receivers from m to
/// m + S_st (the slew a receiver needs before another satellite), so the intervals s holds g are the union of those
/// spans: its sessions, extended (docs/architecture.md, "Constellations"). A reception is allowed when, at every
/// interval it adds to s's hold, fewer than R_g satellites hold g; then no schedule built through
/// <see cref="Hold"/> breaks the receiver rule.
/// </summary>
public sealed class ReceiverOccupancy
{
    private readonly Problem _problem;
    private readonly Constellation _fleet;
    private readonly Dictionary<string, int> _station = new(StringComparer.Ordinal);
    private readonly int[][] _stationsOfNode;
    private readonly int[] _receivers;
    private readonly int[][] _count;    // [g][t]: satellites holding g at t
    private readonly bool[][][] _holds; // [s][g][t]

    public ReceiverOccupancy(Problem problem)
    {
        _problem = problem;
        _fleet = problem.Constellation ?? throw new ArgumentException("not a constellation instance", nameof(problem));
        foreach (var g in problem.Nodes.SelectMany(n => n.Stations))
            _station.TryAdd(g, _station.Count);
        _stationsOfNode = problem.Nodes.Select(n => n.Stations.Select(g => _station[g]).Distinct().ToArray()).ToArray();
        var names = _station.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray();
        _receivers = names.Select(_fleet.Receivers).ToArray();
        var m = problem.IntervalCount;
        _count = names.Select(_ => new int[m]).ToArray();
        _holds = Enumerable.Range(0, _fleet.Satellites.Count).Select(_ => names.Select(_ => new bool[m]).ToArray()).ToArray();
    }

    private int End(int interval) => Math.Min(interval + _fleet.StationSwitchIntervals, _problem.IntervalCount - 1);

    /// <summary>Whether satellite <paramref name="satellite"/> may serve <paramref name="node"/> in <paramref name="interval"/> given what is held.</summary>
    public bool CanHold(int satellite, int interval, int node)
    {
        foreach (var g in _stationsOfNode[node])
        {
            var holds = _holds[satellite][g];
            var count = _count[g];
            for (var t = interval; t <= End(interval); t++)
                if (!holds[t] && count[t] >= _receivers[g]) return false;
        }

        return true;
    }

    /// <summary>Records the reception (call only after <see cref="CanHold"/>).</summary>
    public void Hold(int satellite, int interval, int node)
    {
        foreach (var g in _stationsOfNode[node])
        {
            var holds = _holds[satellite][g];
            for (var t = interval; t <= End(interval); t++)
                if (!holds[t])
                {
                    holds[t] = true;
                    _count[g][t]++;
                }
        }
    }

    /// <summary>K[s] with every entry removed that the receivers held so far forbid (for a satellite planned after others).</summary>
    public KeyMatrix Allowed(int satellite)
    {
        var keys = _fleet.Keys[satellite];
        return KeyMatrix.FromEntries(_problem.IntervalCount, _problem.Nodes.Count, keys.Entries().Where(e => CanHold(satellite, e.Interval, e.Node)).ToList());
    }
}
