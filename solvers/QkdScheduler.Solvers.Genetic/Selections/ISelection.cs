using QkdScheduler.Solvers.Genetic.Chromosomes;

namespace QkdScheduler.Solvers.Genetic.Selections;

/// <summary>Picks parents from an evaluated population.</summary>
public interface ISelection
{
    IReadOnlyList<ScheduleChromosome> SelectParents(IReadOnlyList<ScheduleChromosome> population, int count, Random random);
}

/// <summary>Tournament selection: the fittest of <c>size</c> individuals drawn at random (with replacement).</summary>
public sealed class TournamentSelection(int size = 3) : ISelection
{
    public IReadOnlyList<ScheduleChromosome> SelectParents(IReadOnlyList<ScheduleChromosome> population, int count, Random random)
    {
        var parents = new List<ScheduleChromosome>(count);
        for (var i = 0; i < count; i++)
        {
            var best = population[random.Next(population.Count)];
            for (var k = 1; k < size; k++)
            {
                var other = population[random.Next(population.Count)];
                if (Better(other, best)) best = other;
            }

            parents.Add(best);
        }

        return parents;
    }

    /// <summary>Higher fitness wins.</summary>
    public static bool Better(ScheduleChromosome a, ScheduleChromosome b) => a.Fitness > b.Fitness;
}

/// <summary>
/// Seed 000's S-TD selection: a tournament on fitness E, after which the KL divergence of the
/// winners is compared pairwise and the lower-KL one is kept, so low-KL individuals survive
/// while E still drives the search.
/// </summary>
public sealed class KlTournamentSelection(int size = 3) : ISelection
{
    private readonly TournamentSelection _tournament = new(size);

    public IReadOnlyList<ScheduleChromosome> SelectParents(IReadOnlyList<ScheduleChromosome> population, int count, Random random)
    {
        var winners = _tournament.SelectParents(population, 2 * count, random);
        var parents = new List<ScheduleChromosome>(count);
        for (var i = 0; i < count; i++)
        {
            var (a, b) = (winners[2 * i], winners[2 * i + 1]);
            parents.Add(LowerKl(a, b) ? a : b);
        }

        return parents;
    }

    private static bool LowerKl(ScheduleChromosome a, ScheduleChromosome b) =>
        double.IsNaN(b.Divergence) || (!double.IsNaN(a.Divergence) && a.Divergence <= b.Divergence);
}
