using System.Globalization;
using QkdScheduler.Core.Model;
using QkdScheduler.Solvers.Mip.Model;

namespace QkdScheduler.Solvers.Mip.Formulation;

/// <summary>
/// The scheduling problem (docs/architecture.md) as a unit flow through a directed acyclic graph: one
/// path from the first to the last active interval, whose visits of "serve node n in interval m"
/// vertices are the schedule. Only entries with K[m,n] &gt; 0 get vertices and variables.
/// </summary>
/// <remarks>
/// Vertices, for the active rows r (intervals I[r] with some K &gt; 0) of a stretch:
/// <list type="bullet">
/// <item>H[r], "free": the satellite may serve anyone from I[r] on; H[end] is the sink;</item>
/// <item>X[e], one per entry e = (r, n): serve n in I[r];</item>
/// <item>W[e], one per entry with an earlier entry of the same node: "last served n, waiting to
/// resume n", positioned at e's row.</item>
/// </list>
/// Arcs (all binary variables): H[r]→H[r+1] (h, stay free); H[r]→X[e] for e in row r (a, start
/// serving n); X[e]→W[next_n(e)] (c, keep n) and W[e]→W[next_n(e)] (w, keep waiting); W[e]→X[e]
/// (b, resume n with no switch); X[e]→H[r*] (d, release) where r* is the first row with
/// I[r*] ≥ I[r] + S + 1, or the sink. Flow conservation at every vertex, one unit out of H[first].
/// <para>
/// Valid: every source–sink path serves at most one node per interval (rows only move forward),
/// and between serving n and then n' ≠ n it must pass a d arc, which skips at least S intervals;
/// resuming n (through W) needs none. Conversely every feasible schedule is such a path (release
/// after the last interval before a switch, wait through W between services of one node). So the
/// 0/1 flows are exactly the feasible schedules, for any S ≥ 0.
/// </para>
/// <para>
/// Tight: the constraint matrix is the vertex–arc incidence matrix of a DAG, totally unimodular,
/// so for gd and pd (a linear objective on the served vertices: a longest path) the LP relaxation
/// already has an integral optimum, however large S is. The usual pairwise switching constraints
/// x[m,n] + x[m',n'] ≤ 1 (|m − m'| ≤ S) need O(nnz·S) rows and have a fractional LP for S &gt; 1;
/// this model needs about 5·nnz arcs and nnz + rows equations. For td the share rows
/// |E_n − q_n E| ≤ ε q_n E are added on top; they break total unimodularity, so the engine branches.
/// So do the minimum contact length's rows (<see cref="MinContactRows"/>), added when the instance has one.
/// </para>
/// </remarks>
public sealed class ScheduleFlowModel
{
    private readonly KeyMatrix _keys;
    private readonly int _firstEntry;
    private readonly int[] _a, _b, _c, _d, _w, _h, _next, _rowOf, _release;

    private ScheduleFlowModel(MipModel model, KeyMatrix keys, RowRange rows, int firstEntry, int[] a, int[] b, int[] c, int[] d, int[] w, int[] h,
        int[] next, int[] rowOf, int[] release)
    {
        Model = model;
        _keys = keys;
        Rows = rows;
        _firstEntry = firstEntry;
        _a = a;
        _b = b;
        _c = c;
        _d = d;
        _w = w;
        _h = h;
        _next = next;
        _rowOf = rowOf;
        _release = release;
    }

    public MipModel Model { get; }
    public RowRange Rows { get; }

    /// <summary>
    /// Builds the flow model of <paramref name="rows"/>. The objective is Σ value_n K[e] (served e).
    /// With <paramref name="shares"/> (S-TD) the share rule is added and the objective is E.
    /// </summary>
    public static ScheduleFlowModel Build(Problem problem, RowRange rows, IReadOnlyList<double> values, IReadOnlyList<double>? shares = null, double shareTolerance = 0)
    {
        var keys = problem.Keys;
        var s = problem.SwitchIntervals;
        var first = keys.RowStart(rows.From);
        var last = keys.RowStart(rows.To);
        var count = last - first;
        var rowOf = new int[count];
        for (var r = rows.From; r < rows.To; r++)
            for (var e = keys.RowStart(r); e < keys.RowStart(r + 1); e++) rowOf[e - first] = r;

        int Node(int i) => keys.EntryNodes[first + i];

        // The next and previous entry of the same node (or −1).
        var next = Enumerable.Repeat(-1, count).ToArray();
        var previous = Enumerable.Repeat(-1, count).ToArray();
        var lastOfNode = new Dictionary<int, int>();
        for (var i = 0; i < count; i++)
        {
            if (lastOfNode.TryGetValue(Node(i), out var p))
            {
                next[p] = i;
                previous[i] = p;
            }

            lastOfNode[Node(i)] = i;
        }

        var model = new MipModel(string.Create(CultureInfo.InvariantCulture, $"{problem.Name}-rows-{rows.From}-{rows.To}"));
        var td = shares != null;
        double Gain(int i) => td ? 0 : values[Node(i)] * keys.EntryBits[first + i];
        string Tag(int i) => string.Create(CultureInfo.InvariantCulture, $"{keys.IntervalOfRow(rowOf[i])}_{Node(i)}");

        var rowCount = rows.Count;
        var h = new int[rowCount];
        for (var r = 0; r < rowCount; r++) h[r] = model.AddBinary(string.Create(CultureInfo.InvariantCulture, $"h_{keys.IntervalOfRow(rows.From + r)}"));
        var a = new int[count];
        var b = Enumerable.Repeat(-1, count).ToArray();
        var c = Enumerable.Repeat(-1, count).ToArray();
        var d = new int[count];
        var w = Enumerable.Repeat(-1, count).ToArray();
        var release = new int[count]; // target hub row (relative), rowCount = sink
        for (var i = 0; i < count; i++)
        {
            a[i] = model.AddBinary("a_" + Tag(i), Gain(i));
            if (previous[i] >= 0) b[i] = model.AddBinary("b_" + Tag(i), Gain(i));
            if (next[i] >= 0) c[i] = model.AddBinary("c_" + Tag(i));
            if (previous[i] >= 0 && next[i] >= 0) w[i] = model.AddBinary("w_" + Tag(i));
            d[i] = model.AddBinary("d_" + Tag(i));
            var target = Math.Min(keys.FirstRowAtOrAfter((int)Math.Min(int.MaxValue, (long)keys.IntervalOfRow(rowOf[i]) + s + 1)), rows.To);
            release[i] = target - rows.From;
        }

        // Hubs: in − out = −1 at the first (the source), 0 elsewhere; the sink's equation is implied.
        var hubIn = Enumerable.Range(0, rowCount).Select(_ => new List<(int, double)>()).ToArray();
        for (var i = 0; i < count; i++)
            if (release[i] < rowCount) hubIn[release[i]].Add((d[i], 1));
        for (var r = 0; r < rowCount; r++)
        {
            var terms = new List<(int, double)>(hubIn[r]);
            if (r > 0) terms.Add((h[r - 1], 1));
            terms.Add((h[r], -1));
            for (var e = keys.RowStart(rows.From + r); e < keys.RowStart(rows.From + r + 1); e++) terms.Add((a[e - first], -1));
            model.AddConstraint(string.Create(CultureInfo.InvariantCulture, $"hub_{keys.IntervalOfRow(rows.From + r)}"), terms, ConstraintSense.Equal, r == 0 ? -1 : 0);
        }

        for (var i = 0; i < count; i++)
        {
            // Serve vertex: a + b = c + d.
            var serve = new List<(int, double)> { (a[i], 1), (d[i], -1) };
            if (b[i] >= 0) serve.Add((b[i], 1));
            if (c[i] >= 0) serve.Add((c[i], -1));
            model.AddConstraint("serve_" + Tag(i), serve, ConstraintSense.Equal, 0);
            var p = previous[i];
            if (p < 0) continue;
            // Wait vertex W[i]: in from the previous entry of the node (c, w) = out (b, w).
            var wait = new List<(int, double)> { (c[p], 1), (b[i], -1) };
            if (w[p] >= 0) wait.Add((w[p], 1));
            if (w[i] >= 0) wait.Add((w[i], -1));
            model.AddConstraint("wait_" + Tag(i), wait, ConstraintSense.Equal, 0);
        }

        if (problem.MinContactIntervals > 1)
        {
            // x[e] = a + b (the flow into serve vertex e), per node along its entries' intervals.
            var served = Enumerable.Range(0, problem.Nodes.Count).Select(_ => new SortedDictionary<int, (int, double)[]>()).ToArray();
            for (var i = 0; i < count; i++)
                served[Node(i)][keys.IntervalOfRow(rowOf[i])] = b[i] >= 0 ? [(a[i], 1.0), (b[i], 1.0)] : [(a[i], 1.0)];
            for (var node = 0; node < served.Length; node++)
                MinContactRows.Add(model, served[node], problem.MinContactIntervals, node.ToString(CultureInfo.InvariantCulture));
        }

        if (td) AddShareRule(model, problem, first, count, a, b, shares!, shareTolerance);
        return new ScheduleFlowModel(model, keys, rows, first, a, b, c, d, w, h, next, rowOf, release);
    }

    /// <summary>
    /// S-TD: E_n = Σ K served (one equation per node), E = Σ E_n, and for q_n &gt; 0 the two rows
    /// E_n − (1 + ε) q_n E ≤ 0 and (1 − ε) q_n E − E_n ≤ 0; the objective is E.
    /// </summary>
    private static void AddShareRule(MipModel model, Problem problem, int first, int count, int[] a, int[] b, IReadOnlyList<double> shares, double eps)
    {
        var keys = problem.Keys;
        var n = problem.Nodes.Count;
        var total = model.AddVariable(new MipVariable("E", 0, double.PositiveInfinity, false, 1));
        var perNode = Enumerable.Range(0, n).Select(j => model.AddVariable(new MipVariable($"E_{j}", 0, double.PositiveInfinity, false, 0))).ToArray();
        var sums = Enumerable.Range(0, n).Select(j => new List<(int, double)> { (perNode[j], -1) }).ToArray();
        for (var i = 0; i < count; i++)
        {
            var node = keys.EntryNodes[first + i];
            var k = keys.EntryBits[first + i];
            sums[node].Add((a[i], k));
            if (b[i] >= 0) sums[node].Add((b[i], k));
        }

        for (var j = 0; j < n; j++) model.AddConstraint($"keys_{j}", sums[j], ConstraintSense.Equal, 0);
        model.AddConstraint("total", [(total, -1), .. perNode.Select(v => (v, 1.0))], ConstraintSense.Equal, 0);
        for (var j = 0; j < n; j++)
        {
            if (shares[j] <= 0) continue;
            model.AddConstraint($"share_hi_{j}", [(perNode[j], 1), (total, -(1 + eps) * shares[j])], ConstraintSense.LessOrEqual, 0);
            model.AddConstraint($"share_lo_{j}", [(perNode[j], -1), (total, (1 - eps) * shares[j])], ConstraintSense.LessOrEqual, 0);
        }
    }

    /// <summary>The served entries of a solution (a + b = 1).</summary>
    public IEnumerable<Assignment> Served(double[] values)
    {
        for (var i = 0; i < _a.Length; i++)
        {
            var served = values[_a[i]] + (_b[i] >= 0 ? values[_b[i]] : 0);
            if (served > 0.5) yield return Entry(i);
        }
    }

    private Assignment Entry(int i) => new(_keys.IntervalOfRow(_rowOf[i]), _keys.EntryNodes[_firstEntry + i]);

    /// <summary>
    /// The flow of a feasible schedule restricted to this stretch (assignments with K = 0 are
    /// dropped, which keeps it feasible), as MIP start values.
    /// </summary>
    public Dictionary<int, double> StartFrom(IEnumerable<Assignment> assignments)
    {
        var index = new Dictionary<(int, int), int>();
        for (var i = 0; i < _a.Length; i++)
        {
            var entry = Entry(i);
            index[(entry.Interval, entry.Node)] = i;
        }

        var start = new Dictionary<int, double>();
        for (var j = 0; j < Model.Variables.Count; j++) start[j] = 0;
        var hubRow = 0; // relative row of the hub the path stands on, when free
        int? previous = null;
        foreach (var asg in assignments.OrderBy(x => x.Interval))
        {
            if (!index.TryGetValue((asg.Interval, asg.Node), out var i)) continue;
            var row = _rowOf[i] - Rows.From;
            if (previous is { } p && _keys.EntryNodes[_firstEntry + p] == asg.Node)
            {
                // Keep the node: c from p, then w along the node's chain, then b into i.
                start[_c[p]] = 1;
                for (var k = _next[p]; k != i; k = _next[k]) start[_w[k]] = 1;
                start[_b[i]] = 1;
            }
            else
            {
                if (previous is { } q) hubRow = Release(q, start);
                for (var r = hubRow; r < row; r++) start[_h[r]] = 1;
                start[_a[i]] = 1;
            }

            previous = i;
        }

        if (previous is { } last) hubRow = Release(last, start);
        for (var r = hubRow; r < Rows.Count; r++) start[_h[r]] = 1;

        // The continuous variables (td's E_n, then E) are defined by their equality rows, in the
        // order the rows were added: a complete start, which engines check as a whole.
        var known = new HashSet<int>();
        foreach (var row in Model.Constraints.Where(c => c.Sense == ConstraintSense.Equal))
        {
            var open = row.Terms.Where(t => !Model.Variables[t.Variable].IsInteger && !known.Contains(t.Variable)).ToList();
            if (open.Count != 1) continue;
            var (v, coefficient) = open[0];
            start[v] = (row.Rhs - row.Terms.Where(t => t.Variable != v).Sum(t => t.Coefficient * start[t.Variable])) / coefficient;
            known.Add(v);
        }

        return start;
    }

    /// <summary>Sets the release arc of entry i and returns the (relative) hub row it leads to.</summary>
    private int Release(int i, Dictionary<int, double> start)
    {
        start[_d[i]] = 1;
        return _release[i];
    }
}
