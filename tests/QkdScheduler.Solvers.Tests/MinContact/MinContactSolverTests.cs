using QkdScheduler.Core;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.Exact;
using QkdScheduler.Solvers.Genetic;
using QkdScheduler.Solvers.Greedy;
using QkdScheduler.Solvers.Lagrange;
using QkdScheduler.Solvers.Mip;
using QkdScheduler.Solvers.Tests.Constellation;
using QkdScheduler.Testing;

namespace QkdScheduler.Solvers.Tests.MinContact;

/// <summary>
/// The minimum contact length (docs/architecture.md, "Minimum contact length") in every solver, against the brute force
/// (<see cref="Exhaustive"/>, <see cref="ExhaustiveConstellation"/>, which check the rule literally) on tiny instances.
/// </summary>
public class MinContactSolverTests
{
    public static TheoryData<int> Seeds() => new(Enumerable.Range(0, 20));

    /// <summary>6–8 intervals, 2–3 nodes, S = 0..2, L = 2..4, about a third of K zero.</summary>
    private static Problem Instance(int seed)
    {
        var rng = new Random(1000 + seed);
        var nodes = 2 + seed % 2;
        var p = TestProblems.Random(rng, nodes == 3 ? 6 : 8, nodes, rng.Next(0, 3), 0.3);
        return p.WithMinContactIntervals(2 + seed % 3);
    }

    private static double[] Values(Problem p, Strategy strategy) =>
        strategy == Strategy.Pd ? p.Nodes.Select(n => n.Weight).ToArray() : p.Nodes.Select(_ => 1.0).ToArray();

    private static double Optimum(Problem p, Strategy strategy) =>
        strategy == Strategy.Td ? Exhaustive.BestTargeted(p, SolverOptions.DefaultShareTolerance) : Exhaustive.Best(p, Values(p, strategy));

    /// <summary>
    /// By hand, S = 0: A gets 5 in intervals 0, 1, 3, 4, 5 and B gets 9 in interval 2. With no rule the optimum serves
    /// everything: 5 + 5 + 9 + 5 + 5 + 5 = 34. L = 2: B's single interval is too short, so A in 0–1 and 3–5: 25; but
    /// A's gap at 2 could not be bridged anyway (A has no key there). L = 3: 0–1 is too short, only 3–5: 15. L = 4: nothing.
    /// </summary>
    [Theory]
    [InlineData(1, 34)]
    [InlineData(2, 25)]
    [InlineData(3, 15)]
    [InlineData(4, 0)]
    public void Exact_solvers_meet_a_hand_calculation(int minContact, double expected)
    {
        var p = TestProblems.FromDense([[5, 0], [5, 0], [0, 9], [5, 0], [5, 0], [5, 0]], 0).WithMinContactIntervals(minContact);
        Assert.Equal(expected, Exhaustive.Best(p, [1.0, 1.0]));
        foreach (ISolver solver in new ISolver[] { new DpSolver(), new MipSolver(), new CpSatSolver(), new LagrangeSolver() })
        {
            var r = SolverRunner.Run(solver, p, new SolverOptions(Strategy.Gd));
            Assert.True(r.Status == SolveStatus.Optimal, $"{solver.Name}: {r.Status} {r.Message}");
            Assert.Equal(expected, r.Objective, 9);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Solvers_that_claim_an_optimum_agree_with_the_brute_force(int seed)
    {
        var p = Instance(seed);
        foreach (var strategy in new[] { Strategy.Gd, Strategy.Pd, Strategy.Td })
        {
            var optimum = Optimum(p, strategy);
            foreach (ISolver solver in new ISolver[] { new DpSolver(), new MipSolver(), new CpSatSolver(), new LagrangeSolver(), new GreedySolver(), new GaSolver() })
            {
                var options = new SolverOptions(strategy, Seed: seed, Parameters: solver is GaSolver ? new Dictionary<string, string> { ["generations"] = "60" } : null);
                var r = SolverRunner.Run(solver, p, options);
                var what = $"seed {seed} L {p.MinContactIntervals} {solver.Name} {strategy.ToName()}: {r.Status} {r.Objective} (optimum {optimum}; {r.Message})";
                Assert.False(r.Status is SolveStatus.RuleBroken or SolveStatus.Error, what);
                if (r.Status == SolveStatus.Infeasible) Assert.True(optimum == 0, what);
                Assert.True(r.Objective <= optimum + 1e-9, what);
                if (r.Status == SolveStatus.Optimal) Assert.True(Math.Abs(r.Objective - optimum) <= 1e-9, what);
                if (r.Bound is { } bound) Assert.True(bound >= optimum - 1e-6, what + $", bound {bound}");
            }

            // gd and pd: the DP is exact under the rule, and so are both MIP engines.
            if (strategy == Strategy.Td) continue;
            foreach (ISolver exact in new ISolver[] { new DpSolver(), new MipSolver(), new CpSatSolver() })
                Assert.Equal(SolveStatus.Optimal, SolverRunner.Run(exact, p, new SolverOptions(strategy)).Status);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mip_proves_td_under_the_rule(int seed)
    {
        var p = Instance(seed);
        var optimum = Optimum(p, Strategy.Td);
        var r = SolverRunner.Run(new MipSolver(), p, new SolverOptions(Strategy.Td));
        Assert.True(r.Status == (optimum == 0 ? SolveStatus.Infeasible : SolveStatus.Optimal), $"{r.Status}: {r.Message}");
        Assert.Equal(optimum, r.Objective, 6);
    }

    /// <summary>Constellations: 2 satellites sharing stations, with the rule per satellite.</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Constellation_solvers_agree_with_the_brute_force(int seed)
    {
        var rng = new Random(2000 + seed);
        var p = TestProblems.RandomConstellation(rng, 2, 5, rng.Next(2, 4), rng.Next(2, 4), rng.Next(0, 2), rng.Next(0, 2), 0.3, twoAtFirst: seed % 3 == 0)
            .WithMinContactIntervals(2 + seed % 2);
        foreach (var strategy in new[] { Strategy.Gd, Strategy.Pd, Strategy.Td })
        {
            var optimum = ExhaustiveConstellation.Best(p, Values(p, strategy), strategy == Strategy.Td ? SolverOptions.DefaultShareTolerance : null);
            foreach (ISolver solver in new ISolver[] { new DpSolver(), new MipSolver(), new CpSatSolver(), new LagrangeSolver(), new GreedySolver() })
            {
                if (!solver.Solves(p, strategy)) continue;
                var r = SolverRunner.Run(solver, p, new SolverOptions(strategy));
                var what = $"seed {seed} L {p.MinContactIntervals} {solver.Name} {strategy.ToName()}: {r.Status} {r.Objective} (optimum {optimum}; {r.Message})";
                Assert.False(r.Status is SolveStatus.RuleBroken or SolveStatus.Error, what);
                Assert.True(r.Objective <= optimum + 1e-9, what);
                if (r.Status == SolveStatus.Optimal) Assert.True(Math.Abs(r.Objective - optimum) <= 1e-9, what);
                if (r.Bound is { } bound) Assert.True(bound >= optimum - 1e-6, what + $", bound {bound}");
            }

            if (strategy == Strategy.Td) continue;
            var mip = SolverRunner.Run(new MipSolver(), p, new SolverOptions(strategy));
            Assert.Equal(SolveStatus.Optimal, mip.Status);
        }
    }

    /// <summary>Trimming to the share rule under the rule: what is left meets both.</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Share_trimming_keeps_the_minimum_contact_length(int seed)
    {
        var p = Instance(seed);
        var everything = new List<Assignment>();
        var keys = p.Keys;
        for (var row = 0; row < keys.RowCount; row++)
            everything.Add(new Assignment(keys.IntervalOfRow(row), keys.EntryNodes[keys.RowStart(row)]));
        var trimmed = ShareTrimmer.Trim(p, everything, SolverOptions.DefaultShareTolerance);
        var schedule = Schedule.FromAssignments(p, trimmed);
        var check = Validator.Check(p.WithMinContactIntervals(1), schedule, Strategy.Td, SolverOptions.DefaultShareTolerance);
        Assert.True(check.IsValid, check.Violation);
        var rule = Validator.Check(p, schedule);
        Assert.True(rule.IsValid, rule.Violation);
    }

    [Fact]
    public void A_solver_without_the_rule_is_refused_in_one_line()
    {
        var p = Instance(0);
        var e = Assert.Throws<InputException>(() => SolverRunner.Run(new NoRuleSolver(), p, new SolverOptions()));
        Assert.Contains("does not honour a minimum contact length", e.Message);
        Assert.DoesNotContain("\n", e.Message);
        // Without the rule it runs.
        Assert.Equal(SolveStatus.Feasible, SolverRunner.Run(new NoRuleSolver(), p.WithMinContactIntervals(1), new SolverOptions()).Status);
    }

    private sealed class NoRuleSolver : ISolver
    {
        public string Name => "no-rule";
        public string Description => "returns the empty schedule";
        public bool UsesSeed => false;
        public string? UnavailableReason => null;
        public IReadOnlyList<SolverParameter> Parameters => [];
        public SolveResult Solve(Problem problem, SolverOptions options, CancellationToken cancellationToken) => new(Schedule.Empty, SolveStatus.Feasible);
    }
}
