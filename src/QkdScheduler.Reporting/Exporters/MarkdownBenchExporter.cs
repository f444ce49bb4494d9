using System.Globalization;
using System.Text;
using QkdScheduler.Core.Benchmarking;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Reporting.Exporters;

/// <summary><c>results.md</c>: the comparison table a person reads, with the ratio to the best known objective.</summary>
public sealed class MarkdownBenchExporter : IBenchExporter
{
    public static readonly string[] Header = ["instance", "strategy", "solver", "seed", "status", "objective", "ratio", "gap", "KL", "traffic index", "switches", "time (s)"];

    public string FileName => "results.md";

    public string Render(BenchSummary summary)
    {
        var sb = new StringBuilder();
        sb.Append("| ").Append(string.Join(" | ", Header)).Append(" |\n");
        sb.Append('|').Append(string.Concat(Header.Select(_ => "---|"))).Append('\n');
        foreach (var cells in Cells(summary))
            sb.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
        sb.Append('\n').Append("ratio = objective / best known objective for the instance and strategy (the best case here, or the best-known file of --against); ")
            .Append("gap = (proven bound − objective) / bound.\n");
        if (summary.SeedGroups().Count > 0)
        {
            sb.Append("\nOver seeds:\n\n| ").Append(string.Join(" | ", SeedHeader)).Append(" |\n");
            sb.Append('|').Append(string.Concat(SeedHeader.Select(_ => "---|"))).Append('\n');
            foreach (var cells in SeedCells(summary))
                sb.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
            sb.Append('\n').Append(SeedNote).Append('\n');
        }

        return sb.ToString();
    }

    public const string SeedNote = "gap = (best proven bound of any case on the instance and strategy − objective) / that bound; - when no case proved a bound.";

    public static readonly string[] SeedHeader = ["instance", "strategy", "solver", "runs", "mean ratio", "worst ratio", "mean gap", "worst gap", "mean iterations", "mean time (s)", "max time (s)"];

    /// <summary>One line per seeded solver, instance and strategy with several seeds (<see cref="BenchSummary.SeedGroups"/>).</summary>
    public static IEnumerable<string[]> SeedCells(BenchSummary summary) =>
        summary.SeedGroups().Select(g => new[]
        {
            g.Instance, g.Strategy.ToName(), g.Solver, g.Runs.ToString(CultureInfo.InvariantCulture),
            g.MeanRatio.ToString("0.0000", CultureInfo.InvariantCulture), g.WorstRatio.ToString("0.0000", CultureInfo.InvariantCulture),
            g.MeanGap is { } mg ? mg.ToString("0.00%", CultureInfo.InvariantCulture) : "-", g.WorstGap is { } wg ? wg.ToString("0.00%", CultureInfo.InvariantCulture) : "-",
            g.MeanIterations is { } it ? it.ToString("N0", CultureInfo.InvariantCulture) : "-",
            g.MeanSeconds.ToString("0.0", CultureInfo.InvariantCulture), g.MaxSeconds.ToString("0.0", CultureInfo.InvariantCulture),
        });

    /// <summary>Human-readable cells, shared with the console table.</summary>
    public static IEnumerable<string[]> Cells(BenchSummary summary) =>
        summary.Rows
            .OrderBy(r => r.Instance, StringComparer.Ordinal).ThenBy(r => r.Strategy).ThenBy(r => r.Solver, StringComparer.Ordinal).ThenBy(r => r.Seed)
            .Select(r => new[]
            {
                r.Instance, r.Strategy.ToName(), r.Solver, r.Seed?.ToString(CultureInfo.InvariantCulture) ?? "-", r.Status.ToName(),
                r.Objective.ToString("N0", CultureInfo.InvariantCulture),
                r.Ratio is { } ratio ? ratio.ToString("0.0000", CultureInfo.InvariantCulture) : "-",
                r.Gap is { } gap ? gap.ToString("0.00%", CultureInfo.InvariantCulture) : "-",
                r.KlDivergence is { } kl && double.IsFinite(kl) ? kl.ToString("0.0000", CultureInfo.InvariantCulture) : "-",
                r.TrafficIndex.ToString("N0", CultureInfo.InvariantCulture),
                r.Switches.ToString(CultureInfo.InvariantCulture),
                r.WallSeconds.ToString("0.000", CultureInfo.InvariantCulture),
            });
}
