using QkdScheduler.Core.Model;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.Mip.Engines;
using QkdScheduler.Solvers.Mip.Model;

namespace QkdScheduler.Solvers.Exact;

/// <summary>
/// The S-TD schedules seen so far, cut into their independent stretches (columns), and a restricted
/// master that picks one column per stretch. Stretches never constrain each other
/// (<see cref="KeyMatrix.IndependentStretches"/>), and removing served intervals from a stretch's
/// schedule keeps it feasible, so any choice of one column per stretch is a schedule.
/// </summary>
/// <remarks>
/// The master maximises the total that trimming keeps under the share rule
/// (<see cref="ShareTrimmer.MaxTotal"/>) by coordinate ascent: stretch by stretch, the column that
/// scores best with the others fixed, until a sweep improves nothing. It is a heuristic: it proves
/// nothing, and the schedule it returns is trimmed and recomputed before it counts.
/// </remarks>
internal sealed class StretchColumns
{
    private const int MaxColumnsPerStretch = 400;
    private const int MaxSweeps = 50;

    private sealed record Column(IReadOnlyList<Assignment> Served, double[] Delivered);

    private readonly KeyMatrix _keys;
    private readonly int _nodes;
    private readonly IReadOnlyList<RowRange> _stretches;
    private readonly int[] _stretchFirstInterval;
    private readonly List<Column>[] _columns;
    private readonly Dictionary<string, int>[] _seen;
    private readonly int[] _choice;

    public StretchColumns(Problem problem)
    {
        _keys = problem.Keys;
        _nodes = problem.Nodes.Count;
        _stretches = _keys.IndependentStretches(problem.SwitchIntervals);
        _stretchFirstInterval = _stretches.Select(s => _keys.IntervalOfRow(s.From)).ToArray();
        _columns = _stretches.Select(_ => new List<Column> { new([], new double[_nodes]) }).ToArray();
        _seen = _stretches.Select(_ => new Dictionary<string, int> { [""] = 0 }).ToArray();
        _choice = new int[_stretches.Count];
    }

    /// <summary>Adds <paramref name="schedule"/>'s columns and makes them the master's starting choice (a stretch it leaves out starts empty).</summary>
    public void StartFrom(IReadOnlyList<Assignment> schedule)
    {
        Array.Clear(_choice);
        Add(schedule, _choice);
    }

    /// <summary>Adds each stretch's part of <paramref name="schedule"/> (served intervals in time order) as a column, once.</summary>
    public void Add(IReadOnlyList<Assignment> schedule) => Add(schedule, null);

    private void Add(IReadOnlyList<Assignment> unordered, int[]? choose)
    {
        var schedule = unordered.OrderBy(a => a.Interval).ToList();
        var start = 0;
        while (start < schedule.Count)
        {
            var s = StretchOf(schedule[start].Interval);
            var end = start;
            var limit = s + 1 < _stretches.Count ? _stretchFirstInterval[s + 1] : int.MaxValue;
            while (end < schedule.Count && schedule[end].Interval < limit) end++;
            var part = new Assignment[end - start];
            for (var i = start; i < end; i++) part[i - start] = schedule[i];
            var key = string.Join(',', part.Select(a => $"{a.Interval}:{a.Node}"));
            if ((_columns[s].Count < MaxColumnsPerStretch || choose != null) && _seen[s].TryAdd(key, _columns[s].Count))
            {
                var delivered = new double[_nodes];
                foreach (var a in part) delivered[a.Node] += _keys[a.Interval, a.Node];
                _columns[s].Add(new Column(part, delivered));
            }

            if (choose != null && _seen[s].TryGetValue(key, out var index)) choose[s] = index;

            start = end;
        }
    }

    /// <summary>The master's best choice of one column per stretch, as served intervals in time order (untrimmed).</summary>
    public IReadOnlyList<Assignment> Best(IReadOnlyList<double> shares, double tolerance, CancellationToken cancellationToken)
    {
        var totals = new double[_nodes];
        for (var s = 0; s < _stretches.Count; s++)
        {
            if (_choice[s] >= _columns[s].Count) _choice[s] = 0;
            Add(totals, _columns[s][_choice[s]].Delivered, 1);
        }

        var score = ShareTrimmer.MaxTotal(totals, shares, tolerance);
        var trial = new double[_nodes];
        for (var sweep = 0; sweep < MaxSweeps; sweep++)
        {
            var improved = false;
            for (var s = 0; s < _stretches.Count; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Array.Copy(totals, trial, _nodes);
                Add(trial, _columns[s][_choice[s]].Delivered, -1);
                var rest = (double[])trial.Clone();
                for (var c = 0; c < _columns[s].Count; c++)
                {
                    if (c == _choice[s]) continue;
                    Array.Copy(rest, trial, _nodes);
                    Add(trial, _columns[s][c].Delivered, 1);
                    var candidate = ShareTrimmer.MaxTotal(trial, shares, tolerance);
                    if (candidate <= score * (1 + 1e-12)) continue;
                    score = candidate;
                    _choice[s] = c;
                    Array.Copy(trial, totals, _nodes);
                    improved = true;
                }
            }

            if (!improved) break;
        }

        return Enumerable.Range(0, _stretches.Count).SelectMany(s => _columns[s][_choice[s]].Served).ToList();
    }

    /// <summary>
    /// The restricted master solved exactly by a MIP engine: binary y[s,c] picks column c of stretch s
    /// (Σ_c y[s,c] = 1, the empty column included), k_n ≤ Σ D[s,c,n] y[s,c] is what node n keeps
    /// after trimming, E = Σ k_n, and the share rule (1 − ε) q_n E ≤ k_n ≤ (1 + ε) q_n E; maximise E.
    /// For a fixed choice this is <see cref="ShareTrimmer.MaxTotal"/>'s problem, so the MIP optimises
    /// what the coordinate ascent of <see cref="Best"/> only climbs. Returns the chosen columns (untrimmed),
    /// or null when the engine found no point in time. Its bound is only a bound over these columns.
    /// </summary>
    public IReadOnlyList<Assignment>? BestByMip(IMipEngine engine, IReadOnlyList<double> shares, double tolerance, double seconds, CancellationToken cancellationToken)
    {
        var model = new MipModel("stretch-master");
        var y = new List<int>[_stretches.Count];
        var kept = new List<(int, double)>[_nodes];
        for (var n = 0; n < _nodes; n++) kept[n] = [];
        for (var s = 0; s < _stretches.Count; s++)
        {
            y[s] = [];
            for (var c = 0; c < _columns[s].Count; c++)
            {
                var v = model.AddBinary($"y_{s}_{c}");
                y[s].Add(v);
                for (var n = 0; n < _nodes; n++)
                    if (_columns[s][c].Delivered[n] > 0) kept[n].Add((v, -_columns[s][c].Delivered[n]));
            }

            model.AddConstraint($"pick_{s}", y[s].Select(v => (v, 1.0)).ToList(), ConstraintSense.Equal, 1);
        }

        var total = model.AddVariable(new MipVariable("E", 0, double.PositiveInfinity, false, 1));
        var k = Enumerable.Range(0, _nodes).Select(n => model.AddVariable(new MipVariable($"k_{n}", 0, double.PositiveInfinity, false, 0))).ToArray();
        for (var n = 0; n < _nodes; n++)
        {
            model.AddConstraint($"keep_{n}", [(k[n], 1), .. kept[n]], ConstraintSense.LessOrEqual, 0);
            if (shares[n] <= 0)
            {
                model.AddConstraint($"none_{n}", [(k[n], 1)], ConstraintSense.LessOrEqual, 0);
                continue;
            }

            model.AddConstraint($"share_hi_{n}", [(k[n], 1), (total, -(1 + tolerance) * shares[n])], ConstraintSense.LessOrEqual, 0);
            model.AddConstraint($"share_lo_{n}", [(k[n], -1), (total, (1 - tolerance) * shares[n])], ConstraintSense.LessOrEqual, 0);
        }

        model.AddConstraint("total", [(total, -1), .. k.Select(v => (v, 1.0))], ConstraintSense.Equal, 0);
        var result = engine.Solve(model, new MipSettings(seconds), cancellationToken);
        if (result.Values is not { } x) return null;
        return Enumerable.Range(0, _stretches.Count)
            .SelectMany(s => _columns[s][Enumerable.Range(0, y[s].Count).MaxBy(c => x[y[s][c]])].Served).ToList();
    }

    private int StretchOf(int interval)
    {
        var i = Array.BinarySearch(_stretchFirstInterval, interval);
        return i >= 0 ? i : ~i - 1;
    }

    private static void Add(double[] into, double[] part, double sign)
    {
        for (var i = 0; i < into.Length; i++) into[i] += sign * part[i];
    }
}
