using QkdScheduler.Links.Weather;

namespace QkdScheduler.Links.Tests.Weather;

public sealed class SyntheticWeatherTests
{
    private static readonly DateTime T0 = new(2016, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly WeatherSite Beijing = new("Beijing", 39.9, 116.4);
    private static readonly WeatherSite Tianjin = new("Tianjin", 39.1, 117.2); // ~110 km away
    private static readonly WeatherSite Lhasa = new("Lhasa", 29.65, 91.1);

    private static SyntheticWeatherSettings Settings(int seed, double p = 0.4, double length = 500) =>
        new(seed, [p, p, p], 0.5, 6, length, TimeSpan.FromMinutes(10));

    private static double[][] Year(SyntheticWeatherSettings s, WeatherSite[] sites)
    {
        var w = SyntheticWeather.Generate(s, sites, T0, T0.AddDays(365));
        return sites.Select((_, i) => Enumerable.Range(0, 365 * 144).Select(k => w.CloudLossDb(i, T0.AddMinutes(10 * k + 5))).ToArray()).ToArray();
    }

    [Fact]
    public void Same_seed_same_weather_other_seed_other_weather()
    {
        WeatherSite[] sites = [Beijing, Tianjin, Lhasa];
        var a = SyntheticWeather.Generate(Settings(7), sites, T0, T0.AddDays(7));
        var b = SyntheticWeather.Generate(Settings(7), sites, T0, T0.AddDays(7));
        var c = SyntheticWeather.Generate(Settings(8), sites, T0, T0.AddDays(7));
        var times = Enumerable.Range(0, 7 * 144).Select(k => T0.AddMinutes(10 * k)).ToList();
        Assert.True(times.All(t => a.CloudLossDb(2, t).Equals(b.CloudLossDb(2, t))));
        Assert.Contains(times, t => !a.CloudLossDb(2, t).Equals(c.CloudLossDb(2, t)));
    }

    [Fact]
    public void Long_run_cloud_fraction_is_the_mean_cloudiness()
    {
        // A year of 10-minute slots with τ = 6 h holds about 52 560 / 72 ≈ 730 independent looks per
        // station: the standard error of the cloudy fraction is about √(0.24/730) ≈ 0.018; allow 4σ.
        var year = Year(Settings(3, p: 0.4), [Beijing, Tianjin, Lhasa]);
        foreach (var station in year)
        {
            Assert.Equal(0.4, station.Count(x => x > 0) / (double)station.Length, 0.07);
            // Half of the cloudy slots are opaque (opaque_fraction 0.5).
            Assert.Equal(0.2, station.Count(double.IsPositiveInfinity) / (double)station.Length, 0.05);
        }
    }

    [Fact]
    public void Near_stations_share_weather_far_or_uncorrelated_ones_do_not()
    {
        // With correlation exp(−110/500) ≈ 0.80 Beijing and Tianjin agree on cloudy/clear far more often
        // than independent stations, which agree with probability p² + (1 − p)² = 0.52 for p = 0.4.
        static double Agreement(double[] x, double[] y) => x.Zip(y).Count(t => t.First > 0 == t.Second > 0) / (double)x.Length;
        var correlated = Year(Settings(5), [Beijing, Tianjin, Lhasa]);
        var independent = Year(Settings(5, length: 0), [Beijing, Tianjin, Lhasa]);
        Assert.True(Agreement(correlated[0], correlated[1]) > 0.8);
        Assert.Equal(0.52, Agreement(independent[0], independent[1]), 0.06);
        Assert.Equal(0.52, Agreement(correlated[0], correlated[2]), 0.06); // Lhasa is 2 300 km away: exp(−4.6) ≈ 0.01
    }

    [Fact]
    public void Two_stations_at_one_place_are_a_user_error_with_correlation()
    {
        // exp(−0/L) = 1 off the diagonal: Σ is singular and has no Cholesky factor.
        WeatherSite[] sites = [Beijing, Beijing with { Name = "Beijing-2" }, Lhasa];
        var e = Assert.Throws<QkdScheduler.Core.InputException>(() => SyntheticWeather.Generate(Settings(1), sites, T0, T0.AddDays(1)));
        Assert.Contains("same place", e.Message);
        // Independent stations (L = 0) are fine.
        Assert.NotNull(SyntheticWeather.Generate(Settings(1, length: 0), sites, T0, T0.AddDays(1)));
    }

    // u = Φ(z) → α: clear below 1 − p; above it v = (u − (1 − p))/p, opaque when v ≥ 1 − f, else ⌈149 v/(1 − f)⌉.
    // p = 0.4, f = 0.5: u = 0.5 → clear; u = 0.7 → v = 0.25 → ⌈149·0.5⌉ = 75; u = 0.61 → v = 0.025 → ⌈7.45⌉ = 8; u = 0.9 → v = 0.75 → 150.
    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(0.7, 75)]
    [InlineData(0.61, 8)]
    [InlineData(0.9, 150)]
    public void Cloud_index_from_the_latent_variable(double u, int expected) =>
        Assert.Equal(expected, SyntheticWeather.CloudIndex(u, 0.4, 0.5));
}
