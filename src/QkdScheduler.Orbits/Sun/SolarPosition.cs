using QkdScheduler.Orbits.Frames;
using QkdScheduler.Orbits.Time;

namespace QkdScheduler.Orbits.Sun;

/// <summary>
/// Low-precision solar coordinates, good to about 0.01° between 1950 and 2050: the Astronomical
/// Almanac's formula as given in Vallado, "Fundamentals of Astrodynamics and Applications"
/// (4th ed.), Algorithm 29 (Eq. 5-1 ff.):
/// λ_M = 280.460° + 36000.771 T, M = 357.5291092° + 35999.05034 T,
/// λ = λ_M + 1.914666471° sin M + 0.019994643° sin 2M,
/// r = 1.000140612 − 0.016708617 cos M − 0.000139589 cos 2M AU, ε = 23.439291° − 0.0130042° T,
/// T in Julian centuries from J2000 (UT1 is used for TDB: the 70 s difference moves the Sun 0.0008°).
/// The result is in the mean-of-date equator and equinox, which we use as TEME: the two differ by
/// the equation of the equinoxes (≤ 0.005°).
/// </summary>
public static class SolarPosition
{
    public const double AstronomicalUnitKm = 149597870.7;
    private const double Deg = Math.PI / 180.0;

    /// <summary>Geocentric Sun vector in AU (mean of date ≈ TEME).</summary>
    public static Vec3 VectorAu(double jd)
    {
        var t = (jd - JulianDate.J2000) / 36525.0;
        var meanLongitude = 280.460 + 36000.771 * t;
        var meanAnomaly = (357.5291092 + 35999.05034 * t) * Deg;
        var lambda = (meanLongitude + 1.914666471 * Math.Sin(meanAnomaly) + 0.019994643 * Math.Sin(2 * meanAnomaly)) * Deg;
        var r = 1.000140612 - 0.016708617 * Math.Cos(meanAnomaly) - 0.000139589 * Math.Cos(2 * meanAnomaly);
        var epsilon = (23.439291 - 0.0130042 * t) * Deg;
        return new Vec3(r * Math.Cos(lambda), r * Math.Cos(epsilon) * Math.Sin(lambda), r * Math.Sin(epsilon) * Math.Sin(lambda));
    }

    /// <summary>Geocentric Sun vector in km (mean of date ≈ TEME).</summary>
    public static Vec3 VectorKm(double jd) => AstronomicalUnitKm * VectorAu(jd);

    /// <summary>Right ascension and declination in degrees (RA in [0, 360)).</summary>
    public static (double RightAscensionDeg, double DeclinationDeg) RaDec(double jd)
    {
        var s = VectorAu(jd);
        var ra = Math.Atan2(s.Y, s.X) / Deg;
        if (ra < 0) ra += 360.0;
        return (ra, Math.Asin(s.Z / s.Norm) / Deg);
    }

    /// <summary>Elevation of the Sun's centre (degrees, no refraction) seen from a site at a UTC Julian date.</summary>
    public static double ElevationDeg(Topocentric site, double jd)
    {
        var sunEcef = EarthRotation.TemeToEcef(VectorKm(jd), SiderealTime.Gmst82(jd));
        return site.Elevation(sunEcef);
    }
}
