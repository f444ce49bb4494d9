using QkdScheduler.Core.Model;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Core.Solving;

/// <summary>Options every solver understands (docs/architecture.md, solver contract).</summary>
/// <param name="Strategy">Objective: gd, pd or td.</param>
/// <param name="ShareTolerance">ε of the S-TD share rule.</param>
/// <param name="TimeLimit">Wall-clock limit; null for none.</param>
/// <param name="Seed">Seed of every random choice.</param>
/// <param name="Threads">Threads the solver may use.</param>
/// <param name="WarmStart">A feasible schedule to start from, if any.</param>
/// <param name="Parameters">Solver-specific settings (<c>--solver-option key=value</c>).</param>
/// <param name="RelativeGap">Solvers with bounds may stop once (bound − objective)/bound ≤ this; 0 = prove optimality.</param>
/// <param name="ModelFile">Solvers that build an explicit model (mip) also write it here (.lp or .mps).</param>
public sealed record SolverOptions(
    Strategy Strategy = Strategy.Gd,
    double ShareTolerance = SolverOptions.DefaultShareTolerance,
    TimeSpan? TimeLimit = null,
    int Seed = 1,
    int Threads = 1,
    Schedule? WarmStart = null,
    IReadOnlyDictionary<string, string>? Parameters = null,
    double RelativeGap = 0,
    string? ModelFile = null)
{
    public const double DefaultShareTolerance = 0.05;

    /// <summary>A solver-specific parameter, or <paramref name="fallback"/> when it was not given.</summary>
    public string GetParameter(string key, string fallback) =>
        Parameters != null && Parameters.TryGetValue(key, out var v) ? v : fallback;
}
