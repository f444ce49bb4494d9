using QkdScheduler.Core.IO;
using QkdScheduler.Links;
using QkdScheduler.Precompute.Pipeline;
using QkdScheduler.Precompute.Reports;
using QkdScheduler.Precompute.Scenarios;
using QkdScheduler.Testing;

namespace QkdScheduler.Precompute.Tests.Pipeline;

/// <summary>The Micius week (seed 000) through the whole pipeline, built once for all tests here.</summary>
public sealed class MiciusWeek
{
    public MiciusWeek()
    {
        Scenario = ScenarioFile.Read(Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38", "scenario.yaml"));
        Result = KeyMatrixBuilder.Build(Scenario, VisibilitySampler.Sample(Scenario));
    }

    public Scenario Scenario { get; }
    public PrecomputeResult Result { get; }
}

public sealed class PipelineTests(MiciusWeek week) : IClassFixture<MiciusWeek>
{
    [Fact]
    public void Union_of_night_visible_time_is_near_the_papers_12240_s()
    {
        // Seed 000 Table 2, LEO: total visible duration 12 240 s. Our TLE is propagated 91 days back
        // (instances/micius2016-china11/README.md), so agreement to about 1 % is what to expect.
        Assert.Equal(12240, week.Result.Visibility.UnionSeconds, 12240 * 0.01);
    }

    [Fact]
    public void Interval_at_culmination_holds_ten_seconds_of_the_rate_there()
    {
        // Eq. 6 wiring: K of the interval containing a pass's highest point ≈ 10 s × R(η) at the pass's
        // maximum elevation and minimum range (found by the pass finder, not the sampler). Near the
        // top the geometry changes slowly, so 10 s at the peak rate is within a few percent.
        var s = week.Scenario;
        var problem = week.Result.Problem;
        var high = week.Result.Visibility.Passes.Where(p => p.DurationSeconds > 200 && p.MaxElevationDeg > 30).ToList();
        Assert.True(high.Count >= 5, $"only {high.Count} long, high passes in the Micius week");
        foreach (var pass in high)
        {
            var interval = (int)((pass.MaxElevationUtc - s.StartUtc).TotalSeconds / s.IntervalSeconds);
            if (!problem.TryGetNodeIndex(pass.Station, out var node)) Assert.Fail(pass.Station);
            var peak = s.Protocol.BitsPerSecond(Decibels.ToTransmittance(s.Link.Budget(pass.MinRangeKm, pass.MaxElevationDeg).TotalDb));
            Assert.Equal(10 * peak, problem.Keys[interval, node], 10 * peak * 0.05);
        }
    }

    [Fact]
    public void Keys_only_where_geometry_says_visible_and_geometry_within_the_mask()
    {
        var visible = week.Result.Geometry.Select(g => (g.Interval, g.Station)).ToHashSet();
        var p = week.Result.Problem;
        Assert.NotEmpty(p.Keys.Entries());
        Assert.NotEmpty(week.Result.Geometry);
        foreach (var e in p.Keys.Entries()) Assert.Contains((e.Interval, p.Nodes[e.Node].Id), visible);
        Assert.All(week.Result.Geometry, g => Assert.InRange(g.ElevationDeg, 10 - 1e-3, 90));
        Assert.All(week.Result.Geometry, g => Assert.InRange(g.RangeKm, 480, 1750)); // 490-km orbit, 10° mask: at most ~1 700 km
    }

    [Fact]
    public void Weights_and_shares_are_the_population_shares()
    {
        var p = week.Result.Problem;
        Assert.Equal(24.87 / 144.22, p.Nodes.Single(n => n.Id == "Shanghai").Weight, 9); // china11-population.csv sums to 144.22
        Assert.Equal(0.87 / 144.22, p.Nodes.Single(n => n.Id == "Lhasa").Share, 9);
    }

    [Fact]
    public void Daily_keys_add_up_to_the_node_totals()
    {
        var daily = DailyKeys.Compute(week.Result.Problem);
        var totals = week.Result.Problem.Keys.TotalPerNode();
        Assert.Equal(7, daily.Days.Count);
        for (var n = 0; n < totals.Length; n++)
            Assert.Equal(totals[n], Enumerable.Range(0, 7).Sum(d => daily.Bits[d, n]), 6);
    }

    [Fact]
    public void Committed_instance_is_reproduced()
    {
        // Non-regression snapshot: instances/micius-china11-2016w38 holds the files `qkdsched precompute`
        // wrote for this scenario; regenerating must give them byte for byte (keys and geometry).
        var dir = Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38");
        var temp = Directory.CreateTempSubdirectory("qkdsched-week-").FullName;
        try
        {
            InstanceFiles.Write(week.Result.Problem, temp);
            GeometryFiles.Write(temp, week.Result.Geometry);
            Assert.Equal(File.ReadAllText(Path.Combine(dir, "keys.csv")), File.ReadAllText(Path.Combine(temp, "keys.csv")));
            Assert.Equal(File.ReadAllText(Path.Combine(dir, "geometry.csv")), File.ReadAllText(Path.Combine(temp, "geometry.csv")));
            Assert.Equal(week.Result.Problem.Keys.NonZeroCount, InstanceFiles.Read(dir).Keys.NonZeroCount);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    [Fact]
    public void Link_table_covers_every_station_and_divergence()
    {
        var rows = LinkTable.Compute(week.Scenario, week.Result.Visibility, [1, 10]);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(11, r.Stations.Count));
        // Geometric loss grows with divergence: every station's minimum budget is higher at 10 µrad.
        for (var i = 0; i < 11; i++) Assert.True(rows[1].Stations[i].MinDb > rows[0].Stations[i].MinDb);
        Assert.StartsWith(LinkTable.CsvHeader, LinkTable.ToCsv(rows));
        Assert.Contains("| micius-china11-2016w38 |", LinkTable.ToMarkdown(rows));
    }
}
