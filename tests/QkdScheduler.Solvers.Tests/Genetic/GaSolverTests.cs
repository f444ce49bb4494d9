using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.Genetic;
using QkdScheduler.Solvers.Genetic.Chromosomes;
using QkdScheduler.Solvers.Genetic.Crossovers;
using QkdScheduler.Solvers.Genetic.Fitnesses;
using QkdScheduler.Solvers.Genetic.LocalSearch;
using QkdScheduler.Solvers.Genetic.Mutations;
using QkdScheduler.Solvers.Genetic.Reinsertions;
using QkdScheduler.Solvers.Genetic.Selections;
using QkdScheduler.Solvers.Genetic.Terminations;
using QkdScheduler.Testing;

namespace QkdScheduler.Solvers.Tests.Genetic;

public class GaSolverTests
{
    private static readonly Dictionary<string, string> Quick = new() { ["population"] = "20", ["generations"] = "40" };

    [Fact]
    public void Repair_KeepsTheLastNodeOrIdlesTooEarlySwitches()
    {
        // A pays in 0..3, B in 1..3; S = 2. Genes A, B, B, A: B at 1 comes 0 idle intervals after A at 0,
        // so row 1 goes back to A (A has K there); rows 2 and 3 likewise stay A.
        var k = Enumerable.Range(0, 4).Select(m => new[] { 1.0, m >= 1 ? 1.0 : 0 }).ToArray();
        var p = TestProblems.FromDense(k, 2);
        var layout = new ScheduleLayout(p);
        var c = new ScheduleChromosome(layout, [layout.GeneOf(0, 0), layout.GeneOf(1, 1), layout.GeneOf(2, 1), layout.GeneOf(3, 0)]).Repair();
        Assert.Equal([0, 0, 0, 0], Enumerable.Range(0, 4).Select(r => layout.NodeOf(r, c.Genes[r])));
    }

    [Fact]
    public void Operators_AfterRepair_AlwaysGiveValidSchedules()
    {
        var rng = new Random(11);
        var mutation = new MixedMutation(new GeneMutation(), new ContactBoundaryMutation(), new ContactReassignMutation());
        for (var trial = 0; trial < 200; trial++)
        {
            var p = TestProblems.Random(rng, 40, 1 + trial % 4, trial % 6, 0.4);
            var layout = new ScheduleLayout(p);
            ScheduleChromosome Random() => new(layout, Enumerable.Range(0, layout.Rows).Select(r => rng.Next(-1, layout.EntryCount(r))).ToArray());
            var (a, b) = new TwoPointCrossover().Cross(Random().Repair(), Random().Repair(), rng);
            mutation.Mutate(a, rng);
            foreach (var c in new[] { a.Repair(), b.Repair() })
                Assert.True(Validator.Check(p, Schedule.FromAssignments(p, c.Assignments())).IsValid);
        }
    }

    [Fact]
    public void Fitnesses_HandCalculations()
    {
        // Two nodes, E = (60, 40), q = (0.5, 0.5), ε = 0.05:
        //   KL = 0.6 ln(0.6/0.5) + 0.4 ln(0.4/0.5) = 0.109393 − 0.089257 = 0.020136 (seed 000 eq. 9)
        //   violation = ((|60 − 50| − 2.5) + (|40 − 50| − 2.5)) / 100 = 0.15; penalty fitness = 100 − 2·0.15·100 = 70.
        var k = new[] { new[] { 60.0, 0 }, [0.0, 0], [0.0, 0], [0.0, 40] };
        var p = TestProblems.FromDense(k, 1);
        var layout = new ScheduleLayout(p);
        var c = new ScheduleChromosome(layout, [0, 0]);
        Assert.Equal(100, new LinearFitness([1.0, 1.0]).Evaluate(c));
        Assert.Equal(100, new KlTargetedFitness([0.5, 0.5]).Evaluate(c));
        Assert.Equal(0.020136, c.Divergence, 6);
        Assert.Equal(70, new PenaltyTargetedFitness([0.5, 0.5], 0.05).Evaluate(c), 9);
    }

    [Fact]
    public void Selection_Reinsertion_Termination_Families()
    {
        var p = TestProblems.FromDense([[1.0]], 0);
        var layout = new ScheduleLayout(p);
        var population = Enumerable.Range(0, 5).Select(i => new ScheduleChromosome(layout, [0]) { Fitness = i, Divergence = 5 - i }).ToList();
        // A tournament as large as the population almost surely contains the best (5 draws of 50).
        var parents = new TournamentSelection(50).SelectParents(population, 10, new Random(1));
        Assert.Equal(10, parents.Count);
        Assert.All(parents, c => Assert.Equal(4, c.Fitness));
        var next = new ElitistReinsertion(2).Reinsert(population, [new ScheduleChromosome(layout, [0]) { Fitness = -1 }], 3);
        Assert.Equal([4.0, 3.0, -1.0], next.Select(c => c.Fitness));
        var state = new GenerationState(10, 1, 5, TimeSpan.FromSeconds(2));
        Assert.Equal("generations", new GenerationTermination(10).ReachedBy(state));
        Assert.Null(new StagnationTermination(6).ReachedBy(state));
        Assert.Equal("time_limit", new OrTermination(new StagnationTermination(6), new TimeTermination(TimeSpan.FromSeconds(1))).ReachedBy(state));
    }

    [Fact]
    public void SameSeed_SameSchedule_ForAnyThreadCount()
    {
        var p = TestProblems.Random(new Random(4), 200, 4, 2, 0.5);
        var one = new GaSolver().Solve(p, new SolverOptions(Strategy.Gd, Seed: 9, Threads: 1, Parameters: Quick), CancellationToken.None);
        var two = new GaSolver().Solve(p, new SolverOptions(Strategy.Gd, Seed: 9, Threads: 2, Parameters: Quick), CancellationToken.None);
        Assert.Equal(one.Schedule.Contacts, two.Schedule.Contacts);
        Assert.Equal(41, one.History!.Count); // generation 0 and 40 more
    }

    [Fact]
    public void Td_ResultDeliversKeys_AndMeetsTheShareRule()
    {
        var p = TestProblems.Random(new Random(8), 120, 3, 1, 0.3);
        foreach (var mode in new[] { "penalty", "kl" })
        {
            var options = new SolverOptions(Strategy.Td, Parameters: new Dictionary<string, string>(Quick) { ["td-fitness"] = mode });
            var r = SolverRunner.Run(new GaSolver(), p, options);
            Assert.Equal(SolveStatus.Feasible, r.Status);
            Assert.True(r.Metrics.TotalBits > 0);
            Assert.NotNull(r.Metrics.KlDivergence);
            Assert.True(r.Metrics.ShareViolation <= 0, $"{mode}: share violation {r.Metrics.ShareViolation}");
        }
    }

    [Fact]
    public void UnknownOptionsAndBadRatesAreUserErrors()
    {
        // The runner checks every setting against the solver's declarations before the solve starts.
        var p = TestProblems.Random(new Random(1), 10, 2, 1, 0.3);
        Assert.Throws<Core.InputException>(() => SolverRunner.Run(new GaSolver(), p, new SolverOptions(Parameters: new Dictionary<string, string> { ["populaton"] = "5" })));
        Assert.Throws<Core.InputException>(() => SolverRunner.Run(new GaSolver(), p, new SolverOptions(Parameters: new Dictionary<string, string> { ["mutation-rate"] = "2" })));
    }

    /// <summary>
    /// The memetic step re-plans one independent stretch by the exact DP. Applied once to every stretch of an
    /// all-idle chromosome, it must reach the gd optimum that brute force (<see cref="Exhaustive"/>) finds.
    /// </summary>
    [Fact]
    public void Local_search_on_every_stretch_reaches_the_exhaustive_optimum()
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var p = TestProblems.Random(new Random(seed), 8, 2, seed % 3, 0.5);
            var layout = new ScheduleLayout(p);
            var search = new StretchDpImprovement(layout, _ => [1.0, 1.0]);
            var c = new ScheduleChromosome(layout, Enumerable.Repeat(ScheduleChromosome.Idle, layout.Rows).ToArray());
            foreach (var stretch in p.Keys.IndependentStretches(p.SwitchIntervals)) search.Improve(c, stretch);
            Assert.True(Validator.Check(p, Schedule.FromAssignments(p, c.Assignments())).IsValid);
            Assert.Equal(Exhaustive.Best(p, [1.0, 1.0]), c.Delivered().Sum(), 9);
        }
    }

    /// <summary>--warm-start seeds the population: with no generation run the result is the warm start itself (here dp's optimum).</summary>
    [Fact]
    public void Warm_start_is_in_the_first_population()
    {
        var p = TestProblems.Random(new Random(6), 300, 3, 2, 0.5);
        var dp = SolverRunner.Run(new QkdScheduler.Solvers.Exact.DpSolver(), p, new SolverOptions(Strategy.Gd));
        var noSearch = new Dictionary<string, string> { ["population"] = "20", ["generations"] = "0" };
        var cold = SolverRunner.Run(new GaSolver(), p, new SolverOptions(Strategy.Gd, Parameters: noSearch));
        var warm = SolverRunner.Run(new GaSolver(), p, new SolverOptions(Strategy.Gd, Parameters: noSearch, WarmStart: dp.Schedule));
        Assert.True(cold.Objective < dp.Objective, "a random start is not already optimal here");
        Assert.Equal(dp.Objective, warm.Objective);
        Assert.Equal("generations", warm.Result.StoppedBy);
    }
}
