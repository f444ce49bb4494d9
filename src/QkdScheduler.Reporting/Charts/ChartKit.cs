using System.Globalization;
using ScottPlot;

namespace QkdScheduler.Reporting.Charts;

/// <summary>What every chart shares: a new plot in the report's style, the palette, log-axis ticks, SVG output.</summary>
public static class ChartKit
{
    public const int Width = 900;
    public const int Height = 420;

    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    public static Color ColorOf(int series) => Palette.GetColor(series);

    public static Plot New(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(title, 15);
        plot.XLabel(xLabel, 13);
        plot.YLabel(yLabel, 13);
        return plot;
    }

    /// <summary>Manual ticks at 10^k for an axis that shows log10 of its values (ScottPlot draws linear axes).</summary>
    public static ScottPlot.TickGenerators.NumericManual LogTicks(double minLog10, double maxLog10)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var k = (int)Math.Floor(minLog10); k <= (int)Math.Ceiling(maxLog10); k++)
            ticks.AddMajor(k, Math.Abs(k) <= 3 ? Math.Pow(10, k).ToString("0.###", CultureInfo.InvariantCulture) : $"1e{k}");
        return ticks;
    }

    /// <summary>Categorical ticks: label i at position i.</summary>
    public static ScottPlot.TickGenerators.NumericManual Categories(IReadOnlyList<string> labels, IReadOnlyList<double>? positions = null)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < labels.Count; i++) ticks.AddMajor(positions?[i] ?? i, labels[i]);
        return ticks;
    }

    /// <summary>The plot as an SVG element for inlining in HTML (no XML declaration).</summary>
    public static string Svg(Plot plot, int width = Width, int height = Height)
    {
        var svg = plot.GetSvgXml(width, height);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }
}
