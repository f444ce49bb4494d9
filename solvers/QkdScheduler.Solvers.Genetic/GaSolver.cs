using QkdScheduler.Core.Evaluation;
using System.Globalization;
using QkdScheduler.Core;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.Genetic.Chromosomes;
using QkdScheduler.Solvers.Genetic.Crossovers;
using QkdScheduler.Solvers.Genetic.Engine;
using QkdScheduler.Solvers.Genetic.Fitnesses;
using QkdScheduler.Solvers.Genetic.LocalSearch;
using QkdScheduler.Solvers.Genetic.Mutations;
using QkdScheduler.Solvers.Genetic.Reinsertions;
using QkdScheduler.Solvers.Genetic.Selections;
using QkdScheduler.Solvers.Genetic.Terminations;

namespace QkdScheduler.Solvers.Genetic;

/// <summary>
/// <c>ga</c>: our genetic algorithm (seed 000's scheduler) with the S-GD, S-PD and S-TD fitness
/// strategies. Settings come from <c>--solver-option</c> (declared in <see cref="Parameters"/>); the
/// defaults are in docs/solvers.md and `qkdsched solvers --options`. For td the best individual is trimmed to the share rule at the
/// end (<see cref="ShareTrimmer"/>); the message reports its KL divergence and share excess
/// before trimming.
/// </summary>
public sealed class GaSolver : ISolver
{
    /// <summary>At most this many individuals: 10 000 × a Polnik-week chromosome (6 904 genes) is about 300 MB.</summary>
    public const int MaxPopulation = 10_000;

    public static readonly SolverParameter Population = Whole("population", 150, 2, MaxPopulation, "individuals per generation");
    public static readonly SolverParameter Generations = Whole("generations", 100_000, 0, 100_000_000, "stop after this many generations");
    public static readonly SolverParameter Stagnation = Whole("stagnation", 2000, 1, 100_000_000, "stop after this many generations without a better best");
    public static readonly SolverParameter CrossoverRate = Rate("crossover-rate", 0.9, "probability that two parents are crossed");
    public static readonly SolverParameter MutationRate = Rate("mutation-rate", 0.9, "probability that a child is mutated");
    public static readonly SolverParameter Elitism = Whole("elitism", 2, 0, MaxPopulation - 1, "best individuals carried over unchanged (below the population)");
    public static readonly SolverParameter Tournament = Whole("tournament", 3, 1, MaxPopulation, "individuals per selection tournament");
    public static readonly SolverParameter LocalSearchRate = Rate("local-search-rate", 0.2, "probability that a child's random stretch is re-planned by the exact DP (memetic step; 0 = seed 000's plain GA)");
    public static readonly SolverParameter TdFitness = SolverParameter.Choice("td-fitness", "penalty", ["penalty", "kl"], "td: share penalty, or seed 000's KL selection");

    private static SolverParameter Whole(string key, double fallback, int min, int max, string description) =>
        SolverParameter.Number(new ParameterRule(key, fallback, v => v >= min && v <= max, $"{min} to {max}"), description, whole: true);

    private static SolverParameter Rate(string key, double fallback, string description) =>
        SolverParameter.Number(new ParameterRule(key, fallback, v => v is >= 0 and <= 1, "a probability within 0..1"), description);

    public IReadOnlyList<SolverParameter> Parameters { get; } =
        [Population, Generations, Stagnation, CrossoverRate, MutationRate, Elitism, Tournament, LocalSearchRate, TdFitness];

    public string Name => "ga";
    public string Description => "memetic genetic algorithm (own engine; contact-aware mutations, repair to the switching rule, stretches re-planned by the exact DP); S-GD/S-PD fitness, S-TD by KL selection or share penalty";
    public bool UsesSeed => true;
    public string? UnavailableReason => null;
    public bool SolvesMinContact => true;

    public SolveResult Solve(Problem problem, SolverOptions options, CancellationToken cancellationToken)
    {
        var size = options.WholeNumber(Population);
        var elite = options.WholeNumber(Elitism);
        if (elite >= size)
            throw new InputException(null, null, $"--solver-option elitism={elite}: keep fewer elites than the population ({size}), or the GA never changes");
        var tdMode = options.Choice(TdFitness);

        var layout = new ScheduleLayout(problem);
        var shares = problem.Nodes.Select(n => n.Share).ToArray();
        var linear = options.Strategy == Strategy.Td ? null : NodeValues.ForLinearStrategy(problem, options.Strategy);
        IFitness fitness = options.Strategy switch
        {
            Strategy.Td when tdMode == "kl" => new KlTargetedFitness(shares),
            Strategy.Td => new PenaltyTargetedFitness(shares, options.ShareTolerance),
            _ => new LinearFitness(linear!),
        };
        ISelection selection = options.Strategy == Strategy.Td && tdMode == "kl" ? new KlTournamentSelection(options.WholeNumber(Tournament)) : new TournamentSelection(options.WholeNumber(Tournament));
        var localSearch = new StretchDpImprovement(layout, rest => linear ?? NodeValues.ForShareDeficit(rest, shares));
        var random = new Random(options.Seed);
        var mutation = new MixedMutation(new GeneMutation(), new ContactBoundaryMutation(), new ContactReassignMutation());
        var ga = new GeneticAlgorithm(fitness, selection, new TwoPointCrossover(), mutation,
            new ElitistReinsertion(elite),
            Termination(options),
            new GaSettings(size, options.Number(CrossoverRate), options.Number(MutationRate), options.Threads, options.Number(LocalSearchRate)), random, localSearch);

        var initial = Enumerable.Range(0, size).Select(_ => RandomIndividual(layout, random)).ToList();
        if (options.WarmStart is { } warm) SeedWith(initial, FromSchedule(layout, warm), mutation, random);
        var run = ga.Run(initial, cancellationToken);

        var assignments = run.Best.Assignments().ToList();
        var message = string.Create(CultureInfo.InvariantCulture, $"{run.Generations} generations, stopped by {run.StoppedBy}");
        if (options.Strategy == Strategy.Td)
        {
            var delivered = run.Best.Delivered();
            message += string.Create(CultureInfo.InvariantCulture,
                $"; before trimming to the share rule: E {delivered.Sum():N0}, KL {MetricsCalculator.KlDivergence(delivered, shares):0.#####}, share excess {PenaltyTargetedFitness.Violation(delivered, shares, options.ShareTolerance):P2} of E");
            assignments = ShareTrimmer.Trim(problem, assignments, options.ShareTolerance).ToList();
        }

        return new SolveResult(Schedule.FromAssignments(problem, assignments), run.StoppedBy is "cancelled" or "time_limit" ? SolveStatus.TimeLimit : SolveStatus.Feasible,
            Message: message, History: run.History, StoppedBy: run.StoppedBy);
    }

    /// <summary>
    /// Generations or stagnation, both counted in generations, so a run is the same on any machine and
    /// thread count; a wall-clock stop only when the user gives <c>--time-limit</c>.
    /// </summary>
    private static ITermination Termination(SolverOptions options)
    {
        var rules = new List<ITermination> { new GenerationTermination(options.WholeNumber(Generations)), new StagnationTermination(options.WholeNumber(Stagnation)) };
        if (options.TimeLimit is { } limit) rules.Add(new TimeTermination(limit));
        return new OrTermination([.. rules]);
    }

    /// <summary>
    /// Seed 000 starts from random individuals. Ours are random contacts rather than random genes:
    /// walking the rows, the current node is kept with probability <see cref="KeepProbability"/>
    /// while it has K, otherwise a random node with K there (or idle) is drawn; repair then enforces
    /// the switching rule. Random genes would switch node almost every row and repair to near-empty
    /// schedules when S is large (Polnik: S = 30 one-second intervals).
    /// </summary>
    private static ScheduleChromosome RandomIndividual(ScheduleLayout layout, Random random)
    {
        var genes = new int[layout.Rows];
        var current = -1;
        for (var r = 0; r < genes.Length; r++)
        {
            var keep = current >= 0 ? layout.GeneOf(r, current) : ScheduleChromosome.Idle;
            if (keep != ScheduleChromosome.Idle && random.NextDouble() < KeepProbability)
            {
                genes[r] = keep;
                continue;
            }

            var options = layout.EntryCount(r);
            var pick = random.Next(options + 1);
            genes[r] = pick == options ? ScheduleChromosome.Idle : pick;
            current = genes[r] == ScheduleChromosome.Idle ? -1 : layout.NodeOf(r, genes[r]);
        }

        return new ScheduleChromosome(layout, genes);
    }

    private const double KeepProbability = 0.98;

    /// <summary>Share of the population that <c>--warm-start</c> seeds: the schedule itself and mutated copies of it.</summary>
    private const double WarmStartShare = 0.1;

    private static void SeedWith(List<ScheduleChromosome> population, ScheduleChromosome warm, IMutation mutation, Random random)
    {
        population[0] = warm;
        for (var i = 1; i < Math.Max(1, (int)(WarmStartShare * population.Count)); i++)
        {
            var copy = warm.Clone();
            for (var k = 1 + random.Next(3); k > 0; k--) mutation.Mutate(copy, random);
            population[i] = copy;
        }
    }

    private static ScheduleChromosome FromSchedule(ScheduleLayout layout, Schedule schedule)
    {
        var genes = Enumerable.Repeat(ScheduleChromosome.Idle, layout.Rows).ToArray();
        foreach (var a in schedule.ServedAssignments(layout.Problem))
        {
            var row = layout.Problem.Keys.FirstRowAtOrAfter(a.Interval);
            genes[row] = layout.GeneOf(row, a.Node);
        }

        return new ScheduleChromosome(layout, genes);
    }
}
