using FsCheck;
using FsCheck.Fluent;
using QkdScheduler.Orbits.Frames;
using QkdScheduler.Orbits.Sun;
using QkdScheduler.Orbits.Time;

namespace QkdScheduler.Orbits.Tests;

/// <summary>Time, frames and Sun against published worked examples (sources cited per test).</summary>
public sealed class ReferenceExampleTests
{
    private static double Dms(double d, double m, double s) => Math.Sign(d) * (Math.Abs(d) + m / 60 + s / 3600);

    [Fact]
    public void Gmst_matches_Vallado_example_3_5()
    {
        // Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., Example 3-5:
        // 1992 August 20, 12:14:00 UT1 -> GMST = 152.578787810°.
        var jd = JulianDate.FromCalendar(1992, 8, 20, 12, 14, 0);
        Assert.Equal(2448855.009722, jd, 6);
        Assert.Equal(152.578787810, SiderealTime.Gmst82(jd) * 180 / Math.PI, 7);
    }

    [Fact]
    public void Gmst_matches_Meeus_examples_12a_and_12b()
    {
        // Meeus, Astronomical Algorithms, 2nd ed., Ex. 12.a: 1987 April 10, 0h UT -> 13h10m46.3668s.
        var a = SiderealTime.Gmst82(JulianDate.FromCalendar(1987, 4, 10, 0, 0, 0)) * 180 / Math.PI;
        Assert.Equal((13 + 10 / 60.0 + 46.3668 / 3600) * 15, a, 5);
        // Ex. 12.b: 1987 April 10, 19:21:00 UT -> 128.7378734°.
        var b = SiderealTime.Gmst82(JulianDate.FromCalendar(1987, 4, 10, 19, 21, 0)) * 180 / Math.PI;
        Assert.Equal(128.7378734, b, 6);
    }

    [Fact]
    public void Julian_date_round_trips_to_the_tick_region()
    {
        var t = new DateTime(2016, 9, 19, 13, 45, 12, 345, DateTimeKind.Utc);
        Assert.True(Math.Abs((JulianDate.ToUtc(JulianDate.FromUtc(t)) - t).TotalMilliseconds) < 0.1);
        // J2000.0 is 2000 January 1 12:00 (Vallado, 4th ed., Sec. 3.5).
        Assert.Equal(JulianDate.J2000, JulianDate.FromCalendar(2000, 1, 1, 12, 0, 0));
    }

    [Fact]
    public void Ecef_to_geodetic_matches_Vallado_example_3_3()
    {
        // Vallado, 4th ed., Example 3-3: r = (6524.834, 6862.875, 6448.296) km ->
        // φ_gd = 34.352496°, λ = 46.4464°, h_ellp = 5085.22 km.
        var g = Wgs84.FromEcef(new Vec3(6524.834, 6862.875, 6448.296));
        Assert.Equal(34.352496, g.LatitudeDeg, 5);
        Assert.Equal(46.4464, g.LongitudeDeg, 4);
        Assert.Equal(5085.22, g.HeightKm, 2);
    }

    [Fact]
    public void Geodetic_to_ecef_matches_Vallado_examples_3_2_and_7_1()
    {
        // Vallado, 4th ed., Example 3-2: φ = -7°54'23.886", λ = 345°35'51", h = 56 m ->
        // r = (6119.400269, -1571.47955545, -871.56118090) km.
        var r = Wgs84.ToEcef(new Geodetic(Dms(-7, 54, 23.886), Dms(345, 35, 51), 0.056));
        Assert.Equal(6119.400269, r.X, 5);
        Assert.Equal(-1571.47955545, r.Y, 5);
        Assert.Equal(-871.56118090, r.Z, 5);
        // Example 7-1 site: φ = 39.007°, λ = -104.883°, h = 2187 m -> (-1275.1219, -4797.9890, 3994.2975) km.
        var s = Wgs84.ToEcef(new Geodetic(39.007, -104.883, 2.187));
        Assert.Equal(-1275.1219, s.X, 4);
        Assert.Equal(-4797.9890, s.Y, 4);
        Assert.Equal(3994.2975, s.Z, 4);
    }

    [Fact]
    public void Geodetic_round_trip_holds_everywhere()
    {
        Prop.ForAll(
            ArbMap.Default.ArbFor<int>(),
            seed =>
            {
                var rng = new Random(seed);
                var p = new Geodetic(rng.NextDouble() * 180 - 90, rng.NextDouble() * 360 - 180, rng.NextDouble() * 40000 - 5);
                var q = Wgs84.FromEcef(Wgs84.ToEcef(p));
                return Math.Abs(q.LatitudeDeg - p.LatitudeDeg) < 1e-9 && Math.Abs(q.LongitudeDeg - p.LongitudeDeg) < 1e-9
                    && Math.Abs(q.HeightKm - p.HeightKm) < 1e-6;
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Look_angles_match_Vallado_example_11_6()
    {
        // Vallado, 4th ed., Example 11-6 / Table 11-4, as quoted in the passpredict test suite:
        // site 42.38°, -71.13°, 24 m; satellite ECEF (885.7296, -4389.3856, 5070.1765) km ->
        // range 1022.3143 km, azimuth 323.0780°, elevation 18.7619°.
        var look = new Topocentric(new Geodetic(42.38, -71.13, 0.024)).Look(new Vec3(885.7296, -4389.3856, 5070.1765));
        Assert.Equal(1022.3143, look.RangeKm, 3);
        Assert.Equal(323.0780, look.AzimuthDeg, 3);
        Assert.Equal(18.7619, look.ElevationDeg, 3);
    }

    [Fact]
    public void Look_angles_match_Curtis_example_5_9()
    {
        // Curtis, Orbital Mechanics for Engineering Students, Example 5.9: r = (-2032.4, 4591.2, -4544.8) km,
        // φ = -40°, local sidereal time 110° (so the position is Earth-fixed with λ = 110°), sea level
        // (Curtis' ellipsoid R = 6378 km, f = 0.003353) -> azimuth 129.8°, elevation 41.41°, range 589.0 km.
        var look = new Topocentric(new Geodetic(-40, 110, 0)).Look(new Vec3(-2032.4, 4591.2, -4544.8));
        Assert.Equal(129.8, look.AzimuthDeg, 1);
        Assert.Equal(41.41, look.ElevationDeg, 1);
        Assert.Equal(589.0, look.RangeKm, 0);
    }

    [Fact]
    public void Look_angles_by_hand_overhead_and_on_the_horizon_with_range_rate()
    {
        // Hand calculation: a site at (0°, 0°, 0 m) is at (a, 0, 0). A point 500 km straight up is at
        // elevation 90°, range 500 km; moving up at 1 km/s its range rate is +1 km/s.
        var site = new Topocentric(new Geodetic(0, 0, 0));
        var up = site.Look(new Vec3(Wgs84.EquatorialRadiusKm + 500, 0, 0), new Vec3(1, 0, 0));
        Assert.Equal(90.0, up.ElevationDeg, 9);
        Assert.Equal(500.0, up.RangeKm, 9);
        Assert.Equal(1.0, up.RangeRateKmS, 12);
        // 1000 km due north along the local horizontal (the z axis here): azimuth 0°, elevation 0°.
        var north = site.Look(new Vec3(Wgs84.EquatorialRadiusKm, 0, 1000));
        Assert.Equal(0.0, north.AzimuthDeg, 9);
        Assert.Equal(0.0, north.ElevationDeg, 9);
        // Due east (the y axis): azimuth 90°.
        Assert.Equal(90.0, site.Look(new Vec3(Wgs84.EquatorialRadiusKm, 1000, 0)).AzimuthDeg, 9);
    }

    [Fact]
    public void Sun_agrees_with_the_almanac_within_0_01_degree()
    {
        // Meeus, Astronomical Algorithms, 2nd ed., Example 25.b (VSOP87, i.e. almanac accuracy):
        // 1992 October 13.0 TD: apparent α = 198.378178°, δ = -7.783871°.
        var (ra, dec) = SolarPosition.RaDec(2448908.5);
        Assert.True(Math.Abs(ra - 198.378178) < 0.01, $"RA {ra}");
        Assert.True(Math.Abs(dec - -7.783871) < 0.01, $"Dec {dec}");
    }

    [Fact]
    public void Sun_vector_matches_Vallado_example_5_1()
    {
        // Vallado, 4th ed., Example 5-1: 2006 April 2, 00:00 UTC -> r = (0.9771945, 0.1924424, 0.0834308) AU.
        var s = SolarPosition.VectorAu(JulianDate.FromCalendar(2006, 4, 2, 0, 0, 0));
        Assert.Equal(0.9771945, s.X, 5);
        Assert.Equal(0.1924424, s.Y, 5);
        Assert.Equal(0.0834308, s.Z, 5);
    }

    [Fact]
    public void Sun_declination_equals_the_obliquity_at_the_june_solstice()
    {
        // The 2020 June solstice was at 21:44 UTC on June 20 (US Naval Observatory, "Earth's Seasons");
        // then the Sun's declination equals the obliquity of the ecliptic, 23.44°.
        var (_, dec) = SolarPosition.RaDec(JulianDate.FromCalendar(2020, 6, 20, 21, 44, 0));
        Assert.Equal(23.44, dec, 2);
    }

    [Fact]
    public void Shadow_by_hand()
    {
        var sun = new Vec3(1.5e8, 0, 0);
        // Behind the Earth on the Sun line: in shadow; beside the Earth, 7000 km off the line: lit; day side: lit.
        Assert.True(EarthShadow.InShadow(new Vec3(-7000, 0, 0), sun));
        Assert.False(EarthShadow.InShadow(new Vec3(-7000, 7000, 0), sun));
        Assert.False(EarthShadow.InShadow(new Vec3(7000, 0, 0), sun));
        // Just inside and just outside the cylinder of radius a.
        Assert.True(EarthShadow.InShadow(new Vec3(-7000, 0, EarthShadow.RadiusKm - 1), sun));
        Assert.False(EarthShadow.InShadow(new Vec3(-7000, 0, EarthShadow.RadiusKm + 1), sun));
    }

    [Fact]
    public void Teme_to_ecef_rotates_by_gmst_and_removes_earth_rotation_from_velocity()
    {
        // Hand calculation: with θ = 90°, TEME x maps to ECEF -y. A point fixed on the equator in TEME
        // moving east at ω r has zero Earth-fixed velocity.
        var r = EarthRotation.TemeToEcef(new Vec3(7000, 0, 0), Math.PI / 2);
        Assert.Equal(0.0, r.X, 9);
        Assert.Equal(-7000.0, r.Y, 9);
        var jd = JulianDate.FromCalendar(2020, 1, 1, 0, 0, 0);
        var gmst = SiderealTime.Gmst82(jd);
        var rt = new Vec3(7000 * Math.Cos(gmst), 7000 * Math.Sin(gmst), 0);
        var vt = new Vec3(-EarthRotation.OmegaRadPerSecond * rt.Y, EarthRotation.OmegaRadPerSecond * rt.X, 0);
        var (_, v) = EarthRotation.TemeToEcef(rt, vt, jd);
        Assert.True(v.Norm < 1e-12, $"{v}");
    }
}
