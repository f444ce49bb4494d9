using Microsoft.Extensions.DependencyInjection;
using QkdScheduler.Core.Solving;
using QkdScheduler.Solvers.Exact;
using QkdScheduler.Solvers.Genetic;
using QkdScheduler.Solvers.Greedy;
using QkdScheduler.Solvers.Lagrange;
using QkdScheduler.Solvers.Mip;

namespace QkdScheduler.Cli;

/// <summary>
/// The one place solvers are registered: adding a solver plugin is its project plus one line here.
/// The contract tests enumerate this same list.
/// </summary>
public static class SolverRegistrations
{
    public static IServiceCollection AddQkdSolvers(this IServiceCollection services) =>
        services
            .AddExactSolver()
            .AddLagrangeSolver()
            .AddGreedySolver()
            .AddMipSolver()
            .AddGeneticSolver()
            .AddSingleton<SolverCatalog>();
}
