using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Testing;

namespace QkdScheduler.Solvers.Tests.Contract;

/// <summary>
/// Every built-in solver stops within its time limit plus 1 s or 5 % (whichever is more), on instances built to defeat
/// one: S ≥ M (the whole horizon one stretch, every column as long as the week), many nodes, and many intervals. And a
/// solver given a limit returns its best feasible schedule: where dp's td search finds one, the solvers that start
/// from it (mip, cpsat, lagrange) do not end with no_solution. Run alone, since the wall clock is what is checked.
/// </summary>
[Collection(nameof(TimeLimitTests))]
[Trait("Category", "Slow")]
public class TimeLimitTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);

    private static double Allowed => Limit.TotalSeconds + Math.Max(1.0, 0.05 * Limit.TotalSeconds);

    private static Problem Hostile(string kind) => kind switch
    {
        "s-at-least-m" => TestProblems.Random(new Random(1), 20_000, 11, 20_000, 0.97),
        "many-nodes" => TestProblems.Random(new Random(2), 3_000, 200, 1, 0.97),
        "many-intervals" => TestProblems.Random(new Random(3), 40_000, 20, 1, 0.95),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static IEnumerable<object[]> Cases() =>
        from kind in new[] { "s-at-least-m", "many-nodes", "many-intervals" }
        from solver in new[] { "greedy", "dp", "ga", "cpsat", "mip", "lagrange" }
        select new object[] { kind, solver };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_solver_stops_within_its_limit_and_returns_its_best_feasible_schedule(string kind, string solver)
    {
        var problem = Hostile(kind);
        var plugin = SolverContractTests.Catalog.Get(solver);
        var dpTd = SolverRunner.Run(SolverContractTests.Catalog.Get("dp"), problem, new SolverOptions(Strategy.Td));
        foreach (var strategy in new[] { Strategy.Gd, Strategy.Pd, Strategy.Td })
        {
            var r = SolverRunner.Run(plugin, problem, new SolverOptions(strategy, TimeLimit: Limit));
            Assert.True(r.WallSeconds <= Allowed, $"{solver} {strategy.ToName()} on {kind}: {r.WallSeconds:0.00} s with a {Limit.TotalSeconds} s limit ({r.Status.ToName()})");
            Assert.NotEqual(SolveStatus.Error, r.Status);
            if (strategy == Strategy.Td && solver is "mip" or "cpsat" or "lagrange" && dpTd.Status is SolveStatus.Optimal or SolveStatus.Feasible)
                Assert.True(r.Status is SolveStatus.Optimal or SolveStatus.Feasible or SolveStatus.TimeLimit,
                    $"{solver} td on {kind}: {r.Status.ToName()} where dp's td search finds a feasible schedule ({dpTd.Objective:G6})");
        }
    }
}

[CollectionDefinition(nameof(TimeLimitTests), DisableParallelization = true)]
public sealed class TimeLimitTestsCollection;
