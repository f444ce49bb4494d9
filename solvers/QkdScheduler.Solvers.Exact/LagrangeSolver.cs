using System.Diagnostics;
using System.Globalization;
using QkdScheduler.Core;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.Mip.Engines;

namespace QkdScheduler.Solvers.Exact;

/// <summary>
/// <c>lagrange</c>: S-TD with a proven upper bound, from the Lagrangian dual of the share rows with
/// the exact <see cref="IntervalDp"/> as its oracle; share-respecting schedules come from the
/// dp's td search, from trimming every oracle schedule, and from a restricted master over the oracle
/// schedules cut into independent stretches (<see cref="StretchColumns"/>: coordinate ascent every 200 oracle calls, and at
/// the end coordinate ascent and then the same master as a MIP solved by SCIP). For gd and pd there is nothing to relax:
/// it is the exact DP.
/// </summary>
/// <remarks>
/// S-TD (ARCHITECTURE.md): maximise E = Σ_n E_n subject to, for every node with q_n &gt; 0,
/// <code>
///   E_n − (1+ε) q_n E ≤ 0    (multiplier u_n ≥ 0)
///   (1−ε) q_n E − E_n ≤ 0    (multiplier l_n ≥ 0)
/// </code>
/// Moving both rows into the objective gives, for any u, l ≥ 0, the relaxation
/// <code>
///   L(u, l) = max_x Σ_n c_n E_n(x),   c_n = 1 + A − u_n + l_n,   A = Σ_k q_k ((1+ε) u_k − (1−ε) l_k)
/// </code>
/// over every schedule x that obeys the switching rule (u_n = l_n = 0 for nodes with q_n = 0).
/// Each feasible S-TD schedule makes both added terms ≥ 0, so L(u, l) ≥ its E: every L is a proven
/// bound (weak duality, e.g. Fisher 1981, <i>Management Science</i> 27(1), 1–18, §2), and the
/// inner maximum is the DP with node values c (nodes with c_n ≤ 0 are simply not served).
/// The dual min L is taken by the subgradient method (Held, Wolfe &amp; Crowder 1974,
/// <i>Math. Programming</i> 6, 62–88) with a level (target) step t = (L − T) / ‖g‖²,
/// T = max(E*, L* − δ), where L* is the least L so far and E* the best schedule found
/// (Goffin &amp; Kiwiel 1999, <i>Math. Programming</i> 85, 207–211). g_u = (1+ε) q E(x) − E(x) per node and
/// g_l = E(x) − (1−ε) q E(x) are the slacks of the relaxed rows at the oracle's schedule x.
/// δ starts at 5 % of the first L and halves after <see cref="PatienceIterations"/> iterations
/// without a better bound; the search stops when δ falls below 10⁻⁹ L*.
/// The bound reported is the least L evaluated, so stopping early loses tightness, never validity.
/// </remarks>
public sealed class LagrangeSolver : ISolver
{
    public const string SolverName = "lagrange";

    public static readonly SolverParameter Iterations = SolverParameter.Number(
        new ParameterRule("iterations", 3000, v => v is >= 1 and <= 100_000_000, "1 to 100 000 000"), "td: the most subgradient iterations (DP calls)", whole: true);

    public static readonly SolverParameter MasterSeconds = SolverParameter.Number(
        new ParameterRule("master-seconds", 20, v => v is >= 0 and <= 86_400, "0 to 86 400 s"),
        "td: the most seconds for the final master MIP over the stretch columns (SCIP; within --time-limit; 0 = coordinate ascent only)");

    private const int PatienceIterations = 40;

    /// <summary>The restricted master runs after this many oracle calls (and once at the end).</summary>
    private const int MasterEvery = 200;
    private const double InitialTargetGap = 0.05;
    private const double SmallestStep = 1e-9;

    public string Name => SolverName;
    public string Description => "td with a proven bound: Lagrangian dual of the share rows (subgradient, exact DP oracle), schedules from a master over the oracle's stretch schedules, trimmed; gd/pd: the exact DP";
    public bool UsesSeed => false;
    public string? UnavailableReason => null;
    public IReadOnlyList<SolverParameter> Parameters { get; } = [Iterations, TargetedDeliverySearch.Sweeps, MasterSeconds];

    /// <summary>The final master's engine: SCIP, measured best on these masters (README, MIP section).</summary>
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

        // A schedule that meets the share rule replaces the incumbent when it delivers more.
        void Offer(IReadOnlyList<Assignment> candidate)
        {
            var total = Total(keys, candidate);
            if (total > best) (incumbent, best) = (candidate, total);
        }

        if (options.WarmStart is { } warm && Validator.Check(problem, warm, Strategy.Td, eps).IsValid)
            Offer(warm.ServedAssignments(problem).ToList());

        // Columns for the restricted master: every oracle schedule cut into stretches.
        var columns = new StretchColumns(problem);

        void Master()
        {
            columns.StartFrom(incumbent);
            Offer(ShareTrimmer.Trim(problem, columns.Best(shares, eps, cancellationToken), eps));
        }

        var u = new double[n];
        var l = new double[n];
        var values = new double[n];
        var gu = new double[n];
        var gl = new double[n];
        var bound = double.PositiveInfinity;
        var delta = double.NaN;
        var sinceBetter = 0;
        var iterations = options.WholeNumber(Iterations);
        var done = 0;
        var stoppedBy = "iterations";
        try
        {
            for (; done < iterations; done++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var a = 0.0;
                for (var i = 0; i < n; i++) a += shares[i] * ((1 + eps) * u[i] - (1 - eps) * l[i]);
                for (var i = 0; i < n; i++) values[i] = 1 + a - u[i] + l[i];

                var oracle = IntervalDp.Maximise(keys, problem.SwitchIntervals, values, cancellationToken);
                var delivered = new double[n];
                foreach (var x in oracle.Assignments) delivered[x.Node] += keys[x.Interval, x.Node];
                var total = delivered.Sum();
                var value = 0.0;
                for (var i = 0; i < n; i++) value += values[i] * delivered[i];
                if (double.IsNaN(delta)) delta = InitialTargetGap * value;
                if (value < bound * (1 - 1e-12))
                {
                    bound = value;
                    sinceBetter = 0;
                }
                else if (++sinceBetter >= PatienceIterations)
                {
                    delta /= 2;
                    sinceBetter = 0;
                }

                columns.Add(oracle.Assignments);
                if ((done + 1) % MasterEvery == 0) Master();

                // Lagrangian heuristic: what trimming keeps of the oracle's schedule.
                if (ShareTrimmer.MaxTotal(delivered, shares, eps) > best)
                    Offer(ShareTrimmer.Trim(problem, oracle.Assignments, eps));

                history.Add(new ProgressPoint(done + 1, best, bound, clock.Elapsed.TotalSeconds));
                if (bound - best <= options.RelativeGap * bound + RelativeSlack * Math.Max(1, bound))
                {
                    stoppedBy = "gap";
                    done++;
                    break;
                }

                // Subgradient of L at (u, l): the slacks of the relaxed rows at the oracle's schedule.
                var norm = 0.0;
                for (var i = 0; i < n; i++)
                {
                    if (shares[i] <= 0) continue;
                    gu[i] = (1 + eps) * shares[i] * total - delivered[i];
                    gl[i] = delivered[i] - (1 - eps) * shares[i] * total;
                    norm += gu[i] * gu[i] + gl[i] * gl[i];
                }

                if (norm <= 0 || delta < SmallestStep * bound)
                {
                    stoppedBy = "step";
                    done++;
                    break;
                }

                var step = (value - Math.Max(best, bound - delta)) / norm;
                for (var i = 0; i < n; i++)
                {
                    u[i] = Math.Max(0, u[i] - step * gu[i]);
                    l[i] = Math.Max(0, l[i] - step * gl[i]);
                }
            }
        }
        catch (OperationCanceledException)
        {
            stoppedBy = "time_limit";
        }

        if (stoppedBy != "time_limit" && stoppedBy != "gap")
        {
            try
            {
                Master();
                // The master solved exactly over the same columns (SCIP), within what is left of the time limit.
                var seconds = options.Number(MasterSeconds);
                if (options.TimeLimit is { } limit) seconds = Math.Min(seconds, (limit - clock.Elapsed).TotalSeconds - 0.5);
                if (seconds > 0 && MasterEngine.UnavailableReason == null && bound - best > options.RelativeGap * bound
                    && columns.BestByMip(MasterEngine, shares, eps, seconds, cancellationToken) is { } chosen)
                    Offer(ShareTrimmer.Trim(problem, chosen, eps));
            }
            catch (OperationCanceledException)
            {
                stoppedBy = "time_limit";
            }
        }

        var schedule = Schedule.FromAssignments(problem, incumbent);
        var message = string.Create(CultureInfo.InvariantCulture, $"{done} subgradient iterations, stopped by {stoppedBy}");
        if (double.IsPositiveInfinity(bound))
            return new SolveResult(schedule, SolveStatus.TimeLimit, Message: message + "; no bound yet", History: history, StoppedBy: stoppedBy);
        var status = stoppedBy switch
        {
            "gap" => SolveStatus.Optimal,
            "time_limit" => SolveStatus.TimeLimit,
            _ => SolveStatus.Feasible,
        };
        return new SolveResult(schedule, status, Bound: bound, Message: message, History: history, StoppedBy: stoppedBy);
    }

    /// <summary>Slack for rounding when the bound meets the incumbent (as the runner's).</summary>
    private const double RelativeSlack = SolverRunner.NumericalTolerance / 10;

    private static double Total(KeyMatrix keys, IEnumerable<Assignment> served) => served.Sum(a => keys[a.Interval, a.Node]);
}
