using System.Diagnostics;
using System.Globalization;
using QkdScheduler.Core;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.Mip.Engines;

using QkdScheduler.Solvers.Exact;

namespace QkdScheduler.Solvers.Lagrange;

/// <summary>
/// <c>lagrange</c>: S-TD with a proven upper bound, by column generation over independent stretches
/// (<see cref="StretchColumns"/>, a Dantzig–Wolfe master solved by GLOP, priced by the exact
/// <see cref="IntervalDp"/>); schedules come from the dp's td search, from the master LP's rounding and
/// the priced schedules, from price-and-dive passes, and from the master as a MIP (SCIP) whose choice is
/// trimmed to whole intervals by a second MIP (<see cref="IntervalTrim"/>), and from a neighbourhood search that
/// re-plans a few stretches at a time by branch-and-price; then branch-and-price over all stretches lowers the
/// bound, exactly (down to single entries) when it has the time. For gd and pd there is nothing to relax: it is the exact DP.
/// </summary>
/// <remarks>
/// S-TD (docs/architecture.md): maximise E = Σ_n E_n subject to (1−ε) q_n E ≤ E_n ≤ (1+ε) q_n E for every node
/// with q_n &gt; 0. The bound: for any node values μ ≥ 0, a schedule meeting the rule has E_n / E in the band
/// {k ≥ 0, Σ k = 1, (1−ε) q_n ≤ k_n ≤ (1+ε) q_n}, so m(μ) E ≤ Σ_n μ_n E_n ≤ DP(μ), where m(μ) is the least
/// μ·k over the band (<see cref="ShareCost"/>) and DP(μ) the best Σ μ_n E_n of any schedule, which the DP
/// computes exactly per stretch. Hence E ≤ Σ_s DP_s(μ) / m(μ) for every μ with m &gt; 0 (a Lagrangian bound,
/// normalised: Fisher 1981, <i>Management Science</i> 27(1), 1–18, §2). At the master LP's duals μ this is
/// the master LP's value plus every stretch's best reduced cost (Lübbecke &amp; Desrosiers 2005,
/// <i>Operations Research</i> 53(6), 1007–1023, §2.1), and when no column prices out it is the LP bound of
/// S-TD (Geoffrion 1974, <i>Math. Programming Study</i> 2, 82–114, Theorem 1: the stretch polytopes are
/// integral). The bound reported is the least one evaluated, so stopping early loses tightness, never validity.
/// Dives fix stretches in the master LP and price the rest again; their bounds are of the restricted problem
/// and are not used; nor are those of the neighbourhood search, which fixes all stretches but a few to the incumbent
/// (their μ·D enters its node bounds, which hold only with them fixed). Branch-and-price then restricts stretches (a node
/// served somewhere in a window or never there, a node served at all or never, then single entries); a node's
/// Σ_s DP_s(μ)/m(μ), priced under its restrictions, bounds its schedules, and the largest one left open bounds the
/// problem. Its measured gaps on the committed weeks are in docs/solvers.md ("lagrange on td", from instances/lagrange-td.sh).
/// </remarks>
public sealed class LagrangeSolver : ISolver
{
    public const string SolverName = "lagrange";

    public static readonly SolverParameter Iterations = SolverParameter.Number(
        new ParameterRule("iterations", 3000, v => v is >= 1 and <= 100_000_000, "1 to 100 000 000"), "td: the most column-generation rounds (a master LP and a DP per stretch each)", whole: true);

    public static readonly SolverParameter Dives = SolverParameter.Number(
        new ParameterRule("dives", 300, v => v is >= 0 and <= 1_000_000, "0 to 1 000 000"), "td: the most price-and-dive passes after the root column generation (with --time-limit, dives end at 40 % of it)", whole: true);

    public static readonly SolverParameter Nodes = SolverParameter.Number(
        new ParameterRule("nodes", 2000, v => v is >= 0 and <= 100_000_000, "0 to 100 000 000"),
        "td: the most branch-and-price nodes after the heuristics (within --time-limit; 0 = none)", whole: true);

    public static readonly SolverParameter Neighbourhoods = SolverParameter.Number(
        new ParameterRule("neighbourhoods", 30, v => v is >= 0 and <= 1_000_000, "0 to 1 000 000"),
        "td: the most neighbourhoods searched after the master MIP (all stretches but a few kept; with --time-limit, the search ends at 60 % of it)", whole: true);

    public static readonly SolverParameter TrimSeconds = SolverParameter.Number(
        new ParameterRule("trim-seconds", 10, v => v is >= 0 and <= 86_400, "0 to 86 400 s"),
        "td: the most seconds for trimming the best choice to whole intervals exactly (SCIP; within --time-limit; 0 = greedy trim only)");

    public static readonly SolverParameter MasterSeconds = SolverParameter.Number(
        new ParameterRule("master-seconds", 20, v => v is >= 0 and <= 86_400, "0 to 86 400 s"),
        "td: the most seconds for the final master MIP over the stretch columns (SCIP; within --time-limit; 0 = coordinate ascent only)");

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

    /// <summary>Runs an action when disposed (for a variable a <c>using</c> declaration cannot hold: it is reassigned).</summary>
    private sealed class OnDispose(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    public string Name => SolverName;
    public string Description => "td, exact with a proven bound: column generation over stretches (GLOP master, exact DP pricing) to the LP bound, price-and-dive, master MIP and exact trim (SCIP), neighbourhood search, then branch-and-price; gd/pd: the exact DP";
    public bool UsesSeed => false;
    public string? UnavailableReason => null;
    public IReadOnlyList<SolverParameter> Parameters { get; } = [Iterations, Dives, TargetedDeliverySearch.Sweeps, MasterSeconds, TrimSeconds, Neighbourhoods, Nodes];

    /// <summary>The final master's engine: SCIP, measured best on these masters (docs/solvers.md, the MIP model).</summary>
    private static IMipEngine MasterEngine => MipEngine.Scip;

    public SolveResult Solve(Problem problem, SolverOptions options, CancellationToken cancellationToken) =>
        options.Strategy == Strategy.Td ? SolveTargeted(problem, options, cancellationToken) : new DpSolver().Solve(problem, options, cancellationToken);

    private static SolveResult SolveTargeted(Problem problem, SolverOptions options, CancellationToken cancellationToken)
    {
        var keys = problem.Keys;
        var n = problem.Nodes.Count;
        var shares = problem.Nodes.Select(x => x.Share).ToArray();
        var eps = options.ShareTolerance;
        var clock = Stopwatch.StartNew();
        var history = new List<ProgressPoint>();

        // The incumbent: the dp's td search, or the warm start when it is better.
        IReadOnlyList<Assignment> incumbent = TargetedDeliverySearch.Solve(problem, options, cancellationToken).Schedule.ServedAssignments(problem).ToList();
        var best = Total(keys, incumbent);

        // A schedule, trimmed to meet the share rule, replaces the incumbent when it delivers more.
        // The candidate with the best continuous score (what trimming could keep if intervals were divisible) is kept for the exact trim.
        var bestScore = -1.0;
        IReadOnlyList<Assignment> bestUntrimmed = [];
        void Offer(IReadOnlyList<Assignment> candidate)
        {
            var score = ShareTrimmer.MaxTotal(Delivered(keys, n, candidate), shares, eps);
            if (score > bestScore) (bestScore, bestUntrimmed) = (score, candidate);
            if (score <= best) return;
            var trimmed = ShareTrimmer.Trim(problem, candidate, eps);
            var total = Total(keys, trimmed);
            if (total > best) (incumbent, best) = (trimmed, total);
        }

        if (options.WarmStart is { } warm && Validator.Check(problem, warm, Strategy.Td, eps).IsValid)
            Offer(warm.ServedAssignments(problem).ToList());

        // μ = 1 is the gd optimum: a first bound, and the scale of the master LP.
        var gd = IntervalDp.Maximise(keys, problem.SwitchIntervals, Enumerable.Repeat(1.0, n).ToArray(), cancellationToken);
        var bound = gd.Value;
        // The schedule heuristics and branch-and-price each get a pool of columns, both started from the schedule before
        // any search and the gd optimum: the heuristics' thousands of columns make every node LP slower, so branch-and-price
        // on them explores fewer nodes and proves a weaker bound in the same time.
        var searchStart = incumbent;
        StretchColumns NewPool()
        {
            var pool = new StretchColumns(problem, eps, Math.Max(gd.Value, 1));
            pool.StartFrom(searchStart);
            pool.Add(gd.Assignments);
            return pool;
        }

        var columns = NewPool();
        using var disposeColumns = new OnDispose(() => columns.Dispose());

        var iterations = options.WholeNumber(Iterations);
        var rounds = 0;
        var lpValue = 0.0;

        // The branch-and-price node being solved (null: the whole problem).
        StretchRestriction[]? restricted = null;

        // Column generation over the stretches not fixed: master LP, then each free stretch's DP at the
        // duals μ, until no column prices out or maxRounds. Σ_s DP_s(μ)/m(μ) bounds the whole problem when
        // nothing is fixed or restricted (it lowers `bound`), and the node's schedules when a node is being
        // solved (`limit`). Null when some stretch has no schedule the node allows.
        StretchColumns.LpPoint? Generate(int maxRounds, out bool converged, out double limit)
        {
            var root = restricted == null && !columns.AnyFixed;
            limit = double.PositiveInfinity;
            var round = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var lp = columns.SolveLp();
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

                    var column = IntervalDp.Maximise(keys, problem.SwitchIntervals, mu, columns.Stretch(s), restricted?[s] ?? StretchRestriction.None, cancellationToken);
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
                var least = ShareCost(mu, shares, eps);
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

        bool Closed() => bound - best <= options.RelativeGap * bound + RelativeSlack * Math.Max(1, bound);

        // Price-and-dive (e.g. Sadykov et al. 2019, INFORMS J. Computing 31(2), 347–362): fix the stretches the LP
        // takes whole, then the one closest to whole, re-generate columns for the rest, until every stretch is fixed.
        // Each dive prices columns at new duals, which the final master MIP can combine; a dive's choice is a schedule.
        void Dive(Random pick)
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

                    foreach (var s in open) columns.AddCrossovers(s, lp.Support[s], problem.SwitchIntervals);
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
        var nodesDone = 0;
        // Returns what ended it: "nodes", "time_limit", or "unsplittable" when no node is left open (then the gap is closed
        // unless a node could not be split within the DP's state limit).
        // Not proving (a neighbourhood search, with stretches fixed): the same search for schedules only, on
        // "serves node n at all" alone; the bound is left as it is.
        string BranchAndPrice(int maxNodes, TimeSpan deadline, bool proving = true)
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
                        return done >= maxNodes ? "nodes" : "time_limit";
                    }

                    current = item.Limit;
                    done++;
                    if (proving) nodesDone++;
                    foreach (var child in Branch(item.Node, item.Limit, proving, ref unresolved)) open.Enqueue(child, -child.Limit);
                    current = double.NegativeInfinity;
                    if (proving) bound = Math.Min(bound, Math.Max(best, Math.Max(unresolved, open.TryPeek(out var top, out _) ? top.Limit : double.NegativeInfinity)));
                }

                // Every node is closed; only nodes the DP's state limit kept whole can leave a gap.
                return "unsplittable";
            }
            finally
            {
                var frontier = Math.Max(current, Math.Max(unresolved, open.TryPeek(out var top, out _) ? top.Limit : double.NegativeInfinity));
                if (proving) bound = Math.Min(bound, Math.Max(best, frontier));
                restricted = null;
                columns.Restrict(all);
            }
        }

        double Tolerance(double limit) => options.RelativeGap * limit + RelativeSlack * Math.Max(1, limit);

        IEnumerable<(StretchRestriction[] Node, double Limit)> Branch(StretchRestriction[] node, double parentLimit, bool proving, ref double unresolved)
        {
            restricted = node;
            columns.Restrict(node);
            var ones = Enumerable.Repeat(1.0, n).ToArray();
            for (var s = 0; s < node.Length; s++)
            {
                if (node[s].IsNone) continue;
                // The LP needs an allowed column in every stretch; none means the node allows no schedule.
                if (IntervalDp.Maximise(keys, problem.SwitchIntervals, ones, columns.Stretch(s), node[s], cancellationToken) is not { } seed) return [];
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
        (Assignment Entry, int S) FreeEntry(StretchRestriction[] node, StretchColumns.LpPoint lp, Func<int, bool> splittable)
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
        void TrimBest(TimeSpan now)
        {
            var seconds = options.Number(TrimSeconds);
            if (options.TimeLimit is { } left) seconds = Math.Min(seconds, (left - now).TotalSeconds - 0.5);
            if (seconds > 0 && MasterEngine.UnavailableReason == null && !Closed() && bestScore > best
                && IntervalTrim.Solve(problem, bestUntrimmed, ShareTrimmer.Trim(problem, bestUntrimmed, eps), eps, MasterEngine, seconds, cancellationToken) is { } trimmed
                && Total(keys, trimmed) > best)
                (incumbent, best) = (trimmed, Total(keys, trimmed));
        }

        // Neighbourhood search (large neighbourhood search, Shaw 1998, CP'98, LNCS 1520, 417–431; here over
        // stretches as in Pisinger & Ropke 2010, Handbook of Metaheuristics, ch. 13): keep the incumbent in all
        // stretches but a few (a random choice of the large ones and of the small ones), and search the rest with
        // branch-and-price on "serves node n at all" (NeighbourhoodNodes nodes), the fixed stretches priced as their
        // one column. Schedules only: the bound stays as it is.
        var neighbourhoodsDone = 0;
        void SearchNeighbourhoods(int count, TimeSpan deadline)
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
        TimeSpan AtShareOfLimit(double share) => options.TimeLimit is { } limit ? limit * share : TimeSpan.MaxValue;
        void Checkpoint() => history.Add(new ProgressPoint(rounds, best, bound, clock.Elapsed.TotalSeconds));

        // A schedule search, then the exact trim again if it found a choice that scores better than before.
        void ThenTrimIfBetter(Action search)
        {
            var scoreBefore = bestScore;
            search();
            if (bestScore > scoreBefore) TrimBest(clock.Elapsed);
            Checkpoint();
        }

        var stoppedBy = "lp_bound";
        var columnsBefore = 0;
        var dives = 0;
        try
        {
            Generate(iterations, out var converged, out _);
            if (!converged) stoppedBy = "iterations";
            if (Closed()) stoppedBy = "gap";
            for (; dives < options.WholeNumber(Dives) && !Closed(); dives++)
            {
                if (clock.Elapsed >= AtShareOfLimit(DiveShareOfLimit)) break;
                Dive(dives == 0 ? new FirstChoice() : new Random(dives));
                Checkpoint();
            }
            if (Closed()) stoppedBy = "gap";
        }
        catch (OperationCanceledException)
        {
            stoppedBy = "time_limit";
        }

        if (stoppedBy != "time_limit" && stoppedBy != "gap")
        {
            try
            {
                columns.StartFrom(incumbent);
                Offer(columns.Best(cancellationToken));
                // The master solved exactly over the same columns (SCIP), within three quarters of what is left of the time limit.
                var seconds = options.Number(MasterSeconds);
                if (options.TimeLimit is { } limit) seconds = Math.Min(seconds, 0.75 * (limit - clock.Elapsed).TotalSeconds - 0.5);
                columns.StartFrom(incumbent);
                if (seconds > 0 && MasterEngine.UnavailableReason == null && !Closed()
                    && columns.BestByMip(MasterEngine, seconds, cancellationToken) is { } chosen)
                    Offer(chosen);

                TrimBest(clock.Elapsed);
                Checkpoint();
                if (!Closed() && options.WholeNumber(Neighbourhoods) > 0)
                    ThenTrimIfBetter(() => SearchNeighbourhoods(options.WholeNumber(Neighbourhoods), AtShareOfLimit(NeighbourhoodShareOfLimit)));

                // Branch-and-price last, on a new pool from the root again.
                if (!Closed() && options.WholeNumber(Nodes) > 0)
                {
                    columnsBefore += columns.ColumnCount;
                    columns.Dispose();
                    columns = NewPool();
                    Generate(iterations, out _, out _);
                    ThenTrimIfBetter(() => stoppedBy = BranchAndPrice(options.WholeNumber(Nodes), AtShareOfLimit(BranchShareOfLimit)));
                }

                if (Closed()) stoppedBy = "gap";
            }
            catch (OperationCanceledException)
            {
                stoppedBy = "time_limit";
            }
        }

        var schedule = Schedule.FromAssignments(problem, incumbent);
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{rounds} master LPs, {dives} dives, {neighbourhoodsDone} neighbourhoods, {nodesDone} branch-and-price nodes, {columnsBefore + columns.ColumnCount} columns over {columns.StretchCount} stretches, root LP {lpValue:G9}, stopped by {stoppedBy}");
        var status = stoppedBy switch
        {
            "gap" => SolveStatus.Optimal,
            "time_limit" => SolveStatus.TimeLimit,
            _ => SolveStatus.Feasible,
        };
        return new SolveResult(schedule, status, Bound: bound, Message: message, History: history, StoppedBy: stoppedBy);
    }

    /// <summary>
    /// m(μ) = min Σ_n μ_n k_n over the share band {k ≥ 0, Σ_n k_n = 1, (1−ε) q_n ≤ k_n ≤ (1+ε) q_n where q_n &gt; 0}:
    /// every node at the bottom of its band, and the rest (1 − Σ (1−ε) q_n) poured into the nodes of least μ
    /// up to their tops (nodes with q_n = 0 have no top), which is optimal for this fractional knapsack
    /// (Dantzig 1957, <i>Operations Research</i> 5(2), 266–288). A schedule meeting the share rule has
    /// E_n / E in the band, so Σ μ_n E_n ≥ m(μ) E, and Σ μ_n E_n ≤ DP(μ): E ≤ DP(μ) / m(μ) for every μ ≥ 0 with m &gt; 0.
    /// </summary>
    internal static double ShareCost(IReadOnlyList<double> mu, IReadOnlyList<double> shares, double eps)
    {
        var cost = 0.0;
        var rest = 1.0;
        for (var i = 0; i < shares.Count; i++)
        {
            if (shares[i] <= 0) continue;
            cost += mu[i] * (1 - eps) * shares[i];
            rest -= (1 - eps) * shares[i];
        }

        foreach (var i in Enumerable.Range(0, shares.Count).OrderBy(i => mu[i]))
        {
            if (rest <= 0) break;
            var room = shares[i] > 0 ? Math.Min(rest, 2 * eps * shares[i]) : rest;
            cost += mu[i] * room;
            rest -= room;
        }

        return rest > 1e-12 ? double.PositiveInfinity : cost;
    }

    private static double[] Delivered(KeyMatrix keys, int nodes, IEnumerable<Assignment> served)
    {
        var delivered = new double[nodes];
        foreach (var a in served) delivered[a.Node] += keys[a.Interval, a.Node];
        return delivered;
    }

    /// <summary>Slack for rounding when the bound meets the incumbent (as the runner's).</summary>
    private const double RelativeSlack = SolverRunner.NumericalTolerance / 10;

    private static double Total(KeyMatrix keys, IEnumerable<Assignment> served) => served.Sum(a => keys[a.Interval, a.Node]);
}
