using QkdScheduler.Core.Benchmarking;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Reporting.Charts;
using QkdScheduler.Testing;
using ScottPlot;
using ScottPlot.Plottables;

namespace QkdScheduler.Reporting.Tests.Charts;

/// <summary>Each chart on a tiny hand-made input: the right number of shapes, bars or points, and axes labelled with units.</summary>
public class ChartTests
{
    /// <summary>A pays in 0, 1 and 5; B in 2 and 3 (S = 0, Δt = 10 s): A has two visible runs (0–1, 5), B one (2–3).</summary>
    private static Problem Tiny() =>
        TestProblems.FromDense([[1.0, 0], [2.0, 0], [0.0, 4], [0.0, 5], [0.0, 0], [3.0, 0]], 0, shares: [0.4, 0.6]);

    private static int Bars(Plot plot) => plot.GetPlottables().OfType<BarPlot>().Sum(b => b.Bars.Count);

    private static IReadOnlyList<Scatter> Lines(Plot plot) => plot.GetPlottables().OfType<Scatter>().ToList();

    private static int Points(Scatter s) => s.Data.GetScatterPoints().Count;

    [Fact]
    public void Timeline_has_a_rectangle_per_visible_run_and_per_contact_and_a_row_per_node()
    {
        var p = Tiny();
        Assert.Equal([(0, 1), (5, 5)], ScheduleCharts.VisibleRuns(p, 0));
        Assert.Equal([(2, 3)], ScheduleCharts.VisibleRuns(p, 1));
        var plot = ScheduleCharts.Timeline(p, new Schedule([new Contact("A", 0, 1), new Contact("B", 3, 3)]));
        var rects = plot.GetPlottables().OfType<Rectangle>().ToList();
        Assert.Equal(3, rects.Count(r => r.FillStyle.Color == ScheduleCharts.Visible));
        Assert.Equal(2, rects.Count(r => r.FillStyle.Color == ScheduleCharts.Served));
        ChartKit.Svg(plot); // ticks exist once the plot is laid out
        Assert.Equal(["B", "A"], plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).OrderBy(t => t.Position).Select(t => t.Label));
        Assert.Equal("time since 2020-01-01 00:00 UTC (h)", plot.Axes.Bottom.Label.Text);
    }

    /// <summary>Schedule A 0–1 + B 2–3: E_A = 3, E_B = 9, so p = (25 %, 75 %) against q = (40 %, 60 %).</summary>
    [Fact]
    public void Shares_are_a_bar_per_node_with_the_targets_and_the_band()
    {
        var p = Tiny();
        var schedule = new Schedule([new Contact("A", 0, 1), new Contact("B", 2, 3)]);
        var metrics = MetricsCalculator.Compute(p, schedule, 0.05);
        var plot = ScheduleCharts.SharesAgainstTargets(p, metrics, 0.05);
        var bars = plot.GetPlottables().OfType<BarPlot>().Single().Bars;
        Assert.Equal([25.0, 75.0], bars.Select(b => b.Value));
        Assert.Equal([40.0, 60.0], Lines(plot).Single().Data.GetScatterPoints().Select(c => Math.Round(c.Y, 9)));
        var band = plot.GetPlottables().OfType<Rectangle>().OrderBy(r => r.X1).ToList();
        Assert.Equal(2, band.Count);
        Assert.Equal(38.0, Math.Min(band[0].Y1, band[0].Y2), 9);
        Assert.Equal(42.0, Math.Max(band[0].Y1, band[0].Y2), 9);
        Assert.Contains("(%)", plot.Axes.Left.Label.Text);
        Assert.Empty(ScheduleCharts.SharesAgainstTargets(p, metrics, null).GetPlottables().OfType<Rectangle>());
    }

    [Fact]
    public void Keys_per_day_is_a_bar_per_day_and_node()
    {
        var days = new[] { new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 2), new DateOnly(2020, 1, 3) };
        var plot = ScheduleCharts.KeysPerDay(days, ["A", "B"], new double[3, 2] { { 1, 2 }, { 3, 4 }, { 5, 6 } }, "bits", "t");
        Assert.Equal(6, Bars(plot));
        Assert.Equal("key per day (bits)", plot.Axes.Left.Label.Text);
        Assert.Equal("day (UTC)", plot.Axes.Bottom.Label.Text);
    }

    [Fact]
    public void Convergence_is_two_lines_per_run_with_a_point_per_iteration()
    {
        IReadOnlyList<ProgressPoint> h = [new(1, 5, 3, 0.1), new(2, 6, 4, 0.2), new(3, 6, 5, 0.3)];
        var plot = ScheduleCharts.Convergence([("ga seed 1", h), ("ga seed 2", h)], "bits", "t");
        Assert.Equal(4, Lines(plot).Count);
        Assert.All(Lines(plot), l => Assert.Equal(3, Points(l)));
        Assert.Equal("objective (bits)", plot.Axes.Left.Label.Text);
    }

    [Fact]
    public void Pass_is_a_loss_and_an_elevation_line_per_station_on_two_axes()
    {
        GeometryRow[] rows = [new(10, "X", 12, 1500, 44, 0), new(11, "X", 30, 900, 40, 0), new(12, "X", 14, 1400, 43, 0), new(11, "Y", 20, 1000, 41, 0)];
        var plot = LinkCharts.Pass(rows, TestProblems.Start, 10, "t");
        var lines = Lines(plot);
        Assert.Equal(4, lines.Count);
        Assert.Equal([3, 3, 1, 1], lines.Select(Points));
        Assert.Equal("link loss (dB)", plot.Axes.Left.Label.Text);
        Assert.Equal("elevation (deg)", plot.Axes.Right.Label.Text);
        Assert.Equal(2, lines.Count(l => l.Axes.YAxis == plot.Axes.Right));
        // Minutes from the middle of interval 10: 5 s, 15 s, 25 s.
        Assert.Equal([5 / 60.0, 15 / 60.0, 25 / 60.0], lines[0].Data.GetScatterPoints().Select(c => c.X));
    }

    [Fact]
    public void Key_rate_draws_every_positive_interval_and_the_model_on_a_log_axis()
    {
        var plot = LinkCharts.KeyRateAgainstLoss([(30, 1000), (35, 100), (40, 0)], [(30, 1000), (40, 10)], "bits");
        var lines = Lines(plot);
        Assert.Equal(2, lines.Count);
        Assert.Equal([3.0, 2.0], lines[0].Data.GetScatterPoints().Select(c => c.Y)); // log10 of 1000 and 100; the zero is left out
        Assert.Equal(2, Points(lines[1]));
        Assert.Equal("total link loss (dB)", plot.Axes.Bottom.Label.Text);
        Assert.Equal("key rate (bits/s, log scale)", plot.Axes.Left.Label.Text);
    }

    [Fact]
    public void Finite_key_and_bell_have_a_curve_each_the_classical_limit_and_a_mark_per_node()
    {
        var plot = LinkCharts.FiniteKeyAndBell([(1e4, 0, null), (1e5, 100, 2.1), (1e6, 5000, 2.5)], [("P1", 2e5), ("P2", 0)], "t");
        var lines = Lines(plot);
        Assert.Equal([2, 2], lines.Select(Points)); // key where > 0; S − 3ΔS where known
        Assert.Single(plot.GetPlottables().OfType<HorizontalLine>());
        Assert.Single(plot.GetPlottables().OfType<VerticalLine>()); // P2 got nothing: no mark
        Assert.Equal("distributed pairs (log scale)", plot.Axes.Bottom.Label.Text);
        Assert.Equal("S − 3ΔS", plot.Axes.Right.Label.Text);
    }

    private static BenchRow Row(string instance, string solver, Strategy strategy, double? ratio, double seconds) =>
        new(instance, solver, strategy, null, ratio == null ? SolveStatus.NoSolution : SolveStatus.Feasible, (ratio ?? 0) * 100, 100, ratio,
            null, null, 0, 0, null, 0, 0, 0, seconds, null);

    /// <summary>
    /// Two problems (i1 gd, i2 gd), three solvers. i1: a 1 s (best), b 4 s (best), c 2 s (ratio 0.9, unsolved);
    /// i2: a 10 s (best), b 5 s (best), c no solution. By hand (Dolan–Moré): r_a = (1, 2), r_b = (4, 1), r_c = (∞, ∞).
    /// </summary>
    private static BenchSummary Bench() => new(
    [
        Row("i1", "a", Strategy.Gd, 1, 1), Row("i1", "b", Strategy.Gd, 1, 4), Row("i1", "c", Strategy.Gd, 0.9, 2),
        Row("i2", "a", Strategy.Gd, 1, 10), Row("i2", "b", Strategy.Gd, 1, 5), Row("i2", "c", Strategy.Gd, null, 0.5),
    ], TestProblems.Start, "test");

    [Fact]
    public void Performance_profile_ratios_match_a_hand_calculation()
    {
        var profile = BenchCharts.Profile(Bench());
        Assert.Equal([1.0, 2.0], profile["a"]);
        Assert.Equal([4.0, 1.0], profile["b"]);
        Assert.Equal([double.PositiveInfinity, double.PositiveInfinity], profile["c"]);
        var plot = BenchCharts.PerformanceProfile(Bench());
        var lines = Lines(plot);
        Assert.Equal(3, lines.Count);
        // ρ_a: ½ at τ = 1, 1 from τ = 2; the last point carries the line to the right edge.
        Assert.Equal([0.5, 1.0, 1.0], lines[0].Data.GetScatterPoints().Select(c => c.Y));
        Assert.Equal(Math.Log10(2), lines[0].Data.GetScatterPoints()[1].X, 12);
        Assert.All(lines[2].Data.GetScatterPoints(), c => Assert.Equal(0, c.Y));
        Assert.Equal("ρ_s(τ), share of problems", plot.Axes.Left.Label.Text);
    }

    [Fact]
    public void Ratio_and_time_charts_have_a_bar_per_solver_and_strategy()
    {
        var ratios = BenchCharts.Ratios(Bench());
        Assert.Equal(3, Bars(ratios));
        Assert.Equal([1.0, 1.0, 0.45], ratios.GetPlottables().OfType<BarPlot>().Single().Bars.Select(b => Math.Round(b.Value, 9))); // c: (0.9 + 0) / 2
        var times = BenchCharts.Times(Bench());
        Assert.Equal(3, Bars(times));
        Assert.Equal(Math.Log10(5.5), times.GetPlottables().OfType<BarPlot>().Single().Bars[0].Value, 12); // a: mean of 1 s and 10 s
        Assert.Equal("wall time (s, log scale)", times.Axes.Left.Label.Text);
    }

    [Fact]
    public void Svg_is_an_inline_svg_element()
    {
        var svg = ChartKit.Svg(BenchCharts.Ratios(Bench()));
        Assert.StartsWith("<svg", svg);
        Assert.Contains("</svg>", svg);
    }
}
