using System.Text.Json;
using System.Text.Json.Nodes;
using QkdScheduler.Core.Benchmarking;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Reporting.Exporters;

/// <summary><c>results.json</c>: the environment and one object per case (non-finite numbers as null), with the
/// convergence history of iterative solvers; <see cref="JsonBenchReader"/> reads it back.</summary>
public sealed class JsonBenchExporter : IBenchExporter
{
    public string FileName => "results.json";

    public string Render(BenchSummary summary)
    {
        var cases = new JsonArray(summary.Rows.Select(r => (JsonNode)new JsonObject
        {
            ["instance"] = r.Instance,
            ["solver"] = r.Solver,
            ["strategy"] = r.Strategy.ToName(),
            ["seed"] = r.Seed,
            ["status"] = r.Status.ToName(),
            ["objective"] = r.Objective,
            ["best_known"] = r.BestKnown,
            ["ratio"] = Finite(r.Ratio),
            ["bound"] = Finite(r.Bound),
            ["gap"] = Finite(r.Gap),
            ["total_bits"] = r.TotalBits,
            ["weighted_bits"] = r.WeightedBits,
            ["kl_divergence"] = Finite(r.KlDivergence),
            ["traffic_index"] = r.TrafficIndex,
            ["share_violation"] = Finite(r.ShareViolation),
            ["switches"] = r.Switches,
            ["wall_seconds"] = r.WallSeconds,
            ["message"] = r.Message,
            ["iterations"] = r.Iterations,
            ["stopped_by"] = r.StoppedBy,
            ["best_bound"] = Finite(r.BestBound),
            ["history"] = r.History == null ? null : ScheduleFiles.HistoryJson(r.History),
        }).ToArray());
        var seeds = new JsonArray(summary.SeedGroups().Select(g => (JsonNode)new JsonObject
        {
            ["instance"] = g.Instance,
            ["strategy"] = g.Strategy.ToName(),
            ["solver"] = g.Solver,
            ["runs"] = g.Runs,
            ["mean_ratio"] = g.MeanRatio,
            ["worst_ratio"] = g.WorstRatio,
            ["mean_gap"] = g.MeanGap,
            ["worst_gap"] = g.WorstGap,
            ["mean_iterations"] = g.MeanIterations,
            ["mean_seconds"] = g.MeanSeconds,
            ["max_seconds"] = g.MaxSeconds,
        }).ToArray());
        var root = new JsonObject
        {
            ["created_utc"] = summary.CreatedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["environment"] = summary.Environment,
            ["cases"] = cases,
            ["seed_groups"] = seeds,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static double? Finite(double? v) => v is { } x && double.IsFinite(x) ? x : null;
}
