using Microsoft.Extensions.DependencyInjection;
using QkdScheduler.Core.Solving;

namespace QkdScheduler.Solvers.Greedy;

public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddGreedySolver(this IServiceCollection services) =>
        services.AddSingleton<ISolver, GreedySolver>();
}
