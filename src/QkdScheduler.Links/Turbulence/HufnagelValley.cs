using System.Collections.Concurrent;
using QkdScheduler.Core;

namespace QkdScheduler.Links.Turbulence;

/// <summary>
/// The Hufnagel-Valley (H-V 5/7) refractive-index structure profile and the path integrals that
/// seed 004 builds on it (eq. 4 and eq. 13):
/// <code>
/// C_n²(h) = 0.00594 (v/27)² (10⁻⁵ h)¹⁰ exp(−h/1000) + 2.7×10⁻¹⁶ exp(−h/1500) + C_n²(0) exp(−h/100)
/// </code>
/// h in metres above the station's ground (seed 004: "h₀ is the ground station height above the
/// ground"; the pair pipeline passes h₀ = 0), v the rms wind speed in m/s, C_n²(0) in m⁻²ᐟ³.
/// <para>
/// Sign of the first exponential: eq. (4) prints exp(+h/1000), eq. (13) exp(−h/1000). We use −:
/// with + the wind term grows without bound (at h = 100 km it is ~10³⁴ times the ground value) so
/// μ₂ of eq. (4) would diverge for any orbit, the published H-V 5/7 model (Andrews and Phillips,
/// "Laser Beam Propagation through Random Media", eq. 12.1) has −, and only − reproduces the
/// paper's own r₀ = 5.8 cm at 30° and 8.8 cm at zenith (a test).
/// </para>
/// <para>
/// The integrals ∫ C_n² w(h) dh from the station height h₀ to the top of the path are taken by
/// adaptive Simpson quadrature to 10⁻⁹ relative on pieces split at the profile's scale heights,
/// and cached by (h₀, top) because they depend on nothing else: Θ, Λ and the elevation enter eq. 4
/// and eq. 13 only as factors. Above 200 km every term is below 10⁻⁵⁹ of the ground value, so the
/// integration stops there.
/// </para>
/// </summary>
public sealed class HufnagelValley
{
    public static readonly ParameterRule GroundCn2 = new("ground_cn2", 1.7e-14, v => v >= 0 && v < 1e-10, "0 or more and below 1e-10, in m^-2/3 (seed 004 Table 3: 1.7e-14)");
    public static readonly ParameterRule WindSpeed = new("wind_speed_ms", 21, v => v >= 0 && v < 1000, "0 or more m/s (seed 004 Table 3: 21)");
    public static IReadOnlyList<ParameterRule> Rules { get; } = [GroundCn2, WindSpeed];

    private const double TopOfTurbulenceM = 200_000;
    private const double RelativeTolerance = 1e-9;
    private const double TopRoundingM = 100;
    private readonly ConcurrentDictionary<(double, double), PathIntegrals> _cache = new();

    public HufnagelValley(double groundCn2 = 1.7e-14, double windSpeedMs = 21)
    {
        GroundCn2M23 = GroundCn2.Check(groundCn2);
        WindSpeedMs = WindSpeed.Check(windSpeedMs);
    }

    public HufnagelValley(ParameterValues values) : this(values[GroundCn2], values[WindSpeed]) { }

    public double GroundCn2M23 { get; }
    public double WindSpeedMs { get; }

    /// <summary>C_n²(h) in m⁻²ᐟ³, h in metres (eq. 13, first line).</summary>
    public double Cn2(double heightM)
    {
        var wind = WindSpeedMs / 27.0;
        var scaled = 1e-5 * heightM;
        var s2 = scaled * scaled;
        var s10 = s2 * s2 * s2 * s2 * s2;
        return 0.00594 * wind * wind * s10 * Math.Exp(-heightM / 1000)
               + 2.7e-16 * Math.Exp(-heightM / 1500)
               + GroundCn2M23 * Math.Exp(-heightM / 100);
    }

    /// <summary>
    /// The three integrals of a path from <paramref name="stationHeightM"/> (h₀) to
    /// <paramref name="topHeightM"/> (L in eq. 4 and 13, the transmitter's altitude), with
    /// x = (h − h₀)/(L − h₀): ∫C_n², ∫C_n² (1 − x)⁵ᐟ³ and ∫C_n² x⁵ᐟ³ (= μ₂).
    /// </summary>
    /// <remarks>
    /// The top is rounded to 100 m for the cache (an orbit's altitude wanders by tens of km over a
    /// year). μ₂ scales about as top^(−5/3), so the rounding moves it by at most (5/3)·50 m/top:
    /// 7×10⁻⁵ at 1200 km, 6×10⁻⁶ at 15 000 km, and T (eq. 4) and r₀ far less than the paper's
    /// precision. HAP paths (a whole number of 100 m above the station) are not rounded at all.
    /// </remarks>
    public PathIntegrals Integrals(double stationHeightM, double topHeightM)
    {
        if (!(topHeightM > stationHeightM)) throw new ArgumentOutOfRangeException(nameof(topHeightM), topHeightM, "the top of the path must be above the station");
        var top = Math.Max(Math.Round(topHeightM / TopRoundingM) * TopRoundingM, stationHeightM + TopRoundingM);
        return _cache.GetOrAdd((stationHeightM, top), key => Compute(key.Item1, key.Item2));
    }

    private PathIntegrals Compute(double h0, double top)
    {
        var span = top - h0;
        var end = Math.Min(top, Math.Max(h0, 0) + TopOfTurbulenceM);
        double[] marks = [h0, h0 + 300, h0 + 1000, 3000, 6000, 10_000, 15_000, 25_000, 50_000, 100_000, end];
        var breaks = marks.Where(m => m >= h0 && m <= end).Distinct().Order().ToArray();
        double all = 0, ground = 0, top53 = 0;
        for (var i = 0; i + 1 < breaks.Length; i++)
        {
            all += Quadrature.AdaptiveSimpson(Cn2, breaks[i], breaks[i + 1], RelativeTolerance);
            ground += Quadrature.AdaptiveSimpson(h => Cn2(h) * Math.Pow(1 - (h - h0) / span, 5.0 / 3.0), breaks[i], breaks[i + 1], RelativeTolerance);
            top53 += Quadrature.AdaptiveSimpson(h => Cn2(h) * Math.Pow((h - h0) / span, 5.0 / 3.0), breaks[i], breaks[i + 1], RelativeTolerance);
        }

        return new PathIntegrals(all, ground, top53);
    }
}

/// <summary>∫C_n² dh, ∫C_n²(1 − x)⁵ᐟ³ dh and μ₂ = ∫C_n² x⁵ᐟ³ dh over a path (m¹ᐟ³).</summary>
public readonly record struct PathIntegrals(double Cn2, double GroundWeighted, double Mu2);
