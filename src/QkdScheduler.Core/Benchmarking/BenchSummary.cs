using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Core.Benchmarking;

/// <summary>One case of a bench: a solver on an instance with a strategy (and a seed, when the solver uses one).</summary>
/// <param name="Ratio">Objective divided by the best objective any case reached on the same instance and strategy.</param>
/// <param name="Iterations">For iterative solvers, the iterations (GA generations) the run took.</param>
/// <param name="StoppedBy">For iterative solvers, the rule that ended the run.</param>
/// <param name="History">For iterative solvers, the convergence history (at most <see cref="BenchSummary.HistoryPoints"/> points).</param>
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
    string? Message,
    int? Iterations = null,
    string? StoppedBy = null,
    double? BestBound = null,
    IReadOnlyList<ProgressPoint>? History = null)
{
    /// <summary>
    /// (best proven bound − objective) / best proven bound, over every case on the same instance and strategy;
    /// null without a bound or a solution. At least 0: the runner has checked each bound against its own
    /// objective, so a negative value is rounding between equal optima found by different solvers.
    /// </summary>
    public double? GapToBestBound => BestBound is { } b && b > 0 && Ratio != null ? Math.Max(0, (b - Objective) / b) : null;
}

/// <summary>
/// The runs of one seeded solver on one instance and strategy, over its seeds: the mean and worst
/// ratio to the best known objective, the mean iterations and the mean and longest wall time.
/// </summary>
public sealed record BenchSeedGroup(
    string Instance,
    Strategy Strategy,
    string Solver,
    int Runs,
    double MeanRatio,
    double WorstRatio,
    double? MeanGap,
    double? WorstGap,
    double? MeanIterations,
    double MeanSeconds,
    double MaxSeconds);

/// <summary>The immutable result of a bench run, handed to the exporters (BenchmarkDotNet style).</summary>
public sealed record BenchSummary(IReadOnlyList<BenchRow> Rows, DateTime CreatedUtc, string Environment)
{
    /// <summary>Statuses whose schedules count towards the best known objective.</summary>
    public static bool CountsAsSolution(SolveStatus status) =>
        status is SolveStatus.Optimal or SolveStatus.Feasible or SolveStatus.TimeLimit;

    /// <summary>
    /// One group per seeded solver, instance and strategy run with more than one seed, over the runs
    /// with a ratio (a run without a solution has none and is left out of the means, but counted in Runs).
    /// </summary>
    public IReadOnlyList<BenchSeedGroup> SeedGroups() =>
        Rows.Where(r => r.Seed != null)
            .GroupBy(r => (r.Instance, r.Strategy, r.Solver))
            .Where(g => g.Count() > 1 && g.Any(r => r.Ratio != null))
            .OrderBy(g => g.Key.Instance, StringComparer.Ordinal).ThenBy(g => g.Key.Strategy).ThenBy(g => g.Key.Solver, StringComparer.Ordinal)
            .Select(g =>
            {
                var solved = g.Where(r => r.Ratio != null).ToList();
                var iterations = g.Where(r => r.Iterations != null).Select(r => (double)r.Iterations!.Value).ToList();
                var gaps = solved.Where(r => r.GapToBestBound != null).Select(r => r.GapToBestBound!.Value).ToList();
                return new BenchSeedGroup(g.Key.Instance, g.Key.Strategy, g.Key.Solver, g.Count(),
                    solved.Average(r => r.Ratio!.Value), solved.Min(r => r.Ratio!.Value),
                    gaps.Count == solved.Count ? gaps.Average() : null, gaps.Count == solved.Count ? gaps.Max() : null,
                    iterations.Count > 0 ? iterations.Average() : null, g.Average(r => r.WallSeconds), g.Max(r => r.WallSeconds));
            }).ToList();

    /// <summary>The most points of a convergence history a bench keeps (evenly spaced, the last always kept).</summary>
    public const int HistoryPoints = 500;

    private static IReadOnlyList<ProgressPoint>? Thin(IReadOnlyList<ProgressPoint>? history)
    {
        if (history is not { Count: > HistoryPoints }) return history;
        var step = (double)(history.Count - 1) / (HistoryPoints - 1);
        return Enumerable.Range(0, HistoryPoints).Select(i => history[(int)Math.Round(i * step)]).ToList();
    }

    /// <summary>
    /// Builds the rows from solver reports: the best known objective of each (instance, strategy)
    /// is the largest objective among valid schedules, and every row gets its ratio to it.
    /// </summary>
    public static BenchSummary FromReports(IReadOnlyList<SolveReport> reports, IReadOnlySet<string> seedFreeSolvers, DateTime createdUtc, string environment,
        BestKnownReference? against = null) =>
        FromRows(reports.Select(r => new BenchRow(r.Instance, r.Solver, r.Strategy, seedFreeSolvers.Contains(r.Solver) ? null : r.Options.Seed,
            r.Status, r.Objective, 0, null, r.Bound, r.Gap, r.Metrics.TotalBits, r.Metrics.WeightedBits,
            r.Metrics.KlDivergence, r.Metrics.TrafficIndex, r.Metrics.ShareViolation, r.Metrics.Switches, r.WallSeconds, r.Message,
            r.Result.History is { Count: > 0 } h ? h[^1].Iteration : null, r.Result.StoppedBy, null, Thin(r.Result.History))).ToList(), createdUtc, environment, against);

    /// <summary>
    /// The summary of rows whose best-known values are to be (re)computed: the best known objective of each (instance,
    /// strategy) is the largest objective among valid schedules, every row gets its ratio to it, and the best bound is the
    /// least bound the runner accepted (an error's claims are not evidence). Merging bench shards goes through here.
    /// With <paramref name="against"/>, a best-known file's objective replaces the run's best where the file has one
    /// (so a ratio above 1 is a new best), and its bound counts among the bounds.
    /// </summary>
    public static BenchSummary FromRows(IReadOnlyList<BenchRow> rows, DateTime createdUtc, string environment, BestKnownReference? against = null)
    {
        var best = rows.Where(r => CountsAsSolution(r.Status))
            .GroupBy(r => (r.Instance, r.Strategy))
            .ToDictionary(g => g.Key, g => g.Max(r => r.Objective));
        var bestBound = rows.Where(r => !r.Status.IsFailure() && r.Bound is { } b && double.IsFinite(b))
            .GroupBy(r => (r.Instance, r.Strategy))
            .ToDictionary(g => g.Key, g => g.Min(r => r.Bound!.Value));
        if (against != null)
            foreach (var key in rows.Select(r => (r.Instance, r.Strategy)).Distinct().ToList())
            {
                if (BestKnown.Find(against.Results, key.Instance, key.Strategy, against.ShareTolerance) is not { } k) continue;
                best[key] = k.Objective;
                if (k.Bound is { } kb && (!bestBound.TryGetValue(key, out var runBound) || kb < runBound)) bestBound[key] = kb;
            }
        return new BenchSummary(rows.Select(r =>
        {
            var known = best.TryGetValue((r.Instance, r.Strategy), out var b) ? b : 0;
            double? ratio = !CountsAsSolution(r.Status) ? null : known > 0 ? r.Objective / known : 1.0;
            return r with { BestKnown = known, Ratio = ratio, BestBound = bestBound.TryGetValue((r.Instance, r.Strategy), out var bb) ? bb : null };
        }).ToList(), createdUtc, environment);
    }
}

/// <summary>A best-known file's results and the share tolerance of the bench they are compared with.</summary>
public sealed record BestKnownReference(IReadOnlyList<BestKnownResult> Results, double ShareTolerance);
