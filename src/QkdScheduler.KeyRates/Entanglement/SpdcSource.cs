using QkdScheduler.Core;

namespace QkdScheduler.KeyRates.Entanglement;

/// <summary>
/// A pulsed SPDC entangled-pair source and the QBER of the pairs two receivers detect, seed 004
/// section III.2 and Appendix D, after Ma, Fung and Lo, PRA 76, 012307 (2007):
/// <list type="bullet">
/// <item>thermal pair statistics P(n) = (n + 1) λ′ⁿ / (1 + λ′)ⁿ⁺², λ′ = μ′/2 (eq. 20);</item>
/// <item>coincidence gain G (eq. 7) and error gain QG (eq. 8), with p = λ′ (the paper's "2p is the
/// mean photon-pair number"), η_A, η_B the whole arm transmittances and Y₀ the background
/// probabilities per coincidence window (eq. 9–10, <see cref="SkyBackground"/>);</item>
/// <item>the low-transmission source QBER Q_src = (e_d + λ′ + e_d λ′)/(1 + 3λ′) (eq. 21).</item>
/// </list>
/// The pulse rate is the pair rate divided by μ′ (Appendix D: μ′ = 0.1 needs 10 GHz for 1 GHz pairs).
/// </summary>
public sealed class SpdcSource
{
    public static readonly ParameterRule PairRate = new("pair_rate_hz", 1e9, v => v > 0, "a positive rate in pairs per second (seed 004 Table 3: 1e9)");
    public static readonly ParameterRule MeanPairNumber = new("mean_pair_number", 0.1, v => v is > 0 and <= 2, "a mean photon-pair number per pulse within (0, 2] (seed 004 Table 3: 0.1)");
    public static readonly ParameterRule Misalignment = new("misalignment_error", 0.01, v => v is >= 0 and < 0.5, "a probability within [0, 0.5) (seed 004 Fig. 10: 0.01)");
    public static readonly ParameterRule BackgroundError = new("background_error", 0.5, v => v is >= 0 and <= 0.5, "a probability within 0..0.5 (seed 004: e₀ = 1/2, random background)");

    public static IReadOnlyList<ParameterRule> Rules { get; } = [PairRate, MeanPairNumber, Misalignment, BackgroundError];

    public SpdcSource(ParameterValues? values = null)
    {
        values ??= ParameterValues.Of(Rules);
        PairRateHz = values[PairRate];
        MeanPairs = values[MeanPairNumber];
        MisalignmentError = values[Misalignment];
        E0 = values[BackgroundError];
    }

    public double PairRateHz { get; }

    /// <summary>μ′, the mean number of pairs per pump pulse.</summary>
    public double MeanPairs { get; }

    public double MisalignmentError { get; }
    public double E0 { get; }

    /// <summary>λ′ = μ′/2 = sinh²χ (eq. 20), the p of eq. 7–8.</summary>
    public double Lambda => MeanPairs / 2;

    public double PulseRateHz => PairRateHz / MeanPairs;

    /// <summary>P(n) of eq. (20).</summary>
    public double PairProbability(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var l = Lambda;
        return (n + 1) * Math.Pow(l, n) / Math.Pow(1 + l, n + 2);
    }

    /// <summary>Q_src of eq. (21): the QBER from multi-pair emission and misalignment alone.</summary>
    public double SourceQber => (MisalignmentError + Lambda + MisalignmentError * Lambda) / (1 + 3 * Lambda);

    /// <summary>
    /// G and QG of eq. (7)–(8) per pulse, in a form without the cancellation of 1 − … − … + … at
    /// small η: G = (1 − u_A f_A)(1 − u_B f_B) + u_A u_B (f_C − f_A f_B), with u = 1 − Y₀,
    /// f_A = (1 + η_A p)⁻², f_B = (1 + η_B p)⁻², f_C = (1 + η_A p + η_B p − η_A η_B p)⁻² — an exact
    /// rearrangement of eq. (7).
    /// </summary>
    public Coincidences Evaluate(double etaA, double etaB, double y0A, double y0B)
    {
        Check(etaA, nameof(etaA));
        Check(etaB, nameof(etaB));
        Check(y0A, nameof(y0A));
        Check(y0B, nameof(y0B));
        var p = Lambda;
        double a = etaA * p, b = etaB * p;
        var d1 = (1 + a) * (1 + b);
        var d2 = 1 + a + b - etaA * etaB * p;
        var clickA = (a * (2 + a) + y0A) / ((1 + a) * (1 + a));
        var clickB = (b * (2 + b) + y0B) / ((1 + b) * (1 + b));
        var diff = etaA * etaB * p * (1 + p); // d1 − d2
        var g = clickA * clickB + (1 - y0A) * (1 - y0B) * diff * (d1 + d2) / (d1 * d1 * d2 * d2);
        var qg = E0 * g - 2 * (E0 - MisalignmentError) * diff / ((1 + a) * (1 + b) * d2);
        return new Coincidences(g, Math.Max(0, qg));
    }

    private static void Check(double v, string name)
    {
        if (!(v >= 0) || v > 1) throw new ArgumentOutOfRangeException(name, v, "must be a probability within 0..1");
    }
}

/// <summary>Coincidence gain G and error gain QG per pulse (seed 004 eq. 7–8); QBER = QG / G.</summary>
public readonly record struct Coincidences(double Gain, double ErrorGain)
{
    public double Qber => Gain > 0 ? ErrorGain / Gain : 0.5;
}
