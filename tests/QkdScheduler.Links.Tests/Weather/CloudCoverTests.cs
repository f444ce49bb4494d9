using QkdScheduler.Links.Weather;

namespace QkdScheduler.Links.Tests.Weather;

public sealed class CloudCoverTests
{
    /// <summary>
    /// Seed 004 Appendix C: P(W) = 191/365, P(B) = 189/365, P(W ∩ B) = 108/365. By hand:
    /// (0.295890 − 0.523288·0.517808) / √(0.523288·0.476712·0.517808·0.482192) = 0.024920/0.249570 = 0.0999.
    /// The paper prints "about 0.11" for the same numbers; the formula gives 0.0999 (README).
    /// </summary>
    [Fact]
    public void Pearson_from_appendix_c_probabilities() =>
        Assert.Equal(0.0999, DualWeatherStatistics.PearsonOf(191.0 / 365, 189.0 / 365, 108.0 / 365), 4);

    /// <summary>u^((1 − m)/m) of a uniform u has mean 1/(1 + (1 − m)/m) = m: midpoint sum over 10⁵ points.</summary>
    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void Synthetic_fraction_has_the_requested_mean(double mean)
    {
        const int n = 100_000;
        var sum = 0.0;
        for (var i = 0; i < n; i++) sum += CloudCover.FractionOf((i + 0.5) / n, mean);
        Assert.Equal(mean, sum / n, 4);
    }

    /// <summary>Hand-made hourly cover over two days: A clear (10 %) both days, B 90 % on day 1 and 0 % on day 2.</summary>
    [Fact]
    public void Daily_statistics_and_threshold_weather()
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var a = Enumerable.Range(0, 48).Select(h => (start.AddHours(h), 0.1)).ToList();
        var b = Enumerable.Range(0, 48).Select(h => (start.AddHours(h), h < 24 ? 0.9 : 0.0)).ToList();
        var series = new SlotSeries("test", "test", ["A", "B"], [a, b], TimeSpan.FromHours(1), MissingWeather.Error);
        var cover = new CloudCover(series, "test", TimeSpan.FromHours(1));
        var stats = DualWeatherStatistics.Compute(cover, 0, 1, start, start.AddDays(2), 20);
        Assert.Equal(2, stats.Days);
        Assert.Equal(1.0, stats.ClearA);
        Assert.Equal(0.5, stats.ClearB);
        Assert.Equal(0.5, stats.ClearBoth);
        Assert.Equal(365.25 / 2, stats.DualDaysPerYear, 9);
        var weather = cover.Below(20);
        Assert.Equal(0, weather.CloudLossDb(0, start));
        Assert.True(double.IsPositiveInfinity(weather.CloudLossDb(1, start)));
    }

    /// <summary>A set latent correlation shows in the clear-day indicators: ρ = 0.6 gives a clearly positive Pearson, ρ = 0 about none.</summary>
    [Fact]
    public void Synthetic_correlation_shows_in_clear_days()
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = start.AddDays(3 * 365);
        double Pearson(double rho) => DualWeatherStatistics.Compute(
            CloudCover.Synthetic(7, ["A", "B"], [0.5, 0.5], 24, rho, TimeSpan.FromHours(3), start, end), 0, 1, start, end, 40).Pearson;
        Assert.True(Pearson(0.6) > 0.25);
        Assert.InRange(Pearson(0), -0.1, 0.1);
    }
}
