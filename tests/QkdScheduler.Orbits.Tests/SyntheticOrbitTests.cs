using QkdScheduler.Core;
using QkdScheduler.Orbits.Frames;
using QkdScheduler.Orbits.Sgp4;
using QkdScheduler.Orbits.Synthetic;
using QkdScheduler.Orbits.Time;

namespace QkdScheduler.Orbits.Tests;

public sealed class SyntheticOrbitTests
{
    private static readonly DateTime Epoch = new(2016, 9, 19, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(500.0, 0.0, 97.4)]
    [InlineData(2500.0, 0.0, 60.0)]
    [InlineData(5000.0, 0.01, 45.0)]
    [InlineData(15000.0, 0.0, 55.0)]
    [InlineData(35786.0, 0.0, 0.0)]
    public void Sgp4_recovers_exactly_the_requested_mean_semi_major_axis(double altitudeKm, double e, double incl)
    {
        // SGP4's Brouwer mean semi-major axis is a0 = (ke/n0)^(2/3) earth radii (AIAA 2006-6753, initl).
        var orbit = new KeplerianOrbit("x", KeplerianOrbit.SemiMajorAxisForAltitude(altitudeKm), e, incl, 10, 20, 30, Epoch);
        var sgp4 = new Sgp4Propagator(orbit.ToMeanElements());
        var g = GravityModel.Wgs72;
        var a0 = Math.Pow(g.Xke / sgp4.MeanMotion, 2.0 / 3.0) * g.RadiusKm;
        Assert.Equal(orbit.SemiMajorAxisKm, a0, 6);
        Assert.Equal(Sgp4Error.None, sgp4.InitError);
    }

    [Fact]
    public void A_500_km_circular_orbit_stays_within_the_short_period_j2_band()
    {
        // Mean circular orbit: the osculating radius swings by the J2 short-period terms, about ±10 km
        // in LEO (Vallado, 4th ed., Sec. 9.6); no drag, so no decay.
        var sgp4 = new Sgp4Propagator(KeplerianOrbit.Circular("leo", 500, 97.4, 0, 0, Epoch).ToMeanElements());
        var a = KeplerianOrbit.SemiMajorAxisForAltitude(500);
        for (var t = 0.0; t <= 1440; t += 1)
        {
            Assert.Equal(Sgp4Error.None, sgp4.Propagate(t, out var r, out _));
            Assert.InRange(r.Norm, a - 20, a + 20);
        }
    }

    [Fact]
    public void A_geostationary_orbit_stays_over_the_same_longitude_for_a_day()
    {
        // GEO: a = 42164.17 km (period one sidereal day, Vallado 4th ed. Sec. 2.2); longitude drift per day is
        // only the J2 perturbation of the mean motion, ~0.01°.
        var orbit = new KeplerianOrbit("geo", 42164.17, 0, 0, 0, 0, 0, Epoch);
        var sgp4 = new Sgp4Propagator(orbit.ToMeanElements());
        Assert.True(sgp4.IsDeepSpace);
        double Longitude(double minutes)
        {
            sgp4.Propagate(minutes, out var r, out _);
            var jd = JulianDate.FromUtc(Epoch) + minutes / 1440.0;
            return Wgs84.FromEcef(EarthRotation.TemeToEcef(r, SiderealTime.Gmst82(jd))).LongitudeDeg;
        }
        var drift = Math.IEEERemainder(Longitude(1440) - Longitude(0), 360.0);
        Assert.InRange(drift, -0.05, 0.05);
    }

    [Fact]
    public void Walker_delta_24_3_1_places_planes_and_phases_as_defined()
    {
        // Walker i:t/p/f = 55°:24/3/1: planes at 0°, 120°, 240°; 8 satellites 45° apart; plane j shifted
        // by f·360°/t = 15° per plane.
        var c = WalkerConstellation.Delta("w", 1000, 55, 24, 3, 1, Epoch);
        Assert.Equal(24, c.Count);
        Assert.Equal([0.0, 120.0, 240.0], c.Select(o => o.RaanDeg).Distinct().ToArray());
        Assert.Equal(45.0, c[1].MeanAnomalyDeg - c[0].MeanAnomalyDeg, 9);
        Assert.Equal(15.0, c[8].MeanAnomalyDeg, 9);
        Assert.Equal(30.0, c[16].MeanAnomalyDeg, 9);
        Assert.Throws<InputException>(() => WalkerConstellation.Delta("w", 1000, 55, 24, 5, 1, Epoch));
    }

    [Fact]
    public void Impossible_orbits_are_rejected_with_the_reason()
    {
        var underground = new KeplerianOrbit("low", 6000, 0, 0, 0, 0, 0, Epoch);
        Assert.Contains("below the Earth's surface", Assert.Throws<InputException>(() => underground.ToMeanElements()).Message);
        var open = new KeplerianOrbit("open", 8000, 1.0, 0, 0, 0, 0, Epoch);
        Assert.Contains("eccentricity 1 must be in [0, 1)", Assert.Throws<InputException>(() => open.ToMeanElements()).Message);
    }
}
