using System.Diagnostics;
using System.Globalization;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.Exact;

namespace QkdScheduler.Solvers.Lagrange;

/// <summary>
/// <c>lagrange</c> on a constellation, gd and pd: the stations' coupling relaxed, with a proven bound.
/// <para>The bound. Dropping the slew (a reception holds a receiver only in its own interval) leaves the rows
/// Σ_s u[s,g,t] ≤ R_g, u[s,g,t] = 1 when satellite s serves a node with station g in t: a relaxation of the receiver
/// rule, so its optimum bounds ours. Their Lagrangian with multipliers λ[g,t] ≥ 0 separates by satellite:
/// L(λ) = Σ_{g,t} λ R_g + Σ_s max_y Σ_(m,n) (v_n K[s,m,n] − Σ_{g∈n} λ[g,m]) y[s,m,n], each satellite's maximum the
/// exact DP under its switching rule on those values (entries worth nothing dropped), and L(λ) ≥ the optimum for every
/// λ ≥ 0 (Fisher 1981, <i>Management Science</i> 27(1), 1–18, §2). λ = 0 is each satellite alone (dp's bound).
/// λ is lowered by subgradient steps θ = π (L − Z)/‖γ‖², γ = R − Σ_s u, π halved after 20 steps without a better bound
/// (Held, Wolfe &amp; Crowder 1974, <i>Math. Programming</i> 6, 62–88); only (g, t) where more than R_g satellites could
/// hold g get a multiplier (elsewhere the row never binds).</para>
/// <para>The schedules: dp's constellation heuristic, and at every step the satellites' DP schedules repaired in order
/// of their value (receptions the receivers held so far forbid are dropped: <see cref="ReceiverOccupancy"/>; dropping
/// an interval never breaks the switching rule) — a Lagrangian heuristic. The best stands.</para>
/// <para>Under a minimum contact length the subproblems ignore it (entries worth less than their multipliers would be
/// needed to complete contacts): a further relaxation, so L(λ) still bounds the optimum, and dp's start, which honours
/// it, bounds it from λ = 0. The repair then drops contacts shorter than the minimum (<see cref="MinContact"/>).</para>
/// </summary>
internal static class StationRelaxation
{
    private const int MaxSteps = 500;
    private const int StallSteps = 20;
    private const double MinStepFactor = 1e-4;

    public static SolveResult Solve(Problem problem, SolverOptions options, CancellationToken cancellationToken)
    {
        var fleet = problem.Constellation!;
        var clock = Stopwatch.StartNew();
        var values = NodeValues.ForLinearStrategy(problem, options.Strategy);
        var start = new DpSolver().Solve(problem, options, cancellationToken);
        // Cut short before dp had a schedule and its bound: that is the result (no bound to lower).
        if (start.Bound is null) return start;
        var served = start.Schedule.ServedBySatellite(problem).ToList();
        var best = Value(problem, served, values);
        var bound = start.Bound.Value;
        var history = new List<ProgressPoint> { new(0, best, bound, clock.Elapsed.TotalSeconds) };

        // The (station, interval) rows that can bind, with the entries (satellite, entry index) whose stations include it.
        var stations = problem.Nodes.SelectMany(n => n.Stations).Distinct(StringComparer.Ordinal).ToList();
        var stationOf = stations.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i, StringComparer.Ordinal);
        var nodeStations = problem.Nodes.Select(n => n.Stations.Distinct(StringComparer.Ordinal).Select(g => stationOf[g]).ToArray()).ToArray();
        var rows = Contention.Wanting(problem).Where(kv => kv.Value.Count > fleet.Receivers(kv.Key.Station))
            .Select(kv => (G: stationOf[kv.Key.Station], T: kv.Key.Interval)).ToList();
        var steps = 0;
        var stopped = rows.Count == 0 ? "no station contended" : "steps";
        if (rows.Count > 0 && !Closed(best, bound, options))
        {
            var lambda = rows.ToDictionary(r => r, _ => 0.0);
            var pi = 2.0;
            var sinceBetter = 0;
            try
            {
                for (; steps < MaxSteps; steps++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var (value, schedules) = Evaluate(problem, values, nodeStations, lambda, cancellationToken);
                    value += lambda.Sum(kv => kv.Value * fleet.Receivers(stations[kv.Key.G]));
                    if (value < bound - 1e-9 * Math.Max(1, bound)) (bound, sinceBetter) = (value, 0);
                    else if (++sinceBetter >= StallSteps) (pi, sinceBetter) = (pi / 2, 0);

                    var repaired = Repair(problem, schedules, values);
                    var worth = Value(problem, repaired, values);
                    if (worth > best) (best, served) = (worth, repaired);
                    history.Add(new ProgressPoint(steps + 1, best, bound, clock.Elapsed.TotalSeconds));
                    if (Closed(best, bound, options))
                    {
                        stopped = "gap";
                        break;
                    }

                    if (pi < MinStepFactor)
                    {
                        stopped = "step size";
                        break;
                    }

                    // γ = R − Σ_s u at the relaxed rows.
                    var use = rows.ToDictionary(r => r, _ => 0);
                    foreach (var a in schedules.SelectMany(x => x))
                        foreach (var g in nodeStations[a.Node])
                            if (use.ContainsKey((g, a.Interval))) use[(g, a.Interval)]++;
                    var gamma = rows.ToDictionary(r => r, r => (double)(fleet.Receivers(stations[r.G]) - use[r]));
                    var norm = gamma.Values.Sum(x => x * x);
                    if (norm == 0)
                    {
                        stopped = "subgradient 0";
                        break;
                    }

                    var theta = pi * Math.Max(value - best, 1e-9 * Math.Max(1, value)) / norm;
                    foreach (var r in rows) lambda[r] = Math.Max(0, lambda[r] - theta * gamma[r]);
                }
            }
            catch (OperationCanceledException)
            {
                stopped = "time_limit";
            }
        }

        var closed = Closed(best, bound, options);
        var status = closed ? SolveStatus.Optimal : stopped == "time_limit" ? SolveStatus.TimeLimit : SolveStatus.Feasible;
        var message = string.Create(CultureInfo.InvariantCulture,
            $"constellation: {rows.Count:N0} contended station rows relaxed, {steps} subgradient steps, stopped by {(closed ? "gap" : stopped)}");
        return new SolveResult(Schedule.FromSatelliteAssignments(problem, served), status, Bound: bound, Message: message, History: history,
            StoppedBy: closed ? "gap" : stopped.Replace(' ', '_'));
    }

    private static bool Closed(double best, double bound, SolverOptions options) =>
        double.IsFinite(bound) && bound - best <= options.RelativeGap * bound + SolverRunner.NumericalTolerance / 10 * Math.Max(1, bound);

    /// <summary>Σ_s of each satellite's DP on v_n K − Σ_{g∈n} λ[g,m] (entries worth nothing dropped), and their schedules.</summary>
    private static (double Value, List<IReadOnlyList<SatelliteAssignment>> Schedules) Evaluate(Problem problem, double[] values, int[][] nodeStations,
        Dictionary<(int G, int T), double> lambda, CancellationToken cancellationToken)
    {
        var total = 0.0;
        var schedules = new List<IReadOnlyList<SatelliteAssignment>>();
        var ones = Enumerable.Repeat(1.0, problem.Nodes.Count).ToArray();
        for (var s = 0; s < problem.SatelliteCount; s++)
        {
            var entries = new List<KeyEntry>();
            foreach (var e in problem.KeysOf(s).Entries())
            {
                var worth = values[e.Node] * e.Bits;
                foreach (var g in nodeStations[e.Node]) worth -= lambda.GetValueOrDefault((g, e.Interval));
                if (worth > 0) entries.Add(e with { Bits = worth });
            }

            var dp = IntervalDp.Maximise(KeyMatrix.FromEntries(problem.IntervalCount, problem.Nodes.Count, entries), problem.SwitchIntervals, ones, cancellationToken);
            total += dp.Value;
            var satellite = s;
            schedules.Add(dp.Assignments.Select(a => new SatelliteAssignment(satellite, a.Interval, a.Node)).ToList());
        }

        return (total, schedules);
    }

    /// <summary>The relaxed schedules made feasible: satellites in order of their value, receptions the receivers forbid dropped.</summary>
    private static List<SatelliteAssignment> Repair(Problem problem, List<IReadOnlyList<SatelliteAssignment>> schedules, double[] values)
    {
        var receivers = new ReceiverOccupancy(problem);
        var kept = new List<SatelliteAssignment>();
        foreach (var schedule in schedules.OrderByDescending(x => Value(problem, x, values)))
            foreach (var a in schedule)
                if (receivers.CanHold(a.Satellite, a.Interval, a.Node))
                {
                    receivers.Hold(a.Satellite, a.Interval, a.Node);
                    kept.Add(a);
                }

        return MinContact.Enforce(problem, kept).ToList();
    }

    private static double Value(Problem problem, IEnumerable<SatelliteAssignment> served, double[] values) =>
        served.Sum(a => values[a.Node] * problem.KeysOf(a.Satellite)[a.Interval, a.Node]);
}
