namespace QkdScheduler.Orbits.Time;

/// <summary>Greenwich mean sidereal time.</summary>
public static class SiderealTime
{
    /// <summary>
    /// GMST in radians [0, 2π) from the IAU-82 model (Vallado, "Fundamentals of Astrodynamics and
    /// Applications", Eq. 3-47; Aoki et al. 1982):
    /// θ = 67310.54841 s + (876600·3600 + 8640184.812866) s·T + 0.093104 s·T² − 6.2e-6 s·T³,
    /// T = (JD_UT1 − 2451545.0) / 36525. This is also the GMST that relates TEME to Earth-fixed
    /// coordinates in AIAA 2006-6753 (gstime).
    /// </summary>
    public static double Gmst82(double jdUt1)
    {
        var t = (jdUt1 - JulianDate.J2000) / 36525.0;
        var seconds = -6.2e-6 * t * t * t + 0.093104 * t * t + (876600.0 * 3600.0 + 8640184.812866) * t + 67310.54841;
        // 240 seconds of time per degree.
        var theta = (seconds * (Math.PI / 180.0) / 240.0) % (2 * Math.PI);
        return theta < 0 ? theta + 2 * Math.PI : theta;
    }
}
