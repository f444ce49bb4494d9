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
using QkdScheduler.Solvers.Genetic.Mutations;
using QkdScheduler.Solvers.Genetic.Reinsertions;
using QkdScheduler.Solvers.Genetic.Selections;
using QkdScheduler.Solvers.Genetic.Terminations;
using QkdScheduler.Solvers.Greedy;

namespace QkdScheduler.Solvers.Genetic;

/// <summary>
/// <c>ga</c>: our genetic algorithm (seed 000's scheduler) with the S-GD, S-PD and S-TD fitness
/// strategies. Settings come from <c>--solver-option</c> (see <see cref="Parameters"/>); the
/// defaults are in the README. For td the best individual is trimmed to the share rule at the
/// end (<see cref="ShareTrimmer"/>); the message reports its KL divergence and share excess
/// before trimming.
/// </summary>
public sealed class GaSolver : ISolver
{
    /// <summary>Solver parameters and their defaults.</summary>
    public static readonly IReadOnlyDictionary<string, string> Parameters = new Dictionary<string, string>
    {
        ["population"] = "150",
        ["generations"] = "100000",
        ["stagnation"] = "2000",
        ["crossover-rate"] = "0.9",
        ["mutation-rate"] = "0.9",
        ["elitism"] = "2",
        ["tournament"] = "3",
        ["init"] = "random",
        ["td-fitness"] = "penalty",
        ["default-time-limit"] = "30",
    };

    public string Name => "ga";
    public string Description => "genetic algorithm (own engine; contact-aware mutations, repair to the switching rule); S-GD/S-PD fitness, S-TD by KL selection or share penalty";
    public bool UsesSeed => true;
    public string? UnavailableReason => null;

    public SolveResult Solve(Problem problem, SolverOptions options, CancellationToken cancellationToken)
    {
        string Get(string key) => options.GetParameter(key, Parameters[key]);
        int Int(string key, int min) => int.TryParse(Get(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min
            ? v : throw new InputException(null, null, $"--solver-option {key}={Get(key)}: give a whole number of at least {min}");
        double Rate(string key) => double.TryParse(Get(key), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 1
            ? v : throw new InputException(null, null, $"--solver-option {key}={Get(key)}: give a probability within 0..1");
        foreach (var key in options.Parameters?.Keys ?? [])
            if (!Parameters.ContainsKey(key)) throw new InputException(null, null, $"--solver-option {key}: ga knows {string.Join(", ", Parameters.Keys)}");

        var size = Int("population", 2);
        var elite = Math.Min(Int("elitism", 0), size);
        var init = Get("init");
        if (init is not ("random" or "greedy")) throw new InputException(null, null, $"--solver-option init={init}: random or greedy");
        var tdMode = Get("td-fitness");
        if (tdMode is not ("penalty" or "kl")) throw new InputException(null, null, $"--solver-option td-fitness={tdMode}: penalty or kl");
        var limit = options.TimeLimit ?? TimeSpan.FromSeconds(Int("default-time-limit", 1));

        var layout = new ScheduleLayout(problem);
        var shares = problem.Nodes.Select(n => n.Share).ToArray();
        IFitness fitness = options.Strategy switch
        {
            Strategy.Td when tdMode == "kl" => new KlTargetedFitness(shares),
            Strategy.Td => new PenaltyTargetedFitness(shares, options.ShareTolerance),
            _ => new LinearFitness(NodeValues.ForLinearStrategy(problem, options.Strategy)),
        };
        ISelection selection = options.Strategy == Strategy.Td && tdMode == "kl" ? new KlTournamentSelection(Int("tournament", 1)) : new TournamentSelection(Int("tournament", 1));
        var random = new Random(options.Seed);
        var ga = new GeneticAlgorithm(fitness, selection, new TwoPointCrossover(),
            new MixedMutation(new GeneMutation(), new ContactBoundaryMutation(), new ContactReassignMutation()),
            new ElitistReinsertion(elite),
            new OrTermination(new GenerationTermination(Int("generations", 0)), new StagnationTermination(Int("stagnation", 1)), new TimeTermination(limit)),
            new GaSettings(size, Rate("crossover-rate"), Rate("mutation-rate"), options.Threads), random);

        var initial = Enumerable.Range(0, size).Select(_ => RandomIndividual(layout, random)).ToList();
        if (init == "greedy") initial[0] = FromSchedule(layout, new GreedySolver().Solve(problem, options, CancellationToken.None).Schedule);
        var run = ga.Run(initial, cancellationToken);

        var assignments = run.Best.Assignments().ToList();
        var message = string.Create(CultureInfo.InvariantCulture, $"{run.Generations} generations");
        if (options.Strategy == Strategy.Td)
        {
            var delivered = run.Best.Delivered();
            message += string.Create(CultureInfo.InvariantCulture,
                $"; before trimming to the share rule: E {delivered.Sum():N0}, KL {MetricsCalculator.KlDivergence(delivered, shares):0.#####}, share excess {PenaltyTargetedFitness.Violation(delivered, shares, options.ShareTolerance):P2} of E");
            assignments = ShareTrimmer.Trim(problem, assignments, options.ShareTolerance).ToList();
        }

        return new SolveResult(Schedule.FromAssignments(problem, assignments), run.Cancelled ? SolveStatus.TimeLimit : SolveStatus.Feasible,
            Message: message, History: run.History);
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
