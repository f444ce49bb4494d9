using System.Diagnostics;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Model;

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
            status = SolveStatus.Error;
            message = $"validator rejected the schedule: {feasibility.Violation}";
        }
        else if (status != SolveStatus.Error)
        {
            var strategyCheck = Validator.Check(problem, result.Schedule, options.Strategy, options.ShareTolerance);
            if (!strategyCheck.IsValid)
            {
                status = SolveStatus.Infeasible;
                message = strategyCheck.Violation;
            }
        }

        var metrics = MetricsCalculator.Compute(problem, result.Schedule, options.ShareTolerance);
        return new SolveReport(problem.Name, solver.Name, options, result, metrics, status, message, wall);
    }

    private static SolveReport Failed(ISolver solver, Problem problem, SolverOptions options, string message, double wall)
    {
        var result = new SolveResult(Schedule.Empty, SolveStatus.Error, Message: message);
        var metrics = MetricsCalculator.Compute(problem, Schedule.Empty, options.ShareTolerance);
        return new SolveReport(problem.Name, solver.Name, options, result, metrics, SolveStatus.Error, message, wall);
    }
}
