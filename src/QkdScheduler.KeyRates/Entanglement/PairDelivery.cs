using QkdScheduler.Core;

namespace QkdScheduler.KeyRates.Entanglement;

/// <summary>
/// What a station pair can do with the pairs a schedule delivered to it: the finite key (eq. 11) and
/// the CHSH value S − 3ΔS (eq. 12) of its total E_n at its modelled QBER. Neither is additive over
/// intervals (both have finite-size terms), so they are computed from the total, never summed.
/// </summary>
public readonly record struct PairDelivery(double Pairs, double Qber, double SecretBits, ChshPoint? Bell)
{
    /// <summary>The reference QBER an instance may carry next to the finite-key settings.</summary>
    public static readonly ParameterRule ReferenceQber = new("reference_qber", 0.05, v => v is > 0 and < 0.5, "a QBER within (0, 0.5)");

    /// <summary>
    /// Checks an instance's <c>finite_key:</c> block before anything runs: known names only, each in
    /// its range (so a typo or an ε of 5 is refused at once, not after a long solve).
    /// </summary>
    public static void Check(IReadOnlyDictionary<string, double> finiteKey, string source) =>
        ParameterValues.Of([.. FiniteKey.Rules, ReferenceQber], finiteKey, source);

    /// <param name="finiteKey">The instance's finite-key settings by name (missing ones take seed 004's defaults).</param>
    public static PairDelivery Of(double pairs, double qber, IReadOnlyDictionary<string, double> finiteKey)
    {
        var settings = finiteKey.Where(kv => FiniteKey.Rules.Any(r => r.Key == kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        var model = new FiniteKey(ParameterValues.Of(FiniteKey.Rules, settings));
        return new PairDelivery(pairs, qber, model.SecretBits(pairs, qber), pairs > 0 ? Chsh.Evaluate(pairs, qber) : null);
    }
}
