using QkdScheduler.Core;
using QkdScheduler.Precompute.Pipeline;
using QkdScheduler.Precompute.Scenarios;
using QkdScheduler.Testing;

namespace QkdScheduler.Precompute.Tests.Scenarios;

/// <summary>Constellation scenarios: the satellites list, Walker shells, receivers, and precompute consistency.</summary>
public sealed class ConstellationScenarioTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-scenario-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Inputs(string file) => Path.Combine(RepositoryPaths.Root(), "instances", "micius2016-china11", file);

    private string Write(string satellites, string extraStations = "", string extraPeriod = "")
    {
        var path = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(path, $"""
            format: qkdsched-scenario/1
            name: fleet
            period:
              start: 2016-09-19T00:00:00Z
              end: 2016-09-19T06:00:00Z
            {extraPeriod}
            {satellites}
            stations:
              file: {Inputs("china11.csv")}
            {extraStations}
            link:
              model: gaussian-beam
            protocol:
              model: decoy-bb84
            """);
        return path;
    }

    /// <summary>
    /// Walker 6/2/1 at 53°, RAAN₀ 10° (Walker 1984): planes at RAAN 10° and 190°, three satellites 120° apart in each,
    /// the second plane shifted by f·360°/t = 60°: mean anomalies 0, 120, 240 and 60, 180, 300.
    /// </summary>
    [Fact]
    public void A_walker_block_expands_to_its_satellites()
    {
        var s = ScenarioFile.Read(Write("""
            satellites:
              - walker: {satellites: 6, planes: 2, phasing: 1, altitude_km: 500, inclination_deg: 53, raan_deg: 10, id_prefix: w}
            """));
        var fleet = s.Fleet!;
        Assert.Equal(["w-1-1", "w-1-2", "w-1-3", "w-2-1", "w-2-2", "w-2-3"], fleet.Select(f => f.Name));
        double Deg(double rad) => Math.Round(rad * 180 / Math.PI, 6);
        Assert.Equal([10.0, 10, 10, 190, 190, 190], fleet.Select(f => Deg(f.Spec.Elements.RaanRad)));
        Assert.Equal([0.0, 120, 240, 60, 180, 300], fleet.Select(f => Deg(f.Spec.Elements.MeanAnomalyRad)));
        Assert.All(fleet, f => Assert.Equal(53, Deg(f.Spec.Elements.InclinationRad)));
    }

    [Fact]
    public void A_sun_synchronous_shell_derives_inclination_and_raan()
    {
        var s = ScenarioFile.Read(Write("""
            satellites:
              - walker: {satellites: 2, planes: 2, altitude_km: 500, sun_synchronous: true, ltan: "22:30", id_prefix: sso}
            """));
        var fleet = s.Fleet!;
        var inclination = fleet.Select(f => f.Spec.Elements.InclinationRad * 180 / Math.PI).Distinct().Single();
        Assert.Equal(QkdScheduler.Orbits.Synthetic.SunSynchronous.InclinationDeg(500), inclination, 9);
        var raan = fleet.Select(f => f.Spec.Elements.RaanRad * 180 / Math.PI).ToList();
        Assert.Equal(QkdScheduler.Orbits.Synthetic.SunSynchronous.RaanDeg(22.5, s.StartUtc), raan[0], 6);
        Assert.Equal(180, (raan[1] - raan[0] + 360) % 360, 6);
    }

    [Fact]
    public void Mixed_entries_receivers_and_slew_are_read()
    {
        var s = ScenarioFile.Read(Write($"""
            satellites:
              - id: Micius
                tle: {Inputs("micius-41731.tle")}
              - id: extra
                orbit: {"{"}altitude_km: 600, sun_synchronous: true, ltan: "10:30"{"}"}
            """, "  receivers: {Beijing: 2}", "  station_switch_intervals: 3"));
        Assert.Equal(["Micius", "extra"], s.Fleet!.Select(f => f.Name));
        Assert.Equal(2, s.Receivers["Beijing"]);
        Assert.Equal(3, s.StationSwitchIntervals);
    }

    [Theory]
    [InlineData("  - walker: {satellites: 5, planes: 2, altitude_km: 500, inclination_deg: 53}", "do not divide into 2 planes")]
    [InlineData("  - walker: {satellites: 4, planes: 2, phasing: 2, altitude_km: 500, inclination_deg: 53}", "phasing f = 2 must be within 0..1")]
    [InlineData("  - walker: {satellites: 4, planes: 2, altitude_km: 500, sun_synchronous: true, inclination_deg: 97, ltan: \"10:30\"}", "leave it out")]
    [InlineData("  - walker: {satellites: 4, planes: 2, altitude_km: 500, inclination_deg: 53, ltan: \"10:30\"}", "ltan needs sun_synchronous: true")]
    [InlineData("  - walker: {satellites: 2, planes: 1, altitude_km: 500, inclination_deg: 53, id_prefix: a}\n  - walker: {satellites: 2, planes: 1, altitude_km: 600, inclination_deg: 53, id_prefix: a}", "is used twice")]
    public void Bad_shells_name_what_to_fix(string entry, string expected)
    {
        var e = Assert.Throws<InputException>(() => ScenarioFile.Read(Write("satellites:\n" + entry)));
        Assert.Contains(expected, e.Message);
        Assert.NotNull(e.Line);
    }

    [Fact]
    public void Receivers_need_a_constellation_and_known_stations()
    {
        var one = $"satellite:\n  tle: {Inputs("micius-41731.tle")}";
        Assert.Contains("receivers belong to a constellation", Assert.Throws<InputException>(() => ScenarioFile.Read(Write(one, "  receivers: {Beijing: 2}"))).Message);
        var fleet = "satellites:\n  - walker: {satellites: 2, planes: 1, altitude_km: 500, inclination_deg: 53}";
        Assert.Contains("station 'Paris' is not in the stations file", Assert.Throws<InputException>(() => ScenarioFile.Read(Write(fleet, "  receivers: {Paris: 2}"))).Message);
    }

    /// <summary>
    /// The consistency the constellation's definition asks for: Micius's rows of the shipped constellation scenario, cut
    /// to its first day, equal the one-satellite Micius scenario (another file) cut the same way, entry for entry.
    /// </summary>
    [Fact]
    public void A_satellites_rows_equal_its_own_one_satellite_precompute()
    {
        string[] day = ["period.end=2016-09-20T00:00:00Z"];
        var instances = Path.Combine(RepositoryPaths.Root(), "instances");
        var fleet = ScenarioFile.Read(Path.Combine(instances, "micius-plus-sso6-china11-2016w38", "scenario.yaml"), day);
        var alone = ScenarioFile.Read(Path.Combine(instances, "micius-china11-2016w38", "scenario.yaml"), day);
        var constellation = ConstellationPrecompute.Build(fleet).Problem;
        var single = KeyMatrixBuilder.Build(alone, VisibilitySampler.Sample(alone)).Problem;
        Assert.Equal("Micius", constellation.Constellation!.Satellites[0]);
        Assert.Equal(single.Keys.Entries(), constellation.KeysOf(0).Entries());
        Assert.True(constellation.KeysOf(1).NonZeroCount > 0);
    }
}
