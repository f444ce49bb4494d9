using ScottPlot;

namespace QkdScheduler.Reporting.Charts;

/// <summary>Charts of a sweep's results.</summary>
public static class SweepCharts
{
    /// <summary>Key per week against the number of satellites, one marker series per quantity.</summary>
    public static Plot KeyAgainstSize(IReadOnlyList<double> satellites, IReadOnlyList<(string Label, double[] Y)> series, string keyUnit)
    {
        var plot = ChartKit.New("Key against constellation size", "satellites", $"key ({keyUnit})");
        foreach (var (label, y) in series)
        {
            var points = plot.Add.ScatterPoints(satellites.ToArray(), y);
            points.LegendText = label;
            points.MarkerSize = 8;
        }

        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
