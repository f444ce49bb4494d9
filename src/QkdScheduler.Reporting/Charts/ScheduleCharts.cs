using System.Globalization;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using ScottPlot;

namespace QkdScheduler.Reporting.Charts;

/// <summary>Figures of one schedule on its instance (seed 000 Fig. 7–9 shapes).</summary>
public static class ScheduleCharts
{
    public static readonly Color Visible = Color.FromHex("#9fb7d0");
    public static readonly Color Served = Colors.Navy;

    /// <summary>The narrowest a timeline rectangle is drawn, as a fraction of the period (about 2 px at the report's width).</summary>
    public const double MinimumWidth = 0.002;

    /// <summary>
    /// The period as a timeline, one row per node (first node on top): every run of intervals in which the node
    /// could get key (K &gt; 0) shaded, every contact of the schedule solid. Rectangles, not intervals, so a week of
    /// 10-s intervals stays a few hundred shapes. A rectangle is drawn at least <see cref="MinimumWidth"/> of the period
    /// wide (a 5-minute pass is 0.05 % of a week, under one pixel).
    /// </summary>
    public static Plot Timeline(Problem problem, Schedule? schedule)
    {
        if (problem.IsConstellation) return SatelliteTimeline(problem, schedule);
        var (scale, unit) = TimeScale(problem.IntervalCount * problem.IntervalSeconds);
        var plot = ChartKit.New(schedule == null ? "When each node can get key" : "Schedule: served contacts over the visible passes",
            $"time since {problem.StartUtc:yyyy-MM-dd HH:mm} UTC ({unit})", "node");
        var n = problem.Nodes.Count;
        double X(int interval) => interval * problem.IntervalSeconds / scale;
        double Row(int node) => n - 1 - node;
        var minimum = MinimumWidth * X(problem.IntervalCount);
        for (var node = 0; node < n; node++)
            foreach (var (first, last) in VisibleRuns(problem, node))
                Box(plot, X(first), Math.Max(X(last + 1), X(first) + minimum), Row(node), 0.4, Visible);
        if (schedule != null)
            foreach (var c in schedule.Contacts)
                if (problem.TryGetNodeIndex(c.NodeId, out var node))
                    Box(plot, X(c.FirstInterval), Math.Max(X(c.LastInterval + 1), X(c.FirstInterval) + minimum), Row(node), 0.28, Served);
        plot.Axes.Left.TickGenerator = ChartKit.Categories(problem.Nodes.Select(x => x.Id).Reverse().ToList());
        plot.Axes.SetLimits(0, X(problem.IntervalCount), -0.6, n - 0.4);
        return plot;
    }

    /// <summary>
    /// A constellation's timeline, one lane per satellite (first on top): shaded where the satellite could serve some
    /// node, its contacts solid in one colour per node (the legend names them).
    /// </summary>
    private static Plot SatelliteTimeline(Problem problem, Schedule? schedule)
    {
        var fleet = problem.Constellation!;
        var (scale, unit) = TimeScale(problem.IntervalCount * problem.IntervalSeconds);
        var plot = ChartKit.New(schedule == null ? "When each satellite can serve a node" : "Schedule: each satellite's contacts over its passes",
            $"time since {problem.StartUtc:yyyy-MM-dd HH:mm} UTC ({unit})", "satellite");
        var lanes = fleet.Satellites.Count;
        double X(int interval) => interval * problem.IntervalSeconds / scale;
        double Row(int satellite) => lanes - 1 - satellite;
        var minimum = MinimumWidth * X(problem.IntervalCount);
        for (var s = 0; s < lanes; s++)
            foreach (var (first, last) in Runs(Intervals(problem.KeysOf(s), -1)))
                Box(plot, X(first), Math.Max(X(last + 1), X(first) + minimum), Row(s), 0.4, Visible);
        if (schedule != null)
        {
            var palette = new ScottPlot.Palettes.Category10();
            var named = new HashSet<int>();
            foreach (var c in schedule.Contacts)
            {
                if (c.Satellite == null || !fleet.TryGetSatelliteIndex(c.Satellite, out var s) || !problem.TryGetNodeIndex(c.NodeId, out var node)) continue;
                var r = plot.Add.Rectangle(X(c.FirstInterval), Math.Max(X(c.LastInterval + 1), X(c.FirstInterval) + minimum), Row(s) - 0.28, Row(s) + 0.28);
                r.FillStyle.Color = palette.GetColor(node);
                r.LineStyle.Width = 0;
                if (named.Add(node)) r.LegendText = problem.Nodes[node].Id;
            }

            plot.ShowLegend(Alignment.UpperRight, Orientation.Horizontal);
        }

        plot.Axes.Left.TickGenerator = ChartKit.Categories(fleet.Satellites.Reverse().ToList());
        plot.Axes.SetLimits(0, X(problem.IntervalCount), -0.6, lanes - 0.4);
        return plot;
    }

    /// <summary>Runs of consecutive intervals with K[m, node] &gt; 0 (by any satellite of a constellation), as (first, last).</summary>
    public static IReadOnlyList<(int First, int Last)> VisibleRuns(Problem problem, int node) =>
        Runs(Enumerable.Range(0, problem.SatelliteCount).SelectMany(s => Intervals(problem.KeysOf(s), node)).Distinct().Order());

    /// <summary>The intervals in which <paramref name="node"/> (any node for −1) has K &gt; 0, in order.</summary>
    private static IEnumerable<int> Intervals(KeyMatrix keys, int node)
    {
        for (var row = 0; row < keys.RowCount; row++)
        {
            var has = false;
            for (var e = keys.RowStart(row); e < keys.RowStart(row + 1); e++)
                if ((node < 0 || keys.EntryNodes[e] == node) && keys.EntryBits[e] > 0) has = true;
            if (has) yield return keys.IntervalOfRow(row);
        }
    }

    /// <summary>Runs of consecutive intervals in an ordered list, as (first, last).</summary>
    private static IReadOnlyList<(int First, int Last)> Runs(IEnumerable<int> intervals)
    {
        var runs = new List<(int, int)>();
        int first = -1, last = -2;
        foreach (var m in intervals)
        {
            if (m != last + 1)
            {
                if (first >= 0) runs.Add((first, last));
                first = m;
            }

            last = m;
        }

        if (first >= 0) runs.Add((first, last));
        return runs;
    }

    /// <summary>
    /// Each node's share p_n = E_n / E of the delivered key (bars) against its target q_n (diamonds), with the S-TD
    /// band q_n(1 ± ε) of docs/architecture.md when <paramref name="shareTolerance"/> is given; KL (seed 000 eq. 9) and
    /// the traffic index (Polnik et al. 2020) in the title.
    /// </summary>
    public static Plot SharesAgainstTargets(Problem problem, Metrics metrics, double? shareTolerance)
    {
        var kl = metrics.KlDivergence is { } k ? k.ToString("0.####", CultureInfo.InvariantCulture) : "-";
        var plot = ChartKit.New($"Key per node against the targets: KL(p‖q) = {kl}, traffic index = {metrics.TrafficIndex.ToString("N0", CultureInfo.InvariantCulture)}",
            "node", "share of the delivered key (%)");
        var total = metrics.TotalBits;
        var bars = problem.Nodes.Select((node, i) => new Bar
        {
            Position = i,
            Value = total > 0 ? 100 * metrics.PerNodeBits[i] / total : 0,
            FillColor = ChartKit.ColorOf(0),
            Size = 0.6,
        }).ToList();
        var delivered = plot.Add.Bars(bars);
        delivered.LegendText = "delivered p_n";
        if (shareTolerance is { } eps)
        {
            for (var i = 0; i < problem.Nodes.Count; i++)
            {
                var q = 100 * problem.Nodes[i].Share;
                var band = plot.Add.Rectangle(i - 0.4, i + 0.4, q * (1 - eps), q * (1 + eps));
                band.FillStyle.Color = ChartKit.ColorOf(1).WithAlpha(0.35);
                band.LineStyle.Width = 0;
                if (i == 0) band.LegendText = $"band q_n(1 ± ε), ε = {eps.ToString("0.###", CultureInfo.InvariantCulture)}";
            }
        }

        var targets = plot.Add.ScatterPoints(Enumerable.Range(0, problem.Nodes.Count).Select(i => (double)i).ToArray(),
            problem.Nodes.Select(x => 100 * x.Share).ToArray(), ChartKit.ColorOf(1));
        targets.MarkerShape = MarkerShape.FilledDiamond;
        targets.MarkerSize = 9;
        targets.LegendText = "target q_n";
        plot.Axes.Bottom.TickGenerator = ChartKit.Categories(problem.Nodes.Select(x => x.Id).ToList());
        plot.Axes.Bottom.TickLabelStyle.Rotation = -30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>
    /// Key per node per UTC day as grouped bars (seed 000 Fig. 7/8 shape): one group per day, one bar per node.
    /// </summary>
    public static Plot KeysPerDay(IReadOnlyList<DateOnly> days, IReadOnlyList<string> nodes, double[,] keys, string keyUnit, string title)
    {
        var plot = ChartKit.New(title, "day (UTC)", $"key per day ({keyUnit})");
        var width = 0.8 / nodes.Count;
        for (var n = 0; n < nodes.Count; n++)
        {
            var bars = new List<Bar>();
            for (var d = 0; d < days.Count; d++)
                bars.Add(new Bar { Position = d - 0.4 + width * (n + 0.5), Value = keys[d, n], Size = width, FillColor = ChartKit.ColorOf(n), LineWidth = 0 });
            plot.Add.Bars(bars).LegendText = nodes[n];
        }

        plot.Axes.Bottom.TickGenerator = ChartKit.Categories(days.Select(d => d.ToString("MM-dd", CultureInfo.InvariantCulture)).ToList());
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperRight, Orientation.Horizontal);
        return plot;
    }

    /// <summary>
    /// An iterative solver's best objective and second series per iteration: the GA's population mean per generation,
    /// lagrange's least Lagrangian bound per subgradient iteration (<paramref name="secondSeries"/> names it).
    /// </summary>
    public static Plot Convergence(IReadOnlyList<(string Label, IReadOnlyList<ProgressPoint> History)> runs, string objectiveUnit, string title, string secondSeries = "mean")
    {
        var plot = ChartKit.New(title, "iteration (GA: generation)", $"objective ({objectiveUnit})");
        for (var r = 0; r < runs.Count; r++)
        {
            var (label, history) = runs[r];
            var xs = history.Select(h => (double)h.Iteration).ToArray();
            var best = plot.Add.ScatterLine(xs, history.Select(h => h.Best).ToArray(), ChartKit.ColorOf(r));
            best.LegendText = $"{label} best";
            best.LineWidth = 2;
            var mean = plot.Add.ScatterLine(xs, history.Select(h => h.Mean).ToArray(), ChartKit.ColorOf(r));
            mean.LegendText = $"{label} {secondSeries}";
            mean.LinePattern = LinePattern.Dashed;
        }

        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    /// <summary>Seconds per axis unit and its name: hours up to two days, days beyond.</summary>
    public static (double Seconds, string Unit) TimeScale(double spanSeconds) =>
        spanSeconds <= 2 * 86400 ? (3600, "h") : (86400, "days");

    private static void Box(Plot plot, double left, double right, double y, double halfHeight, Color color)
    {
        var r = plot.Add.Rectangle(left, right, y - halfHeight, y + halfHeight);
        r.FillStyle.Color = color;
        r.LineStyle.Width = 0;
    }
}
