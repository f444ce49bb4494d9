using Google.OrTools.LinearSolver;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.Mip.Engines;
using QkdScheduler.Solvers.Mip.Model;

using QkdScheduler.Solvers.Exact;

namespace QkdScheduler.Solvers.Lagrange;

/// <summary>
/// The Dantzig–Wolfe master of S-TD over independent stretches: the schedules generated so far, cut
/// into their stretches (columns), and three ways to choose one column per stretch: the LP relaxation
/// (<see cref="SolveLp"/>, whose duals price new columns), coordinate ascent (<see cref="Best"/>) and
/// the same master as a MIP (<see cref="BestByMip"/>). Stretches never constrain each other
/// (<see cref="Problem.IndependentStretches"/>), and removing served intervals from a stretch's
/// schedule keeps it feasible, so any choice of one column per stretch is a schedule.
/// </summary>
/// <remarks>
/// The master (Dantzig &amp; Wolfe 1960, <i>Operations Research</i> 8(1), 101–111; for column generation
/// see Desaulniers, Desrosiers &amp; Solomon (eds.) 2005, <i>Column Generation</i>, ch. 1, eqs. 1.6–1.9):
/// <code>
///   max E   s.t.  Σ_c λ[s,c] = 1                          (pick_s, every stretch s; the empty column is one)
///                 k_n − Σ_{s,c} D[s,c,n] λ[s,c] ≤ 0        (keep_n: node n keeps at most what it is sent)
///                 k_n − (1+ε) q_n E ≤ 0,  (1−ε) q_n E − k_n ≤ 0   (share rows, nodes with q_n &gt; 0)
///                 E − Σ_n k_n = 0,   λ, k, E ≥ 0
/// </code>
/// D[s,c,n] is what column c of stretch s delivers to node n. k_n ≤ delivered is the trimming of
/// <see cref="ShareTrimmer"/> (continuous: intervals are whole, so a chosen set is trimmed and
/// recomputed before it counts). With λ binary this is exactly S-TD over the columns; the LP relaxation
/// over all columns is the LP bound of S-TD. A column's reduced cost is Σ_n μ_n D[s,c,n] − π_s with μ_n
/// the dual of keep_n and π_s that of pick_s, so the best column of stretch s is the exact DP with node
/// values μ on that stretch. The LP is kept scaled to totals of order one (keys divided by
/// <see cref="_scale"/>); duals μ do not depend on that scale, π does.
/// </remarks>
internal sealed class StretchColumns : IDisposable
{
    private const int MaxSweeps = 50;

    private sealed record Column(IReadOnlyList<Assignment> Served, double[] Delivered, Variable Lambda);

    private readonly KeyMatrix _keys;
    private readonly int _nodes;
    private readonly double[] _shares;
    private readonly double _tolerance;
    private readonly double _scale;
    private readonly IReadOnlyList<RowRange> _stretches;
    private readonly int[] _stretchFirstInterval;
    private readonly List<Column>[] _columns;
    private readonly Dictionary<string, int>[] _seen;
    private readonly int[] _choice;

    private readonly Solver _lp;
    private readonly Constraint[] _pick;
    private readonly Constraint[] _keep;

    /// <param name="scale">A total of the order of the optimum (e.g. the gd optimum): the LP sees keys divided by it.</param>
    public StretchColumns(Problem problem, double tolerance, double scale)
    {
        _keys = problem.Keys;
        _nodes = problem.Nodes.Count;
        _shares = problem.Nodes.Select(x => x.Share).ToArray();
        _tolerance = tolerance;
        _scale = scale > 0 ? scale : 1;
        _stretches = problem.IndependentStretches();
        _stretchFirstInterval = _stretches.Select(s => _keys.IntervalOfRow(s.From)).ToArray();
        _choice = new int[_stretches.Count];

        _lp = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools could not create GLOP");
        var total = _lp.MakeNumVar(0, double.PositiveInfinity, "E");
        _lp.Objective().SetCoefficient(total, 1);
        _lp.Objective().SetMaximization();
        var sum = _lp.MakeConstraint(0, 0, "total");
        sum.SetCoefficient(total, 1);
        _keep = new Constraint[_nodes];
        for (var n = 0; n < _nodes; n++)
        {
            var k = _lp.MakeNumVar(0, double.PositiveInfinity, $"k_{n}");
            sum.SetCoefficient(k, -1);
            _keep[n] = _lp.MakeConstraint(double.NegativeInfinity, 0, $"keep_{n}");
            _keep[n].SetCoefficient(k, 1);
            if (_shares[n] <= 0) continue;
            var hi = _lp.MakeConstraint(double.NegativeInfinity, 0, $"share_hi_{n}");
            hi.SetCoefficient(k, 1);
            hi.SetCoefficient(total, -(1 + tolerance) * _shares[n]);
            var lo = _lp.MakeConstraint(double.NegativeInfinity, 0, $"share_lo_{n}");
            lo.SetCoefficient(k, -1);
            lo.SetCoefficient(total, (1 - tolerance) * _shares[n]);
        }

        _pick = new Constraint[_stretches.Count];
        _columns = new List<Column>[_stretches.Count];
        _seen = new Dictionary<string, int>[_stretches.Count];
        for (var s = 0; s < _stretches.Count; s++)
        {
            _pick[s] = _lp.MakeConstraint(1, 1, $"pick_{s}");
            _columns[s] = [];
            _seen[s] = [];
            AddColumn(s, []);
        }
    }

    public int StretchCount => _stretches.Count;

    public RowRange Stretch(int s) => _stretches[s];

    public int ColumnCount => _columns.Sum(c => c.Count);

    /// <summary>Adds <paramref name="schedule"/>'s columns and makes them the starting choice of <see cref="Best"/> (a stretch it leaves out starts empty).</summary>
    public void StartFrom(IReadOnlyList<Assignment> schedule) => ColumnsOf(schedule).CopyTo(_choice, 0);

    /// <summary>Adds <paramref name="schedule"/>'s columns and returns, per stretch, the index of its part (0, the empty column, where it serves nothing).</summary>
    public int[] ColumnsOf(IReadOnlyList<Assignment> schedule)
    {
        var chosen = new int[_stretches.Count];
        Add(schedule, chosen);
        return chosen;
    }

    /// <summary>Σ_n μ_n D[s,c,n] over the fixed stretches (key units): what they add to a priced bound.</summary>
    public double FixedValue(IReadOnlyList<double> mu) =>
        _fixed.Sum(x => Enumerable.Range(0, _nodes).Sum(n => mu[n] * _columns[x.Key][x.Value].Delivered[n]));

    /// <summary>What column <paramref name="c"/> of stretch <paramref name="s"/> delivers in all (key units).</summary>
    public double Total(int s, int c) => _columns[s][c].Delivered.Sum();

    /// <summary>The column stretch <paramref name="s"/> is fixed to (<see cref="Fix"/>).</summary>
    public int FixedColumn(int s) => _fixed[s];

    /// <summary>Adds each stretch's part of <paramref name="schedule"/> as a column, once.</summary>
    public void Add(IReadOnlyList<Assignment> schedule) => Add(schedule, null);

    /// <summary>Adds <paramref name="part"/> (served intervals of stretch <paramref name="s"/>) as a column unless it is there; true when it is new.</summary>
    public bool AddColumn(int s, IReadOnlyList<Assignment> part) => AddColumn(s, part, out _);

    private bool AddColumn(int s, IReadOnlyList<Assignment> part, out int index)
    {
        var ordered = part.OrderBy(a => a.Interval).ToArray();
        var key = string.Join(',', ordered.Select(a => $"{a.Interval}:{a.Node}"));
        if (_seen[s].TryGetValue(key, out index)) return false;
        var delivered = new double[_nodes];
        foreach (var a in ordered) delivered[a.Node] += _keys[a.Interval, a.Node];
        var lambda = _lp.MakeNumVar(0, double.PositiveInfinity, $"l_{s}_{_columns[s].Count}");
        _pick[s].SetCoefficient(lambda, 1);
        for (var n = 0; n < _nodes; n++)
            if (delivered[n] > 0) _keep[n].SetCoefficient(lambda, -delivered[n] / _scale);
        index = _columns[s].Count;
        _seen[s][key] = index;
        _columns[s].Add(new Column(ordered, delivered, lambda));
        return true;
    }

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
            AddColumn(s, schedule.GetRange(start, end - start), out var index);
            if (choose != null) choose[s] = index;
            start = end;
        }
    }

    /// <summary>
    /// The master LP's optimum: its value (in key units), the duals μ_n of the keep rows (≥ 0) and π_s of the
    /// pick rows (key units), and per stretch its most-used column and that column's λ.
    /// </summary>
    public sealed record LpPoint(double Value, double[] KeepDuals, double[] PickDuals, int[] Most, double[] MostLambda, int[][] Support, double[][] SupportLambda)
    {
        /// <summary>Whether the stretch's λ is (numerically) one column.</summary>
        public bool Whole(int s) => MostLambda[s] >= 1 - 1e-9;
    }

    /// <summary>
    /// Solves the LP relaxation of the master over the columns so far (GLOP, from its last basis). A large master takes
    /// seconds: the token interrupts GLOP, and an interrupted solve is the token's cancellation, not a failure.
    /// </summary>
    public LpPoint SolveLp(CancellationToken cancellationToken)
    {
        Solver.ResultStatus status;
        using (cancellationToken.Register(() => _lp.InterruptSolve()))
        {
            status = _lp.Solve();
            cancellationToken.ThrowIfCancellationRequested();
            if (status != Solver.ResultStatus.OPTIMAL)
            {
                // Seen in long dives (ABNORMAL from the warm basis): solve again from scratch.
                _lp.Reset();
                status = _lp.Solve();
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        if (status != Solver.ResultStatus.OPTIMAL)
            throw new InvalidOperationException($"GLOP ended the S-TD master LP with status {status}; the empty schedule makes it feasible and E ≤ Σ K bounds it");
        // OR-Tools' duals are ∂objective/∂rhs: a keep row (≤) of a maximisation has μ ≥ 0 up to GLOP's tolerance.
        var mu = _keep.Select(c => Math.Max(0, c.DualValue())).ToArray();
        var pi = _pick.Select(c => c.DualValue() * _scale).ToArray();
        var most = new int[_stretches.Count];
        var lambda = new double[_stretches.Count];
        var support = new int[_stretches.Count][];
        var supportLambda = new double[_stretches.Count][];
        for (var s = 0; s < _stretches.Count; s++)
        {
            var used = new List<int>();
            var usedLambda = new List<double>();
            lambda[s] = -1;
            for (var c = 0; c < _columns[s].Count; c++)
            {
                var v = _columns[s][c].Lambda.SolutionValue();
                if (v > lambda[s]) (most[s], lambda[s]) = (c, v);
                if (v <= 1e-9) continue;
                used.Add(c);
                usedLambda.Add(v);
            }

            support[s] = [.. used];
            supportLambda[s] = [.. usedLambda];
        }

        return new LpPoint(_lp.Objective().Value() * _scale, mu, pi, most, lambda, support, supportLambda);
    }

    /// <summary>
    /// Adds, for every ordered pair (a, b) of the given columns of stretch <paramref name="s"/> and every
    /// interval t where one of them starts a contact, the column "a before t, b from t on", with b's first
    /// intervals dropped while they would break the switching rule at the junction. An LP that mixes a and b
    /// delivers a point between them that neither DP column reaches (the DP only finds vertices of the
    /// stretch's hull); these crossovers walk from one to the other in time, so the MIP can come close.
    /// Returns how many were new.
    /// </summary>
    public int AddCrossovers(int s, IReadOnlyList<int> support, int switchIntervals, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var a in support)
        foreach (var b in support)
        {
            if (a == b) continue;
            var first = _columns[s][a].Served;
            var second = _columns[s][b].Served;
            var cuts = ContactStarts(first).Concat(ContactStarts(second)).Distinct().Order().ToList();
            foreach (var t in cuts)
            {
                // A long stretch (S ≥ M makes the whole horizon one) has thousands of cuts, each a column as long as it.
                cancellationToken.ThrowIfCancellationRequested();
                var part = first.Where(x => x.Interval < t).ToList();
                var rest = second.Where(x => x.Interval >= t).ToList();
                if (part.Count > 0)
                {
                    var last = part[^1];
                    var skip = 0;
                    while (skip < rest.Count && rest[skip].Node != last.Node && (long)rest[skip].Interval - last.Interval - 1 < switchIntervals) skip++;
                    rest = rest.GetRange(skip, rest.Count - skip);
                }

                if (AddColumn(s, [.. part, .. rest])) added++;
            }
        }

        return added;
    }

    /// <summary>The first interval of every contact (a run of consecutive intervals served to one node) of a column.</summary>
    private static IEnumerable<int> ContactStarts(IReadOnlyList<Assignment> served) => Contacts(served).Select(c => served[c.First].Interval);

    /// <summary>Every contact of a column (time-ordered served intervals): the indices of its first and last interval.</summary>
    public static IEnumerable<(int First, int Last)> Contacts(IReadOnlyList<Assignment> served)
    {
        for (var i = 0; i < served.Count; i++)
        {
            var first = i;
            while (i + 1 < served.Count && served[i + 1].Node == served[i].Node && served[i + 1].Interval == served[i].Interval + 1) i++;
            yield return (first, i);
        }
    }

    /// <summary>The schedule that takes column <paramref name="column"/>(s) in every stretch s (untrimmed).</summary>
    public IReadOnlyList<Assignment> Schedule(IReadOnlyList<int> column) => Chosen(s => column[s]);

    /// <summary>How many non-zeros of K stretch <paramref name="s"/> has (the restricted DP's state count per mask).</summary>
    public int EntryCount(int s) => _keys.RowStart(_stretches[s].To) - _keys.RowStart(_stretches[s].From);

    /// <summary>Every (interval, node) with K &gt; 0 in stretch <paramref name="s"/>, in time order.</summary>
    public IEnumerable<Assignment> Entries(int s)
    {
        for (var r = _stretches[s].From; r < _stretches[s].To; r++)
            for (var e = _keys.RowStart(r); e < _keys.RowStart(r + 1); e++)
                yield return new Assignment(_keys.IntervalOfRow(r), _keys.EntryNodes[e]);
    }

    /// <summary>Column <paramref name="c"/> of stretch <paramref name="s"/>: its served intervals in time order.</summary>
    public IReadOnlyList<Assignment> Served(int s, int c) => _columns[s][c].Served;

    /// <summary>Lets the master LP use only the columns each stretch's restriction allows (λ ≤ 0 for the others), until called again.</summary>
    public void Restrict(IReadOnlyList<StretchRestriction> restrictions)
    {
        for (var s = 0; s < _stretches.Count; s++)
        foreach (var column in _columns[s])
            column.Lambda.SetUb(restrictions[s].IsNone || restrictions[s].Allows(column.Served) ? double.PositiveInfinity : 0);
    }

    /// <summary>Fixes stretch <paramref name="s"/> to column <paramref name="c"/> in the master LP (λ[s,c] = 1) until <see cref="UnfixAll"/>.</summary>
    public void Fix(int s, int c)
    {
        _columns[s][c].Lambda.SetLb(1);
        _fixed[s] = c;
    }

    /// <summary>Whether stretch <paramref name="s"/> is fixed to one column (<see cref="Fix"/>).</summary>
    public bool IsFixed(int s) => _fixed.ContainsKey(s);

    public bool AnyFixed => _fixed.Count > 0;

    public void UnfixAll()
    {
        foreach (var (s, c) in _fixed) _columns[s][c].Lambda.SetLb(0);
        _fixed.Clear();
    }

    /// <summary>The fixed stretches and their columns.</summary>
    private readonly Dictionary<int, int> _fixed = [];

    /// <summary>Coordinate ascent from the choice of <see cref="StartFrom"/>: stretch by stretch, the column that scores best (<see cref="ShareTrimmer.MaxTotal"/>) with the others fixed, until a sweep improves nothing. A heuristic; the result is untrimmed.</summary>
    public IReadOnlyList<Assignment> Best(CancellationToken cancellationToken)
    {
        var totals = new double[_nodes];
        for (var s = 0; s < _stretches.Count; s++) Add(totals, _columns[s][_choice[s]].Delivered, 1);

        var score = ShareTrimmer.MaxTotal(totals, _shares, _tolerance);
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
                    var candidate = ShareTrimmer.MaxTotal(trial, _shares, _tolerance);
                    if (candidate <= score * (1 + 1e-12)) continue;
                    score = candidate;
                    _choice[s] = c;
                    Array.Copy(trial, totals, _nodes);
                    improved = true;
                }
            }

            if (!improved) break;
        }

        return Chosen(s => _choice[s]);
    }

    /// <summary>
    /// The master with λ binary, solved by a MIP engine from the choice of <see cref="StartFrom"/> as
    /// its hint: exactly S-TD over these columns, up to whole intervals (the chosen columns are returned
    /// untrimmed), or null when the engine found no point in time. Its bound holds only over these columns.
    /// </summary>
    public IReadOnlyList<Assignment>? BestByMip(IMipEngine engine, double seconds, CancellationToken cancellationToken)
    {
        var model = new MipModel("stretch-master");
        var y = new List<int>[_stretches.Count];
        var kept = new List<(int, double)>[_nodes];
        var start = new Dictionary<int, double>();
        for (var n = 0; n < _nodes; n++) kept[n] = [];
        for (var s = 0; s < _stretches.Count; s++)
        {
            y[s] = [];
            for (var c = 0; c < _columns[s].Count; c++)
            {
                // A fixed stretch offers its one column (Fix), as in the LP.
                var fixedTo = _fixed.GetValueOrDefault(s, -1);
                var allowed = fixedTo < 0 ? _columns[s][c].Lambda.Ub() > 0 : c == fixedTo;
                var v = model.AddVariable(new MipVariable($"y_{s}_{c}", c == fixedTo ? 1 : 0, allowed ? 1 : 0, true, 0));
                y[s].Add(v);
                start[v] = c == _choice[s] ? 1 : 0;
                for (var n = 0; n < _nodes; n++)
                    if (_columns[s][c].Delivered[n] > 0) kept[n].Add((v, -_columns[s][c].Delivered[n] / _scale));
            }

            model.AddConstraint($"pick_{s}", y[s].Select(v => (v, 1.0)).ToList(), ConstraintSense.Equal, 1);
        }

        var total = model.AddVariable(new MipVariable("E", 0, double.PositiveInfinity, false, 1));
        var k = Enumerable.Range(0, _nodes).Select(n => model.AddVariable(new MipVariable($"k_{n}", 0, double.PositiveInfinity, false, 0))).ToArray();
        for (var n = 0; n < _nodes; n++)
        {
            model.AddConstraint($"keep_{n}", [(k[n], 1), .. kept[n]], ConstraintSense.LessOrEqual, 0);
            if (_shares[n] <= 0) continue;
            model.AddConstraint($"share_hi_{n}", [(k[n], 1), (total, -(1 + _tolerance) * _shares[n])], ConstraintSense.LessOrEqual, 0);
            model.AddConstraint($"share_lo_{n}", [(k[n], -1), (total, (1 - _tolerance) * _shares[n])], ConstraintSense.LessOrEqual, 0);
        }

        model.AddConstraint("total", [(total, -1), .. k.Select(v => (v, 1.0))], ConstraintSense.Equal, 0);
        model.Start = start;
        var result = engine.Solve(model, new MipSettings(seconds), cancellationToken);
        if (result.Values is not { } x) return null;
        return Chosen(s => Enumerable.Range(0, y[s].Count).MaxBy(c => x[y[s][c]]));
    }

    public void Dispose() => _lp.Dispose();

    private List<Assignment> Chosen(Func<int, int> column) =>
        Enumerable.Range(0, _stretches.Count).SelectMany(s => _columns[s][column(s)].Served).ToList();

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
