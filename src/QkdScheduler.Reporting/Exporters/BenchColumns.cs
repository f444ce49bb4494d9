using QkdScheduler.Core.Benchmarking;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Reporting.Exporters;

/// <summary>The columns every tabular exporter shows, in order, with their plain-text values.</summary>
public static class BenchColumns
{
    public static readonly string[] Names =
    [
        "instance", "solver", "strategy", "seed", "status", "objective", "best_known", "ratio", "bound", "gap",
        "total_bits", "weighted_bits", "kl_divergence", "traffic_index", "share_violation", "switches", "wall_seconds", "message", "iterations", "stopped_by", "best_bound",
    ];

    public static string[] Values(BenchRow r) =>
    [
        r.Instance, r.Solver, r.Strategy.ToName(), r.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        r.Status.ToName(), Num(r.Objective), Num(r.BestKnown), Num(r.Ratio), Num(r.Bound), Num(r.Gap),
        Num(r.TotalBits), Num(r.WeightedBits), Num(r.KlDivergence), Num(r.TrafficIndex), Num(r.ShareViolation),
        TextFormat.Number(r.Switches), Num(r.WallSeconds), r.Message ?? "", Num(r.Iterations), r.StoppedBy ?? "", Num(r.BestBound),
    ];

    private static string Num(double? v) => v is { } x && double.IsFinite(x) ? TextFormat.Number(x) : "";
}
