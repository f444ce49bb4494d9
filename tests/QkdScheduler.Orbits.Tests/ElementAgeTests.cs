using QkdScheduler.Orbits.Sgp4;
using QkdScheduler.Orbits.Tle;

namespace QkdScheduler.Orbits.Tests;

/// <summary>The element-age rule: warn past 14 days from the period, refuse past 365, and SGP4's failures within the period.</summary>
public class ElementAgeTests
{
    private static readonly DateTime Start = new(2016, 9, 19, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime End = new(2016, 9, 26, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The committed Micius set: epoch 2016-12-18 21:38:11 UTC, 90 d 21 h 38 min after the week starts = 90.90 days.</summary>
    [Fact]
    public void The_Micius_set_is_90_point_9_days_after_the_week_starts()
    {
        var age = ElementAge.Of("Micius", "TLE", new DateTime(2016, 12, 18, 21, 38, 11, DateTimeKind.Utc), Start, End);
        Assert.Equal("Micius TLE epoch 2016-12-18 is 90.9 days after the period starts", age.Text);
        Assert.True(age.NeedsWarning);
        Assert.False(age.TooOld);
    }

    [Theory]
    [InlineData("2016-09-22T00:00:00Z", 4, "before the period ends")]    // inside: 3 days after the start, 4 before the end
    [InlineData("2016-09-05T00:00:00Z", 21, "before the period ends")]   // 14 days before the start, 21 before the end
    [InlineData("2016-10-10T00:00:00Z", 21, "after the period starts")]
    public void The_age_is_measured_to_the_farther_end(string epoch, double days, string relation)
    {
        var age = ElementAge.Of("X", "TLE", DateTime.Parse(epoch, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal), Start, End);
        Assert.Equal(days, age.Days, 9);
        Assert.Equal(relation, age.Relation);
    }

    [Theory]
    [InlineData(14, false, false)]
    [InlineData(14.01, true, false)]
    [InlineData(365, true, false)]
    [InlineData(365.01, true, true)]
    public void Thresholds(double days, bool warn, bool refuse)
    {
        var age = ElementAge.Of("X", "orbit", Start.AddDays(-days), Start, Start);
        Assert.Equal(warn, age.NeedsWarning);
        Assert.Equal(refuse, age.TooOld);
        Assert.StartsWith("X orbit epoch", age.Text);
        Assert.StartsWith("orbit epoch", ElementAge.Of("orbit", "orbit", Start, Start, End).Text);
    }

    /// <summary>
    /// A circular orbit at 200 km (a = 6578.137 km, n = √(μ/a³) = 1.1799e-3 rad/s) with a drag term B* = 0.5 per earth
    /// radius, thousands of times a real satellite's, falls within weeks; without drag it propagates throughout.
    /// </summary>
    [Fact]
    public void A_decaying_orbit_is_reported_and_a_drag_free_one_is_not()
    {
        const double a = 6578.137, mu = 398600.4418;
        var n = Math.Sqrt(mu / (a * a * a)) * 60;
        var jd = Time.JulianDate.FromUtc(Start);
        MeanElements Orbit(double bstar) => new("falling", 99999, jd, bstar, 0.0001, 0.9, 0, 0, 0, n);
        var failure = ElementAge.FirstFailure(Orbit(0.5), Start, Start.AddDays(60));
        Assert.NotNull(failure);
        Assert.True(failure.Value.Utc > Start && failure.Value.Utc <= Start.AddDays(60));
        Assert.Null(ElementAge.FirstFailure(Orbit(0), Start, Start.AddDays(60)));
    }
}
