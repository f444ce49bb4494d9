using QkdScheduler.Core;

namespace QkdScheduler.KeyRates.Entanglement;

/// <summary>
/// Finite-key length of entanglement-based BBM92 QKD, seed 004 eq. (11) (after Tomamichel et al.
/// 2012 and Tomamichel and Leverrier 2017):
/// <code>
/// l = n (q − h(Q + μ)) − Leak_EC − log₂(2 / (ε_sec² ε_cor)),   Leak_EC = ξ n h(Q),
/// μ = √( (n + k)/(n k) · (k + 1)/k · ln(2/ε_sec) ),   n = P_X² N,  k = P_Y² N,  P_Y = 1 − P_X
/// </code>
/// N is the number of detected pairs, Q the QBER. The defaults are the paper's: P_X = P_Y = ½,
/// ξ = 1.16, ε_sec = ε_cor = 10⁻¹⁰, q = 1. A negative l means no key: <see cref="SecretBits"/>
/// returns 0 there.
/// </summary>
public sealed class FiniteKey
{
    public static readonly ParameterRule BasisProbability = new("basis_probability", 0.5, v => v is > 0 and < 1, "a probability strictly between 0 and 1 (P_X; P_Y = 1 − P_X)");
    public static readonly ParameterRule ErrorCorrection = new("error_correction_efficiency", 1.16, v => v >= 1, "1 (Shannon limit) or more (seed 004: 1.16)");
    public static readonly ParameterRule EpsilonSecrecy = new("epsilon_sec", 1e-10, v => v is > 0 and < 1, "a probability strictly between 0 and 1 (seed 004: 1e-10)");
    public static readonly ParameterRule EpsilonCorrectness = new("epsilon_cor", 1e-10, v => v is > 0 and < 1, "a probability strictly between 0 and 1 (seed 004: 1e-10)");
    public static readonly ParameterRule SourceQuality = new("source_quality", 1, v => v is > 0 and <= 1, "within (0, 1] (seed 004: 1)");

    public static IReadOnlyList<ParameterRule> Rules { get; } = [BasisProbability, ErrorCorrection, EpsilonSecrecy, EpsilonCorrectness, SourceQuality];

    /// <summary>Largest pair count the searches consider (10¹⁸ pairs: far beyond any mission).</summary>
    public const double MaxPairs = 1e18;

    public FiniteKey(ParameterValues? values = null)
    {
        values ??= ParameterValues.Of(Rules);
        PX = values[BasisProbability];
        Xi = values[ErrorCorrection];
        EpsSec = values[EpsilonSecrecy];
        EpsCor = values[EpsilonCorrectness];
        Q = values[SourceQuality];
    }

    public double PX { get; }
    public double Xi { get; }
    public double EpsSec { get; }
    public double EpsCor { get; }
    public double Q { get; }

    /// <summary>Every term of eq. (11) for N pairs at QBER <paramref name="qber"/>; <see cref="FiniteKeyPoint.Length"/> may be negative.</summary>
    public FiniteKeyPoint Evaluate(double pairs, double qber)
    {
        CheckInputs(pairs, qber);
        var py = 1 - PX;
        var n = PX * PX * pairs;
        var k = py * py * pairs;
        var mu = n > 0 && k > 0 ? Math.Sqrt((n + k) / (n * k) * (k + 1) / k * Math.Log(2 / EpsSec)) : double.PositiveInfinity;
        var leak = Xi * n * BinaryEntropy.Of(qber);
        var privacy = Math.Log2(2 / (EpsSec * EpsSec * EpsCor));
        var length = n * (Q - BinaryEntropy.Of(qber + mu)) - leak - privacy;
        return new FiniteKeyPoint(pairs, qber, n, k, mu, leak, privacy, length);
    }

    /// <summary>Secret bits: eq. (11) floored at 0.</summary>
    public double SecretBits(double pairs, double qber) => Math.Max(0, Evaluate(pairs, qber).Length);

    /// <summary>
    /// The smallest N (to 10⁻⁶ relative) with a positive key at this QBER, or null when no N up to
    /// <see cref="MaxPairs"/> gives one (the QBER is too high). l(N) is increasing where it is
    /// positive, so bisection on log N finds the threshold.
    /// </summary>
    public double? MinimumPairs(double qber)
    {
        CheckInputs(1, qber);
        if (Evaluate(MaxPairs, qber).Length <= 0) return null;
        double lo = 1, hi = MaxPairs;
        while (hi / lo > 1 + 1e-7)
        {
            var mid = Math.Sqrt(lo * hi);
            if (Evaluate(mid, qber).Length > 0) hi = mid;
            else lo = mid;
        }

        return hi;
    }

    private static void CheckInputs(double pairs, double qber)
    {
        if (!(pairs >= 0) || !double.IsFinite(pairs)) throw new InputException(null, null, $"pairs is {pairs}; it must be a finite number, 0 or more");
        if (!(qber >= 0) || !(qber < 0.5)) throw new InputException(null, null, $"qber is {qber}; it must be within [0, 0.5)");
    }
}

/// <summary>The terms of seed 004 eq. (11) at one N and QBER (bits unless named otherwise).</summary>
/// <param name="SiftedPairs">n = P_X² N, the raw key.</param>
/// <param name="TestPairs">k = P_Y² N, used to estimate the phase error.</param>
/// <param name="StatisticalDeviation">μ, the finite-size correction to the QBER.</param>
public readonly record struct FiniteKeyPoint(
    double Pairs, double Qber, double SiftedPairs, double TestPairs, double StatisticalDeviation, double ErrorCorrectionLeak, double PrivacyCost, double Length);
