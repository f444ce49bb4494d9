using System.Globalization;

namespace QkdScheduler.Core.Evaluation;

/// <summary>
/// A risk measure over a schedule's values V_k in W scenarios with probabilities p_k (docs/architecture.md, "Weather
/// scenarios and risk"): <c>expected</c> Σ p_k V_k, <c>worst</c> min_k V_k, and <c>cvar:α</c> (0 &lt; α ≤ 1) the mean of
/// the worst α-fraction of outcomes, max_t t − (1/α) Σ_k p_k (t − V_k)⁺ (Rockafellar and Uryasev 2000, "Optimization
/// of conditional value-at-risk", J. Risk 2(3), eq. 6 for a discrete distribution; for gains, as here, the lower tail).
/// </summary>
public sealed record RiskMeasure(string Kind, double Alpha = 1)
{
    public static readonly RiskMeasure Expected = new("expected");
    public static readonly RiskMeasure Worst = new("worst");

    public string Name => Kind == "cvar" ? "cvar:" + Alpha.ToString("R", CultureInfo.InvariantCulture) : Kind;

    /// <summary>"expected", "worst" or "cvar:ALPHA"; null with the reason when the text is none of them.</summary>
    public static RiskMeasure? TryParse(string text, out string? reason)
    {
        reason = null;
        var t = text.Trim();
        if (t == "expected") return Expected;
        if (t == "worst") return Worst;
        if (t.StartsWith("cvar:", StringComparison.Ordinal))
        {
            if (double.TryParse(t[5..], NumberStyles.Float, CultureInfo.InvariantCulture, out var alpha) && alpha is > 0 and <= 1)
                return new RiskMeasure("cvar", alpha);
            reason = $"the α of '{t}' must be a number in (0, 1], e.g. cvar:0.2 (the mean of the worst 20 %)";
            return null;
        }

        reason = $"'{t}' is not a risk measure; give expected, worst or cvar:ALPHA (0 < ALPHA <= 1)";
        return null;
    }

    /// <summary>
    /// The measure of <paramref name="values"/>. CVaR: the scenarios from the worst up, each with its probability, until
    /// α of the mass is taken (the last one in part), divided by α; the t that maximises Rockafellar–Uryasev's function
    /// is the value at risk, where the mass below reaches α.
    /// </summary>
    public double Of(IReadOnlyList<double> values, IReadOnlyList<double> probabilities)
    {
        switch (Kind)
        {
            case "expected":
                return values.Select((v, k) => probabilities[k] * v).Sum();
            case "worst":
                return values.Min();
            default:
                var order = Enumerable.Range(0, values.Count).OrderBy(k => values[k]).ToArray();
                double taken = 0, sum = 0;
                foreach (var k in order)
                {
                    var share = Math.Min(probabilities[k], Alpha - taken);
                    if (share <= 0) break;
                    sum += share * values[k];
                    taken += share;
                }

                return sum / taken;
        }
    }

    /// <summary>The lower q-quantile: the least V_k whose cumulative probability (from the worst up) reaches q.</summary>
    public static double Quantile(IReadOnlyList<double> values, IReadOnlyList<double> probabilities, double q)
    {
        var cumulative = 0.0;
        foreach (var k in Enumerable.Range(0, values.Count).OrderBy(k => values[k]))
        {
            cumulative += probabilities[k];
            if (cumulative >= q - 1e-12) return values[k];
        }

        return values.Max();
    }
}
