using BenchmarkDotNet.Attributes;
using QkdScheduler.Core.IO;
using QkdScheduler.Solvers.Genetic.Chromosomes;
using QkdScheduler.Core.Model;
using QkdScheduler.Solvers.Genetic.Fitnesses;
using QkdScheduler.Solvers.Genetic.LocalSearch;
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
    private StretchDpImprovement _polnikSearch = null!;
    private RowRange _polnikLongest;

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
        _polnikSearch = new StretchDpImprovement(_polnik.Layout, _ => Enumerable.Repeat(1.0, 9).ToArray());
        _polnikLongest = _polnik.Layout.Problem.Keys.IndependentStretches(_polnik.Layout.SwitchIntervals).MaxBy(r => r.Count);
    }

    [Benchmark(Baseline = true)]
    public double FitnessMiciusWeek() => _fitness.Evaluate(_micius);

    [Benchmark]
    public double FitnessPolnikWeek() => _fitness.Evaluate(_polnik);

    [Benchmark]
    public double RepairPolnikWeek() => _polnik.Clone().Repair().Genes.Length;

    /// <summary>The memetic step on the Polnik week's longest stretch (the dearest one), including the clone.</summary>
    [Benchmark]
    public double LocalSearchPolnikLongestStretch()
    {
        var c = _polnik.Clone();
        _polnikSearch.Improve(c, _polnikLongest);
        return c.Genes.Length;
    }
}
