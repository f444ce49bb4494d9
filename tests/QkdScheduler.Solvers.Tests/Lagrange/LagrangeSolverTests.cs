using QkdScheduler.Solvers.Lagrange;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Core.Model;
using QkdScheduler.Solvers.Exact;
using QkdScheduler.Solvers.Mip.Formulation;
using QkdScheduler.Solvers.Mip.Model;
using QkdScheduler.Testing;

namespace QkdScheduler.Solvers.Tests.Lagrange;

public class LagrangeSolverTests
{
    /// <summary>Short GA runs: the test is about bounds and validity, not GA quality.</summary>
    private static readonly Dictionary<string, string> QuickGa = new() { ["population"] = "20", ["stagnation"] = "30" };

    /// <summary>lagrange with its schedule heuristics off: dp's td search, dives, the master MIP, the exact trim and the neighbourhood search.</summary>
    private static readonly Dictionary<string, string> NoHeuristics = new() { ["td-sweeps"] = "0", ["dives"] = "0", ["master-seconds"] = "0", ["trim-seconds"] = "0", ["neighbourhoods"] = "0" };

    /// <summary>
    /// 100 tiny td instances (N = 2..3, M ≤ 8, S = 0..3, ε = 0.05): every registered solver's objective ≤ the
    /// exhaustive optimum ≤ every bound a solver reports; the exact solvers for td, lagrange (branch-and-price)
    /// and mip, prove it: status optimal with the exhaustive optimum. With --gap 0.2 lagrange's bound still holds.
    /// </summary>
    [Fact]
    public void Every_solver_is_below_the_exhaustive_optimum_and_every_bound_above_it()
    {
        var rng = new Random(20261123);
        var solvers = Contract.SolverContractTests.Catalog.All.ToList();
        Assert.Contains(solvers, s => s.Name == LagrangeSolver.SolverName);
        var bounded = 0;
        for (var i = 0; i < 100; i++)
        {
            var nodes = rng.Next(2, 4);
            var p = TestProblems.Random(new Random(i), rng.Next(2, nodes == 3 ? 8 : 9), nodes, rng.Next(0, 4), rng.Next(0, 6) / 10.0);
            var optimum = Exhaustive.BestTargeted(p, 0.05);
            foreach (var solver in solvers)
            {
                var options = new SolverOptions(Strategy.Td, Seed: i, Parameters: solver.Name == "ga" ? QuickGa : null);
                var r = SolverRunner.Run(solver, p, options);
                Assert.NotEqual(SolveStatus.Error, r.Status);
                Assert.True(r.Objective <= optimum + 1e-9, $"case {i}, {solver.Name}: objective {r.Objective} above the optimum {optimum}");
                if (solver.Name is LagrangeSolver.SolverName or "mip")
                {
                    Assert.True(r.Status == SolveStatus.Optimal || (optimum == 0 && r.Status is SolveStatus.NoSolution or SolveStatus.Infeasible), $"case {i}, {solver.Name}: {r.Status} ({r.Message})");
                    Assert.Equal(optimum, r.Objective, 6);
                }

                if (r.Bound is not { } bound) continue;
                bounded++;
                Assert.True(bound >= optimum - 1e-6 * Math.Max(1, optimum), $"case {i}, {solver.Name}: bound {bound} below the optimum {optimum}");
            }

            // With --gap 0.2 branch-and-price may stop early, but nodes it closes within the gap still count in its bound
            // (the heuristics are switched off so that it starts from a poor schedule and such nodes occur).
            var loose = SolverRunner.Run(new LagrangeSolver(), p, new SolverOptions(Strategy.Td, RelativeGap: 0.2, Parameters: NoHeuristics));
            Assert.True(loose.Bound >= optimum - 1e-6 * Math.Max(1, optimum), $"case {i}, lagrange --gap 0.2: bound {loose.Bound} below the optimum {optimum}");
        }

        Assert.True(bounded >= 100, $"only {bounded} runs reported a bound"); // lagrange bounds every td run
    }

    /// <summary>
    /// A serves 100 in interval 0, B 60 in interval 2 (S = 0), q = (½, ½), ε = 0.05. Serving both gives shares
    /// 0.625/0.375, one alone breaks the other's band: the optimum delivers nothing. The LP relaxation
    /// (x ∈ [0, 1]², which the Lagrangian dual equals here) serves B fully and A up to
    /// E_A = (1 + ε)/(1 − ε) · 60 = 66.3158: a bound of 126.3158 without branching, so that run ends as no_solution
    /// (not proven infeasible). Branch-and-price then proves the bound 0: infeasible.
    /// </summary>
    [Fact]
    public void Dual_bound_reaches_the_hand_computed_relaxation_and_branching_proves_the_empty_optimum()
    {
        var p = TestProblems.FromDense([[100.0, 0], [0.0, 0], [0.0, 60]], 0);
        var root = SolverRunner.Run(new LagrangeSolver(), p, new SolverOptions(Strategy.Td, Parameters: new Dictionary<string, string> { ["nodes"] = "0" }));
        Assert.Equal(SolveStatus.NoSolution, root.Status);
        Assert.Equal(60 + 60 * 1.05 / 0.95, root.Bound!.Value, 1e-6 * 126.3);

        var exact = SolverRunner.Run(new LagrangeSolver(), p, new SolverOptions(Strategy.Td));
        Assert.Equal(SolveStatus.Infeasible, exact.Status);
        Assert.Equal(0, exact.Bound!.Value);
    }

    /// <summary>A and B pay 10 each in intervals 0 and 1 (S = 0): serving A then B is in the band and takes everything, 20 = the gd bound, so it is proven optimal.</summary>
    [Fact]
    public void A_schedule_meeting_the_bound_is_optimal()
    {
        var p = TestProblems.FromDense([[10.0, 10], [10.0, 10]], 0);
        var r = SolverRunner.Run(new LagrangeSolver(), p, new SolverOptions(Strategy.Td));
        Assert.Equal(SolveStatus.Optimal, r.Status);
        Assert.Equal(20, r.Objective);
        Assert.Equal(20, r.Bound!.Value, 1e-6);
    }

    /// <summary>
    /// On the Micius week the final master MIP (SCIP over the same stretch columns) must beat the coordinate ascent
    /// it starts from, never lose to it, and stay under the same proven bound (the bound comes from the dual alone).
    /// </summary>
    [Fact]
    public void Master_mip_improves_on_the_coordinate_ascent_under_the_same_bound()
    {
        var p = InstanceFiles.Read(Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38"));
        SolveReport Run(string seconds) => SolverRunner.Run(new LagrangeSolver(), p,
            new SolverOptions(Strategy.Td, Parameters: new Dictionary<string, string> { ["master-seconds"] = seconds, ["dives"] = "20", ["neighbourhoods"] = "0", ["nodes"] = "0" }));
        var ascent = Run("0");
        var mip = Run("20");
        Assert.Equal(SolveStatus.Feasible, ascent.Status);
        Assert.NotEqual(SolveStatus.Error, mip.Status);
        Assert.True(mip.Objective > ascent.Objective, $"the master MIP found {mip.Objective}, the ascent {ascent.Objective}");
        Assert.Equal(ascent.Bound!.Value, mip.Bound!.Value, 1e-9 * ascent.Bound.Value);
        Assert.True(mip.Objective <= mip.Bound.Value);
    }

    /// <summary>
    /// The neighbourhood search starts from the best schedule so far and keeps all stretches but a few: on the Micius
    /// week it must find a better schedule than the coordinate ascent alone, and leave the bound as the dual proved it
    /// (its branch-and-price prices the fixed stretches, whose bounds hold only with them fixed). No SCIP time
    /// limit is involved (master-seconds and trim-seconds 0), so both runs are deterministic.
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void Neighbourhood_search_improves_the_ascent_schedule_and_leaves_the_bound()
    {
        var p = InstanceFiles.Read(Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38"));
        SolveReport Run(string neighbourhoods) => SolverRunner.Run(new LagrangeSolver(), p, new SolverOptions(Strategy.Td,
            Parameters: new Dictionary<string, string> { ["master-seconds"] = "0", ["trim-seconds"] = "0", ["dives"] = "20", ["neighbourhoods"] = neighbourhoods, ["nodes"] = "0" }));
        var ascent = Run("0");
        var searched = Run("30");
        Assert.Contains("30 neighbourhoods", searched.Message);
        Assert.True(searched.Objective > ascent.Objective, $"with the neighbourhoods {searched.Objective}, without {ascent.Objective}");
        Assert.Equal(ascent.Bound!.Value, searched.Bound!.Value, 1e-9 * ascent.Bound.Value);
    }

    /// <summary>
    /// A test of correctness, not of speed: the LP relaxation of the whole td flow model (ScheduleFlowModel, the
    /// model mip solves) solved once by GLOP, against lagrange's bound after column generation alone. The
    /// flow polytope is integral, so relaxing the share rows gives the Lagrangian dual, whose optimum is the LP
    /// bound (Geoffrion 1974, <i>Math. Programming Study</i> 2, 82–114, Theorem 1): they must agree to 1e-6.
    /// The Polnik week's LP takes minutes (2 min 21 s here; 90 k rows × 216 k columns), so it is in
    /// <see cref="Lp_bound_on_the_polnik_week"/>, Category=Slow: <c>./run.sh test --filter Category=Slow</c>.
    /// </summary>
    [Fact]
    public void Lagrangian_bound_equals_the_lp_bound_on_the_micius_week() => AssertLpBound("micius-china11-2016w38");

    [Fact]
    [Trait("Category", "Slow")]
    public void Lp_bound_on_the_polnik_week() => AssertLpBound("polnik2020-uk-week");

    private static void AssertLpBound(string instance)
    {
        var p = InstanceFiles.Read(Path.Combine(RepositoryPaths.Root(), "instances", instance));
        var lagrange = SolverRunner.Run(new LagrangeSolver(), p, new SolverOptions(Strategy.Td,
            Parameters: new Dictionary<string, string> { ["dives"] = "0", ["master-seconds"] = "0", ["trim-seconds"] = "0", ["neighbourhoods"] = "0", ["nodes"] = "0" }));
        Assert.Contains("stopped by lp_bound", lagrange.Message);
        var flow = ScheduleFlowModel.Build(p, new RowRange(0, p.Keys.RowCount), p.Nodes.Select(_ => 1.0).ToArray(),
            p.Nodes.Select(x => x.Share).ToArray(), SolverOptions.DefaultShareTolerance);
        var lp = LpRelaxation(flow.Model);
        Assert.True(Math.Abs(lagrange.Bound!.Value - lp) <= 1e-6 * lp, $"{instance}: Lagrangian bound {lagrange.Bound:R}, LP bound {lp:R}");
    }

    /// <summary>The model's LP relaxation (every variable continuous), maximised by GLOP.</summary>
    private static double LpRelaxation(MipModel model)
    {
        using var solver = Google.OrTools.LinearSolver.Solver.CreateSolver("GLOP");
        var x = model.Variables.Select(v => solver.MakeNumVar(v.Lower, v.Upper, v.Name)).ToArray();
        var objective = solver.Objective();
        for (var j = 0; j < x.Length; j++) objective.SetCoefficient(x[j], model.Variables[j].Objective);
        objective.SetMaximization();
        foreach (var c in model.Constraints)
        {
            var row = solver.MakeConstraint(c.Sense == ConstraintSense.LessOrEqual ? double.NegativeInfinity : c.Rhs,
                c.Sense == ConstraintSense.GreaterOrEqual ? double.PositiveInfinity : c.Rhs, c.Name);
            foreach (var (j, a) in c.Terms) row.SetCoefficient(x[j], a);
        }

        Assert.Equal(Google.OrTools.LinearSolver.Solver.ResultStatus.OPTIMAL, solver.Solve());
        return objective.Value();
    }

    [Fact]
    public void Gd_and_pd_are_the_exact_dp()
    {
        var p = TestProblems.Random(new Random(3), 300, 4, 2, 0.5);
        foreach (var strategy in new[] { Strategy.Gd, Strategy.Pd })
        {
            var dp = SolverRunner.Run(new DpSolver(), p, new SolverOptions(strategy));
            var lagrange = SolverRunner.Run(new LagrangeSolver(), p, new SolverOptions(strategy));
            Assert.Equal(SolveStatus.Optimal, lagrange.Status);
            Assert.Equal(dp.Objective, lagrange.Objective);
        }
    }
}
