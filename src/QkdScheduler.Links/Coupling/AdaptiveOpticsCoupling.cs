using System.Collections.Concurrent;
using System.Globalization;
using QkdScheduler.Core;

namespace QkdScheduler.Links.Coupling;

/// <summary>
/// Mean SMF coupling behind an adaptive-optics system that corrects the first J Zernike modes,
/// seed 004 Appendix B:
/// <code>
/// ⟨η⟩ = η₀ ∏_{j&gt;J} (1 + 2 K_j (D_r/r₀)⁵ᐟ³)^(−1/2) · exp[−0.458 (n_r + 1)^(−5/3) (D_r/r₀)⁵ᐟ³]   (eq. 16–18)
/// </code>
/// with η₀ = 0.81 (Airy/Gaussian mismatch), K_j = Δ_{j−1} − Δ_j and Δ_J the Noll residuals
/// (eq. 15; R. J. Noll, JOSA 66, 207 (1976), Table IV for J ≤ 21, then his asymptotic
/// Δ_J ≈ 0.2944 J^(−√3/2)). The fitting-error factor (eq. 17, Wang et al. 2021) is optional; n_r
/// is the highest radial order fully corrected by J modes ((n_r + 1)(n_r + 2)/2 ≤ J).
/// <para>
/// The product over j &gt; J converges slowly (K_j ~ j^(−1.87)): stopping at j = 100 leaves out
/// Δ₁₀₀ (D_r/r₀)⁵ᐟ³ in the exponent, a factor of about 2 for a 1 m aperture at r₀ = 5.8 cm. We
/// multiply terms until 2K_j(D_r/r₀)⁵ᐟ³ &lt; 10⁻⁶ and add the rest in closed form: Σ_{j&gt;M} K_j = Δ_M
/// exactly (the sum telescopes), so the tail is exp(−Δ_M (D_r/r₀)⁵ᐟ³) to within 10⁻⁶ relative.
/// </para>
/// <para>
/// The paper's numbers: 1 m aperture 4–17 % (30° to zenith) follow from eq. (18), with the fitting
/// term; 30 cm 66–73 % follow from eq. (16), without it (a test pins both).
/// </para>
/// </summary>
public sealed class AdaptiveOpticsCoupling : ICouplingModel
{
    public const string ModelName = "adaptive-optics";
    public const double IdealEfficiency = 0.81;

    /// <summary>Noll 1976 Table IV: Δ_1 … Δ_21 in units of (D/r₀)⁵ᐟ³ (index 0 unused).</summary>
    private static readonly double[] NollTable =
    [
        double.NaN, 1.0299, 0.582, 0.134, 0.111, 0.0880, 0.0648, 0.0587, 0.0525, 0.0463, 0.0401,
        0.0377, 0.0352, 0.0328, 0.0304, 0.0279, 0.0267, 0.0255, 0.0243, 0.0232, 0.0220, 0.0208,
    ];

    public static readonly ParameterRule Modes = new("corrected_modes", 36, v => v >= 1 && v <= 100_000 && v == Math.Floor(v), "a whole number of Zernike modes, 1 or more (seed 004: 36)");
    public static readonly ParameterRule Fitting = new("fitting_error", 1, v => v is 0 or 1, "1 to include the fitting error of eq. 17, 0 to leave it out");
    public static IReadOnlyList<ParameterRule> Rules { get; } = [Modes, Fitting];

    /// <summary>Terms with 2K_j x below this go into the closed-form tail (its error is below this, relative).</summary>
    private const double TailThreshold = 1e-6;

    private readonly ConcurrentDictionary<double, double> _cache = new();

    public AdaptiveOpticsCoupling(ParameterValues values) : this((int)values[Modes], values[Fitting] == 1) { }

    public AdaptiveOpticsCoupling(int correctedModes, bool fittingError)
    {
        if (correctedModes < 1) throw new InputException(null, null, $"corrected_modes is {correctedModes}; it must be 1 or more (J ≥ 1)");
        CorrectedModes = correctedModes;
        FittingError = fittingError;
        RadialOrder = 0;
        while ((RadialOrder + 2) * (RadialOrder + 3) / 2 <= correctedModes) RadialOrder++;
    }

    public int CorrectedModes { get; }
    public bool FittingError { get; }

    /// <summary>n_r: the highest radial order all of whose modes are among the first J.</summary>
    public int RadialOrder { get; }

    public string Name => ModelName;
    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"adaptive-optics SMF coupling (seed 004 eq. 18): J = {CorrectedModes}, {(FittingError ? $"fitting error with n_r = {RadialOrder}" : "no fitting error (eq. 16)")}");

    /// <summary>Δ_J: Noll's table, then the asymptotic formula.</summary>
    public static double NollResidual(int j)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(j, 1);
        return j < NollTable.Length ? NollTable[j] : 0.2944 * Math.Pow(j, -Math.Sqrt(3) / 2);
    }

    public double Efficiency(double apertureM, double friedParameterM)
    {
        if (double.IsPositiveInfinity(friedParameterM)) return IdealEfficiency;
        if (!(apertureM > 0) || !(friedParameterM > 0)) throw new ArgumentOutOfRangeException(nameof(friedParameterM), "aperture and r₀ must be positive");
        // A year of samples repeats nearly the same (D_r/r₀)⁵ᐟ³ many times: memoise on 6 significant digits.
        var x = RoundSignificant(Math.Pow(apertureM / friedParameterM, 5.0 / 3), 6);
        return _cache.GetOrAdd(x, Compute);
    }

    private static double RoundSignificant(double v, int digits)
    {
        if (v == 0 || !double.IsFinite(v)) return v;
        var scale = Math.Pow(10, digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(v))));
        return Math.Round(v * scale) / scale;
    }

    /// <summary>⟨η⟩ at x = (D_r/r₀)⁵ᐟ³.</summary>
    public double Compute(double x)
    {
        var log = 0.0;
        var j = CorrectedModes + 1;
        var previous = NollResidual(j - 1);
        while (true)
        {
            var current = NollResidual(j);
            var y = 2 * (previous - current) * x;
            if (y < TailThreshold && j > NollTable.Length)
            {
                log -= previous * x; // Σ_{j' ≥ j} K_j' = Δ_{j−1}: the closed-form tail
                break;
            }

            log -= 0.5 * double.LogP1(y);
            previous = current;
            j++;
        }

        if (FittingError) log -= 0.458 * Math.Pow(RadialOrder + 1, -5.0 / 3) * x;
        return IdealEfficiency * Math.Exp(log);
    }
}
