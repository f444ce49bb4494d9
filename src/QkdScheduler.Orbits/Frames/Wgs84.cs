namespace QkdScheduler.Orbits.Frames;

/// <summary>A point given by WGS-84 geodetic latitude, longitude (degrees, east positive) and height (km).</summary>
public readonly record struct Geodetic(double LatitudeDeg, double LongitudeDeg, double HeightKm);

/// <summary>
/// WGS-84 ellipsoid conversions. Constants: NIMA TR8350.2 (a = 6378.137 km, 1/f = 298.257223563).
/// Formulas: Vallado, "Fundamentals of Astrodynamics and Applications" (4th ed.), Eq. 3-14 and
/// Algorithm 51 (site position), and Algorithm 12 (ECEF → geodetic, iterated to convergence).
/// </summary>
public static class Wgs84
{
    public const double EquatorialRadiusKm = 6378.137;
    public const double Flattening = 1.0 / 298.257223563;
    public static readonly double EccentricitySquared = Flattening * (2.0 - Flattening);
    private const double Deg = Math.PI / 180.0;

    /// <summary>Earth-fixed position (km) of a geodetic point: C = a/√(1−e²sin²φ), S = C(1−e²) (Vallado Eq. 3-14).</summary>
    public static Vec3 ToEcef(Geodetic p)
    {
        var lat = p.LatitudeDeg * Deg;
        var lon = p.LongitudeDeg * Deg;
        var sinLat = Math.Sin(lat);
        var c = EquatorialRadiusKm / Math.Sqrt(1.0 - EccentricitySquared * sinLat * sinLat);
        var s = c * (1.0 - EccentricitySquared);
        var rxy = (c + p.HeightKm) * Math.Cos(lat);
        return new Vec3(rxy * Math.Cos(lon), rxy * Math.Sin(lon), (s + p.HeightKm) * sinLat);
    }

    /// <summary>
    /// Geodetic coordinates of an Earth-fixed position (km): tan φ = (r_K + C e² sin φ) / r_δ,
    /// iterated from the geocentric latitude until φ changes by less than 1e-14 rad (Vallado Algorithm 12).
    /// </summary>
    public static Geodetic FromEcef(Vec3 r)
    {
        var rDelta = Math.Sqrt(r.X * r.X + r.Y * r.Y);
        var lon = Math.Atan2(r.Y, r.X);
        var lat = Math.Atan2(r.Z, rDelta);
        double c = EquatorialRadiusKm;
        for (var i = 0; i < 50; i++)
        {
            var sinLat = Math.Sin(lat);
            c = EquatorialRadiusKm / Math.Sqrt(1.0 - EccentricitySquared * sinLat * sinLat);
            var next = Math.Atan2(r.Z + c * EccentricitySquared * sinLat, rDelta);
            var done = Math.Abs(next - lat) < 1e-14;
            lat = next;
            if (done) break;
        }
        var sin = Math.Sin(lat);
        var cos = Math.Cos(lat);
        // Height: away from the poles use r_δ/cos φ − C, near them r_K/sin φ − S (Vallado Algorithm 12).
        var h = Math.Abs(cos) > 1e-3
            ? rDelta / cos - c
            : r.Z / sin - c * (1.0 - EccentricitySquared);
        return new Geodetic(lat / Deg, lon / Deg, h);
    }
}
