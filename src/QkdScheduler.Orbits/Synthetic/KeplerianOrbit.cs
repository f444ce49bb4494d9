using QkdScheduler.Core;
using QkdScheduler.Orbits.Sgp4;
using QkdScheduler.Orbits.Time;

namespace QkdScheduler.Orbits.Synthetic;

/// <summary>
/// A what-if satellite defined by mean Keplerian elements (km, degrees) at an epoch, turned into
/// SGP4 mean elements so that every orbit, real or synthetic, goes through the same propagator.
///
/// How: the elements are taken as SGP4 (Brouwer) mean elements. SGP4 reads its mean motion as a
/// Kozai mean motion n_K and recovers the Brouwer mean motion n₀ = n_K/(1 + δ₀) and semi-major axis
/// a₀ = (k_e/n₀)^(2/3) (AIAA 2006-6753, initl; Hoots &amp; Roehrich 1980 Eq. for δ₁, δ₀). We invert that
/// by fixed-point iteration, so SGP4's a₀ equals the requested semi-major axis exactly.
/// What it costs: (1) the requested elements are mean, not osculating, so the instantaneous
/// altitude of a "500 km circular" orbit swings by the short-period J2 terms (about ±10 km in LEO);
/// (2) there is no drag unless B* is given; (3) orbits with periods of 225 min or more (MEO above
/// ≈5 900 km, GEO) run in SDP4 with lunar-solar and resonance terms, which is the intent.
/// </summary>
public sealed record KeplerianOrbit(
    string Name,
    double SemiMajorAxisKm,
    double Eccentricity,
    double InclinationDeg,
    double RaanDeg,
    double ArgPerigeeDeg,
    double MeanAnomalyDeg,
    DateTime EpochUtc,
    double Bstar = 0.0)
{
    /// <summary>Semi-major axis for a circular orbit at an altitude above the WGS-72 equatorial radius.</summary>
    public static double SemiMajorAxisForAltitude(double altitudeKm) => GravityModel.Wgs72.RadiusKm + altitudeKm;

    public static KeplerianOrbit Circular(string name, double altitudeKm, double inclinationDeg, double raanDeg,
        double meanAnomalyDeg, DateTime epochUtc) =>
        new(name, SemiMajorAxisForAltitude(altitudeKm), 0.0, inclinationDeg, raanDeg, 0.0, meanAnomalyDeg, epochUtc);

    /// <summary>Checks the elements and converts them; throws <see cref="InputException"/> for impossible orbits.</summary>
    public MeanElements ToMeanElements(int satelliteNumber = 0)
    {
        var g = GravityModel.Wgs72;
        var a = SemiMajorAxisKm / g.RadiusKm;
        if (!double.IsFinite(SemiMajorAxisKm) || SemiMajorAxisKm <= 0)
            throw new InputException(null, null, $"orbit '{Name}': semi-major axis {SemiMajorAxisKm:0.###} km must be a positive number of km");
        if (SemiMajorAxisKm > 400000)
            throw new InputException(null, null, $"orbit '{Name}': semi-major axis {SemiMajorAxisKm:0.###} km is beyond the Moon's orbit; SGP4 is an Earth-satellite model (give km, not m)");
        if (!(Eccentricity >= 0 && Eccentricity < 1))
            throw new InputException(null, null, $"orbit '{Name}': eccentricity {Eccentricity} must be in [0, 1)");
        if (a * (1 - Eccentricity) <= 1.0)
            throw new InputException(null, null, $"orbit '{Name}': perigee {SemiMajorAxisKm * (1 - Eccentricity) - g.RadiusKm:F0} km is below the Earth's surface (semi-major axis is in km from the Earth's centre; altitude = a - {g.RadiusKm} km)");
        if (InclinationDeg is < 0 or > 180 || !double.IsFinite(InclinationDeg))
            throw new InputException(null, null, $"orbit '{Name}': inclination {InclinationDeg}° must be within 0-180°");
        foreach (var (what, v) in new[] { ("RAAN", RaanDeg), ("argument of perigee", ArgPerigeeDeg), ("mean anomaly", MeanAnomalyDeg) })
            if (!double.IsFinite(v)) throw new InputException(null, null, $"orbit '{Name}': {what} {v} is not a finite number of degrees");

        const double deg = Math.PI / 180.0;
        var inc = InclinationDeg * deg;
        // Brouwer mean motion for a₀ = a, then n_K with n₀ = n_K/(1 + δ₀(n_K)) solved by fixed point.
        var no = g.Xke / Math.Pow(a, 1.5);
        var cosi = Math.Cos(inc);
        var e2 = Eccentricity * Eccentricity;
        var d1 = 0.75 * g.J2 * (3.0 * cosi * cosi - 1.0) / Math.Pow(1.0 - e2, 1.5);
        var nKozai = no;
        for (var i = 0; i < 50; i++)
        {
            var ak = Math.Pow(g.Xke / nKozai, 2.0 / 3.0);
            var del = d1 / (ak * ak);
            var adel = ak * (1.0 - del * del - del * (1.0 / 3.0 + 134.0 * del * del / 81.0));
            var next = no * (1.0 + d1 / (adel * adel));
            var converged = Math.Abs(next - nKozai) < 1e-15 * no;
            nKozai = next;
            if (converged) break;
        }

        return new MeanElements(Name, satelliteNumber, JulianDate.FromUtc(EpochUtc), Bstar, Eccentricity,
            inc, RaanDeg * deg, ArgPerigeeDeg * deg, MeanAnomalyDeg * deg, nKozai);
    }
}
