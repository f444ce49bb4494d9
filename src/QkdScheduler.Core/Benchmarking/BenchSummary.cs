using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Core.Benchmarking;

/// <summary>One case of a bench: a solver on an instance with a strategy (and a seed, when the solver uses one).</summary>
/// <param name="Ratio">Objective divided by the best objective any case reached on the same instance and strategy.</param>
public sealed record BenchRow(
    string Instance,
    string Solver,
    Strategy Strategy,
    int? Seed,
    SolveStatus Status,
    double Objective,
    double BestKnown,
    double? Ratio,
    double? Bound,
    double? Gap,
    double TotalBits,
    double WeightedBits,
    double? KlDivergence,
    double TrafficIndex,
    double ShareViolation,
    int Switches,
    double WallSeconds,
    string? Message);

/// <summary>The immutable result of a bench run, handed to the exporters (BenchmarkDotNet style).</summary>
public sealed record BenchSummary(IReadOnlyList<BenchRow> Rows, DateTime CreatedUtc, string Environment)
{
    /// <summary>Statuses whose schedules count towards the best known objective.</summary>
    public static bool CountsAsSolution(SolveStatus status) =>
        status is SolveStatus.Optimal or SolveStatus.Feasible or SolveStatus.TimeLimit;

    /// <summary>
    /// Builds the rows from solver reports: the best known objective of each (instance, strategy)
    /// is the largest objective among valid schedules, and every row gets its ratio to it.
    /// </summary>
    public static BenchSummary FromReports(IReadOnlyList<SolveReport> reports, IReadOnlySet<string> seedFreeSolvers, DateTime createdUtc, string environment)
    {
        var best = reports
            .Where(r => CountsAsSolution(r.Status))
            .GroupBy(r => (r.Instance, r.Strategy))
            .ToDictionary(g => g.Key, g => g.Max(r => r.Objective));

        var rows = reports.Select(r =>
        {
            var known = best.TryGetValue((r.Instance, r.Strategy), out var b) ? b : 0;
            double? ratio = !CountsAsSolution(r.Status) ? null : known > 0 ? r.Objective / known : 1.0;
            return new BenchRow(r.Instance, r.Solver, r.Strategy, seedFreeSolvers.Contains(r.Solver) ? null : r.Options.Seed,
                r.Status, r.Objective, known, ratio, r.Bound, r.Gap, r.Metrics.TotalBits, r.Metrics.WeightedBits,
                r.Metrics.KlDivergence, r.Metrics.TrafficIndex, r.Metrics.ShareViolation, r.Metrics.Switches, r.WallSeconds, r.Message);
        }).ToList();
        return new BenchSummary(rows, createdUtc, environment);
    }
}
