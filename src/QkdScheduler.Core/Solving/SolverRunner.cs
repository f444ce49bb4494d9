using System.Diagnostics;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Core.Solving;

/// <summary>
/// Runs a solver the same way everywhere (solve, bench, tests): enforces the time limit through
/// the cancellation token (a run stopped by the caller's <c>cancellationToken</c>, i.e. the user,
/// reports <see cref="SolveStatus.Cancelled"/> with its best schedule), times the run, puts the schedule through the independent
/// <see cref="Validator"/> and computes the metrics from the schedule itself.
/// </summary>
public static class SolverRunner
{
    public static SolveReport Run(ISolver solver, Problem problem, SolverOptions options, CancellationToken cancellationToken = default)
    {
        if (solver.UnavailableReason is { } reason)
            return Failed(solver, problem, options, reason, 0);
        if ((problem.IsConstellation || problem.MinContactIntervals > 1) && !solver.Solves(problem, options.Strategy))
            throw new InputException(null, null, Refusal(solver, problem, options.Strategy));
        // Settings are the user's input: a bad one is an error in their terms before anything runs.
        SolverParameters.Check(solver, options.Parameters);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.TimeLimit is { } t) limit.CancelAfter(t);

        var clock = Stopwatch.StartNew();
        SolveResult result;
        try
        {
            result = solver.Solve(problem, options, limit.Token);
        }
        catch (OperationCanceledException)
        {
            result = new SolveResult(Schedule.Empty, cancellationToken.IsCancellationRequested ? SolveStatus.Cancelled : SolveStatus.TimeLimit,
                Message: "stopped before any schedule was found");
        }
        catch (Exception e) when (e is not InputException)
        {
            // A solver bug must not take the bench down with it; it is reported as this case's error.
            return Failed(solver, problem, options, $"solver failed: {e.GetType().Name}: {e.Message}", clock.Elapsed.TotalSeconds);
        }

        var wall = clock.Elapsed.TotalSeconds;
        var status = result.Status == SolveStatus.TimeLimit && cancellationToken.IsCancellationRequested ? SolveStatus.Cancelled : result.Status;
        var message = result.Message;
        var feasibility = Validator.Check(problem, result.Schedule);
        if (!feasibility.IsValid)
        {
            status = SolveStatus.RuleBroken;
            message = $"validator rejected the schedule: {feasibility.Violation}";
        }
        else if (status != SolveStatus.Error)
        {
            var strategyCheck = Validator.Check(problem, result.Schedule, options.Strategy, options.ShareTolerance);
            if (!strategyCheck.IsValid)
            {
                status = SolveStatus.RuleBroken;
                message = $"the schedule breaks the {options.Strategy.ToName()} rule: {strategyCheck.Violation}";
            }
        }

        var metrics = MetricsCalculator.Compute(problem, result.Schedule, options.ShareTolerance);
        if (EmptyTargetedDelivery(problem, options, status, result, metrics) is { } empty)
            (status, message) = empty;
        var claim = status.IsFailure() ? null : Evidence(result, status, metrics.Objective(options.Strategy), options.RelativeGap);
        if (claim != null)
        {
            status = SolveStatus.Error;
            message = $"{solver.Name} {claim.Text}";
        }

        return new SolveReport(problem.Name, solver.Name, options, result, metrics, status, message, wall) { ClaimViolation = claim?.Problem };
    }

    /// <summary>Why <paramref name="solver"/> does not take <paramref name="problem"/> with <paramref name="strategy"/>, in one line.</summary>
    private static string Refusal(ISolver solver, Problem problem, Strategy strategy)
    {
        if (problem.IsConstellation && !solver.SolvesConstellations)
            return $"solver '{solver.Name}' does not solve constellation instances ({problem.Name} has {problem.SatelliteCount} satellites); use one that does (qkdsched solvers)";
        if (problem.MinContactIntervals > 1 && !solver.SolvesMinContact)
            return $"solver '{solver.Name}' does not honour a minimum contact length ({problem.Name} asks for {problem.MinContactIntervals} intervals); use one that does (qkdsched solvers)";
        var what = string.Join(" with ", new[] { problem.IsConstellation ? "constellation instances" : null, problem.MinContactIntervals > 1 ? "a minimum contact length" : null }.OfType<string>());
        return $"solver '{solver.Name}' does not solve {strategy.ToName()} on {what} ({problem.Name}); use another strategy or solver (qkdsched solvers)";
    }

    /// <summary>Relative slack for rounding in bound and objective comparisons.</summary>
    public const double NumericalTolerance = 1e-6;

    /// <summary>
    /// A solver's claims checked against its own schedule (maximisation): a bound must be finite and
    /// not below the objective the schedule achieves; <c>optimal</c> needs a bound within the stated
    /// gap of that objective. Null when the claims hold, otherwise what is wrong.
    /// </summary>
    public static ClaimViolation? Evidence(SolveResult result, SolveStatus status, double objective, double relativeGap)
    {
        var slack = NumericalTolerance * Math.Max(1, Math.Abs(objective));
        if (result.Bound is { } bound)
        {
            if (!double.IsFinite(bound)) return new(ClaimProblem.NonFiniteBound, $"claimed a bound of {bound}; a proven bound is a finite number");
            if (bound < objective - slack) return new(ClaimProblem.BoundBelowObjective, $"claimed a bound of {bound}, below its own schedule's objective {objective}");
        }

        if (status != SolveStatus.Optimal) return null;
        if (result.Bound is not { } b) return new(ClaimProblem.OptimalWithoutBound, "claimed 'optimal' without a bound to prove it");
        return b - objective > slack + relativeGap * Math.Abs(b)
            ? new(ClaimProblem.OptimalOutsideGap, $"claimed 'optimal' but its bound {b} exceeds its objective {objective} by more than the stated gap")
            : null;
    }

    /// <summary>
    /// An S-TD schedule that delivers nothing meets the share rule only trivially; when the instance
    /// has keys to deliver it is not a result. It is <c>infeasible</c> when the solver proved a bound
    /// of 0 (no schedule that delivers keys meets the rule), and <c>no_solution</c> when it just found none.
    /// </summary>
    private static (SolveStatus, string)? EmptyTargetedDelivery(Problem problem, SolverOptions options, SolveStatus status, SolveResult result, Metrics metrics)
    {
        if (options.Strategy != Strategy.Td || metrics.TotalBits > 0 || problem.TotalPerNode().Sum() <= 0) return null;
        if (status is not (SolveStatus.Optimal or SolveStatus.Feasible or SolveStatus.TimeLimit)) return null;
        if (result.Bound is { } bound && bound <= NumericalTolerance)
            return (SolveStatus.Infeasible, $"{result.Message}{(result.Message is null ? "" : "; ")}proven: no schedule that delivers keys meets the share rule (bound {bound})");
        var stopped = status == SolveStatus.TimeLimit ? " before the time limit" : "";
        return (SolveStatus.NoSolution, $"no schedule that delivers keys and meets the share rule was found{stopped} (every node with a target share must get keys within ±ε of it)");
    }

    private static SolveReport Failed(ISolver solver, Problem problem, SolverOptions options, string message, double wall)
    {
        var result = new SolveResult(Schedule.Empty, SolveStatus.Error, Message: message);
        var metrics = MetricsCalculator.Compute(problem, Schedule.Empty, options.ShareTolerance);
        return new SolveReport(problem.Name, solver.Name, options, result, metrics, SolveStatus.Error, message, wall);
    }
}

/// <summary>What was wrong with a solver's claims (<see cref="SolverRunner.Evidence"/>).</summary>
public enum ClaimProblem
{
    NonFiniteBound,
    BoundBelowObjective,
    OptimalWithoutBound,
    OptimalOutsideGap,
}

/// <param name="Problem">The kind of violation.</param>
/// <param name="Text">What is wrong, for the user.</param>
public sealed record ClaimViolation(ClaimProblem Problem, string Text);
