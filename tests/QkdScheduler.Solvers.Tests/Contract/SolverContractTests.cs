using QkdScheduler.Solvers.BuiltIn;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Testing;

namespace QkdScheduler.Solvers.Tests.Contract;

/// <summary>The solver contract of docs/architecture.md, checked for every built-in solver (the list the CLI registers).</summary>
public class SolverContractTests
{
    internal static readonly SolverCatalog Catalog =
        BuiltInSolvers.Catalog();

    /// <summary>Every registered solver: one that cannot run here fails its cases (see <see cref="Every_registered_solver_can_run_here"/>), it is not skipped.</summary>
    public static IEnumerable<object[]> Cases() =>
        from s in Catalog.All
        from strategy in new[] { "gd", "pd", "td" }
        select new object[] { s.Name, strategy };

    /// <summary>Each built-in solver project registers its solvers; a new plugin adds to the list without changing this test.</summary>
    [Fact]
    public void Catalog_HasTheBuiltInSolvers_WithUniqueNames()
    {
        Assert.Subset(Catalog.All.Select(s => s.Name).ToHashSet(), new HashSet<string> { "cpsat", "dp", "ga", "greedy", "lagrange", "mip" });
        Assert.Equal(Catalog.All.Count, Catalog.All.Select(s => s.Name.ToLowerInvariant()).Distinct().Count());
        Assert.All(Catalog.All, s => Assert.Matches("^[a-z][a-z0-9_-]*$", s.Name));
    }

    [Fact]
    public void Every_registered_solver_can_run_here() =>
        Assert.All(Catalog.All, s => Assert.True(s.UnavailableReason is null, $"{s.Name} is unavailable: {s.UnavailableReason}"));

    /// <summary>Seeds 0-9 in the fast suite; <see cref="Solve_MoreRandomInstances_ValidatorAcceptsEverySchedule"/> adds 10-29.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Solve_RandomInstances_ValidatorAcceptsEverySchedule(string solver, string strategy) =>
        ValidatorAcceptsEverySchedule(solver, strategy, Enumerable.Range(0, 10));

    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("Category", "Slow")]
    public void Solve_MoreRandomInstances_ValidatorAcceptsEverySchedule(string solver, string strategy) =>
        ValidatorAcceptsEverySchedule(solver, strategy, Enumerable.Range(10, 20));

    private static void ValidatorAcceptsEverySchedule(string solver, string strategy, IEnumerable<int> seeds)
    {
        var s = StrategyNames.Parse(strategy);
        foreach (var seed in seeds)
        {
            var p = TestProblems.Random(new Random(seed), 80, 1 + seed % 4, seed % 5, 0.5);
            var r = SolverRunner.Run(Catalog.Get(solver), p, new SolverOptions(s, Seed: seed));
            Assert.True(Validator.Check(p, r.Schedule, s, 0.05).IsValid, $"seed {seed}: {r.Message}");
            // td may find nothing in the band (no_solution) or prove that nothing is (infeasible); gd and pd always have a schedule.
            Assert.Contains(r.Status, s == Strategy.Td
                ? new[] { SolveStatus.Optimal, SolveStatus.Feasible, SolveStatus.NoSolution, SolveStatus.Infeasible }
                : new[] { SolveStatus.Optimal, SolveStatus.Feasible });
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
        Assert.Contains(a.Status, new[] { SolveStatus.Optimal, SolveStatus.Feasible });
        Assert.NotEmpty(a.Schedule.Contacts);
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

    private const double PromptSeconds = 3;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Solve_TimeLimit_IsHonoured(string solver, string strategy)
    {
        // A large instance with a tiny limit: the solver must come back promptly with a valid schedule. "Promptly" is
        // generous (a busy CI machine), but far below what any of them needs to finish this instance without a limit.
        var p = TestProblems.Random(new Random(5), 200_000, 4, 3, 0.7);
        var r = SolverRunner.Run(Catalog.Get(solver), p, new SolverOptions(StrategyNames.Parse(strategy), TimeLimit: TimeSpan.FromMilliseconds(1)));
        Assert.True(Validator.Check(p, r.Schedule).IsValid);
        Assert.Contains(r.Status, new[] { SolveStatus.TimeLimit, SolveStatus.Optimal, SolveStatus.Feasible, SolveStatus.NoSolution });
        Assert.InRange(r.WallSeconds, 0, PromptSeconds);
    }
}
