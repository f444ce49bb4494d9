using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.Exact;
using QkdScheduler.Solvers.Mip;
using QkdScheduler.Solvers.Tests.Exact;
using QkdScheduler.Testing;

namespace QkdScheduler.Solvers.Tests.Mip;

/// <summary>The cpsat plugin: CP-SAT on the unit-flow model.</summary>
public class CpSatSolverTests
{
    private static readonly CpSatSolver CpSat = new();

    [Fact]
    public void Cpsat_is_available_here() => Assert.Null(CpSat.UnavailableReason);

    /// <summary>
    /// Stopped long before the end (1 s on the Polnik week, 15 stretches for gd), cpsat and mip never return less than
    /// the warm start they were given: a stretch not reached, or solved worse than its start, keeps the start's part.
    /// </summary>
    [Theory]
    [InlineData("cpsat")]
    [InlineData("mip")]
    public void A_solve_stopped_early_never_returns_less_than_its_warm_start(string solver)
    {
        var p = InstanceFiles.Read(Path.Combine(RepositoryPaths.Root(), "instances", "polnik2020-uk-week"));
        var warm = SolverRunner.Run(new DpSolver(), p, new SolverOptions(Strategy.Gd));
        ISolver plugin = solver == "cpsat" ? CpSat : new MipSolver();
        var r = SolverRunner.Run(plugin, p, new SolverOptions(Strategy.Gd, TimeLimit: TimeSpan.FromSeconds(1), WarmStart: warm.Schedule));
        Assert.NotEqual(SolveStatus.Error, r.Status);
        Assert.True(r.Objective >= warm.Objective, $"{solver}: {r.Objective} below its warm start {warm.Objective} ({r.Message})");
    }

    [Theory]
    [MemberData(nameof(DpSolverTests.RandomCases), MemberType = typeof(DpSolverTests))]
    public void Gd_and_pd_are_proven_optimal_and_equal_exhaustive_search(int seed, int nodes, int intervals, int s, double zeros)
    {
        var p = TestProblems.Random(new Random(seed), intervals, nodes, s, zeros);
        foreach (var strategy in new[] { Strategy.Gd, Strategy.Pd })
        {
            var values = strategy == Strategy.Gd ? p.Nodes.Select(_ => 1.0).ToArray() : p.Nodes.Select(x => x.Weight).ToArray();
            var expected = Exhaustive.Best(p, values);
            var r = SolverRunner.Run(CpSat, p, new SolverOptions(strategy));
            Assert.True(r.Status == SolveStatus.Optimal, $"{strategy} {r.Status}: {r.Message}");
            Assert.Equal(expected, r.Objective, 9);
            Assert.True(r.Bound >= expected - 1e-6 * Math.Max(1, expected), $"bound {r.Bound} below the optimum {expected}");
        }
    }

    /// <summary>
    /// cpsat makes the fractional share rows stricter by at most 2^-k per coefficient (k ≥ 30 here, as
    /// the tiny models' activities are small), which is inside the rule for ε − 1e-6 (q_n ≥ 0.1 in
    /// these instances, so 2^-30 / q_n &lt; 1e-8). So its objective lies between the exhaustive optima
    /// for ε − 1e-6 and for ε, it claims no bound, and its schedule meets the rule.
    /// </summary>
    [Theory]
    [MemberData(nameof(MipSolverTests.TdCases), MemberType = typeof(MipSolverTests))]
    public void Td_lies_between_the_optima_of_the_rule_and_the_slightly_stricter_rule(int seed, int nodes, int intervals, int s, double zeros, double eps)
    {
        var p = TestProblems.Random(new Random(seed), intervals, nodes, s, zeros);
        var r = SolverRunner.Run(CpSat, p, new SolverOptions(Strategy.Td, eps));
        var optimum = Exhaustive.BestTargeted(p, eps);
        var stricter = Exhaustive.BestTargeted(p, eps - 1e-6);
        Assert.True(r.Objective <= optimum + 1e-6 && r.Objective >= stricter - 1e-6, $"{r.Objective} not in [{stricter}, {optimum}]: {r.Message}");
        Assert.Null(r.Bound);
        Assert.Contains(r.Status, new[] { SolveStatus.Feasible, SolveStatus.NoSolution });
        Assert.True(Validator.Check(p, r.Schedule, Strategy.Td, eps).IsValid);
    }

    /// <summary>The Polnik week takes CP-SAT minutes on 2 cores: a long proof, in the Slow category.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void Polnik_week_gd_and_pd_are_proven_optimal_and_equal_dp() => Published_weeks_gd_and_pd_are_proven_optimal_and_equal_dp("polnik2020-uk-week");

    [Theory]
    [InlineData("micius-china11-2016w38")]
    public void Published_weeks_gd_and_pd_are_proven_optimal_and_equal_dp(string instance)
    {
        var p = InstanceFiles.Read(Path.Combine(RepositoryPaths.Root(), "instances", instance));
        foreach (var strategy in new[] { Strategy.Gd, Strategy.Pd })
        {
            var dp = SolverRunner.Run(new DpSolver(), p, new SolverOptions(strategy));
            var r = SolverRunner.Run(CpSat, p, new SolverOptions(strategy, Threads: 2));
            Assert.True(r.Status == SolveStatus.Optimal, $"{strategy} {r.Status}: {r.Message}");
            Assert.Equal(dp.Objective, r.Objective, dp.Objective * 1e-9);
        }
    }

    /// <summary>
    /// Stopped by CP-SAT's deterministic time (not the clock) on 2 workers, a td solve of the Micius week, which CP-SAT does
    /// not finish, returns the same schedule twice for the same seed: the determinism the solver claims.
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void A_deterministic_limit_repeats_exactly_for_a_seed_and_thread_count()
    {
        var p = InstanceFiles.Read(Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38"));
        var options = new SolverOptions(Strategy.Td, Seed: 3, Threads: 2, Parameters: new Dictionary<string, string> { ["deterministic-seconds"] = "1" });
        var first = SolverRunner.Run(CpSat, p, options);
        var second = SolverRunner.Run(CpSat, p, options);
        Assert.NotEqual(SolveStatus.Error, first.Status);
        Assert.NotEqual(SolveStatus.Optimal, first.Status); // stopped by the limit, not finished
        Assert.Equal(first.Objective, second.Objective);
        Assert.Equal(first.Schedule.ServedAssignments(p), second.Schedule.ServedAssignments(p));
    }
}
