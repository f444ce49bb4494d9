using QkdScheduler.Orbits.Time;

namespace QkdScheduler.Orbits.Frames;

/// <summary>
/// TEME (the frame of SGP4 output) → Earth-fixed, as in AIAA 2006-6753 Sec. "Coordinate systems"
/// and Vallado's teme2ecef: r_PEF = R3(θ_GMST) r_TEME, v_PEF = R3(θ_GMST) v_TEME − ω⊕ × r_PEF, with
/// θ_GMST from IAU-82. Polar motion (≤ 0.5″, ≤ 15 m on the ground) is neglected, so PEF is used as
/// ITRF; UTC stands in for UT1 (≤ 0.9 s, ≤ 0.4 km along the equator).
/// </summary>
public static class EarthRotation
{
    /// <summary>Earth's rotation rate, rad/s (Vallado, 4th ed., Eq. 3-40, nominal length of day).</summary>
    public const double OmegaRadPerSecond = 7.292115146706979e-5;

    public static Vec3 TemeToEcef(Vec3 teme, double gmst)
    {
        var c = Math.Cos(gmst);
        var s = Math.Sin(gmst);
        return new Vec3(c * teme.X + s * teme.Y, -s * teme.X + c * teme.Y, teme.Z);
    }

    /// <summary>Position and velocity (km, km/s) from TEME to Earth-fixed at a UTC Julian date.</summary>
    public static (Vec3 Position, Vec3 Velocity) TemeToEcef(Vec3 r, Vec3 v, double jdUtc)
    {
        var gmst = SiderealTime.Gmst82(jdUtc);
        var rp = TemeToEcef(r, gmst);
        var vr = TemeToEcef(v, gmst);
        // ω × r with ω = (0, 0, ω⊕).
        var vp = new Vec3(vr.X + OmegaRadPerSecond * rp.Y, vr.Y - OmegaRadPerSecond * rp.X, vr.Z);
        return (rp, vp);
    }
}
