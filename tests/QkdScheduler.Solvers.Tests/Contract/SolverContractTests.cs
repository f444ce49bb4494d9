using Microsoft.Extensions.DependencyInjection;
using QkdScheduler.Cli;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Testing;

namespace QkdScheduler.Solvers.Tests.Contract;

/// <summary>The solver contract of ARCHITECTURE.md, checked for every solver the CLI registers.</summary>
public class SolverContractTests
{
    private static readonly SolverCatalog Catalog =
        new ServiceCollection().AddQkdSolvers().BuildServiceProvider().GetRequiredService<SolverCatalog>();

    public static IEnumerable<object[]> Cases() =>
        from s in Catalog.All
        where s.UnavailableReason is null
        from strategy in new[] { "gd", "pd", "td" }
        select new object[] { s.Name, strategy };

    [Fact]
    public void Catalog_HasTheBuiltInSolvers()
    {
        Assert.Contains(Catalog.All, s => s.Name == "dp");
        Assert.Contains(Catalog.All, s => s.Name == "greedy");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Solve_RandomInstances_ValidatorAcceptsEverySchedule(string solver, string strategy)
    {
        var s = StrategyNames.Parse(strategy);
        for (var seed = 0; seed < 30; seed++)
        {
            var p = TestProblems.Random(new Random(seed), 80, 1 + seed % 4, seed % 5, 0.5);
            var r = SolverRunner.Run(Catalog.Get(solver), p, new SolverOptions(s, Seed: seed));
            Assert.True(Validator.Check(p, r.Schedule, s, 0.05).IsValid, $"seed {seed}: {r.Message}");
            Assert.Contains(r.Status, new[] { SolveStatus.Optimal, SolveStatus.Feasible });
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Solve_SameSeed_SameSchedule(string solver, string strategy)
    {
        var p = TestProblems.Random(new Random(7), 200, 3, 3, 0.5);
        var options = new SolverOptions(StrategyNames.Parse(strategy), Seed: 42);
        var a = SolverRunner.Run(Catalog.Get(solver), p, options);
        var b = SolverRunner.Run(Catalog.Get(solver), p, options);
        Assert.Equal(a.Schedule.Contacts, b.Schedule.Contacts);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Solve_CancelledByTheCaller_ReturnsAValidScheduleWithCancelledStatus(string solver, string strategy)
    {
        // The caller's token is the user's Ctrl-C: the runner reports it as cancelled, not as a time limit.
        var p = TestProblems.Random(new Random(3), 200, 3, 3, 0.5);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var r = SolverRunner.Run(Catalog.Get(solver), p, new SolverOptions(StrategyNames.Parse(strategy)), cts.Token);
        Assert.Equal(SolveStatus.Cancelled, r.Status);
        Assert.True(Validator.Check(p, r.Schedule).IsValid);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Solve_TimeLimit_IsHonoured(string solver, string strategy)
    {
        // A large instance with a tiny limit: the solver must come back promptly with a valid schedule.
        var p = TestProblems.Random(new Random(5), 200_000, 4, 3, 0.7);
        var r = SolverRunner.Run(Catalog.Get(solver), p, new SolverOptions(StrategyNames.Parse(strategy), TimeLimit: TimeSpan.FromMilliseconds(1)));
        Assert.True(Validator.Check(p, r.Schedule).IsValid);
        Assert.Contains(r.Status, new[] { SolveStatus.TimeLimit, SolveStatus.Optimal, SolveStatus.Feasible });
    }
}
