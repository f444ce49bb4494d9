using QkdScheduler.Cli.Commands;
using QkdScheduler.Core;
using QkdScheduler.Testing;

namespace QkdScheduler.Cli.Tests;

/// <summary>
/// Long work is estimated before it starts: beyond the caps (docs/commands.md, Limits) it is refused in a second with
/// the estimate and the way out (--allow-long), instead of running for minutes or dying of out-of-memory.
/// </summary>
public sealed class LimitsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-limits-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string China11 => Path.Combine(RepositoryPaths.Root(), "instances", "micius2016-china11", "china11.csv");

    /// <summary>Exit 2, the last stderr line holds the estimate and names --allow-long, nothing written, no trace.</summary>
    private static void AssertRefused((int Code, string Out, string Err) r, string expected)
    {
        Assert.Equal(CliApp.UserError, r.Code);
        var last = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.Contains(expected, last);
        Assert.Contains("--allow-long", last);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void A_ten_year_pass_search_in_low_orbit_is_refused_before_it_starts_and_allow_long_is_an_option()
    {
        // 500 km: the grid step is period/300 ≈ 19 s, so ten years are 16.6 million points × 13 evaluations
        // (11 stations, the satellite, the Sun), far above the cap of 40 million.
        var r = CliRun.Run("passes", "--orbit", "altitude_km=500,inclination_deg=97.4,epoch=2021-01-01T00:00:00Z", "--stations", China11,
            "--from", "2016-01-01T00:00:00Z", "--to", "2025-12-31T00:00:00Z", "--allow-old-elements", "--out", Path.Combine(_dir, "p.csv"));
        AssertRefused(r, "the pass search (3652 days at ");
        Assert.Contains("million times (the cap is 40 million", r.Err);
        Assert.False(File.Exists(Path.Combine(_dir, "p.csv")));

        // A day is far below the cap; --allow-long is accepted by every command and changes nothing there.
        var day = CliRun.Run("passes", "--orbit", "altitude_km=500,inclination_deg=97.4", "--stations", China11,
            "--from", "2016-09-19T00:00:00Z", "--to", "2016-09-20T00:00:00Z", "--format", "csv", "--allow-long");
        Assert.Equal(0, day.Code);
        Assert.StartsWith("station,", day.Out);
    }

    [Fact]
    public void A_precompute_that_would_not_fit_in_memory_is_refused_with_its_estimate()
    {
        // A geostationary satellite over China (sub-satellite point near 112° E) is visible every night to all
        // 11 cities: 91 days × ~12 h × 11 stations at 0.1-s steps is about 430 million samples of 40 bytes,
        // some 16 GiB, twice the largest cap (8 GiB) on any machine.
        var scenario = File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38", "scenario.yaml"))
            .Replace("tle: ../micius2016-china11/micius-41731.tle", "orbit: {altitude_km: 35786, inclination_deg: 0, raan_deg: 110, epoch: 2016-11-01T00:00:00Z}")
            .Replace("../micius2016-china11/", Path.Combine(RepositoryPaths.Root(), "instances", "micius2016-china11") + "/")
            .Replace("end: 2016-09-26T00:00:00Z", "end: 2016-12-19T00:00:00Z")
            .Replace("integration_seconds: 1 ", "integration_seconds: 0.1 ");
        Assert.Contains("integration_seconds: 0.1", scenario);
        var path = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(path, scenario);
        var r = CliRun.Run("precompute", path, "--out", Path.Combine(_dir, "out"));
        AssertRefused(r, "the precompute (");
        Assert.Contains("GiB (the cap is", r.Err);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }

    [Fact]
    public void The_caps_hold_unless_lifted()
    {
        Assert.Throws<InputException>(() => WorkCap.CheckEvaluations(WorkCap.MaxEvaluations + 1, "x"));
        WorkCap.CheckEvaluations(WorkCap.MaxEvaluations, "x");
        Assert.Throws<InputException>(() => WorkCap.CheckMemory(WorkCap.MemoryCapBytes + 1.0, "x"));
        Assert.True(WorkCap.MemoryCapBytes <= 8L << 30);
    }
}
