using QkdScheduler.Core.Model;

namespace QkdScheduler.Core.Solving;

/// <summary>
/// The solver plugin contract (docs/architecture.md). A solver must return only schedules the
/// <see cref="Evaluation.Validator"/> accepts; stop when <paramref name="cancellationToken"/>
/// fires (the runner fires it at the time limit too) and return the best schedule found so far
/// with <see cref="SolveStatus.TimeLimit"/>; be deterministic for a given seed and thread count;
/// and report a bound only when it is proven.
/// </summary>
public interface ISolver
{
    /// <summary>Short name used on the command line (<c>--solver dp</c>).</summary>
    string Name { get; }

    /// <summary>One line for <c>qkdsched solvers</c> and help texts.</summary>
    string Description { get; }

    /// <summary>Whether the seed changes the result; the bench runs seed-free solvers once.</summary>
    bool UsesSeed { get; }

    /// <summary>Null when the solver can run here; otherwise why not and how to fix it.</summary>
    string? UnavailableReason { get; }

    /// <summary>The settings it takes through <c>--solver-option KEY=VALUE</c>, with types, ranges and defaults (empty for none).</summary>
    IReadOnlyList<SolverParameter> Parameters { get; }

    /// <summary>Whether it solves <paramref name="strategy"/> at all; the bench leaves out the cases of one it does not.</summary>
    bool Solves(Strategies.Strategy strategy) => true;

    /// <summary>
    /// Whether it solves constellation instances (several satellites sharing station receivers); one that does not is
    /// refused on them with one line (and left out of a bench's constellation cases), never run on one satellite's keys.
    /// </summary>
    bool SolvesConstellations => false;

    /// <summary>
    /// Whether it honours a minimum contact length L &gt; 1 (docs/architecture.md, "Minimum contact length"); one that does not
    /// is refused on such instances with one line, never run as if there were no rule.
    /// </summary>
    bool SolvesMinContact => false;

    /// <summary>
    /// Whether it solves <paramref name="strategy"/> on <paramref name="problem"/> (by default: the strategy at all, a constellation when
    /// it solves them, and a minimum contact length when it honours one).
    /// </summary>
    bool Solves(Problem problem, Strategies.Strategy strategy) =>
        Solves(strategy) && (!problem.IsConstellation || SolvesConstellations) && (problem.MinContactIntervals <= 1 || SolvesMinContact);

    SolveResult Solve(Problem problem, SolverOptions options, CancellationToken cancellationToken);
}
