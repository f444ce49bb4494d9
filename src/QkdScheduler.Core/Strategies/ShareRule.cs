namespace QkdScheduler.Core.Strategies;

/// <summary>The S-TD share rule of docs/architecture.md: |E_n − q_n E| ≤ ε q_n E for every node with q_n > 0.</summary>
public static class ShareRule
{
    /// <summary>Relative slack for rounding in sums of many key values.</summary>
    private const double RoundingSlack = 1e-9;

    /// <summary>
    /// How far the worst node is outside its band, as a fraction of its target q_n E:
    /// max_n |E_n − q_n E| / (q_n E) − ε. Zero or negative means the rule is met. The empty
    /// schedule (E = 0) meets it trivially.
    /// </summary>
    public static double Violation(IReadOnlyList<double> delivered, IReadOnlyList<double> shares, double shareTolerance)
    {
        var total = delivered.Sum();
        if (total <= 0) return -shareTolerance;
        var worst = double.NegativeInfinity;
        for (var i = 0; i < delivered.Count; i++)
        {
            if (shares[i] <= 0) continue;
            var target = shares[i] * total;
            worst = Math.Max(worst, Math.Abs(delivered[i] - target) / target);
        }

        return worst - shareTolerance;
    }

    public static bool IsMet(IReadOnlyList<double> delivered, IReadOnlyList<double> shares, double shareTolerance) =>
        Violation(delivered, shares, shareTolerance) <= RoundingSlack;

    /// <summary>Index of the first node outside its band, or -1.</summary>
    public static int FirstViolatingNode(IReadOnlyList<double> delivered, IReadOnlyList<double> shares, double shareTolerance)
    {
        var total = delivered.Sum();
        if (total <= 0) return -1;
        for (var i = 0; i < delivered.Count; i++)
        {
            if (shares[i] <= 0) continue;
            var target = shares[i] * total;
            if (Math.Abs(delivered[i] - target) / target - shareTolerance > RoundingSlack) return i;
        }

        return -1;
    }
}
