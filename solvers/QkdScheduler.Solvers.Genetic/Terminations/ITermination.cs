namespace QkdScheduler.Solvers.Genetic.Terminations;

/// <summary>The state a termination looks at after each generation.</summary>
public readonly record struct GenerationState(int Generation, double BestFitness, int GenerationsWithoutImprovement, TimeSpan Elapsed);

/// <summary>Decides when the run stops, and says which rule did.</summary>
public interface ITermination
{
    /// <summary>The name of the rule that stops the run in this state (e.g. "stagnation"), or null to go on.</summary>
    string? ReachedBy(GenerationState state);
}

public sealed class GenerationTermination(int generations) : ITermination
{
    public string? ReachedBy(GenerationState state) => state.Generation >= generations ? "generations" : null;
}

/// <summary>A wall-clock stop: the only rule whose result depends on the machine.</summary>
public sealed class TimeTermination(TimeSpan limit) : ITermination
{
    public string? ReachedBy(GenerationState state) => state.Elapsed >= limit ? "time_limit" : null;
}

/// <summary>Stops after <c>generations</c> generations without a better best fitness.</summary>
public sealed class StagnationTermination(int generations) : ITermination
{
    public string? ReachedBy(GenerationState state) => state.GenerationsWithoutImprovement >= generations ? "stagnation" : null;
}

public sealed class OrTermination(params ITermination[] terminations) : ITermination
{
    public string? ReachedBy(GenerationState state) => terminations.Select(t => t.ReachedBy(state)).FirstOrDefault(r => r != null);
}
