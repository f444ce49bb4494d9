using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Testing;

namespace QkdScheduler.Core.Tests.Solving;

/// <summary>The runner checks a solver's status and bound against the schedule it returned.</summary>
public sealed class RunnerEvidenceTests
{
    /// <summary>A solver that serves A in intervals 0..3 (K = 1, 2, 3, 4: objective 10) and claims whatever it is told to.</summary>
    private sealed class ClaimingSolver(SolveStatus status, double? bound, bool serve = true) : ISolver
    {
        public string Name => "claims";
        public string Description => "test double";
        public bool UsesSeed => false;
        public string? UnavailableReason => null;
        public IReadOnlyList<SolverParameter> Parameters { get; } = [];

        public SolveResult Solve(Problem problem, SolverOptions options, CancellationToken cancellationToken) =>
            new(serve ? Schedule.FromAssignments(problem, Enumerable.Range(0, 4).Select(m => new Assignment(m, 0)).ToList()) : Schedule.Empty, status, bound);
    }

    private static readonly Problem Four = TestProblems.FromDense([[1.0], [2.0], [3.0], [4.0]], 0);

    private static SolveReport Run(SolveStatus status, double? bound, double gap = 0) =>
        SolverRunner.Run(new ClaimingSolver(status, bound), Four, new SolverOptions(RelativeGap: gap));

    [Theory]
    [InlineData(SolveStatus.Optimal, 9.0, ClaimProblem.BoundBelowObjective)]
    [InlineData(SolveStatus.Feasible, double.NaN, ClaimProblem.NonFiniteBound)]
    [InlineData(SolveStatus.Feasible, double.PositiveInfinity, ClaimProblem.NonFiniteBound)]
    [InlineData(SolveStatus.Optimal, 11.0, ClaimProblem.OptimalOutsideGap)]
    public void Claims_the_schedule_does_not_support_are_errors(SolveStatus status, double bound, ClaimProblem problem)
    {
        var r = Run(status, bound);
        Assert.Equal(SolveStatus.Error, r.Status);
        Assert.Equal(problem, r.ClaimViolation);
        Assert.Null(r.Gap); // never a gap of 0 from a bound that is not evidence
    }

    /// <summary>
    /// Two nodes with equal target shares: serving only A (10 of 10 keys, 100 % against 50 % ± 5 %) breaks the td band.
    /// That is the solver's rule broken, not a proof that no schedule meets the band (which is what infeasible says).
    /// </summary>
    [Fact]
    public void A_schedule_outside_the_share_band_is_rule_broken_not_infeasible()
    {
        var two = TestProblems.FromDense([[1.0, 1.0], [2.0, 1.0], [3.0, 1.0], [4.0, 1.0]], 0);
        var r = SolverRunner.Run(new ClaimingSolver(SolveStatus.Optimal, 10), two, new SolverOptions(Strategy.Td));
        Assert.Equal(SolveStatus.RuleBroken, r.Status);
        Assert.Contains("breaks the td rule: node 'A' receives 100.00 %", r.Message);
        Assert.Null(r.Gap);
        Assert.True(r.Status.IsFailure());
    }

    [Fact]
    public void Optimal_without_a_bound_is_an_error()
    {
        var r = Run(SolveStatus.Optimal, null);
        Assert.Equal(SolveStatus.Error, r.Status);
        Assert.Equal(ClaimProblem.OptimalWithoutBound, r.ClaimViolation);
        Assert.Null(r.Gap);
    }

    /// <summary>
    /// S-TD: an empty schedule meets the share rule only trivially. Without a proof it is
    /// no_solution; with a proven bound of 0 it is infeasible (no schedule that delivers keys meets the rule).
    /// </summary>
    [Theory]
    [InlineData(SolveStatus.Feasible, null, SolveStatus.NoSolution)]
    [InlineData(SolveStatus.TimeLimit, null, SolveStatus.NoSolution)]
    [InlineData(SolveStatus.Feasible, 7.5, SolveStatus.NoSolution)]
    [InlineData(SolveStatus.Optimal, 0.0, SolveStatus.Infeasible)]
    public void An_empty_targeted_schedule_is_not_a_solution(SolveStatus claimed, double? bound, SolveStatus reported)
    {
        var r = SolverRunner.Run(new ClaimingSolver(claimed, bound, serve: false), Four, new SolverOptions(Strategy.Td));
        Assert.Equal(reported, r.Status);
        Assert.Equal(0, r.Metrics.TotalBits);
        Assert.Null(r.ClaimViolation);
    }

    [Fact]
    public void An_empty_schedule_is_still_a_solution_for_gd_and_where_nothing_can_be_delivered()
    {
        Assert.Equal(SolveStatus.Feasible, SolverRunner.Run(new ClaimingSolver(SolveStatus.Feasible, null, serve: false), Four, new SolverOptions(Strategy.Gd)).Status);
        var nothing = TestProblems.FromDense([[0.0], [0.0]], 0);
        Assert.Equal(SolveStatus.Optimal, SolverRunner.Run(new ClaimingSolver(SolveStatus.Optimal, 0, serve: false), nothing, new SolverOptions(Strategy.Td)).Status);
    }

    [Theory]
    [InlineData(SolveStatus.Optimal, 10.0)]
    [InlineData(SolveStatus.Optimal, 10.000001)]
    [InlineData(SolveStatus.Feasible, 12.0)]
    [InlineData(SolveStatus.Feasible, null)]
    public void Honest_claims_pass(SolveStatus status, double? bound) => Assert.Equal(status, Run(status, bound).Status);

    /// <summary>With --gap 0.1 a bound 10 % above the objective may still be called optimal: the user allowed that gap.</summary>
    [Fact]
    public void The_stated_gap_is_allowed() => Assert.Equal(SolveStatus.Optimal, Run(SolveStatus.Optimal, 11.0, gap: 0.1).Status);
}
