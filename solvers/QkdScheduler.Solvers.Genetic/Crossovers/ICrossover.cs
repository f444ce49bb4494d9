using QkdScheduler.Solvers.Genetic.Chromosomes;

namespace QkdScheduler.Solvers.Genetic.Crossovers;

/// <summary>Makes two children from two parents (children are repaired by the engine).</summary>
public interface ICrossover
{
    (ScheduleChromosome, ScheduleChromosome) Cross(ScheduleChromosome a, ScheduleChromosome b, Random random);
}

/// <summary>
/// Two-point crossover on the gene string: children swap the rows between two random cut points.
/// Contacts are runs of rows, so whole contacts (and the passes they sit in) move between parents.
/// </summary>
public sealed class TwoPointCrossover : ICrossover
{
    public (ScheduleChromosome, ScheduleChromosome) Cross(ScheduleChromosome a, ScheduleChromosome b, Random random)
    {
        var n = a.Genes.Length;
        var x = random.Next(n + 1);
        var y = random.Next(n + 1);
        if (x > y) (x, y) = (y, x);
        var c1 = (int[])a.Genes.Clone();
        var c2 = (int[])b.Genes.Clone();
        for (var i = x; i < y; i++) (c1[i], c2[i]) = (b.Genes[i], a.Genes[i]);
        return (new ScheduleChromosome(a.Layout, c1), new ScheduleChromosome(a.Layout, c2));
    }
}
