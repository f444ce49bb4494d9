using System.Diagnostics;
using QkdScheduler.Core.Solving;
using QkdScheduler.Solvers.Genetic.Chromosomes;
using QkdScheduler.Solvers.Genetic.Crossovers;
using QkdScheduler.Solvers.Genetic.Fitnesses;
using QkdScheduler.Solvers.Genetic.LocalSearch;
using QkdScheduler.Solvers.Genetic.Mutations;
using QkdScheduler.Solvers.Genetic.Reinsertions;
using QkdScheduler.Solvers.Genetic.Selections;
using QkdScheduler.Solvers.Genetic.Terminations;

namespace QkdScheduler.Solvers.Genetic.Engine;

/// <param name="PopulationSize">Individuals per generation.</param>
/// <param name="CrossoverRate">Probability that a pair of parents is crossed (else copied).</param>
/// <param name="MutationRate">Probability that a child is mutated (1–3 mutations).</param>
/// <param name="Threads">Threads for the fitness evaluation.</param>
/// <param name="LocalSearchRate">Probability that a child goes through the local search after repair (the memetic step).</param>
public sealed record GaSettings(int PopulationSize, double CrossoverRate, double MutationRate, int Threads, double LocalSearchRate = 0);

/// <summary>The best individual of a run, its history and how many generations it took.</summary>
/// <param name="StoppedBy">The termination rule that ended the run ("generations", "stagnation", "time_limit"), or "cancelled".</param>
public sealed record GaRun(ScheduleChromosome Best, IReadOnlyList<ProgressPoint> History, int Generations, string StoppedBy)
{
    public bool Cancelled => StoppedBy == "cancelled";
}

/// <summary>
/// A generational GA in the GeneticSharp structure: selection → crossover → mutation → repair →
/// local search (memetic, optional) → evaluation → reinsertion, until the termination says stop. Every random choice is drawn from
/// the one seeded <see cref="Random"/> on the calling thread in a fixed order; only the fitness
/// evaluation (pure) runs in parallel, so a seed gives the same run for any thread count.
/// </summary>
public sealed class GeneticAlgorithm(
    IFitness fitness,
    ISelection selection,
    ICrossover crossover,
    IMutation mutation,
    IReinsertion reinsertion,
    ITermination termination,
    GaSettings settings,
    Random random,
    ILocalSearch? localSearch = null)
{
    public GaRun Run(IReadOnlyList<ScheduleChromosome> initial, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var population = initial.Select(c => c.Repair()).ToList();
        Evaluate(population);
        var best = Best(population).Clone();
        var history = new List<ProgressPoint> { Point(0, population, clock) };
        var stagnant = 0;
        var generation = 0;
        string? stoppedBy;
        while ((stoppedBy = termination.ReachedBy(new GenerationState(generation, best.Fitness, stagnant, clock.Elapsed))) == null)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                stoppedBy = "cancelled";
                break;
            }

            generation++;
            var parents = selection.SelectParents(population, settings.PopulationSize + settings.PopulationSize % 2, random);
            var offspring = new List<ScheduleChromosome>(parents.Count);
            for (var i = 0; i < parents.Count; i += 2)
            {
                var (a, b) = random.NextDouble() < settings.CrossoverRate
                    ? crossover.Cross(parents[i], parents[i + 1], random)
                    : (parents[i].Clone(), parents[i + 1].Clone());
                foreach (var child in new[] { a, b })
                {
                    if (random.NextDouble() < settings.MutationRate)
                        for (var k = 1 + random.Next(3); k > 0; k--) mutation.Mutate(child, random);
                    child.Repair();
                    if (localSearch != null && random.NextDouble() < settings.LocalSearchRate) localSearch.Improve(child, random);
                    offspring.Add(child);
                }
            }

            Evaluate(offspring);
            population = reinsertion.Reinsert(population, offspring, settings.PopulationSize).ToList();
            var top = Best(population);
            if (top.Fitness > best.Fitness)
            {
                best = top.Clone();
                stagnant = 0;
            }
            else
            {
                stagnant++;
            }

            history.Add(Point(generation, population, clock));
        }

        return new GaRun(best, history, generation, stoppedBy);
    }

    private void Evaluate(List<ScheduleChromosome> chromosomes) =>
        Parallel.For(0, chromosomes.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Threads) },
            i => chromosomes[i].Fitness = fitness.Evaluate(chromosomes[i]));

    private static ScheduleChromosome Best(IReadOnlyList<ScheduleChromosome> population)
    {
        var best = population[0];
        foreach (var c in population)
            if (c.Fitness > best.Fitness) best = c;
        return best;
    }

    private static ProgressPoint Point(int generation, List<ScheduleChromosome> population, Stopwatch clock) =>
        new(generation, Best(population).Fitness, population.Average(c => c.Fitness), clock.Elapsed.TotalSeconds);
}
