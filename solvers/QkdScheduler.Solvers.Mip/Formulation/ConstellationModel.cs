using QkdScheduler.Core.Model;
using QkdScheduler.Solvers.Mip.Model;

namespace QkdScheduler.Solvers.Mip.Formulation;

/// <summary>
/// The constellation problem (docs/architecture.md, "Constellations, receivers and station slew") as a
/// time-indexed 0/1 model, with no equality rows (so CP-SAT takes it as it is):
/// <list type="bullet">
/// <item>y[s,m,n] for every K[s,m,n] &gt; 0: satellite s serves n in m (an interval without key is never worth
/// serving, and leaving it out never breaks a rule), objective Σ v_n K[s,m,n] y;</item>
/// <item>one node per satellite and interval: Σ_n y[s,m,n] ≤ 1;</item>
/// <item>the switching rule S per satellite, pairwise: y[s,m,n] + Σ_{n'≠n} y[s,m',n'] ≤ 1 for m &lt; m' ≤ m + S. Two
/// served intervals of different nodes closer than S + 1 are exactly what the rule forbids between neighbours, and
/// any such pair with served intervals between them contains a neighbouring pair of different nodes that is as close;</item>
/// <item>receivers: c[s,g,t] = 1 when satellite s holds a receiver at station g in interval t; a reception in m
/// (Σ of y[s,m,n] over nodes n that include g) forces c[s,g,t] for t = m..m+S_st, and Σ_s c[s,g,t] ≤ R_g.
/// The least c is the union of [m, m + S_st] over s's receptions, which is its sessions (receptions closer than
/// S_st merged) each extended by S_st: the equivalent check of the definition. c and its rows exist only where more
/// than R_g satellites could hold g at t;</item>
/// <item>a minimum contact length: <see cref="MinContactRows"/> per satellite and node;</item>
/// <item>td: (1 − ε) q_n E ≤ E_n ≤ (1 + ε) q_n E written as rows over y (E and E_n are sums of K y).</item>
/// </list>
/// </summary>
internal sealed class ConstellationModel
{
    private readonly List<SatelliteAssignment> _entries = [];
    private readonly List<(int Variable, int Satellite, string Station, int Interval)> _holds = [];
    private int _slew;

    public MipModel Model { get; }

    private ConstellationModel(MipModel model) => Model = model;

    public static ConstellationModel Build(Problem problem, IReadOnlyList<double> values, IReadOnlyList<double>? shares, double eps)
    {
        var fleet = problem.Constellation ?? throw new ArgumentException("not a constellation instance", nameof(problem));
        var result = new ConstellationModel(new MipModel($"{problem.Name}-constellation"));
        var model = result.Model;
        var slew = fleet.StationSwitchIntervals;
        result._slew = slew;
        var lastInterval = problem.IntervalCount - 1;
        var bits = new List<double>();
        // Per satellite: its entries by interval, for the switching rows and the receptions.
        var rows = new List<SortedDictionary<int, List<(int Variable, int Node)>>>();
        for (var s = 0; s < fleet.Satellites.Count; s++)
        {
            var keys = fleet.Keys[s];
            var byInterval = new SortedDictionary<int, List<(int Variable, int Node)>>();
            for (var row = 0; row < keys.RowCount; row++)
            {
                var m = keys.IntervalOfRow(row);
                var list = new List<(int, int)>();
                for (var e = keys.RowStart(row); e < keys.RowStart(row + 1); e++)
                {
                    var n = keys.EntryNodes[e];
                    var b = keys.EntryBits[e];
                    var v = model.AddBinary($"y_{s}_{m}_{n}", values[n] * b);
                    result._entries.Add(new SatelliteAssignment(s, m, n));
                    bits.Add(b);
                    list.Add((v, n));
                }

                byInterval[m] = list;
                if (list.Count > 1) model.AddConstraint($"one_{s}_{m}", list.Select(x => (x.Item1, 1.0)).ToList(), ConstraintSense.LessOrEqual, 1);
            }

            rows.Add(byInterval);
            for (var n = 0; n < problem.Nodes.Count && problem.MinContactIntervals > 1; n++)
            {
                var node = n;
                var served = new SortedDictionary<int, (int, double)[]>();
                foreach (var (m, list) in byInterval)
                    foreach (var (v, vn) in list)
                        if (vn == node) served[m] = [(v, 1.0)];
                MinContactRows.Add(model, served, problem.MinContactIntervals, $"{s}_{n}");
            }

            if (problem.SwitchIntervals == 0) continue;
            var intervals = byInterval.Keys.ToArray();
            for (var i = 0; i < intervals.Length; i++)
                foreach (var (v, n) in byInterval[intervals[i]])
                    for (var j = i + 1; j < intervals.Length && intervals[j] - intervals[i] <= problem.SwitchIntervals; j++)
                    {
                        var others = byInterval[intervals[j]].Where(x => x.Node != n).Select(x => (x.Variable, 1.0)).ToList();
                        if (others.Count == 0) continue;
                        others.Add((v, 1.0));
                        model.AddConstraint($"switch_{v}_{intervals[j]}", others, ConstraintSense.LessOrEqual, 1);
                    }
        }

        // Receivers, station by station.
        var stations = problem.Nodes.SelectMany(n => n.Stations).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        // Names carry the station's index, not its id (an id may hold spaces, which LP and MPS files cannot).
        foreach (var (g, gi) in stations.Select((g, i) => (g, i)))
        {
            var receivers = fleet.Receivers(g);
            // receptions[s][m] = the y of satellite s in m whose node includes g.
            var receptions = rows.Select(byInterval => byInterval
                .Select(kv => (kv.Key, Vars: kv.Value.Where(x => problem.Nodes[x.Node].Stations.Contains(g)).Select(x => x.Variable).ToList()))
                .Where(x => x.Vars.Count > 0).ToDictionary(x => x.Key, x => x.Vars)).ToList();
            var holders = new SortedDictionary<int, List<int>>(); // t → satellites that could hold g at t
            for (var s = 0; s < receptions.Count; s++)
            {
                var covered = new SortedSet<int>();
                foreach (var m in receptions[s].Keys)
                    for (var t = m; t <= Math.Min(m + slew, lastInterval); t++) covered.Add(t);
                foreach (var t in covered)
                {
                    if (!holders.TryGetValue(t, out var list)) holders[t] = list = [];
                    list.Add(s);
                }
            }

            var holds = new Dictionary<(int S, int T), int>();
            foreach (var (t, sats) in holders)
            {
                if (sats.Count <= receivers) continue;
                var terms = new List<(int, double)>();
                foreach (var s in sats)
                {
                    var c = model.AddBinary($"c_{s}_{gi}_{t}");
                    holds[(s, t)] = c;
                    result._holds.Add((c, s, g, t));
                    terms.Add((c, 1));
                    for (var m = Math.Max(0, t - slew); m <= t; m++)
                        if (receptions[s].TryGetValue(m, out var vars))
                            model.AddConstraint($"hold_{s}_{gi}_{m}_{t}", [.. vars.Select(v => (v, 1.0)), (c, -1.0)], ConstraintSense.LessOrEqual, 0);
                }

                model.AddConstraint($"receivers_{gi}_{t}", terms, ConstraintSense.LessOrEqual, receivers);
            }
        }

        if (shares != null)
            for (var n = 0; n < problem.Nodes.Count; n++)
            {
                if (shares[n] <= 0) continue;
                var node = n;
                var upper = new List<(int, double)>();
                var lower = new List<(int, double)>();
                for (var v = 0; v < result._entries.Count; v++)
                {
                    var own = result._entries[v].Node == node ? 1.0 : 0.0;
                    upper.Add((v, bits[v] * (own - (1 + eps) * shares[node])));
                    lower.Add((v, bits[v] * (own - (1 - eps) * shares[node])));
                }

                model.AddConstraint($"share_max_{n}", upper, ConstraintSense.LessOrEqual, 0);
                model.AddConstraint($"share_min_{n}", lower, ConstraintSense.GreaterOrEqual, 0);
            }

        return result;
    }

    /// <summary>A MIP start from a feasible schedule: its y, and each c where the satellite holds the station.</summary>
    public Dictionary<int, double> StartFrom(Problem problem, IEnumerable<SatelliteAssignment> schedule)
    {
        var start = new Dictionary<int, double>();
        for (var j = 0; j < Model.Variables.Count; j++) start[j] = 0;
        var served = schedule.ToHashSet();
        var receptions = new HashSet<(int, string, int)>();
        for (var v = 0; v < _entries.Count; v++)
        {
            if (!served.Contains(_entries[v])) continue;
            start[v] = 1;
            foreach (var g in problem.Nodes[_entries[v].Node].Stations) receptions.Add((_entries[v].Satellite, g, _entries[v].Interval));
        }

        foreach (var (c, s, g, t) in _holds)
            for (var m = Math.Max(0, t - _slew); m <= t; m++)
                if (receptions.Contains((s, g, m))) start[c] = 1;
        return start;
    }

    /// <summary>The assignments a solution's y select.</summary>
    public IEnumerable<SatelliteAssignment> Served(IReadOnlyList<double> values)
    {
        for (var v = 0; v < _entries.Count; v++)
            if (values[v] > 0.5) yield return _entries[v];
    }
}
