using QkdScheduler.Core.Model;
using QkdScheduler.Solvers.Exact;
using QkdScheduler.Solvers.Genetic.Chromosomes;

namespace QkdScheduler.Solvers.Genetic.LocalSearch;

/// <summary>Improves a repaired chromosome in place and keeps it feasible (the memetic step).</summary>
public interface ILocalSearch
{
    void Improve(ScheduleChromosome chromosome, Random random);
}

/// <summary>
/// The memetic step of our GA: one random independent stretch of the timeline (rows separated
/// from the rest by at least S intervals in which nobody can be served,
/// <see cref="Problem.IndependentStretches"/>) is re-planned by the exact DP
/// (<see cref="IntervalDp"/>) for node values Σ_n c_n E_n, and its genes are replaced by the DP's
/// schedule. Nothing served in one stretch constrains another, so the chromosome stays feasible.
/// </summary>
/// <remarks>
/// The values come from <paramref name="valuesFor"/>, given the keys each node gets from the
/// chromosome outside the stretch: fixed for S-GD (c = 1) and S-PD (c = w), where the step makes the
/// stretch optimal for the fitness, and the share deficit of the rest for S-TD, where it is a
/// heuristic move that the penalty fitness then accepts or rejects through selection.
/// The DP only uses intervals worth something, so a stretch in which every value is 0 goes idle.
/// </remarks>
public sealed class StretchDpImprovement(ScheduleLayout layout, Func<double[], IReadOnlyList<double>> valuesFor) : ILocalSearch
{
    private readonly IReadOnlyList<RowRange> _stretches = layout.Problem.IndependentStretches();

    public void Improve(ScheduleChromosome c, Random random)
    {
        if (_stretches.Count == 0) return;
        Improve(c, _stretches[random.Next(_stretches.Count)]);
    }

    /// <summary>Re-plans the rows of <paramref name="stretch"/> by the DP.</summary>
    public void Improve(ScheduleChromosome c, RowRange stretch)
    {
        var keys = layout.Problem.Keys;
        var rest = new double[layout.Problem.Nodes.Count];
        for (var r = 0; r < layout.Rows; r++)
            if (c.Genes[r] != ScheduleChromosome.Idle && (r < stretch.From || r >= stretch.To))
                rest[layout.NodeOf(r, c.Genes[r])] += layout.BitsOf(r, c.Genes[r]);

        var plan = IntervalDp.Maximise(keys, layout.SwitchIntervals, valuesFor(rest), stretch, layout.Problem.MinContactIntervals, CancellationToken.None);
        Array.Fill(c.Genes, ScheduleChromosome.Idle, stretch.From, stretch.Count);
        foreach (var a in plan.Assignments)
        {
            var row = keys.FirstRowAtOrAfter(a.Interval);
            c.Genes[row] = layout.GeneOf(row, a.Node);
        }

        c.Fitness = double.NaN;
    }
}
