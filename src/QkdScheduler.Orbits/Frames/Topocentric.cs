namespace QkdScheduler.Orbits.Frames;

/// <summary>Azimuth (degrees from north through east), elevation (degrees), range (km), range rate (km/s).</summary>
public readonly record struct LookAngles(double AzimuthDeg, double ElevationDeg, double RangeKm, double RangeRateKmS);

/// <summary>
/// The local east-north-up frame of a geodetic site and look angles from it (Vallado, 4th ed.,
/// Algorithm 27 RAZEL, written in the ENU rather than the SEZ basis: ρ_E = −sinλ ρ_x + cosλ ρ_y,
/// ρ_N = −sinφ cosλ ρ_x − sinφ sinλ ρ_y + cosφ ρ_z, ρ_U = cosφ cosλ ρ_x + cosφ sinλ ρ_y + sinφ ρ_z;
/// az = atan2(ρ_E, ρ_N), el = asin(ρ_U/|ρ|), ρ̇ = ρ·ρ̇/|ρ|).
/// </summary>
public sealed class Topocentric
{
    private readonly double _sinLat, _cosLat, _sinLon, _cosLon;

    public Topocentric(Geodetic site)
    {
        Site = site;
        SiteEcef = Wgs84.ToEcef(site);
        var lat = site.LatitudeDeg * Math.PI / 180.0;
        var lon = site.LongitudeDeg * Math.PI / 180.0;
        _sinLat = Math.Sin(lat);
        _cosLat = Math.Cos(lat);
        _sinLon = Math.Sin(lon);
        _cosLon = Math.Cos(lon);
    }

    public Geodetic Site { get; }
    public Vec3 SiteEcef { get; }

    /// <summary>Elevation only (degrees) of an Earth-fixed position: the hot path of the pass finder.</summary>
    public double Elevation(Vec3 targetEcef)
    {
        var dx = targetEcef.X - SiteEcef.X;
        var dy = targetEcef.Y - SiteEcef.Y;
        var dz = targetEcef.Z - SiteEcef.Z;
        var up = _cosLat * _cosLon * dx + _cosLat * _sinLon * dy + _sinLat * dz;
        // Clamp: rounding can push |up/range| just above 1 at the zenith, and Asin would give NaN.
        return Math.Asin(Math.Clamp(up / Math.Sqrt(dx * dx + dy * dy + dz * dz), -1.0, 1.0)) * (180.0 / Math.PI);
    }

    /// <summary>Look angles of a target with Earth-fixed position (km) and velocity (km/s).</summary>
    public LookAngles Look(Vec3 targetEcef, Vec3 targetVelocityEcef = default)
    {
        var rho = targetEcef - SiteEcef;
        var east = -_sinLon * rho.X + _cosLon * rho.Y;
        var north = -_sinLat * _cosLon * rho.X - _sinLat * _sinLon * rho.Y + _cosLat * rho.Z;
        var up = _cosLat * _cosLon * rho.X + _cosLat * _sinLon * rho.Y + _sinLat * rho.Z;
        var range = rho.Norm;
        var az = Math.Atan2(east, north) * (180.0 / Math.PI);
        if (az < 0) az += 360.0;
        var el = Math.Asin(Math.Clamp(up / range, -1.0, 1.0)) * (180.0 / Math.PI);
        var rangeRate = Vec3.Dot(rho, targetVelocityEcef) / range;
        return new LookAngles(az, el, range, rangeRate);
    }
}
