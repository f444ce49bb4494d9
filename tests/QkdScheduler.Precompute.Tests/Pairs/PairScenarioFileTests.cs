using QkdScheduler.Core;
using QkdScheduler.Links.Coupling;
using QkdScheduler.Precompute.Pairs;
using QkdScheduler.Testing;

namespace QkdScheduler.Precompute.Tests.Pairs;

public sealed class PairScenarioFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-pairs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Stations => Path.Combine(RepositoryPaths.Root(), "instances", "transatlantic2026", "stations.csv");

    private static string Scenario(string name) => Path.Combine(RepositoryPaths.Root(), "instances", name, "scenario.yaml");

    /// <summary>A valid two-day HAP scenario; line numbers in the tests below refer to this text.</summary>
    private static string Valid() => $"""
        format: qkdsched-pair-scenario/1
        name: test
        period:
          start: 2026-01-01T00:00:00Z
          end: 2026-01-03T00:00:00Z
        source:
          orbit: {"{"}altitude_km: 1200, inclination_deg: 110{"}"}
          aperture_m: 0.5
        relays:
          kind: haps
          altitude_km: 20
        stations:
          file: {Stations}
          aperture_m: 0.3
        pairs:
          - {"{"}a: Waterloo, b: Berlin{"}"}
        coupling:
          model: adaptive-optics
          corrected_modes: 36
        """;

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private InputException Fails(string text) => Assert.Throws<InputException>(() => PairScenarioFile.Read(Write(text)));

    [Fact]
    public void Reads_a_valid_scenario_with_the_papers_defaults()
    {
        var s = PairScenarioFile.Read(Write(Valid()));
        Assert.Equal(RelayKind.Haps, s.Relays.Kind);
        Assert.Equal(30, s.MinElevationDeg);
        Assert.Equal("Waterloo|Berlin", s.Pairs.Single().Id);
        Assert.IsType<AdaptiveOpticsCoupling>(s.Coupling);
        Assert.Equal(50, s.CloudThresholdPercent); // with HAPs (seed 004 section III.1)
        Assert.Equal(1e9, s.PairSource.PairRateHz);
        Assert.Equal(0.85, s.Optics.DetectorEfficiency);
    }

    [Theory]
    [InlineData("transatlantic-meo", RelayKind.None)]
    [InlineData("transatlantic-3leo-3planes", RelayKind.Satellites)]
    [InlineData("transatlantic-3leo-1plane", RelayKind.Satellites)]
    [InlineData("transatlantic-leo-2hap", RelayKind.Haps)]
    [InlineData("transatlantic-meo-3pairs", RelayKind.None)]
    public void The_shipped_scenarios_read(string name, RelayKind kind) =>
        Assert.Equal(kind, PairScenarioFile.Read(Scenario(name)).Relays.Kind);

    [Fact]
    public void Negative_aperture_names_the_line() =>
        Assert.Equal("scenario.yaml:14: aperture_m is -0.3; it must be a positive diameter in metres (seed 004: 1.0, or 0.3 below HAPs)",
            Tail(Fails(Valid().Replace("aperture_m: 0.3", "aperture_m: -0.3"))));

    [Fact]
    public void Fewer_than_one_corrected_mode_is_rejected() =>
        Assert.Contains("scenario.yaml:19: corrected_modes is 0; it must be a whole number of Zernike modes, 1 or more", Tail(Fails(Valid().Replace("corrected_modes: 36", "corrected_modes: 0"))));

    [Fact]
    public void Qber_of_one_half_is_rejected() =>
        Assert.Contains("reference_qber is 0.5", Fails(Valid() + "\npair_source:\n  reference_qber: 0.5\n").Message);

    /// <summary>A HAP above the satellite: HAPs are limited to the stratosphere (below 100 km) and orbits to above 100 km.</summary>
    [Fact]
    public void Hap_above_the_satellite_is_rejected() =>
        Assert.Equal("scenario.yaml:11: altitude_km is 1500; it must be above 0 and below 100 km (seed 004: 20; HAPs fly in the stratosphere)",
            Tail(Fails(Valid().Replace("altitude_km: 20", "altitude_km: 1500"))));

    [Fact]
    public void A_pair_naming_an_unknown_station_is_rejected()
    {
        var message = Tail(Fails(Valid().Replace("b: Berlin", "b: Paris")));
        Assert.StartsWith("scenario.yaml:16: station 'Paris' is not in the stations file", message);
        Assert.Contains("(it has: Waterloo, Berlin)", message);
    }

    [Fact]
    public void A_pair_listed_again_in_the_other_order_is_rejected() =>
        Assert.Contains("is listed twice (in either order", Fails(Valid().Replace("  - {a: Waterloo, b: Berlin}", "  - {a: Waterloo, b: Berlin}\n  - {a: Berlin, b: Waterloo}")).Message);

    [Fact]
    public void A_pair_of_one_station_is_rejected() =>
        Assert.Contains("a pair needs two different stations", Fails(Valid().Replace("b: Berlin", "b: Waterloo")).Message);

    /// <summary>--set name[i] steps into entry i of a list: the east relay of the three-plane LEO scenario moves to RAAN 40°.</summary>
    [Fact]
    public void An_override_reaches_into_a_list_entry()
    {
        var path = Path.Combine(RepositoryPaths.Root(), "instances", "transatlantic-3leo-3planes", "scenario.yaml");
        var s = PairScenarioFile.Read(path, ["relays.satellites[1].orbit.raan_deg=40", "relays.satellites[0].orbit.inclination_deg=60"]);
        Assert.Equal(40, s.Relays.Satellites[1].Spec.Elements.RaanRad * 180 / Math.PI, 9);
        Assert.Equal(60, s.Relays.Satellites[0].Spec.Elements.InclinationRad * 180 / Math.PI, 9);
        Assert.Equal(-50, s.Relays.Satellites[0].Spec.Elements.RaanRad * 180 / Math.PI, 9); // untouched
        Assert.Contains("'satellites' has 2 entries, counted from 0",
            Assert.Throws<InputException>(() => PairScenarioFile.Read(path, ["relays.satellites[2].orbit.raan_deg=40"])).Message);
        Assert.Contains("'source' is not a list", Assert.Throws<InputException>(() => PairScenarioFile.Read(path, ["source[0].aperture_m=1"])).Message);
    }

    private static string Tail(InputException e) => Path.GetFileName(e.File ?? "") + e.Message[(e.File?.Length ?? 0)..];
}
