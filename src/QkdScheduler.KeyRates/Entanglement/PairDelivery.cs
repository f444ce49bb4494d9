using QkdScheduler.Core;

namespace QkdScheduler.KeyRates.Entanglement;

/// <summary>
/// What a station pair can do with the pairs a schedule delivered to it: the finite key (eq. 11) and
/// the CHSH value S − 3ΔS (eq. 12) of its total E_n at its modelled QBER. Neither is additive over
/// intervals (both have finite-size terms), so they are computed from the total, never summed.
/// </summary>
public readonly record struct PairDelivery(double Pairs, double Qber, double SecretBits, ChshPoint? Bell)
{
    /// <param name="finiteKey">The instance's finite-key settings by name (missing ones take seed 004's defaults).</param>
    public static PairDelivery Of(double pairs, double qber, IReadOnlyDictionary<string, double> finiteKey)
    {
        var settings = finiteKey.Where(kv => FiniteKey.Rules.Any(r => r.Key == kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        var model = new FiniteKey(ParameterValues.Of(FiniteKey.Rules, settings));
        return new PairDelivery(pairs, qber, model.SecretBits(pairs, qber), pairs > 0 ? Chsh.Evaluate(pairs, qber) : null);
    }
}
