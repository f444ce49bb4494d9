namespace QkdScheduler.Orbits.Sgp4;

/// <summary>
/// SGP4 mean elements in the units SGP4 works in (AIAA 2006-6753, sgp4init inputs): angles in
/// radians, mean motion in radians per minute (Brouwer/Kozai mean motion as printed in a TLE),
/// B* in inverse earth radii, epoch as a UTC Julian date.
/// </summary>
public sealed record MeanElements(
    string Name,
    int SatelliteNumber,
    double EpochJd,
    double Bstar,
    double Eccentricity,
    double InclinationRad,
    double RaanRad,
    double ArgPerigeeRad,
    double MeanAnomalyRad,
    double MeanMotionRadPerMin)
{
    /// <summary>Days since 1949 December 31 00:00 UT, the epoch argument of sgp4init.</summary>
    public double EpochDays1950 => EpochJd - 2433281.5;

    public DateTime EpochUtc => Time.JulianDate.ToUtc(EpochJd);
}
