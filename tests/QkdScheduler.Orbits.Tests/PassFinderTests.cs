using QkdScheduler.Core;
using QkdScheduler.Orbits.Frames;
using QkdScheduler.Orbits.Passes;
using QkdScheduler.Orbits.Sgp4;
using QkdScheduler.Orbits.Stations;
using QkdScheduler.Orbits.Sun;
using QkdScheduler.Orbits.Time;
using QkdScheduler.Orbits.Tle;
using QkdScheduler.Testing;

namespace QkdScheduler.Orbits.Tests;

/// <summary>The pass finder on the Micius week (2016-12-18 set, 11 cities), against a 1-second scan.</summary>
public sealed class PassFinderTests
{
    private static readonly DateTime From = new(2016, 9, 19, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = From.AddDays(7);

    private static string Folder => Path.Combine(RepositoryPaths.Root(), "instances", "micius2016-china11");

    private static (Sgp4Propagator Sat, IReadOnlyList<GroundStation> Stations) Micius()
    {
        var path = Path.Combine(Folder, "micius-41731.tle");
        var set = TleSelection.Choose(TleReader.ReadFile(path), null, From, path).Set;
        return (new Sgp4Propagator(set.ToMeanElements()), StationFile.Read(Path.Combine(Folder, "china11.csv")));
    }

    /// <summary>Runs of whole seconds where the condition holds, scanning every second of the week.</summary>
    private static List<(string Station, int First, int Last)> BruteForce(NightRule night)
    {
        var (sat, stations) = Micius();
        var jd0 = JulianDate.FromUtc(From);
        var tsince0 = (jd0 - sat.Elements.EpochJd) * 1440;
        var seconds = (int)(To - From).TotalSeconds;
        var topo = stations.Select(s => new Topocentric(s.Geodetic)).ToArray();
        var open = new int?[stations.Count];
        var runs = new List<(string, int, int)>();
        for (var t = 0; t <= seconds; t++)
        {
            var jd = jd0 + t / 86400.0;
            var gmst = SiderealTime.Gmst82(jd);
            sat.Propagate(tsince0 + t / 60.0, out var r, out _);
            var ecef = EarthRotation.TemeToEcef(r, gmst);
            var sun = EarthRotation.TemeToEcef(SolarPosition.VectorKm(jd), gmst);
            for (var k = 0; k < stations.Count; k++)
            {
                var ok = topo[k].Elevation(ecef) >= 10.0 && (night.Kind switch
                {
                    NightRuleKind.SunBelow => topo[k].Elevation(sun) < night.SunElevationDeg,
                    NightRuleKind.Shadow => EarthShadow.InShadow(r, SolarPosition.VectorKm(jd)),
                    _ => true,
                });
                if (ok && open[k] == null) open[k] = t;
                if (!ok && open[k] != null)
                {
                    runs.Add((stations[k].Name, open[k]!.Value, t - 1));
                    open[k] = null;
                }
            }
        }
        for (var k = 0; k < stations.Count; k++)
            if (open[k] != null) runs.Add((stations[k].Name, open[k]!.Value, seconds));
        return runs;
    }

    [Theory]
    [InlineData("none")]
    [InlineData("sun-below:-6")]
    [InlineData("shadow")]
    public void Passes_of_the_week_agree_with_a_one_second_scan(string rule)
    {
        var night = NightRule.Parse(rule);
        var (sat, stations) = Micius();
        var passes = new PassFinder(sat, new PassSearch(10.0, night), "micius").Find(stations, From, To);
        var scan = BruteForce(night);

        // Windows shorter than a second can fall between scan points; there are none here, so the lists match.
        Assert.Equal(scan.Count, passes.Count);
        Assert.True(passes.Count > 20, $"only {passes.Count} passes");
        foreach (var (station, first, last) in scan)
        {
            var p = Assert.Single(passes, p => p.Station == station && p.Aos <= From.AddSeconds(first) && p.Los >= From.AddSeconds(last));
            var aos = (p.Aos - From).TotalSeconds;
            var los = (p.Los - From).TotalSeconds;
            Assert.InRange(aos, first - 1.0, first);
            Assert.InRange(los, last, last + 1.0);
        }
    }

    [Fact]
    public void At_every_aos_and_los_the_elevation_equals_the_mask()
    {
        var (sat, stations) = Micius();
        var passes = new PassFinder(sat, new PassSearch(10.0, NightRule.None), "micius").Find(stations, From, To);
        Assert.True(passes.Count > 20, $"{passes.Count} passes");
        foreach (var p in passes)
        {
            var topo = new Topocentric(stations.Single(s => s.Name == p.Station).Geodetic);
            foreach (var edge in new[] { p.Aos, p.Los })
            {
                if (edge == From || edge == To) continue;
                var jd = JulianDate.FromUtc(edge);
                sat.PropagateJd(jd, out var r, out _);
                var el = topo.Elevation(EarthRotation.TemeToEcef(r, SiderealTime.Gmst82(jd)));
                Assert.True(Math.Abs(el - 10.0) < 1e-3, $"{p.Station} {edge:O}: elevation {el}");
            }
            Assert.True(p.MaxElevationDeg >= 10.0 && p.MaxElevationDeg <= 90.0);
            Assert.InRange(p.MaxElevationUtc, p.Aos, p.Los);
            Assert.True(p.MinRangeKm > 400 && p.MinRangeKm < 2000, $"{p.MinRangeKm}");
        }
    }

    [Fact]
    public void A_coarse_grid_still_finds_every_pass_through_the_local_maximum_search()
    {
        var (sat, stations) = Micius();
        var fine = new PassFinder(sat, new PassSearch(10.0, NightRule.None), "micius").Find(stations, From, To);
        // 150 s steps: many passes (2-7 minutes above 10°) start and end between two grid points.
        var coarse = new PassFinder(sat, new PassSearch(10.0, NightRule.None, StepSeconds: 150), "micius").Find(stations, From, To);
        Assert.True(fine.Count > 20, $"{fine.Count} passes");
        Assert.Equal(fine.Count, coarse.Count);
        for (var i = 0; i < fine.Count; i++)
        {
            Assert.Equal(fine[i].Station, coarse[i].Station);
            Assert.True(Math.Abs((fine[i].Aos - coarse[i].Aos).TotalSeconds) < 1e-3);
            Assert.True(Math.Abs((fine[i].Los - coarse[i].Los).TotalSeconds) < 1e-3);
        }
    }

    [Fact]
    public void Passes_within_the_first_and_last_grid_step_get_root_found_edges()
    {
        // Above an 86° mask the week's passes last 4-9 s (Xi'an, Beijing, Wuhan, Chengdu, Urumqi). Re-search
        // each in a period 2 s wider on each side, so the whole pass lies inside the first grid step (~19 s):
        // the edges must be root-found, not snapped to the period's ends.
        var (sat, stations) = Micius();
        var search = new PassSearch(86.0, NightRule.None);
        var passes = new PassFinder(sat, search, "micius").Find(stations, From, To);
        Assert.Contains(passes, p => p.DurationSeconds < 10);
        foreach (var p in passes)
        {
            var station = stations.Where(s => s.Name == p.Station).ToList();
            var again = Assert.Single(new PassFinder(sat, search, "micius").Find(station, p.Aos.AddSeconds(-2), p.Los.AddSeconds(2)));
            Assert.True(Math.Abs((again.Aos - p.Aos).TotalSeconds) < 1e-3, $"AOS {again.Aos:O} vs {p.Aos:O}");
            Assert.True(Math.Abs((again.Los - p.Los).TotalSeconds) < 1e-3, $"LOS {again.Los:O} vs {p.Los:O}");
        }
    }

    [Fact]
    public void Periods_outside_the_formulas_range_or_too_long_are_rejected()
    {
        var (sat, stations) = Micius();
        var finder = new PassFinder(sat, new PassSearch(), "micius");
        Assert.Contains("at most 3653 days", Assert.Throws<InputException>(() => finder.Find(stations, From, From.AddYears(20))).Message);
        Assert.Contains("within 1900-03-01 and 2100-02-28", Assert.Throws<InputException>(() => finder.Find(stations, From, new DateTime(2101, 1, 1, 0, 0, 0, DateTimeKind.Utc))).Message);
    }

    [Fact]
    public void Union_counts_overlapping_time_once()
    {
        // Hand calculation: [0, 100] and [50, 150] overlap, [200, 210] is apart: 150 + 10 = 160 s.
        var t = From;
        var passes = new[]
        {
            new Pass("a", t, t.AddSeconds(100), 20, t, 900),
            new Pass("b", t.AddSeconds(50), t.AddSeconds(150), 20, t, 900),
            new Pass("a", t.AddSeconds(200), t.AddSeconds(210), 20, t, 900),
        };
        Assert.Equal(160.0, PassFinder.UnionSeconds(passes), 9);
    }

    [Theory]
    [InlineData("name,latitude_deg,longitude_deg\nA,1,2\n", ":1: header", "lacks the column(s) altitude_m")]
    [InlineData("name,latitude_deg,longitude_deg,altitude_m\nA,91,2,0\n", ":2: latitude_deg 91", "within -90..90")]
    [InlineData("name,latitude_deg,longitude_deg,altitude_m\nA,1,2,3650000\n", ":2: altitude_m", "feet or km")]
    [InlineData("name,latitude_deg,longitude_deg,altitude_m\nA,1,x,0\n", ":2: longitude_deg 'x'", "not a finite number")]
    [InlineData("name,latitude_deg,longitude_deg,altitude_m\nA,1,2,0\nA,3,4,0\n", ":3: station 'A'", "listed twice")]
    public void Bad_station_files_give_one_clear_line(string text, string where, string what)
    {
        var path = Path.Combine(Path.GetTempPath(), $"stations-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        try
        {
            var e = Assert.Throws<InputException>(() => StationFile.Read(path));
            Assert.Contains(path + where, e.Message);
            Assert.Contains(what, e.Message);
            Assert.DoesNotContain("\n", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Quoted_fields_and_extra_columns_are_read()
    {
        var path = Path.Combine(Path.GetTempPath(), $"stations-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "name,latitude_deg,longitude_deg,altitude_m,source\nXinglong,40.39587,117.57746,890,\"a, quoted note\"\n");
        try
        {
            var s = Assert.Single(StationFile.Read(path));
            Assert.Equal(new GroundStation("Xinglong", 40.39587, 117.57746, 890), s);
        }
        finally { File.Delete(path); }
    }
}
