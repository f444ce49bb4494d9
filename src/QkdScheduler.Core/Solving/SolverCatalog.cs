namespace QkdScheduler.Core.Solving;

/// <summary>The solvers registered through dependency injection, looked up by their <see cref="ISolver.Name"/>.</summary>
public sealed class SolverCatalog
{
    public SolverCatalog(IEnumerable<ISolver> solvers)
    {
        All = solvers.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var dup = All.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (dup != null) throw new InvalidOperationException($"two solvers are registered as '{dup.Key}'");
    }

    public IReadOnlyList<ISolver> All { get; }

    public ISolver Get(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InputException(null, null, $"unknown solver '{name}': use one of {string.Join(", ", All.Select(s => s.Name))}");
}
