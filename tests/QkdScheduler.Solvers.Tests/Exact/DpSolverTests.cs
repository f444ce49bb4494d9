using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.Exact;
using QkdScheduler.Testing;

namespace QkdScheduler.Solvers.Tests.Exact;

public class DpSolverTests
{
    public static IEnumerable<object[]> RandomCases()
    {
        // 300 tiny instances, each for gd and pd: N = 1..3, M = 1..7 (at most 4^7 assignments), S = 0..4, 0-70 % zeros.
        var rng = new Random(20261122);
        for (var i = 0; i < 300; i++)
        {
            var n = rng.Next(1, 4);
            var m = rng.Next(1, n == 3 ? 8 : 9);
            yield return [i, n, m, rng.Next(0, 5), rng.Next(0, 8) / 10.0];
        }
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void Solve_GdAndPd_EqualsExhaustiveSearch(int seed, int nodes, int intervals, int s, double zeros)
    {
        var p = TestProblems.Random(new Random(seed), intervals, nodes, s, zeros);
        foreach (var strategy in new[] { Strategy.Gd, Strategy.Pd })
        {
            var values = strategy == Strategy.Gd ? p.Nodes.Select(_ => 1.0).ToArray() : p.Nodes.Select(x => x.Weight).ToArray();
            var expected = Exhaustive.Best(p, values);
            var report = SolverRunner.Run(new DpSolver(), p, new SolverOptions(strategy));
            Assert.Equal(SolveStatus.Optimal, report.Status);
            Assert.Equal(expected, report.Objective, 9);
            Assert.Equal(expected, report.Bound!.Value, 9);
        }
    }

    [Fact]
    public void Solve_SwitchingCostsMoreThanItGains_StaysOnOneNode()
    {
        // A pays 5 per interval throughout; B pays 6 in intervals 2..3. With S = 2, switching A→B→A
        // loses 4 intervals of A (20) to gain 12: the optimum serves A everywhere (25).
        var k = Enumerable.Range(0, 5).Select(m => new[] { 5.0, m is 2 or 3 ? 6 : 0 }).ToArray();
        var p = TestProblems.FromDense(k, 2);
        var r = SolverRunner.Run(new DpSolver(), p, new SolverOptions(Strategy.Gd));
        Assert.Equal(25, r.Objective);
        Assert.Equal([new Contact("A", 0, 4)], r.Schedule.Contacts);
    }

    [Fact]
    public void Solve_SwitchWorthIt_LeavesExactlySIdleIntervals()
    {
        // A pays 1 in 0..1, B pays 10 in 4..5; S = 2 allows both (2 idle intervals: 2, 3).
        var k = new[] { new[] { 1.0, 0 }, [1.0, 0], [0.0, 0], [0.0, 0], [0.0, 10], [0.0, 10] };
        var r = SolverRunner.Run(new DpSolver(), TestProblems.FromDense(k, 2), new SolverOptions(Strategy.Gd));
        Assert.Equal(22, r.Objective);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.2)]
    public void Solve_Td_MeetsShareRuleOnRandomInstances(double eps)
    {
        var delivered = 0;
        for (var seed = 0; seed < 40; seed++)
        {
            var p = TestProblems.Random(new Random(seed), 60, 3, 2, 0.4);
            var r = SolverRunner.Run(new DpSolver(), p, new SolverOptions(Strategy.Td, eps));
            // A heuristic: it may find nothing in the band (no_solution), never claim more.
            Assert.Contains(r.Status, new[] { SolveStatus.Feasible, SolveStatus.NoSolution });
            Assert.True(Validator.Check(p, r.Schedule, Strategy.Td, eps).IsValid);
            Assert.Null(r.Bound);
            if (r.Status == SolveStatus.Feasible) delivered++;
        }

        Assert.True(delivered >= 30, $"keys in the band on only {delivered} of 40 instances");
    }

    [Fact]
    public void Solve_Td_FindsTheBalancedSchedule()
    {
        // Two nodes visible in separate stretches with equal keys and q = (1/2, 1/2): serving both
        // fully is perfectly balanced (E = 20), and the heuristic must find it.
        var k = Enumerable.Range(0, 20).Select(m => m < 5 ? new[] { 2.0, 1 } : m >= 15 ? new[] { 1.0, 2 } : new[] { 0.0, 0 }).ToArray();
        var r = SolverRunner.Run(new DpSolver(), TestProblems.FromDense(k, 3), new SolverOptions(Strategy.Td, 0.0));
        Assert.Equal(20, r.Objective);
    }

    /// <summary>
    /// The restricted DP of branch-and-price against brute force: on 300 tiny instances, a random restriction (a node
    /// required or forbidden, an entry with K &gt; 0 required or forbidden, a window of one to three intervals of a node
    /// required, "served there at least once", or forbidden) and random node values, its value is the best
    /// over the assignments that meet the restriction (the empty one included when nothing is required), and null when none does.
    /// </summary>
    [Theory]
    [MemberData(nameof(RandomCases))]
    public void Restricted_dp_equals_exhaustive_search(int seed, int nodes, int intervals, int s, double zeros)
    {
        var p = TestProblems.Random(new Random(seed), intervals, nodes, s, zeros);
        var rng = new Random(seed + 7);
        var values = Enumerable.Range(0, nodes).Select(_ => rng.Next(0, 3) / 2.0).ToArray();
        var entries = Enumerable.Range(0, intervals).SelectMany(m => Enumerable.Range(0, nodes).Where(n => p.Keys[m, n] > 0).Select(n => new Assignment(m, n))).ToList();
        var r = StretchRestriction.None;
        if (rng.Next(2) == 0) r = r with { RequiredNodes = [rng.Next(nodes)] };
        if (rng.Next(3) == 0) r = r with { ForbiddenNodes = [rng.Next(nodes)] };
        if (entries.Count > 0 && rng.Next(2) == 0) r = r with { RequiredEntries = [entries[rng.Next(entries.Count)]] };
        if (entries.Count > 0 && rng.Next(2) == 0) r = r with { ForbiddenEntries = [entries[rng.Next(entries.Count)]] };
        var withoutWindows = r;
        NodeWindow RandomWindow()
        {
            var from = rng.Next(intervals);
            return new NodeWindow(rng.Next(nodes), from, Math.Min(intervals - 1, from + rng.Next(3)));
        }

        NodeWindow? need = rng.Next(2) == 0 ? RandomWindow() : null, ban = rng.Next(2) == 0 ? RandomWindow() : null;
        if (need is { } w1) r = r with { RequiredWindows = [w1] };
        if (ban is { } w2) r = r with { ForbiddenWindows = [w2] };

        var expected = Exhaustive.Best(p, values, a =>
        {
            // Serving a node where K = 0 delivers nothing and is no entry: it neither meets nor breaks a restriction.
            var served = Enumerable.Range(0, a.Length).Where(m => a[m] >= 0 && p.Keys[m, a[m]] > 0).Select(m => new Assignment(m, a[m])).ToList();
            bool In(NodeWindow w, Assignment x) => x.Node == w.Node && x.Interval >= w.From && x.Interval <= w.To;
            return withoutWindows.Allows(served) && (need is not { } n || served.Any(x => In(n, x))) && (ban is not { } b || !served.Any(x => In(b, x)));
        });
        var dp = IntervalDp.Maximise(p.Keys, p.SwitchIntervals, values, new RowRange(0, p.Keys.RowCount), r, 1, CancellationToken.None);
        if (expected is null)
        {
            Assert.Null(dp);
            return;
        }

        Assert.NotNull(dp);
        Assert.Equal(expected.Value, dp.Value, 9);
        Assert.True(r.Allows(dp.Assignments), "the DP's schedule breaks the restriction");
        Assert.Equal(dp.Value, dp.Assignments.Sum(a => values[a.Node] * p.Keys[a.Interval, a.Node]), 9);
        for (var i = 1; i < dp.Assignments.Count; i++)
        {
            var (before, after) = (dp.Assignments[i - 1], dp.Assignments[i]);
            Assert.True(after.Interval > before.Interval && (after.Node == before.Node || after.Interval - before.Interval - 1 >= s), $"switching rule broken at interval {after.Interval}");
        }
    }
}
