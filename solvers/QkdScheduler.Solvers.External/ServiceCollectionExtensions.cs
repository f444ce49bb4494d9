using Microsoft.Extensions.DependencyInjection;
using QkdScheduler.Core.Solving;

namespace QkdScheduler.Solvers.External;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers every external solver found under <paramref name="roots"/> (<see cref="SolverDiscovery.Find"/>).</summary>
    public static IServiceCollection AddExternalSolvers(this IServiceCollection services, IEnumerable<string> roots, IEnumerable<string> required)
    {
        foreach (var manifest in SolverDiscovery.Find(roots, required))
            services.AddSingleton<ISolver>(new ExternalSolver(manifest));
        return services;
    }
}
