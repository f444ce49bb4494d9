using Microsoft.Extensions.DependencyInjection;
using QkdScheduler.Core.Solving;

namespace QkdScheduler.Solvers.Exact;

public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddExactSolver(this IServiceCollection services) =>
        services.AddSingleton<ISolver, DpSolver>();
}
