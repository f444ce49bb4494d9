namespace QkdScheduler.Core.Model;

/// <summary>
/// Weather scenarios of an instance (docs/architecture.md, "Weather scenarios and risk"): W key matrices K^k (one per
/// satellite of a constellation), with probabilities p_k that sum to 1.
/// </summary>
public sealed class Ensemble
{
    private readonly IReadOnlyList<IReadOnlyList<KeyMatrix>> _keys;

    /// <param name="keys">Per scenario, the key matrix of each satellite (one for a one-satellite instance).</param>
    public Ensemble(IReadOnlyList<double> probabilities, IReadOnlyList<IReadOnlyList<KeyMatrix>> keys)
    {
        if (probabilities.Count == 0 || probabilities.Count != keys.Count)
            throw new ArgumentException($"{probabilities.Count} probabilities for {keys.Count} scenarios");
        Probabilities = probabilities;
        _keys = keys;
    }

    public int Count => Probabilities.Count;

    public IReadOnlyList<double> Probabilities { get; }

    /// <summary>K^k of a satellite (0 for a one-satellite instance).</summary>
    public KeyMatrix Keys(int scenario, int satellite) => _keys[scenario][satellite];

    public static IReadOnlyList<double> Uniform(int count) => Enumerable.Repeat(1.0 / count, count).ToArray();
}

/// <summary>What instance.yaml says of its ensemble (<c>scenarios: {count, probabilities}</c>); the keys are in scenario_keys.csv.</summary>
public sealed record ScenarioSpec(int Count, IReadOnlyList<double> Probabilities);
