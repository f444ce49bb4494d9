using QkdScheduler.Core;
using QkdScheduler.Orbits.Sgp4;
using QkdScheduler.Orbits.Time;

namespace QkdScheduler.Orbits.Synthetic;

/// <summary>
/// Sun-synchronous orbits: the inclination at which J2 turns the orbit plane once a tropical year, and the RAAN
/// that puts the ascending node at a local time.
/// <list type="bullet">
/// <item>Nodal regression Ω̇ = −(3/2) n J2 (R/p)² cos i (Vallado, <i>Fundamentals of Astrodynamics and
/// Applications</i>, 4th ed., Eq. 9-41, secular J2 term), set equal to the mean Sun's motion
/// 360° per 365.2421897 days (Eq. 9-43), so cos i = −Ω̇_sun / ((3/2) n J2 (R/p)²) with n = √(μ/a³), p = a(1 − e²).
/// The constants are WGS-72's, those SGP4 propagates with.</item>
/// <item>Local mean solar time at longitude λ is UT + λ/15 h, and the ascending node lies at longitude
/// Ω − θ_GMST, so the node is at local time LTAN when Ω = θ_GMST + 15°·(LTAN − UT) (mean time: the equation of
/// time, within ±16 min, is not applied, as LTAN is quoted in mean time).</item>
/// </list>
/// </summary>
public static class SunSynchronous
{
    /// <summary>The mean Sun's motion in right ascension, rad/s: 2π per tropical year (Vallado Eq. 9-43).</summary>
    public const double SunRateRadPerSecond = 2 * Math.PI / (365.2421897 * 86400.0);

    public static double InclinationDeg(double altitudeKm, double eccentricity = 0)
    {
        var g = GravityModel.Wgs72;
        var a = g.RadiusKm + altitudeKm;
        var p = a * (1 - eccentricity * eccentricity);
        var n = Math.Sqrt(g.Mu / (a * a * a));
        var cos = -SunRateRadPerSecond / (1.5 * n * g.J2 * Math.Pow(g.RadiusKm / p, 2));
        if (cos < -1)
            throw new InputException(null, null, $"no sun-synchronous orbit exists at {altitudeKm} km: J2 cannot turn the plane fast enough above about 5 970 km");
        return Math.Acos(cos) * 180 / Math.PI;
    }

    /// <summary>RAAN in [0°, 360°) of an orbit whose ascending node is at local mean time <paramref name="ltanHours"/> at <paramref name="epochUtc"/>.</summary>
    public static double RaanDeg(double ltanHours, DateTime epochUtc)
    {
        var gmst = SiderealTime.Gmst82(JulianDate.FromUtc(epochUtc)) * 180 / Math.PI;
        var ut = epochUtc.TimeOfDay.TotalHours;
        var raan = (gmst + 15 * (ltanHours - ut)) % 360;
        return raan < 0 ? raan + 360 : raan;
    }

    /// <summary>"HH:MM" (00:00 to 23:59) as hours; null when it is not one.</summary>
    public static double? ParseLtan(string text)
    {
        var parts = text.Trim().Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var h) || !int.TryParse(parts[1], out var m) || h is < 0 or > 23 || m is < 0 or > 59 || parts[1].Length != 2)
            return null;
        return h + m / 60.0;
    }
}
