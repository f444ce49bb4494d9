using QkdScheduler.Core;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Precompute.Pairs;
using QkdScheduler.Precompute.Pipeline;
using QkdScheduler.Precompute.Scenarios;

namespace QkdScheduler.Precompute.Sweeps;

/// <summary>One result row of a sweep: the point it belongs to and its cells (column, text), in column order.</summary>
public sealed record SweepRow(int Point, IReadOnlyList<(string Column, string Value)> Cells);

/// <summary>
/// Runs the points of a sweep. A station scenario gives one row per point (the precompute summary: intervals,
/// non-zeros of K, union of visible time, loss range, key per node); a pair scenario one row per point and station
/// pair (seed 004 Table 1). With <c>solve</c>, each row adds every solver × strategy's status and objective on the
/// point's instance. Every number is written in round-trip form and nothing depends on the clock, so the same
/// sweep gives the same bytes however it is sharded (solvers with a time limit excepted).
/// </summary>
public static class SweepRunner
{
    /// <param name="rule">Changes each point's instance before its solves (the CLI's <c>--min-contact-seconds</c>); its minimum
    /// contact length then appears in the point's row.</param>
    public static IReadOnlyList<SweepRow> Run(Sweep sweep, IEnumerable<SweepPoint> points, SolverCatalog? solvers, CancellationToken cancellationToken,
        IProgress<double>? progress = null, Func<Problem, Problem>? rule = null)
    {
        var list = points.ToList();
        if (sweep.Solve != null && solvers == null) throw new ArgumentException("the sweep solves, but no solver catalog was given", nameof(solvers));
        var rows = new List<SweepRow>();
        for (var i = 0; i < list.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rows.AddRange(RunPoint(sweep, list[i], solvers, cancellationToken, rule));
            progress?.Report((i + 1.0) / list.Count);
        }

        return rows;
    }

    /// <summary>
    /// Reads the scenario of every given point (no computing), so a bad override fails at once, naming its value,
    /// and not after hours of the points before it.
    /// </summary>
    public static void CheckPoints(Sweep sweep, IEnumerable<SweepPoint> points)
    {
        foreach (var point in points)
        {
            var set = sweep.Fixed.Concat(point.AsSetArguments).ToList();
            if (sweep.IsPairScenario) PairScenarioFile.Read(sweep.ScenarioPath, set);
            else ScenarioFile.Read(sweep.ScenarioPath, set);
        }
    }

    private static IEnumerable<SweepRow> RunPoint(Sweep sweep, SweepPoint point, SolverCatalog? solvers, CancellationToken cancellationToken, Func<Problem, Problem>? rule)
    {
        var set = sweep.Fixed.Concat(point.AsSetArguments).ToList();
        var head = new List<(string, string)> { ("point", TextFormat.Number(point.Index)) };
        head.AddRange(point.Overrides);
        if (sweep.IsPairScenario)
        {
            var s = PairScenarioFile.Read(sweep.ScenarioPath, set);
            var result = s.Sources != null ? PairConstellation.Run(s) : PairPrecompute.Run(s, null);
            var solved = Solves(sweep, rule?.Invoke(result.Problem) ?? result.Problem, solvers, cancellationToken);
            foreach (var link in result.Links)
            {
                var values = link.Table1Row();
                yield return new SweepRow(point.Index, [
                    .. head, ("pair", link.Pair),
                    .. PairLinkSummary.Table1Columns.Select((c, k) => (c, values[k] is { } v ? TextFormat.Number(v) : "")),
                    .. solved,
                ]);
            }
        }
        else
        {
            var s = ScenarioFile.Read(sweep.ScenarioPath, set);
            var result = s.Fleet != null ? ConstellationPrecompute.Build(s) : KeyMatrixBuilder.Build(s, VisibilitySampler.Sample(s));
            var p = result.Problem;
            var losses = result.Geometry.Select(g => g.LossDb).Where(double.IsFinite).ToList();
            var perNode = p.TotalPerNode();
            yield return new SweepRow(point.Index, [
                .. head,
                .. (IEnumerable<(string, string)>)(s.Fleet != null
                    ? [("satellites", TextFormat.Number(p.SatelliteCount)), ("contended_intervals", TextFormat.Number(Contention.Of(p).Intervals))]
                    : []),
                ("intervals", TextFormat.Number(p.IntervalCount)),
                ("nonzeros", TextFormat.Number(p.NonZeroCount)),
                ("visible_s", TextFormat.Number(result.Visibility.UnionSeconds)),
                ("min_loss_db", losses.Count > 0 ? TextFormat.Number(losses.Min()) : ""),
                ("max_loss_db", losses.Count > 0 ? TextFormat.Number(losses.Max()) : ""),
                ($"total_key_{p.KeyUnit}", TextFormat.Number(perNode.Sum())),
                .. p.Nodes.Select((n, i) => ($"key_{n.Id}", TextFormat.Number(perNode[i]))),
                .. Solves(sweep, rule?.Invoke(p) ?? p, solvers, cancellationToken),
            ]);
        }
    }

    private static List<(string, string)> Solves(Sweep sweep, Problem problem, SolverCatalog? solvers, CancellationToken cancellationToken)
    {
        var cells = new List<(string, string)>();
        if (sweep.Solve is not { } solve) return cells;
        // Every point has the column, so a sweep over period.min_contact_seconds (or --min-contact-seconds) keeps one header.
        cells.Add(("min_contact_intervals", TextFormat.Number(problem.MinContactIntervals)));
        foreach (var name in solve.Solvers)
        {
            var solver = solvers!.Get(name);
            foreach (var strategy in solve.Strategies)
            {
                var report = SolverRunner.Run(solver, problem, new SolverOptions(strategy), cancellationToken);
                cells.Add(($"{name}_{strategy.ToName()}_status", report.Status.ToName()));
                cells.Add(($"{name}_{strategy.ToName()}_objective", TextFormat.Number(report.Objective)));
                // A constellation's planner asks what each station gets, not only the total.
                if (problem.IsConstellation)
                    cells.AddRange(problem.Nodes.Select((n, i) => ($"{name}_{strategy.ToName()}_{n.Id}", TextFormat.Number(report.Metrics.PerNodeBits[i]))));
            }
        }

        return cells;
    }
}
