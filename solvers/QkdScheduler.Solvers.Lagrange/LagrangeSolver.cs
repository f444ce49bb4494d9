using QkdScheduler.Core;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
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

    public string Name => SolverName;
    public string Description => "td, exact with a proven bound: column generation over stretches (GLOP master, exact DP pricing) to the LP bound, price-and-dive, master MIP and exact trim (SCIP), neighbourhood search, then branch-and-price; gd/pd: the exact DP";
    public bool UsesSeed => false;
    public string? UnavailableReason => null;
    public IReadOnlyList<SolverParameter> Parameters { get; } = [Iterations, Dives, TargetedDeliverySearch.Sweeps, MasterSeconds, TrimSeconds, Neighbourhoods, Nodes];

    /// <summary>Constellations for gd and pd: the stations' coupling relaxed (<see cref="StationRelaxation"/>); td is refused.</summary>
    public bool SolvesConstellations => true;

    /// <summary>
    /// A minimum contact length: the exact DP honours it; td's unrestricted pricing honours it too, while pricing under
    /// branch-and-price restrictions ignores it (a relaxation, so every bound holds) and every schedule reaches the
    /// incumbent through the trim that enforces it.
    /// </summary>
    public bool SolvesMinContact => true;

    public bool Solves(Problem problem, Strategy strategy) => !problem.IsConstellation || strategy != Strategy.Td;

    /// <summary>td: the phases of <see cref="TargetedSearch"/>; gd and pd: the exact DP; a constellation: <see cref="StationRelaxation"/>.</summary>
    public SolveResult Solve(Problem problem, SolverOptions options, CancellationToken cancellationToken)
    {
        if (problem.IsConstellation)
            return options.Strategy != Strategy.Td
                ? StationRelaxation.Solve(problem, options, cancellationToken)
                : throw new InputException(null, null, "lagrange solves constellations for gd and pd only; for td use mip (exact) or dp (heuristic)");
        if (options.Strategy != Strategy.Td) return new DpSolver().Solve(problem, options, cancellationToken);
        using var search = new TargetedSearch(problem, options, cancellationToken);
        return search.Run();
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
}
