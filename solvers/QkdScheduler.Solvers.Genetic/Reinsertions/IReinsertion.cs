using QkdScheduler.Solvers.Genetic.Chromosomes;

namespace QkdScheduler.Solvers.Genetic.Reinsertions;

/// <summary>Forms the next generation from the current one and the (evaluated) offspring.</summary>
public interface IReinsertion
{
    IReadOnlyList<ScheduleChromosome> Reinsert(IReadOnlyList<ScheduleChromosome> parents, IReadOnlyList<ScheduleChromosome> offspring, int size);
}

/// <summary>Elitism: the <c>elite</c> best of the current generation survive; offspring fill the rest, best first.</summary>
public sealed class ElitistReinsertion(int elite) : IReinsertion
{
    public IReadOnlyList<ScheduleChromosome> Reinsert(IReadOnlyList<ScheduleChromosome> parents, IReadOnlyList<ScheduleChromosome> offspring, int size)
    {
        var next = parents.OrderByDescending(c => c.Fitness).Take(elite).ToList();
        next.AddRange(offspring.OrderByDescending(c => c.Fitness).Take(size - next.Count));
        return next;
    }
}
