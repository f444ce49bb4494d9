using Microsoft.Extensions.DependencyInjection;
using QkdScheduler.Core.Solving;
using QkdScheduler.Solvers.Exact;
using QkdScheduler.Solvers.Genetic;
using QkdScheduler.Solvers.Greedy;
using QkdScheduler.Solvers.Lagrange;
using QkdScheduler.Solvers.Mip;

namespace QkdScheduler.Solvers.BuiltIn;

/// <summary>
/// The built-in solvers: each project's own registration, one line per project, and the catalog over them. The CLI
/// and the contract tests both use this list, so a new plugin is its project plus one line here.
/// </summary>
public static class BuiltInSolvers
{
    public static IServiceCollection AddBuiltInSolvers(this IServiceCollection services) =>
        services
            .AddExactSolver()
            .AddLagrangeSolver()
            .AddGreedySolver()
            .AddMipSolver()
            .AddGeneticSolver()
            .AddSingleton<SolverCatalog>();

    /// <summary>The catalog of the built-in solvers, for callers without a host of their own (tests, tools).</summary>
    public static SolverCatalog Catalog() =>
        new ServiceCollection().AddBuiltInSolvers().BuildServiceProvider().GetRequiredService<SolverCatalog>();
}
