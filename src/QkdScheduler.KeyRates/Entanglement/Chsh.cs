using QkdScheduler.Core;

namespace QkdScheduler.KeyRates.Entanglement;

/// <summary>
/// The CHSH Bell test with a 3σ margin, seed 004 eq. (12): with visibility V = 1 − 2Q,
/// S = 2√2 V and 3ΔS = 12 √((1 − V²/2)/N), so ΔS = 4 √((1 − V²/2)/N); the inequality is violated
/// with 3σ confidence when S − 3ΔS ≥ 2. S = 2 at V = 1/√2, so no N violates it above
/// Q = (1 − 1/√2)/2 ≈ 14.64 % (the paper's "14.65 %" / "14.6 %").
/// </summary>
public static class Chsh
{
    public const double ClassicalLimit = 2.0;

    /// <summary>The QBER at which S = 2 exactly: (1 − 1/√2)/2.</summary>
    public static readonly double QberLimit = (1 - 1 / Math.Sqrt(2)) / 2;

    public static ChshPoint Evaluate(double pairs, double qber)
    {
        if (!(pairs > 0) || !double.IsFinite(pairs)) throw new InputException(null, null, $"pairs is {pairs}; the CHSH test needs a finite number of pairs above 0");
        if (!(qber >= 0) || !(qber < 0.5)) throw new InputException(null, null, $"qber is {qber}; it must be within [0, 0.5)");
        var v = 1 - 2 * qber;
        var s = 2 * Math.Sqrt(2) * v;
        var deltaS = 4 * Math.Sqrt((1 - v * v / 2) / pairs);
        return new ChshPoint(pairs, qber, v, s, deltaS, s - 3 * deltaS);
    }

    /// <summary>
    /// The smallest N with S − 3ΔS ≥ 2, from eq. (12) solved for N: N ≥ 144 (1 − V²/2) / (2√2 V − 2)²;
    /// null at or above <see cref="QberLimit"/>.
    /// </summary>
    public static double? MinimumPairs(double qber)
    {
        _ = Evaluate(1, qber);
        var v = 1 - 2 * qber;
        var margin = 2 * Math.Sqrt(2) * v - ClassicalLimit;
        if (margin <= 0) return null;
        return 144 * (1 - v * v / 2) / (margin * margin);
    }
}

/// <summary>One point of eq. (12): visibility, S, ΔS and the 3σ lower value S − 3ΔS.</summary>
public readonly record struct ChshPoint(double Pairs, double Qber, double Visibility, double S, double DeltaS, double SMinus3DeltaS)
{
    public bool Violates => SMinus3DeltaS >= Chsh.ClassicalLimit;
}
