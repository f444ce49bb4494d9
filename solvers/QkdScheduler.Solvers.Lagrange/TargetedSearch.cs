using System.Diagnostics;
using System.Globalization;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.Exact;
using QkdScheduler.Solvers.Mip.Engines;

namespace QkdScheduler.Solvers.Lagrange;

/// <summary>What ended a lagrange S-TD run; result.json's <c>stopped_by</c> is its <see cref="LagrangeStops.Name"/>.</summary>
public enum LagrangeStop
{
    /// <summary>Column generation converged at the root and no later phase closed the gap or ran out of time.</summary>
    LpBound,
    /// <summary>The root column generation hit its round limit before converging.</summary>
    Iterations,
    /// <summary>The incumbent is within the relative gap of the proven bound: optimal.</summary>
    Gap,
    /// <summary>The time limit (or a cancellation) ended a phase.</summary>
    TimeLimit,
    /// <summary>Branch-and-price used its node limit.</summary>
    Nodes,
    /// <summary>Branch-and-price closed every node; a gap is left only where the DP's state limit kept a node whole.</summary>
    Unsplittable,
}

public static class LagrangeStops
{
    /// <summary>The name result.json and bench files carry.</summary>
    public static string Name(this LagrangeStop stop) => stop switch
    {
        LagrangeStop.LpBound => "lp_bound",
        LagrangeStop.Iterations => "iterations",
        LagrangeStop.Gap => "gap",
        LagrangeStop.TimeLimit => "time_limit",
        LagrangeStop.Nodes => "nodes",
        LagrangeStop.Unsplittable => "unsplittable",
        _ => throw new ArgumentOutOfRangeException(nameof(stop)),
    };

    /// <summary>Optimal when the gap is closed, time limit when time ended the run, otherwise feasible with the bound proven so far.</summary>
    public static SolveStatus Status(this LagrangeStop stop) => stop switch
    {
        LagrangeStop.Gap => SolveStatus.Optimal,
        LagrangeStop.TimeLimit => SolveStatus.TimeLimit,
        _ => SolveStatus.Feasible,
    };
}

/// <summary>
/// One S-TD run of <see cref="LagrangeSolver"/>, phase by phase (the model and the bound's argument are on the solver):
/// <list type="number">
/// <item><see cref="BoundAtRoot"/>: column generation to the LP bound, then price-and-dive for schedules;</item>
/// <item><see cref="SolveMaster"/>: the master over the priced columns, as a rounding and as a MIP, then the exact trim;</item>
/// <item><see cref="SearchNeighbourhoods"/>: re-plan a few stretches at a time;</item>
/// <item><see cref="Prove"/>: branch-and-price from a fresh pool, which lowers the bound.</item>
/// </list>
/// Each phase returns a <see cref="LagrangeStop"/>. The bound is the least one evaluated, so a phase cut short loses
/// tightness, never validity.
/// </summary>
internal sealed class TargetedSearch : IDisposable
{
    /// <summary>A column enters the master when its reduced cost exceeds this fraction of the gd optimum.</summary>
    private const double ReducedCostTolerance = 1e-9;

    /// <summary>Column generation has reached the LP bound when the bound and the master LP agree to this (relative).</summary>
    private const double LpConverged = 1e-9;

    /// <summary>With a time limit, dives end once this fraction of it has passed (the rest is for the master MIP and the trim).</summary>
    private const double DiveShareOfLimit = 0.4;

    /// <summary>
    /// With a time limit, the neighbourhood search ends once this fraction of it has passed: the rest is for branch-and-price,
    /// whose bound, not the schedule, was what lagged behind on the Polnik week.
    /// </summary>
    private const double NeighbourhoodShareOfLimit = 0.6;

    /// <summary>With a time limit, branch-and-price ends once this fraction of it has passed (the rest is for a last exact trim).</summary>
    private const double BranchShareOfLimit = 0.9;

    /// <summary>Branch-and-price nodes per neighbourhood.</summary>
    private const int NeighbourhoodNodes = 100;

    /// <summary>Seconds of the master MIP over each neighbourhood's columns.</summary>
    private const double NeighbourhoodMasterSeconds = 2;

    /// <summary>A stretch is large when its gd optimum is at least this share of the whole gd optimum; a neighbourhood frees this many large and small ones (four large gave better Polnik schedules than three).</summary>
    private const double LargeStretch = 0.05;
    private const int FreeLarge = 4, FreeSmall = 2;

    /// <summary>Column-generation rounds per branch-and-price node.</summary>
    private const int NodeRounds = 200;

    /// <summary>A share of the LP (λ summed over columns) strictly between this and 1 − this is fractional.</summary>
    private const double Fractional = 1e-6;

    /// <summary>The restricted DP may use at most this many (entry, mask) states; stretches beyond it are not split further.</summary>
    private const long MaxDpStates = 1L << 22;

    /// <summary>Column-generation rounds per step of a dive.</summary>
    private const int DiveRounds = 50;

    /// <summary>A <see cref="Random"/> that always picks the first.</summary>
    private sealed class FirstChoice : Random
    {
        public override int Next(int maxValue) => 0;
    }


    /// <summary>The final master's engine: SCIP, measured best on these masters (docs/solvers.md, the MIP model).</summary>
    private static IMipEngine MasterEngine => MipEngine.Scip;

    /// <summary>Slack for rounding when the bound meets the incumbent (as the runner's).</summary>
    private const double RelativeSlack = SolverRunner.NumericalTolerance / 10;

    private readonly Problem problem;
    private readonly SolverOptions options;
    private readonly CancellationToken cancellationToken;
    private readonly KeyMatrix keys;
    private readonly int n;
    private readonly double[] shares;
    private readonly double eps;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<ProgressPoint> history = [];

    /// <summary>The best schedule that meets the share rule, and what it delivers.</summary>
    private IReadOnlyList<Assignment> incumbent;
    private double best;

    /// <summary>The candidate with the best continuous score (what trimming could keep if intervals were divisible), kept for the exact trim.</summary>
    private double bestScore = -1.0;
    private IReadOnlyList<Assignment> bestUntrimmed = [];

    /// <summary>The gd optimum (μ = 1): a first bound, and the scale of the master LP.</summary>
    private readonly DpSolution gd;

    /// <summary>The least proven upper bound on E so far.</summary>
    private double bound;

    /// <summary>
    /// The schedule heuristics and branch-and-price each get a pool of columns, both started from the schedule before
    /// any search and the gd optimum: the heuristics' thousands of columns make every node LP slower, so branch-and-price
    /// on them explores fewer nodes and proves a weaker bound in the same time.
    /// </summary>
    private readonly IReadOnlyList<Assignment> searchStart;
    private StretchColumns columns;
    private readonly int iterations;

    /// <summary>The branch-and-price node being solved (null: the whole problem).</summary>
    private StretchRestriction[]? restricted;

    // What the run did, for its message.
    private int rounds, dives, nodesDone, neighbourhoodsDone, columnsBefore;
    private double lpValue;

    public TargetedSearch(Problem problem, SolverOptions options, CancellationToken cancellationToken)
    {
        this.problem = problem;
        this.options = options;
        this.cancellationToken = cancellationToken;
        keys = problem.Keys;
        n = problem.Nodes.Count;
        shares = problem.Nodes.Select(x => x.Share).ToArray();
        eps = options.ShareTolerance;
        iterations = options.WholeNumber(LagrangeSolver.Iterations);

        // The incumbent: the dp's td search, or the warm start when it is better.
        incumbent = TargetedDeliverySearch.Solve(problem, options, cancellationToken).Schedule.ServedAssignments(problem).ToList();
        best = Total(incumbent);
        if (options.WarmStart is { } warm && Validator.Check(problem, warm, Strategy.Td, eps).IsValid)
            Offer(warm.ServedAssignments(problem).ToList());

        gd = IntervalDp.Maximise(keys, problem.SwitchIntervals, Enumerable.Repeat(1.0, n).ToArray(), problem.MinContactIntervals, cancellationToken);
        bound = gd.Value;
        searchStart = incumbent;
        columns = NewPool();
    }

    public void Dispose() => columns.Dispose();

    /// <summary>The phases in order; a phase that closes the gap or runs out of time ends the run.</summary>
    public SolveResult Run()
    {
        var stop = BoundAtRoot();
        if (stop is not (LagrangeStop.TimeLimit or LagrangeStop.Gap)) stop = Improve(stop);
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{rounds} master LPs, {dives} dives, {neighbourhoodsDone} neighbourhoods, {nodesDone} branch-and-price nodes, {columnsBefore + columns.ColumnCount} columns over {columns.StretchCount} stretches, root LP {lpValue:G9}, stopped by {stop.Name()}");
        return new SolveResult(Schedule.FromAssignments(problem, incumbent), stop.Status(), Bound: bound, Message: message, History: history, StoppedBy: stop.Name());
    }

    /// <summary>Phase 1: column generation at the root to the LP bound, then price-and-dive for schedules (within a share of the limit).</summary>
    private LagrangeStop BoundAtRoot()
    {
        try
        {
            Generate(iterations, out var converged, out _);
            for (; dives < options.WholeNumber(LagrangeSolver.Dives) && !Closed(); dives++)
            {
                if (clock.Elapsed >= AtShareOfLimit(DiveShareOfLimit)) break;
                Dive(dives == 0 ? new FirstChoice() : new Random(dives));
                Checkpoint();
            }

            return Closed() ? LagrangeStop.Gap : converged ? LagrangeStop.LpBound : LagrangeStop.Iterations;
        }
        catch (OperationCanceledException)
        {
            return LagrangeStop.TimeLimit;
        }
    }

    /// <summary>Phases 2–4: the master, the neighbourhoods, then branch-and-price; <paramref name="stop"/> stands unless one of them ends the run.</summary>
    private LagrangeStop Improve(LagrangeStop stop)
    {
        try
        {
            SolveMaster();
            if (!Closed() && options.WholeNumber(LagrangeSolver.Neighbourhoods) > 0)
                ThenTrimIfBetter(() => SearchNeighbourhoods(options.WholeNumber(LagrangeSolver.Neighbourhoods), AtShareOfLimit(NeighbourhoodShareOfLimit)));
            if (!Closed() && options.WholeNumber(LagrangeSolver.Nodes) > 0) stop = Prove();
            return Closed() ? LagrangeStop.Gap : stop;
        }
        catch (OperationCanceledException)
        {
            return LagrangeStop.TimeLimit;
        }
    }

    /// <summary>
    /// Phase 2: the master over the columns priced so far, by coordinate ascent and then solved exactly (SCIP) within
    /// three quarters of what is left of the time limit, then the best-scoring choice trimmed exactly.
    /// </summary>
    private void SolveMaster()
    {
        columns.StartFrom(incumbent);
        Offer(columns.Best(cancellationToken));
        var seconds = options.Number(LagrangeSolver.MasterSeconds);
        if (options.TimeLimit is { } limit) seconds = Math.Min(seconds, 0.75 * (limit - clock.Elapsed).TotalSeconds - 0.5);
        columns.StartFrom(incumbent);
        if (seconds > 0 && MasterEngine.UnavailableReason == null && !Closed()
            && columns.BestByMip(MasterEngine, seconds, cancellationToken) is { } chosen)
            Offer(chosen);

        TrimBest(clock.Elapsed);
        Checkpoint();
    }

    /// <summary>Phase 4: branch-and-price on a new pool from the root again (the heuristics' columns would slow its node LPs).</summary>
    private LagrangeStop Prove()
    {
        columnsBefore += columns.ColumnCount;
        columns.Dispose();
        columns = NewPool();
        Generate(iterations, out _, out _);
        var stop = LagrangeStop.Nodes;
        ThenTrimIfBetter(() => stop = BranchAndPrice(options.WholeNumber(LagrangeSolver.Nodes), AtShareOfLimit(BranchShareOfLimit)));
        return stop;
    }

    /// <summary>A schedule, trimmed to meet the share rule, replaces the incumbent when it delivers more.</summary>
    private void Offer(IReadOnlyList<Assignment> candidate)
    {
        var score = ShareTrimmer.MaxTotal(Delivered(candidate), shares, eps);
        if (score > bestScore) (bestScore, bestUntrimmed) = (score, candidate);
        if (score <= best) return;
        var trimmed = ShareTrimmer.Trim(problem, candidate, eps);
        var total = Total(trimmed);
        if (total > best) (incumbent, best) = (trimmed, total);
    }

    private StretchColumns NewPool()
    {
        var pool = new StretchColumns(problem, eps, Math.Max(gd.Value, 1));
        pool.StartFrom(searchStart);
        pool.Add(gd.Assignments);
        return pool;
    }

    // Column generation over the stretches not fixed: master LP, then each free stretch's DP at the
    // duals μ, until no column prices out or maxRounds. Σ_s DP_s(μ)/m(μ) bounds the whole problem when
    // nothing is fixed or restricted (it lowers `bound`), and the node's schedules when a node is being
    // solved (`limit`). Null when some stretch has no schedule the node allows.
    private StretchColumns.LpPoint? Generate(int maxRounds, out bool converged, out double limit)
    {
        var root = restricted == null && !columns.AnyFixed;
        limit = double.PositiveInfinity;
        var round = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lp = columns.SolveLp(cancellationToken);
            rounds++;
            Offer(columns.Schedule(lp.Most));
            var mu = lp.KeepDuals;
            // A fixed stretch has one schedule: its column's μ·D is its exact price.
            var priced = columns.FixedValue(mu);
            var added = 0;
            var union = new List<Assignment>();
            for (var s = 0; s < columns.StretchCount; s++)
            {
                if (columns.IsFixed(s))
                {
                    union.AddRange(columns.Served(s, columns.FixedColumn(s)));
                    continue;
                }

                var column = IntervalDp.Maximise(keys, problem.SwitchIntervals, mu, columns.Stretch(s), restricted?[s] ?? StretchRestriction.None, problem.MinContactIntervals, cancellationToken);
                if (column == null)
                {
                    converged = true;
                    return null;
                }

                priced += column.Value;
                union.AddRange(column.Assignments);
                if (column.Value > lp.PickDuals[s] + ReducedCostTolerance * gd.Value && columns.AddColumn(s, column.Assignments)) added++;
            }

            // Lagrangian heuristic: what trimming keeps of the priced schedule.
            Offer(union);
            var least = LagrangeSolver.ShareCost(mu, shares, eps);
            if (root)
            {
                if (least > 0) bound = Math.Min(bound, priced / least);
                Checkpoint();
                lpValue = lp.Value;
            }
            else if (restricted != null && least > 0) limit = Math.Min(limit, priced / least);

            converged = added == 0 || (root && bound - lp.Value <= LpConverged * bound) || (restricted != null && limit - lp.Value <= LpConverged * limit);
            if (converged || ++round >= maxRounds || Closed() || (restricted != null && limit <= best)) return lp;
        }
    }

    private bool Closed() => bound - best <= options.RelativeGap * bound + RelativeSlack * Math.Max(1, bound);

    // Price-and-dive (e.g. Sadykov et al. 2019, INFORMS J. Computing 31(2), 347–362): fix the stretches the LP
    // takes whole, then the one closest to whole, re-generate columns for the rest, until every stretch is fixed.
    // Each dive prices columns at new duals, which the final master MIP can combine; a dive's choice is a schedule.
    private void Dive(Random pick)
    {
        try
        {
            while (true)
            {
                var lp = Generate(DiveRounds, out _, out _)!;
                var open = new List<int>();
                for (var s = 0; s < columns.StretchCount; s++)
                {
                    if (columns.IsFixed(s)) continue;
                    if (lp.Whole(s)) columns.Fix(s, lp.Most[s]);
                    else open.Add(s);
                }

                foreach (var s in open) columns.AddCrossovers(s, lp.Support[s], problem.SwitchIntervals, cancellationToken);
                if (open.Count == 0 || Closed()) return;
                // The first dive fixes the stretch closest to whole; later ones pick among the three closest.
                var order = open.OrderByDescending(s => lp.MostLambda[s]).ThenBy(s => s).ToList();
                var chosen = order[pick.Next(Math.Min(order.Count, 3))];
                columns.Fix(chosen, lp.Most[chosen]);
            }
        }
        finally
        {
            columns.UnfixAll();
        }
    }

    // Branch-and-price (Barnhart, Johnson, Nemhauser, Savelsbergh & Vance 1998, Operations Research 46(3),
    // 316–329): best first over nodes that restrict stretches, each solved by column generation with the
    // restricted DP pricing. A node's Σ_s DP_s(μ)/m(μ) bounds every schedule it allows (the same argument as
    // the root's, over fewer schedules), so the largest bound left open bounds the problem. Branching splits a
    // node's schedules in two: first (proving only) on "stretch s serves n somewhere in window W" (the middle of
    // a contact the LP shares between two schedules), then on "stretch s serves node n at all" (the LP mixes
    // one-node columns to avoid the idle intervals of a switch; fixing the set of nodes a pass serves makes it
    // pay for them), then on single entries "n is served in interval m", which in the end leaves one schedule
    // per node: exact. The window branch comes first because "at all" alone is met by a one-interval contact, after
    // which the LP mixes the same two main stations again and the bound stalls.
    // Returns what ended it: its node limit, the time limit, or Unsplittable when no node is left open (then the gap is closed
    // unless a node could not be split within the DP's state limit).
    // Not proving (a neighbourhood search, with stretches fixed): the same search for schedules only, on
    // "serves node n at all" alone; the bound is left as it is.
    private LagrangeStop BranchAndPrice(int maxNodes, TimeSpan deadline, bool proving = true)
    {
        var done = 0;
        var all = Enumerable.Repeat(StretchRestriction.None, columns.StretchCount).ToArray();
        var open = new PriorityQueue<(StretchRestriction[] Node, double Limit), double>();
        open.Enqueue((all, bound), -bound);
        var current = double.NegativeInfinity;
        // The largest bound of nodes closed without proof that they hold nothing better: pruned within --gap,
        // or not splittable within the DP's state limit. It stays part of the bound.
        var unresolved = double.NegativeInfinity;
        try
        {
            while (open.TryDequeue(out var item, out _))
            {
                if (item.Limit - best <= Tolerance(item.Limit))
                {
                    // Best first: every open node is within the gap too; the largest of them is this one.
                    unresolved = Math.Max(unresolved, item.Limit);
                    open.Clear();
                    break;
                }

                if (done >= maxNodes || clock.Elapsed >= deadline)
                {
                    open.Enqueue(item, -item.Limit);
                    return done >= maxNodes ? LagrangeStop.Nodes : LagrangeStop.TimeLimit;
                }

                current = item.Limit;
                done++;
                if (proving) nodesDone++;
                foreach (var child in Branch(item.Node, item.Limit, proving, ref unresolved)) open.Enqueue(child, -child.Limit);
                current = double.NegativeInfinity;
                if (proving) bound = Math.Min(bound, Math.Max(best, Math.Max(unresolved, open.TryPeek(out var top, out _) ? top.Limit : double.NegativeInfinity)));
            }

            // Every node is closed; only nodes the DP's state limit kept whole can leave a gap.
            return LagrangeStop.Unsplittable;
        }
        finally
        {
            var frontier = Math.Max(current, Math.Max(unresolved, open.TryPeek(out var top, out _) ? top.Limit : double.NegativeInfinity));
            if (proving) bound = Math.Min(bound, Math.Max(best, frontier));
            restricted = null;
            columns.Restrict(all);
        }
    }

    private double Tolerance(double limit) => options.RelativeGap * limit + RelativeSlack * Math.Max(1, limit);

    private IEnumerable<(StretchRestriction[] Node, double Limit)> Branch(StretchRestriction[] node, double parentLimit, bool proving, ref double unresolved)
    {
        restricted = node;
        columns.Restrict(node);
        var ones = Enumerable.Repeat(1.0, n).ToArray();
        for (var s = 0; s < node.Length; s++)
        {
            if (node[s].IsNone) continue;
            // The LP needs an allowed column in every stretch; none means the node allows no schedule.
            if (IntervalDp.Maximise(keys, problem.SwitchIntervals, ones, columns.Stretch(s), node[s], problem.MinContactIntervals, cancellationToken) is not { } seed) return [];
            columns.AddColumn(s, seed.Assignments);
        }

        if (Generate(NodeRounds, out _, out var limit) is not { } lp) return [];
        limit = Math.Min(limit, parentLimit);
        if (limit - best <= Tolerance(limit))
        {
            unresolved = Math.Max(unresolved, limit);
            return [];
        }

        StretchRestriction[] With(int s, StretchRestriction r)
        {
            var copy = (StretchRestriction[])node.Clone();
            copy[s] = r;
            return copy;
        }

        bool Splittable(int s) => (long)columns.EntryCount(s) << (node[s].RequiredCount + 1) <= MaxDpStates;

        // "Stretch s serves node k at all": the one with the most keys at stake first, min(y, 1 − y) times the keys the LP
        // sends k in s; the most fractional one first often picked a short pass whose branches leave the bound where it was.
        (int S, int K, double Score) pickNode = (-1, -1, double.PositiveInfinity);
        var entryShare = new Dictionary<Assignment, (int S, double X)>();
        for (var s = 0; s < node.Length; s++)
        {
            var y = new double[n];
            var w = new double[n];
            for (var j = 0; j < lp.Support[s].Length; j++)
            {
                var served = columns.Served(s, lp.Support[s][j]);
                foreach (var k in served.Select(a => a.Node).Distinct()) y[k] += lp.SupportLambda[s][j];
                foreach (var a in served)
                {
                    w[a.Node] += lp.SupportLambda[s][j] * keys[a.Interval, a.Node];
                    entryShare[a] = (s, (entryShare.TryGetValue(a, out var v) ? v.X : 0) + lp.SupportLambda[s][j]);
                }
            }

            if (!Splittable(s)) continue;
            for (var k = 0; k < n; k++)
            {
                if (y[k] <= Fractional || y[k] >= 1 - Fractional || node[s].RequiredNodes.Contains(k) || node[s].ForbiddenNodes.Contains(k)) continue;
                var score = -Math.Min(y[k], 1 - y[k]) * w[k];
                if (score < pickNode.Score) pickNode = (s, k, score);
            }
        }

        // First "stretch s serves k somewhere in W" for W the middle third of a contact of k that the LP takes
        // fractionally (x: the λ of the columns that serve k in W), the longest contact at stake first. A pass the
        // LP shares between two main stations (a mix "y" branching cannot undo: a one-interval contact meets "serves
        // k at all") cannot be shared in either child without a hole or an extra switch in the middle of a contact.
        (int S, NodeWindow Window, double Score) pickWindow = (-1, default, 0);
        for (var s = 0; proving && s < node.Length; s++)
        {
            if (lp.Support[s].Length < 2 || !Splittable(s)) continue;
            foreach (var c in lp.Support[s])
            {
                var served = columns.Served(s, c);
                foreach (var (first, last) in StretchColumns.Contacts(served))
                {
                    var third = (last - first) / 3;
                    var window = new NodeWindow(served[first].Node, served[first + third].Interval, served[last - third].Interval);
                    var x = 0.0;
                    for (var j = 0; j < lp.Support[s].Length; j++)
                        if (columns.Served(s, lp.Support[s][j]).Any(window.Contains)) x += lp.SupportLambda[s][j];
                    var score = Math.Min(x, 1 - x) * (last - first + 1);
                    if (x > Fractional && x < 1 - Fractional && score > pickWindow.Score) pickWindow = (s, window, score);
                }
            }
        }

        if (pickWindow.S >= 0)
        {
            var r = node[pickWindow.S];
            return [(With(pickWindow.S, r with { RequiredWindows = r.RequiredWindows.Add(pickWindow.Window) }), limit),
                    (With(pickWindow.S, r with { ForbiddenWindows = r.ForbiddenWindows.Add(pickWindow.Window) }), limit)];
        }

        if (pickNode.S >= 0)
        {
            var r = node[pickNode.S];
            return [(With(pickNode.S, r with { RequiredNodes = r.RequiredNodes.Add(pickNode.K) }), limit),
                    (With(pickNode.S, r with { ForbiddenNodes = r.ForbiddenNodes.Add(pickNode.K) }), limit)];
        }

        if (!proving) return [];

        // Then single entries, most fractional first; when the LP is whole, any entry still free (the largest first).
        var entry = entryShare.Where(x => x.Value.X > Fractional && x.Value.X < 1 - Fractional && Splittable(x.Value.S) && !node[x.Value.S].RequiredEntries.Contains(x.Key))
            .OrderBy(x => Math.Abs(x.Value.X - 0.5)).ThenBy(x => x.Key.Interval).ThenBy(x => x.Key.Node).Select(x => (Entry: x.Key, x.Value.S)).FirstOrDefault(x => true, (Entry: new Assignment(-1, -1), S: -1));
        if (entry.S < 0)
        {
            // A stretch still mixed in the LP that cannot be split further: the node stays open as far as the bound goes.
            if (Enumerable.Range(0, node.Length).Any(s => lp.Support[s].Length > 1 && !Splittable(s)))
            {
                unresolved = Math.Max(unresolved, limit);
                return [];
            }

            // The LP takes one column per stretch: its choice is a schedule (offered, trimmed, by Generate).
            entry = FreeEntry(node, lp, Splittable);
            if (entry.S < 0)
            {
                if (FreeEntry(node, lp, _ => true).S >= 0) unresolved = Math.Max(unresolved, limit);
                return []; // every entry is decided: the node is that one schedule, already offered.
            }
        }

        var e = node[entry.S];
        return [(With(entry.S, e with { RequiredEntries = e.RequiredEntries.Add(entry.Entry) }), limit),
                (With(entry.S, e with { ForbiddenEntries = e.ForbiddenEntries.Add(entry.Entry) }), limit)];
    }

    // An entry no restriction decides yet: from the LP's chosen columns (most bits first), else from the whole stretch.
    private (Assignment Entry, int S) FreeEntry(StretchRestriction[] node, StretchColumns.LpPoint lp, Func<int, bool> splittable)
    {
        bool Free(int s, Assignment a) => !node[s].RequiredEntries.Contains(a) && !node[s].Forbids(a);
        for (var s = 0; s < node.Length; s++)
        {
            if (!splittable(s)) continue;
            foreach (var a in columns.Served(s, lp.Most[s]).OrderByDescending(a => keys[a.Interval, a.Node]))
                if (Free(s, a)) return (a, s);
        }

        for (var s = 0; s < node.Length; s++)
        {
            if (!splittable(s)) continue;
            foreach (var a in columns.Entries(s))
                if (Free(s, a)) return (a, s);
        }

        return (new Assignment(-1, -1), -1);
    }

    // The best-scoring choice so far, trimmed to whole intervals by the engine instead of greedily (within the time limit).
    private void TrimBest(TimeSpan now)
    {
        var seconds = options.Number(LagrangeSolver.TrimSeconds);
        if (options.TimeLimit is { } left) seconds = Math.Min(seconds, (left - now).TotalSeconds - 0.5);
        if (seconds > 0 && MasterEngine.UnavailableReason == null && !Closed() && bestScore > best
            && IntervalTrim.Solve(problem, bestUntrimmed, ShareTrimmer.Trim(problem, bestUntrimmed, eps), eps, MasterEngine, seconds, cancellationToken) is { } trimmed
            && Total(trimmed) > best)
            (incumbent, best) = (trimmed, Total(trimmed));
    }

    // Neighbourhood search (large neighbourhood search, Shaw 1998, CP'98, LNCS 1520, 417–431; here over
    // stretches as in Pisinger & Ropke 2010, Handbook of Metaheuristics, ch. 13): keep the incumbent in all
    // stretches but a few (a random choice of the large ones and of the small ones), and search the rest with
    // branch-and-price on "serves node n at all" (NeighbourhoodNodes nodes), the fixed stretches priced as their
    // one column. Schedules only: the bound stays as it is.
    private void SearchNeighbourhoods(int count, TimeSpan deadline)
    {
        if (columns.StretchCount < 2) return; // one stretch: the whole problem is branch-and-price's
        var gdColumns = columns.ColumnsOf(gd.Assignments);
        var large = Enumerable.Range(0, columns.StretchCount).Where(s => columns.Total(s, gdColumns[s]) >= LargeStretch * gd.Value).ToList();
        var small = Enumerable.Range(0, columns.StretchCount).Except(large).ToList();
        var random = new Random(1); // fixed, as the dives': lagrange takes no seed
        // Neighbourhoods searched since the incumbent last changed: the same one again would find nothing new.
        var tried = new HashSet<string>();
        var last = best;
        for (; neighbourhoodsDone < count && clock.Elapsed < deadline && !Closed(); neighbourhoodsDone++)
        {
            var free = large.OrderBy(_ => random.Next()).Take(FreeLarge).Concat(small.OrderBy(_ => random.Next()).Take(FreeSmall)).Order().ToList();
            if (free.Count == columns.StretchCount) free.RemoveAt(free.Count - 1);
            if (best > last) (last, tried) = (best, []);
            if (!tried.Add(string.Join(',', free))) continue;
            try
            {
                var current = columns.ColumnsOf(incumbent);
                for (var s = 0; s < columns.StretchCount; s++)
                    if (!free.Contains(s)) columns.Fix(s, current[s]);
                BranchAndPrice(NeighbourhoodNodes, deadline, proving: false);
                // Then the master MIP over the columns the search priced, the fixed stretches kept: a node's LP rarely
                // takes one column per stretch, the MIP combines them into better schedules.
                var seconds = Math.Min(NeighbourhoodMasterSeconds, (deadline - clock.Elapsed).TotalSeconds);
                columns.StartFrom(incumbent);
                if (seconds > 0 && MasterEngine.UnavailableReason == null && columns.BestByMip(MasterEngine, seconds, cancellationToken) is { } chosen)
                    Offer(chosen);
            }
            finally
            {
                columns.UnfixAll();
            }
        }
    }

    // With a time limit, the moment this share of it has passed; without, never.
    private TimeSpan AtShareOfLimit(double share) => options.TimeLimit is { } limit ? limit * share : TimeSpan.MaxValue;

    private void Checkpoint() => history.Add(new ProgressPoint(rounds, best, bound, clock.Elapsed.TotalSeconds));

    // A schedule search, then the exact trim again if it found a choice that scores better than before.
    private void ThenTrimIfBetter(Action search)
    {
        var scoreBefore = bestScore;
        search();
        if (bestScore > scoreBefore) TrimBest(clock.Elapsed);
        Checkpoint();
    }

    private double[] Delivered(IEnumerable<Assignment> served)
    {
        var delivered = new double[n];
        foreach (var a in served) delivered[a.Node] += keys[a.Interval, a.Node];
        return delivered;
    }

    private double Total(IEnumerable<Assignment> served) => served.Sum(a => keys[a.Interval, a.Node]);
}
