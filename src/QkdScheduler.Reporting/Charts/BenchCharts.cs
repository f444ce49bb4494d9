using QkdScheduler.Core.Benchmarking;
using QkdScheduler.Core.Strategies;
using ScottPlot;

namespace QkdScheduler.Reporting.Charts;

/// <summary>Figures of a bench: quality, time, and a performance profile across its problems.</summary>
public static class BenchCharts
{
    /// <summary>Times below this count as this in ratios of times (a timer's and a process's noise).</summary>
    public const double TimeFloorSeconds = 1e-3;

    /// <summary>Relative tolerance within which a run counts as reaching the best known objective.</summary>
    public const double SolvedTolerance = 1e-6;

    /// <summary>
    /// Mean objective ratio (objective / best known on the same instance and strategy) per solver, one bar per
    /// strategy; a case without a solution counts 0.
    /// </summary>
    public static Plot Ratios(BenchSummary summary) =>
        Grouped(summary, "Objective ratio per solver and strategy (mean over instances and seeds)", "objective / best known",
            rows => rows.Average(r => r.Ratio ?? 0), log: false);

    /// <summary>Mean wall time per solver, one bar per strategy, log scale.</summary>
    public static Plot Times(BenchSummary summary) =>
        Grouped(summary, "Time to solution per solver and strategy (mean over instances and seeds)", "wall time (s, log scale)",
            rows => Math.Log10(Math.Max(rows.Average(r => r.WallSeconds), TimeFloorSeconds)), log: true);

    /// <summary>
    /// Dolan–Moré performance profile (Math. Program. 91 (2002) 201–213, §2): over the problems p (instance ×
    /// strategy), r_{p,s} = t_{p,s} / min_s t_{p,s} and ρ_s(τ) = |{p : r_{p,s} ≤ τ}| / n_p. A solver solves p when every
    /// one of its runs on p reaches the best known objective within <see cref="SolvedTolerance"/>; t_{p,s} is its mean
    /// wall time there (at least <see cref="TimeFloorSeconds"/>), and r_{p,s} = ∞ otherwise.
    /// </summary>
    public static Plot PerformanceProfile(BenchSummary summary)
    {
        var profile = Profile(summary);
        var plot = ChartKit.New("Performance profile (Dolan–Moré): share of problems solved to the best known objective within τ × the fastest time",
            "τ (log scale)", "ρ_s(τ), share of problems");
        var finite = profile.Values.SelectMany(r => r).Where(double.IsFinite).DefaultIfEmpty(1).ToList();
        var maxLog = Math.Max(Math.Log10(finite.Max()) * 1.05, 0.5);
        var s = 0;
        foreach (var (solver, ratios) in profile)
        {
            var n = ratios.Count;
            var sorted = ratios.Where(double.IsFinite).Order().ToList();
            var xs = new List<double> { 0 };
            var ys = new List<double> { sorted.Count(r => r <= 1) / (double)n };
            for (var i = 0; i < sorted.Count; i++)
            {
                if (sorted[i] <= 1) continue;
                xs.Add(Math.Log10(sorted[i]));
                ys.Add((i + 1) / (double)n);
            }

            xs.Add(maxLog);
            ys.Add(sorted.Count / (double)n);
            var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), ChartKit.ColorOf(s++));
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 2;
            line.MarkerSize = 0;
            line.LegendText = solver;
        }

        plot.Axes.Bottom.TickGenerator = ChartKit.LogTicks(0, maxLog);
        plot.Axes.SetLimitsY(0, 1.05);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    /// <summary>r_{p,s} per solver, one entry per problem (instance × strategy) in a fixed order; ∞ where s did not solve p.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<double>> Profile(BenchSummary summary)
    {
        var problems = summary.Rows.Select(r => (r.Instance, r.Strategy)).Distinct().ToList();
        var solvers = summary.Rows.Select(r => r.Solver).Distinct().Order(StringComparer.Ordinal).ToList();
        var times = new Dictionary<(string, Strategy, string), double>();
        foreach (var g in summary.Rows.GroupBy(r => (r.Instance, r.Strategy, r.Solver)))
            if (g.All(r => r.Ratio is { } ratio && ratio >= 1 - SolvedTolerance))
                times[g.Key] = Math.Max(g.Average(r => r.WallSeconds), TimeFloorSeconds);
        var result = solvers.ToDictionary(s => s, _ => (IReadOnlyList<double>)new List<double>());
        foreach (var (instance, strategy) in problems)
        {
            var fastest = solvers.Select(s => times.GetValueOrDefault((instance, strategy, s), double.PositiveInfinity)).Min();
            foreach (var s in solvers)
                ((List<double>)result[s]).Add(times.TryGetValue((instance, strategy, s), out var t) ? t / fastest : double.PositiveInfinity);
        }

        return result;
    }

    private static Plot Grouped(BenchSummary summary, string title, string yLabel, Func<IReadOnlyList<BenchRow>, double> value, bool log)
    {
        var plot = ChartKit.New(title, "solver", yLabel);
        var solvers = summary.Rows.Select(r => r.Solver).Distinct().Order(StringComparer.Ordinal).ToList();
        var strategies = summary.Rows.Select(r => r.Strategy).Distinct().Order().ToList();
        var width = 0.8 / strategies.Count;
        var values = new List<double>();
        for (var k = 0; k < strategies.Count; k++)
        {
            var bars = new List<Bar>();
            for (var s = 0; s < solvers.Count; s++)
            {
                var rows = summary.Rows.Where(r => r.Solver == solvers[s] && r.Strategy == strategies[k]).ToList();
                if (rows.Count == 0) continue;
                var v = value(rows);
                values.Add(v);
                bars.Add(new Bar { Position = s - 0.4 + width * (k + 0.5), Value = v, ValueBase = log ? Math.Log10(TimeFloorSeconds) : 0, Size = width, FillColor = ChartKit.ColorOf(k) });
            }

            plot.Add.Bars(bars).LegendText = strategies[k].ToName();
        }

        plot.Axes.Bottom.TickGenerator = ChartKit.Categories(solvers);
        if (log && values.Count > 0) plot.Axes.Left.TickGenerator = ChartKit.LogTicks(Math.Log10(TimeFloorSeconds), values.Max());
        if (!log) plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
