namespace QkdScheduler.Solvers.Genetic.Terminations;

/// <summary>The state a termination looks at after each generation.</summary>
public readonly record struct GenerationState(int Generation, double BestFitness, int GenerationsWithoutImprovement, TimeSpan Elapsed);

/// <summary>Decides when the run stops.</summary>
public interface ITermination
{
    bool HasReached(GenerationState state);
}

public sealed class GenerationTermination(int generations) : ITermination
{
    public bool HasReached(GenerationState state) => state.Generation >= generations;
}

public sealed class TimeTermination(TimeSpan limit) : ITermination
{
    public bool HasReached(GenerationState state) => state.Elapsed >= limit;
}

/// <summary>Stops after <c>generations</c> generations without a better best fitness.</summary>
public sealed class StagnationTermination(int generations) : ITermination
{
    public bool HasReached(GenerationState state) => state.GenerationsWithoutImprovement >= generations;
}

public sealed class OrTermination(params ITermination[] terminations) : ITermination
{
    public bool HasReached(GenerationState state) => terminations.Any(t => t.HasReached(state));
}
