using QkdScheduler.Orbits.Synthetic;

namespace QkdScheduler.Orbits.Tests;

public class SunSynchronousTests
{
    /// <summary>
    /// Sun-synchronous inclinations of circular orbits as tabulated by Boain, "A-B-Cs of sun-synchronous orbit mission
    /// design", AAS 04-108 (2004), Table 1: 97.40° at 500 km, 98.60° at 800 km (there with EGM constants; WGS-72 moves
    /// them by well under 0.02°).
    /// </summary>
    [Theory]
    [InlineData(500, 97.40)]
    [InlineData(800, 98.60)]
    public void Inclination_matches_the_published_table(double altitudeKm, double expectedDeg) =>
        Assert.Equal(expectedDeg, SunSynchronous.InclinationDeg(altitudeKm), 0.02);

    [Fact]
    public void No_sun_synchronous_orbit_far_out() =>
        Assert.Throws<QkdScheduler.Core.InputException>(() => SunSynchronous.InclinationDeg(8000));

    /// <summary>
    /// At J2000.0 (2000-01-01 12:00 UT) GMST is 280.46061837° (Vallado, 4th ed., Eq. 3-45 at T = 0). A node at local
    /// noon lies under the mean Sun: RAAN = GMST + 15°·(12 − 12) = 280.4606°; at 18:00, 90° further east: 10.4606°;
    /// at 22:30, 157.5° east: 77.9606°.
    /// </summary>
    [Theory]
    [InlineData("12:00", 280.4606)]
    [InlineData("18:00", 10.4606)]
    [InlineData("22:30", 77.9606)]
    public void Raan_puts_the_node_at_its_local_time(string ltan, double expectedDeg) =>
        Assert.Equal(expectedDeg, SunSynchronous.RaanDeg(SunSynchronous.ParseLtan(ltan)!.Value, new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc)), 3);

    [Theory]
    [InlineData("24:00")]
    [InlineData("7:5")]
    [InlineData("noon")]
    public void Bad_local_times_are_refused(string text) => Assert.Null(SunSynchronous.ParseLtan(text));
}
