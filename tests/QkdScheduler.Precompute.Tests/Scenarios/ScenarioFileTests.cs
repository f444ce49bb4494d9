using QkdScheduler.Links.Friis;
using QkdScheduler.KeyRates.DecoyBb84;
using QkdScheduler.Links.GaussianBeam;
using QkdScheduler.Core;
using QkdScheduler.Links.Weather;
using QkdScheduler.Precompute.Scenarios;
using QkdScheduler.Testing;

namespace QkdScheduler.Precompute.Tests.Scenarios;

public sealed class ScenarioFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-scenario-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Inputs(string file) => Path.Combine(RepositoryPaths.Root(), "instances", "micius2016-china11", file);

    /// <summary>A valid two-day scenario; line numbers below refer to this text.</summary>
    private string Valid() => $"""
        format: qkdsched-scenario/1
        name: test
        period:
          start: 2016-09-19T00:00:00Z
          end: 2016-09-21T00:00:00Z
        satellite:
          tle: {Inputs("micius-41731.tle")}
        stations:
          file: {Inputs("china11.csv")}
          weights: {"{"}file: {Inputs("china11-population.csv")}, column: population_millions{"}"}
        visibility:
          min_elevation_deg: 10
          night: sun-below:-6
        link:
          model: gaussian-beam
          divergence_urad: 10
          receiver_diameter_m: 1.2
        protocol:
          model: decoy-bb84
        """;

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private InputException Fails(string text, IReadOnlyList<string>? overrides = null) =>
        Assert.Throws<InputException>(() => ScenarioFile.Read(Write(text), overrides));

    [Fact]
    public void Reads_a_valid_scenario_with_defaults()
    {
        var s = ScenarioFile.Read(Write(Valid()));
        Assert.Equal(17280, s.IntervalCount); // 2 days of 10 s
        Assert.Equal(1, s.SwitchIntervals);
        Assert.Equal(10, s.SamplesPerInterval);
        Assert.Equal(11, s.Stations.Count);
        Assert.Equal(24.87, s.Weights[s.Stations.ToList().FindIndex(x => x.Name == "Shanghai")]); // population column
        Assert.All(s.Shares, q => Assert.Equal(1.0, q)); // equal by default
        Assert.IsType<ClearSky>(s.Weather);
        Assert.Equal(0.5, Assert.IsType<DecoyBb84Protocol>(s.Protocol).BasisSiftFactor);
        Assert.Equal(64, s.Sha256.Length);
    }

    /// <summary>The seed 004 Friis link is a station link too: its own parameters and apertures, the Gaussian beam's refused.</summary>
    [Fact]
    public void Station_scenario_takes_the_friis_link()
    {
        var friis = Valid().Replace("  model: gaussian-beam\n  divergence_urad: 10\n  receiver_diameter_m: 1.2", "  model: friis\n  wavelength_nm: 810\n  receiver_aperture_m: 0.6");
        Assert.Contains("model: friis", friis);
        var link = Assert.IsType<FriisLink>(ScenarioFile.Read(Write(friis)).Link);
        Assert.Equal(0.6, link.ReceiverApertureM);
        Assert.Contains("divergence_urad", Fails(friis.Replace("wavelength_nm: 810", "divergence_urad: 10")).Message);
    }

    [Fact]
    public void Unknown_key_names_its_line()
    {
        var e = Fails(Valid().Replace("  receiver_diameter_m: 1.2", "  receiver_diameter: 1.2"));
        Assert.Equal(17, e.Line);
        Assert.Contains("unknown key 'receiver_diameter'", e.Message);
    }

    [Fact]
    public void Negative_diameter_names_its_line()
    {
        var e = Fails(Valid().Replace("receiver_diameter_m: 1.2", "receiver_diameter_m: -1.2"));
        Assert.Equal(17, e.Line);
        Assert.Contains("receiver_diameter_m is -1.2; it must be a positive diameter in metres", e.Message);
    }

    [Fact]
    public void Zero_divergence_names_its_line()
    {
        var e = Fails(Valid().Replace("divergence_urad: 10", "divergence_urad: 0"));
        Assert.Equal(16, e.Line);
        Assert.Contains("divergence_urad is 0", e.Message);
    }

    [Theory]
    [InlineData("90")]
    [InlineData("95")]
    [InlineData("0")]
    public void Elevation_mask_must_be_between_0_and_90(string mask)
    {
        var e = Fails(Valid().Replace("min_elevation_deg: 10", $"min_elevation_deg: {mask}"));
        Assert.Equal(12, e.Line);
        Assert.Contains("above 0 and below 90 degrees", e.Message);
    }

    [Fact]
    public void Missing_tle_names_its_line()
    {
        var e = Fails(Valid().Replace(Inputs("micius-41731.tle"), "no-such.tle"));
        Assert.Equal(7, e.Line);
        Assert.Contains("TLE file 'no-such.tle' not found", e.Message);
    }

    [Fact]
    public void Missing_weights_column_and_bad_period_are_errors()
    {
        Assert.Contains("lacks the column(s) population;",
            Fails(Valid().Replace("column: population_millions", "column: population")).Message);
        var e = Fails(Valid().Replace("end: 2016-09-21T00:00:00Z", "end: 2016-09-21T00:00:05Z"));
        Assert.Contains("whole number of 10-second intervals", e.Message);
        Assert.Equal(5, e.Line);
    }

    /// <summary>25 s of 10-s intervals round up to 3; the instance precompute writes carries it.</summary>
    [Fact]
    public void Min_contact_seconds_becomes_whole_intervals_of_the_instance()
    {
        Assert.Equal(1, ScenarioFile.Read(Write(Valid())).MinContactIntervals);
        var s = ScenarioFile.Read(Write(Valid()), ["period.min_contact_seconds=25", "period.end=2016-09-19T06:00:00Z"]);
        Assert.Equal(3, s.MinContactIntervals);
        Assert.Equal(3, QkdScheduler.Precompute.Pipeline.KeyMatrixBuilder.Build(s, QkdScheduler.Precompute.Pipeline.VisibilitySampler.Sample(s)).Problem.MinContactIntervals);
        Assert.Equal(2, ScenarioFile.Read(Write(Valid()), ["period.min_contact_seconds=20"]).MinContactIntervals);
        var e = Fails(Valid(), ["period.min_contact_seconds=-5"]);
        Assert.Contains("min_contact_seconds", e.Message);
        Assert.Contains("(from --set period.min_contact_seconds=-5)", e.Message);
    }

    [Fact]
    public void Overrides_replace_values_and_are_named_in_errors()
    {
        var s = ScenarioFile.Read(Write(Valid()), ["link.divergence_urad=3", "protocol.basis_factor=1"]);
        Assert.Equal(3, Assert.IsType<GaussianBeamLink>(s.Link).DivergenceUrad);
        Assert.Equal(1, Assert.IsType<DecoyBb84Protocol>(s.Protocol).BasisSiftFactor);
        Assert.Equal(["link.divergence_urad=3", "protocol.basis_factor=1"], s.Overrides);
        // The variation is named after its overrides, so two never share a name; an explicit name stands as given.
        Assert.Equal("test+link.divergence_urad=3+protocol.basis_factor=1", s.Name);
        Assert.Equal("test", ScenarioFile.Read(Write(Valid())).Name);
        Assert.Equal("mine", ScenarioFile.Read(Write(Valid()), ["link.divergence_urad=3", "name=mine"]).Name);

        var e = Fails(Valid(), ["link.divergence_urad=0"]);
        Assert.Null(e.Line);
        Assert.Contains("divergence_urad is 0", e.Message);
        Assert.Contains("(from --set link.divergence_urad=0)", e.Message);
        Assert.Contains("there is no block 'weather'", Fails(Valid(), ["weather.seed=3"]).Message);
        Assert.Contains("unknown key 'divergence'", Fails(Valid(), ["link.divergence=3"]).Message);
    }

    [Fact]
    public void Synthetic_weather_block_is_read_and_checked()
    {
        var text = Valid() + "\nweather:\n  source: synthetic\n  seed: 4\n  mean_cloud_fraction: {default: 0.3, Lhasa: 0.1}\n";
        Assert.Contains("synthetic weather (seed 4", ScenarioFile.Read(Write(text)).Weather.Description);
        var e = Fails(text.Replace("Lhasa: 0.1", "Lhassa: 0.1"));
        Assert.Contains("'Lhassa' is not a station", e.Message);
        Assert.Contains("within 0..1 (a fraction, not a percentage)", Fails(text.Replace("default: 0.3", "default: 30")).Message);
        Assert.Contains("weather source 'sunny' is not one of", Fails(text.Replace("source: synthetic", "source: sunny")).Message);
    }

    [Fact]
    public void Satellite_needs_exactly_one_source()
    {
        var both = Valid().Replace("satellite:\n", "satellite:\n  orbit: {altitude_km: 500, inclination_deg: 97}\n");
        Assert.Contains("exactly one of 'tle: FILE' or an 'orbit:' block", Fails(both).Message);
        var orbit = Valid().Replace($"  tle: {Inputs("micius-41731.tle")}", "  orbit: {altitude_km: 500, inclination_deg: 197}");
        Assert.Contains("inclination_deg is 197", Fails(orbit).Message);
    }
}
