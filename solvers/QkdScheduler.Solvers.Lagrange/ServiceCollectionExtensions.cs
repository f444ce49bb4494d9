using Microsoft.Extensions.DependencyInjection;
using QkdScheduler.Core.Solving;

namespace QkdScheduler.Solvers.Lagrange;

public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddLagrangeSolver(this IServiceCollection services) =>
        services.AddSingleton<ISolver, LagrangeSolver>();
}
