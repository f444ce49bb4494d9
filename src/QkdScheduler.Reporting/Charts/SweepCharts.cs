using ScottPlot;

namespace QkdScheduler.Reporting.Charts;

/// <summary>Charts of a sweep's results.</summary>
public static class SweepCharts
{
    /// <summary>Key per week against the number of satellites, one marker series per quantity.</summary>
    public static Plot KeyAgainstSize(IReadOnlyList<double> satellites, IReadOnlyList<(string Label, double[] Y)> series, string keyUnit,
        string title = "Key against constellation size")
    {
        var plot = ChartKit.New(title, "satellites", $"key ({keyUnit})");
        foreach (var (label, y) in series)
        {
            var points = plot.Add.ScatterPoints(satellites.ToArray(), y);
            points.LegendText = label;
            points.MarkerSize = 8;
        }

        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>
    /// Per station, what the first solve of a constellation sweep delivered (its SOLVER_STRATEGY_NODE columns beside
    /// SOLVER_STRATEGY_objective and _status), or null when the sweep solved nothing per station.
    /// </summary>
    public static (string Solve, IReadOnlyList<(string Label, double[] Y)> Series)? PerStation(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (columns.FirstOrDefault(c => c.EndsWith("_objective", StringComparison.Ordinal)) is not { } first) return null;
        var solve = first[..^"_objective".Length];
        var prefix = solve + "_";
        var series = columns.Select((c, i) => (Column: c, Index: i))
            .Where(c => c.Column.StartsWith(prefix, StringComparison.Ordinal) && c.Column != first && c.Column != prefix + "status")
            .Select(c => (c.Column[prefix.Length..], rows.Select(r => Core.IO.TextFormat.TryParseDouble(r[c.Index], out var v) ? v : double.NaN).ToArray()))
            .ToList();
        return series.Count == 0 ? null : (solve, series);
    }
}
