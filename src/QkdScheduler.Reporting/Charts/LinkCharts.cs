using QkdScheduler.Core.IO;
using ScottPlot;

namespace QkdScheduler.Reporting.Charts;

/// <summary>Figures of the physical layer: a pass, the key rate model, and finite-key / Bell-test curves.</summary>
public static class LinkCharts
{
    /// <summary>
    /// Link loss (left axis, dB) and elevation (right axis, deg) over one pass, one line each per station
    /// (seed 000 Fig. 5; two stations for an entangled pair, seed 004 Fig. 6), against minutes since the first row.
    /// </summary>
    public static Plot Pass(IReadOnlyList<GeometryRow> rows, DateTime startUtc, double intervalSeconds, string title)
    {
        var first = rows.Min(r => r.Interval);
        var plot = ChartKit.New(title, $"minutes since {startUtc.AddSeconds(first * intervalSeconds):yyyy-MM-dd HH:mm:ss} UTC", "link loss (dB)");
        plot.Axes.Right.Label.Text = "elevation (deg)";
        var s = 0;
        foreach (var station in rows.GroupBy(r => r.Station, StringComparer.Ordinal))
        {
            // Cloud-blocked intervals (infinite loss) leave a gap in the loss line only.
            double X(GeometryRow r) => (r.Interval - first + 0.5) * intervalSeconds / 60;
            var points = station.OrderBy(r => r.Interval).ToList();
            var finite = points.Where(r => double.IsFinite(r.LossDb)).ToList();
            var loss = plot.Add.Scatter(finite.Select(X).ToArray(), finite.Select(r => r.LossDb).ToArray(), ChartKit.ColorOf(s));
            loss.LegendText = $"{station.Key} loss";
            loss.MarkerSize = 3;
            var elevation = plot.Add.Scatter(points.Select(X).ToArray(), points.Select(r => r.ElevationDeg).ToArray(), ChartKit.ColorOf(s));
            elevation.LegendText = $"{station.Key} elevation";
            elevation.LinePattern = LinePattern.Dashed;
            elevation.MarkerSize = 0;
            elevation.Axes.YAxis = plot.Axes.Right;
            s++;
        }

        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>
    /// Secret key rate against total loss, log scale: the instance's own intervals (K / Δt against the interval's
    /// mean loss) as points and, when known, the protocol's rate R(η = 10^(−loss/10)) as a line (seed 000 eq. 4).
    /// </summary>
    public static Plot KeyRateAgainstLoss(IReadOnlyList<(double LossDb, double Rate)> realised, IReadOnlyList<(double LossDb, double Rate)>? model, string keyUnit)
    {
        var plot = ChartKit.New("Key rate against link loss", "total link loss (dB)", $"key rate ({keyUnit}/s, log scale)");
        var points = realised.Where(p => p.Rate > 0 && double.IsFinite(p.LossDb)).ToList();
        var logs = new List<double>();
        if (points.Count > 0)
        {
            var dots = plot.Add.ScatterPoints(points.Select(p => p.LossDb).ToArray(), points.Select(p => Math.Log10(p.Rate)).ToArray(), ChartKit.ColorOf(0).WithAlpha(0.5));
            dots.MarkerSize = 3;
            dots.LegendText = "intervals of this instance";
            logs.AddRange(points.Select(p => Math.Log10(p.Rate)));
        }

        var curve = model?.Where(p => p.Rate > 0).ToList();
        if (curve is { Count: > 0 })
        {
            var line = plot.Add.ScatterLine(curve.Select(p => p.LossDb).ToArray(), curve.Select(p => Math.Log10(p.Rate)).ToArray(), ChartKit.ColorOf(1));
            line.LineWidth = 2;
            line.LegendText = "protocol model R(η)";
            logs.AddRange(curve.Select(p => Math.Log10(p.Rate)));
        }

        if (logs.Count > 0) plot.Axes.Left.TickGenerator = ChartKit.LogTicks(logs.Min(), logs.Max());
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>
    /// Finite-size secret key (left axis, bits, log scale) and the Bell test's S − 3ΔS (right axis) against the number
    /// of distributed pairs (log scale), for one QBER (seed 004 Fig. 7 and eq. 11–12); S − 3ΔS &gt; 2 violates the CHSH
    /// inequality with three standard deviations. Each node's delivered total is marked.
    /// </summary>
    public static Plot FiniteKeyAndBell(IReadOnlyList<(double Pairs, double SecretBits, double? SMinus3DeltaS)> curve,
        IReadOnlyList<(string Node, double Pairs)> delivered, string title)
    {
        var plot = ChartKit.New(title, "distributed pairs (log scale)", "finite-size secret key (bits, log scale)");
        plot.Axes.Right.Label.Text = "S − 3ΔS";
        var keyed = curve.Where(p => p.SecretBits > 0 && p.Pairs > 0).ToList();
        if (keyed.Count > 0)
        {
            var key = plot.Add.ScatterLine(keyed.Select(p => Math.Log10(p.Pairs)).ToArray(), keyed.Select(p => Math.Log10(p.SecretBits)).ToArray(), ChartKit.ColorOf(0));
            key.LineWidth = 2;
            key.LegendText = "secret key";
            plot.Axes.Left.TickGenerator = ChartKit.LogTicks(keyed.Min(p => Math.Log10(p.SecretBits)), keyed.Max(p => Math.Log10(p.SecretBits)));
        }

        var bell = curve.Where(p => p.SMinus3DeltaS is { } v && double.IsFinite(v) && p.Pairs > 0).ToList();
        if (bell.Count > 0)
        {
            var s = plot.Add.ScatterLine(bell.Select(p => Math.Log10(p.Pairs)).ToArray(), bell.Select(p => p.SMinus3DeltaS!.Value).ToArray(), ChartKit.ColorOf(1));
            s.LineWidth = 2;
            s.LegendText = "S − 3ΔS";
            s.Axes.YAxis = plot.Axes.Right;
            var classical = plot.Add.HorizontalLine(2, 1, ChartKit.ColorOf(1), LinePattern.Dotted);
            classical.Axes.YAxis = plot.Axes.Right;
            classical.LegendText = "classical limit S = 2";
        }

        for (var i = 0; i < delivered.Count; i++)
        {
            if (delivered[i].Pairs <= 0) continue;
            var mark = plot.Add.VerticalLine(Math.Log10(delivered[i].Pairs), 1, ChartKit.ColorOf(2 + i), LinePattern.Dashed);
            mark.LegendText = $"{delivered[i].Node}: {delivered[i].Pairs:N0} pairs";
        }

        var xs = curve.Where(p => p.Pairs > 0).Select(p => Math.Log10(p.Pairs)).ToList();
        if (xs.Count > 0) plot.Axes.Bottom.TickGenerator = ChartKit.LogTicks(xs.Min(), xs.Max());
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
