using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Testing;

namespace QkdScheduler.Core.Tests.Solving;

/// <summary>The runner checks a solver's status and bound against the schedule it returned (issue 14, item 3).</summary>
public sealed class RunnerEvidenceTests
{
    /// <summary>A solver that serves A in intervals 0..3 (K = 1, 2, 3, 4: objective 10) and claims whatever it is told to.</summary>
    private sealed class ClaimingSolver(SolveStatus status, double? bound) : ISolver
    {
        public string Name => "claims";
        public string Description => "test double";
        public bool UsesSeed => false;
        public string? UnavailableReason => null;
        public IReadOnlyList<SolverParameter> Parameters { get; } = [];

        public SolveResult Solve(Problem problem, SolverOptions options, CancellationToken cancellationToken) =>
            new(Schedule.FromAssignments(problem, Enumerable.Range(0, 4).Select(m => new Assignment(m, 0)).ToList()), status, bound);
    }

    private static readonly Problem Four = TestProblems.FromDense([[1.0], [2.0], [3.0], [4.0]], 0);

    private static SolveReport Run(SolveStatus status, double? bound, double gap = 0) =>
        SolverRunner.Run(new ClaimingSolver(status, bound), Four, new SolverOptions(RelativeGap: gap));

    [Theory]
    [InlineData(SolveStatus.Optimal, 9.0, "below its own schedule's objective 10")]
    [InlineData(SolveStatus.Feasible, double.NaN, "a proven bound is a finite number")]
    [InlineData(SolveStatus.Feasible, double.PositiveInfinity, "a proven bound is a finite number")]
    [InlineData(SolveStatus.Optimal, 11.0, "exceeds its objective 10 by more than the stated gap")]
    public void Claims_the_schedule_does_not_support_are_errors(SolveStatus status, double bound, string reason)
    {
        var r = Run(status, bound);
        Assert.Equal(SolveStatus.Error, r.Status);
        Assert.Contains(reason, r.Message);
        Assert.Null(r.Gap); // never a gap of 0 from a bound that is not evidence
    }

    [Fact]
    public void Optimal_without_a_bound_is_an_error() =>
        Assert.Contains("without a bound", Run(SolveStatus.Optimal, null).Message);

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
