using QkdScheduler.Core.Model;

namespace QkdScheduler.Core.Strategies;

/// <summary>
/// The linear objectives as per-node multipliers c_n, so that the objective is Σ_n c_n E_n:
/// gd → c_n = 1, pd → c_n = w_n. td is not linear; its heuristics call this with their own
/// multipliers.
/// </summary>
public static class NodeValues
{
    public static double[] ForLinearStrategy(Problem problem, Strategy strategy) => strategy switch
    {
        Strategy.Gd => problem.Nodes.Select(_ => 1.0).ToArray(),
        Strategy.Pd => problem.Nodes.Select(n => n.Weight).ToArray(),
        _ => throw new ArgumentException($"strategy {strategy.ToName()} is not linear", nameof(strategy)),
    };

    /// <summary>
    /// Values that steer a linear solver towards the S-TD target shares: c_n = 1 / (E_n/q_n + ρ)
    /// for nodes with q_n &gt; 0 (a node behind its share is worth more), 0 for q_n = 0, where
    /// E_n are the keys already planned and ρ = 1 + Σ E_n / 10 keeps the values finite and equal
    /// before anything is planned.
    /// </summary>
    public static double[] ForShareDeficit(IReadOnlyList<double> planned, IReadOnlyList<double> shares)
    {
        var rho = 1 + planned.Sum() / 10;
        return shares.Select((q, i) => q > 0 ? 1 / (planned[i] / q + rho) : 0).ToArray();
    }
}
