using QkdScheduler.Core;
using QkdScheduler.Orbits.Frames;
using QkdScheduler.Orbits.Sgp4;
using QkdScheduler.Orbits.Sun;
using QkdScheduler.Orbits.Time;

namespace QkdScheduler.Orbits.Passes;

/// <summary>
/// Seconds since the start of a period → the satellite (SGP4, TEME rotated by GMST IAU-82) and the
/// Sun in Earth-fixed coordinates. Shared by the pass finder and the precompute pipeline. Not
/// thread-safe (the propagator is not).
/// </summary>
public sealed class SatelliteClock(Sgp4Propagator satellite, DateTime startUtc, string source)
{
    private readonly double _jd0 = JulianDate.FromUtc(startUtc);
    private readonly double _tsince0 = (JulianDate.FromUtc(startUtc) - satellite.Elements.EpochJd) * 1440.0;

    public DateTime Utc(double t) => startUtc.AddTicks((long)Math.Round(t * TimeSpan.TicksPerSecond));

    public Vec3 SatelliteEcef(double t)
    {
        var error = satellite.Propagate(_tsince0 + t / 60.0, out var r, out _);
        if (error != Sgp4Error.None)
            throw new InputException(source, null,
                $"SGP4 cannot propagate this element set to {Utc(t):yyyy-MM-ddTHH:mm:ssZ}: {Sgp4ErrorText.Describe(error)}; use an element set with an epoch nearer the period");
        return EarthRotation.TemeToEcef(r, SiderealTime.Gmst82(_jd0 + t / 86400.0));
    }

    public Vec3 SunEcef(double t)
    {
        var jd = _jd0 + t / 86400.0;
        return EarthRotation.TemeToEcef(SolarPosition.VectorKm(jd), SiderealTime.Gmst82(jd));
    }
}
