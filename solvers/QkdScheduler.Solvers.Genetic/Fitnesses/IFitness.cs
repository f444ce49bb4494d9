using QkdScheduler.Core.Evaluation;
using QkdScheduler.Solvers.Genetic.Chromosomes;

namespace QkdScheduler.Solvers.Genetic.Fitnesses;

/// <summary>Scores a (repaired, so feasible) chromosome; higher is better. Pure: safe to call in parallel.</summary>
public interface IFitness
{
    double Evaluate(ScheduleChromosome chromosome);
}

/// <summary>S-GD (seed 000): the total keys E. S-PD: Σ w_n E_n. One class: Σ c_n E_n with per-node values.</summary>
public sealed class LinearFitness(IReadOnlyList<double> nodeValues) : IFitness
{
    public double Evaluate(ScheduleChromosome chromosome)
    {
        var delivered = chromosome.Delivered();
        var sum = 0.0;
        for (var n = 0; n < delivered.Length; n++) sum += nodeValues[n] * delivered[n];
        return sum;
    }
}

/// <summary>
/// S-TD as seed 000 describes it: the fitness is E, and the KL divergence of the delivered shares
/// from the targets (eq. 9) is stored on the chromosome for the selection to compare
/// (<see cref="Selections.KlTournamentSelection"/>).
/// </summary>
public sealed class KlTargetedFitness(IReadOnlyList<double> shares) : IFitness
{
    public double Evaluate(ScheduleChromosome chromosome)
    {
        var delivered = chromosome.Delivered();
        chromosome.Divergence = MetricsCalculator.KlDivergence(delivered, shares) ?? double.NaN;
        return delivered.Sum();
    }
}

/// <summary>
/// S-TD as docs/architecture.md defines it (|E_n − q_n E| ≤ ε q_n E): E minus a penalty
/// λ·Σ_n max(0, |E_n − q_n E| − ε q_n E) with λ = 2 (each bit outside a band costs more than
/// it earns), so feasible schedules are preferred and the search is pulled towards the band.
/// </summary>
public sealed class PenaltyTargetedFitness(IReadOnlyList<double> shares, double tolerance) : IFitness
{
    public const double Weight = 2.0;

    public double Evaluate(ScheduleChromosome chromosome)
    {
        var delivered = chromosome.Delivered();
        chromosome.Divergence = MetricsCalculator.KlDivergence(delivered, shares) ?? double.NaN;
        var total = delivered.Sum();
        return total - Weight * Violation(delivered, shares, tolerance) * total;
    }

    /// <summary>
    /// The share excess Σ_n max(0, |E_n − q_n E| − ε q_n E) / E over nodes with q_n &gt; 0 (0 when every
    /// node is in its band). Unlike <see cref="Core.Strategies.ShareRule.Violation"/> (the worst node) it
    /// counts every node, so the penalty pulls all of them towards their bands.
    /// </summary>
    public static double Violation(double[] delivered, IReadOnlyList<double> shares, double tolerance)
    {
        var total = delivered.Sum();
        if (total <= 0) return 0;
        var excess = 0.0;
        for (var n = 0; n < delivered.Length; n++)
            if (shares[n] > 0) excess += Math.Max(0, Math.Abs(delivered[n] - shares[n] * total) - tolerance * shares[n] * total);
        return excess / total;
    }
}
