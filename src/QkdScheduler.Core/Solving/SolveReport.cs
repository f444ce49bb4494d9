using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Core.Solving;

/// <summary>
/// A validated, measured solver run: what <c>solve</c> prints, <c>result.json</c> holds and the
/// bench collects.
/// </summary>
public sealed record SolveReport(
    string Instance,
    string Solver,
    SolverOptions Options,
    SolveResult Result,
    Metrics Metrics,
    SolveStatus Status,
    string? Message,
    double WallSeconds)
{
    public Strategy Strategy => Options.Strategy;
    public Schedule Schedule => Result.Schedule;
    public double Objective => Metrics.Objective(Options.Strategy);
    public double? Bound => Result.Bound;

    /// <summary>When the runner turned the run into an error because its claims did not hold, which claim.</summary>
    public ClaimProblem? ClaimViolation { get; init; }

    /// <summary>Relative gap (bound − objective) / bound; null without a bound, and for a run in error (its bound is not evidence).</summary>
    public double? Gap => Status.IsFailure() ? null : Bound switch
    {
        null => null,
        { } b when b <= 0 => Objective >= b ? 0 : null,
        { } b => Math.Max(0, (b - Objective) / b),
    };
}
