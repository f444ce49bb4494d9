using QkdScheduler.Core.Model;

namespace QkdScheduler.Core.Solving;

public enum SolveStatus
{
    /// <summary>Proven optimal.</summary>
    Optimal,

    /// <summary>A valid schedule without a proof of optimality.</summary>
    Feasible,

    /// <summary>Stopped by the time limit or cancellation; the schedule is the best found so far.</summary>
    TimeLimit,

    /// <summary>Proven: no schedule meets the strategy's constraints (for S-TD, none that delivers keys meets the share rule).</summary>
    Infeasible,

    /// <summary>The solver failed, or claimed a status or bound its schedule does not support.</summary>
    Error,

    /// <summary>Stopped by the user (Ctrl-C, SIGTERM); the schedule is the best found so far.</summary>
    Cancelled,

    /// <summary>S-TD: the solver found no schedule that delivers keys and meets the share rule, without proving that none exists.</summary>
    NoSolution,

    /// <summary>The solver's schedule breaks a rule of the problem (the validator rejects it, or it misses the S-TD share band): a solver bug, not a result.</summary>
    RuleBroken,
}

public static class SolveStatusNames
{
    /// <summary>A run that did not end in a result: the solver failed, made a false claim or broke a rule.</summary>
    public static bool IsFailure(this SolveStatus status) => status is SolveStatus.Error or SolveStatus.RuleBroken;

    public static string ToName(this SolveStatus status) => status switch
    {
        SolveStatus.Optimal => "optimal",
        SolveStatus.Feasible => "feasible",
        SolveStatus.TimeLimit => "time_limit",
        SolveStatus.Infeasible => "infeasible",
        SolveStatus.Error => "error",
        SolveStatus.Cancelled => "cancelled",
        SolveStatus.NoSolution => "no_solution",
        SolveStatus.RuleBroken => "rule_broken",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}

/// <summary>One generation (or iteration) of an iterative solver, for convergence plots. <c>Mean</c> is the GA population's mean
/// objective; lagrange records its least Lagrangian bound there.</summary>
public sealed record ProgressPoint(int Iteration, double Best, double Mean, double ElapsedSeconds);

/// <summary>
/// What a solver hands back. Objective values are not trusted from the solver: the runner
/// recomputes them from the schedule.
/// </summary>
/// <param name="Schedule">The schedule (the empty schedule is always feasible).</param>
/// <param name="Status">How the solver ended.</param>
/// <param name="Bound">A proven upper bound on the objective, or null.</param>
/// <param name="Message">Anything worth telling the user (e.g. why it failed).</param>
/// <param name="History">Convergence history, for iterative solvers.</param>
/// <param name="StoppedBy">For iterative solvers, the rule that ended the run (e.g. "stagnation", "time_limit").</param>
/// <param name="Log">What an external solver's program printed (its stdout and stderr); <c>solve --out</c> keeps it as solver.log.</param>
public sealed record SolveResult(
    Schedule Schedule,
    SolveStatus Status,
    double? Bound = null,
    string? Message = null,
    IReadOnlyList<ProgressPoint>? History = null,
    string? StoppedBy = null,
    string? Log = null);
