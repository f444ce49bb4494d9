using QkdScheduler.Core;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.Exact;
using QkdScheduler.Solvers.Genetic;
using QkdScheduler.Solvers.Greedy;
using QkdScheduler.Solvers.Lagrange;
using QkdScheduler.Solvers.Mip;
using QkdScheduler.Testing;

namespace QkdScheduler.Solvers.Tests.Constellation;

/// <summary>Every solver that takes constellations, against the brute force on tiny random instances with pair nodes, receivers and slew.</summary>
public class ConstellationSolverTests
{
    /// <summary>
    /// 2–3 satellites, 3–4 intervals, 2–3 nodes over 2–3 stations (pairs among them), S = 0..1, S_st = 0..2, station g0
    /// sometimes with two receivers: small enough for the brute force, contended enough that receivers decide.
    /// </summary>
    public static TheoryData<int> Seeds() => new(Enumerable.Range(0, 24));

    private static Problem Instance(int seed)
    {
        var rng = new Random(seed);
        var satellites = 2 + seed % 2;
        return TestProblems.RandomConstellation(rng, satellites, satellites == 3 ? 3 : 4, rng.Next(2, 4), rng.Next(2, 4), rng.Next(0, 2),
            rng.Next(0, 3), 0.4, twoAtFirst: seed % 3 == 0);
    }

    private static double[] Values(Problem p, Strategy strategy) =>
        strategy == Strategy.Pd ? p.Nodes.Select(n => n.Weight).ToArray() : p.Nodes.Select(_ => 1.0).ToArray();

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mip_proves_the_brute_force_optimum_of_gd_pd_and_td(int seed)
    {
        var p = Instance(seed);
        foreach (var strategy in new[] { Strategy.Gd, Strategy.Pd, Strategy.Td })
        {
            var expected = ExhaustiveConstellation.Best(p, Values(p, strategy), strategy == Strategy.Td ? 0.05 : null);
            var mip = SolverRunner.Run(new MipSolver(), p, new SolverOptions(strategy));
            var status = strategy == Strategy.Td && expected == 0 ? SolveStatus.Infeasible : SolveStatus.Optimal;
            Assert.True(mip.Status == status, $"{strategy} {mip.Status}: {mip.Message}");
            Assert.Equal(expected, mip.Objective, 6);
            if (status == SolveStatus.Optimal) Assert.Equal(expected, mip.Bound!.Value, 6);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Cpsat_proves_gd_and_pd_and_meets_td(int seed)
    {
        var p = Instance(seed);
        foreach (var strategy in new[] { Strategy.Gd, Strategy.Pd })
        {
            var expected = ExhaustiveConstellation.Best(p, Values(p, strategy));
            var cpsat = SolverRunner.Run(new CpSatSolver(), p, new SolverOptions(strategy));
            Assert.True(cpsat.Status == SolveStatus.Optimal, $"{strategy} {cpsat.Status}: {cpsat.Message}");
            Assert.Equal(expected, cpsat.Objective, 6);
        }

        // td: CP-SAT's share rows are made stricter (no bound), so it meets the rule at or below the optimum.
        var td = SolverRunner.Run(new CpSatSolver(), p, new SolverOptions(Strategy.Td));
        Assert.False(td.Status.IsFailure(), td.Message);
        Assert.True(td.Objective <= ExhaustiveConstellation.Best(p, Values(p, Strategy.Td), 0.05) + 1e-6);
    }

    /// <summary>lagrange's relaxation of the stations: its bound lies above the brute-force optimum, its schedule below, both valid.</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Lagrange_bounds_the_optimum_of_gd_and_pd(int seed)
    {
        var p = Instance(seed);
        foreach (var strategy in new[] { Strategy.Gd, Strategy.Pd })
        {
            var optimum = ExhaustiveConstellation.Best(p, Values(p, strategy));
            var r = SolverRunner.Run(new LagrangeSolver(), p, new SolverOptions(strategy));
            Assert.True(r.Status is SolveStatus.Optimal or SolveStatus.Feasible, $"{strategy} {r.Status}: {r.Message}");
            Assert.True(r.Objective <= optimum + 1e-6);
            Assert.True(r.Bound >= optimum - 1e-6, $"{strategy}: bound {r.Bound} below the optimum {optimum}");
            if (r.Status == SolveStatus.Optimal) Assert.Equal(optimum, r.Objective, 6);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Dp_and_greedy_are_valid_below_the_optimum_and_dp_bounds_it(int seed)
    {
        var p = Instance(seed);
        foreach (var strategy in new[] { Strategy.Gd, Strategy.Pd, Strategy.Td })
        {
            var optimum = ExhaustiveConstellation.Best(p, Values(p, strategy), strategy == Strategy.Td ? 0.05 : null);
            foreach (ISolver solver in new ISolver[] { new DpSolver(), new GreedySolver() })
            {
                var r = SolverRunner.Run(solver, p, new SolverOptions(strategy));
                Assert.False(r.Status.IsFailure() || r.Status == SolveStatus.Infeasible, $"{solver.Name} {strategy} {r.Status}: {r.Message}");
                Assert.True(r.Objective <= optimum + 1e-6, $"{solver.Name} {strategy}: {r.Objective} above the optimum {optimum}");
                if (r.Bound is { } bound) Assert.True(bound >= optimum - 1e-6, $"{solver.Name} {strategy}: bound {bound} below the optimum {optimum}");
            }
        }
    }

    /// <summary>
    /// By hand: two satellites see station X in interval 0 and 1 (10 and 8 bits; satellite 1: 7 and 9), X has one receiver
    /// and S_st = 1. Serving s0 in 0 and s1 in 1 would switch the receiver without an idle interval, so the best is one
    /// satellite for both intervals, 10 + 8 = 18 (s1 alone: 16); with two receivers both serve everything: 34.
    /// </summary>
    [Theory]
    [InlineData(1, 18)]
    [InlineData(2, 34)]
    public void Slew_and_receivers_by_hand(int receivers, double expected)
    {
        var p = TestProblems.Constellation([[[10], [8]], [[7], [9]]], [["X"]], 0, 1, new Dictionary<string, int> { ["X"] = receivers });
        Assert.Equal(expected, ExhaustiveConstellation.Best(p, [1.0]));
        var mip = SolverRunner.Run(new MipSolver(), p, new SolverOptions(Strategy.Gd));
        Assert.Equal(SolveStatus.Optimal, mip.Status);
        Assert.Equal(expected, mip.Objective);
    }

    [Fact]
    public void Solvers_without_constellations_refuse_in_one_line()
    {
        var p = Instance(1);
        ISolver ga = new GaSolver();
        Assert.False(ga.SolvesConstellations);
        var e = Assert.Throws<InputException>(() => SolverRunner.Run(ga, p, new SolverOptions(Strategy.Gd)));
        Assert.Contains("does not solve constellation instances", e.Message);
        Assert.DoesNotContain("\n", e.Message);
        // lagrange relaxes the stations for gd and pd, not td.
        ISolver lagrange = new LagrangeSolver();
        Assert.False(lagrange.Solves(p, Strategy.Td));
        Assert.Contains("does not solve td on constellation instances", Assert.Throws<InputException>(() => SolverRunner.Run(lagrange, p, new SolverOptions(Strategy.Td))).Message);
    }
}
