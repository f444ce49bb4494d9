using BenchmarkDotNet.Attributes;
using QkdScheduler.Core.IO;
using QkdScheduler.Solvers.Genetic.Chromosomes;
using QkdScheduler.Solvers.Genetic.Fitnesses;
using QkdScheduler.Testing;

namespace QkdScheduler.Benchmarks;

/// <summary>
/// GA fitness evaluations (S-GD, one chromosome, one thread) on the two published weeks, and the
/// repair step every child goes through. The Micius evaluation is the baseline of the ratio
/// column; the Polnik week has 2.3× as many servable intervals (genes).
/// </summary>
public class GeneticBenchmarks
{
    private ScheduleChromosome _micius = null!;
    private ScheduleChromosome _polnik = null!;
    private readonly LinearFitness _fitness = new(Enumerable.Repeat(1.0, 11).ToArray());

    [GlobalSetup]
    public void Setup()
    {
        ScheduleChromosome Random(string instance)
        {
            var layout = new ScheduleLayout(InstanceFiles.Read(Path.Combine(RepositoryPaths.Root(), "instances", instance)));
            var rng = new Random(1);
            return new ScheduleChromosome(layout, Enumerable.Range(0, layout.Rows).Select(r => rng.Next(-1, layout.EntryCount(r))).ToArray()).Repair();
        }

        _micius = Random("micius-china11-2016w38");
        _polnik = Random("polnik2020-uk-week");
    }

    [Benchmark(Baseline = true)]
    public double FitnessMiciusWeek() => _fitness.Evaluate(_micius);

    [Benchmark]
    public double FitnessPolnikWeek() => _fitness.Evaluate(_polnik);

    [Benchmark]
    public double RepairPolnikWeek() => _polnik.Clone().Repair().Genes.Length;
}
