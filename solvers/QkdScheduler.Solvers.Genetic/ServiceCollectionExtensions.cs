using Microsoft.Extensions.DependencyInjection;
using QkdScheduler.Core.Solving;

namespace QkdScheduler.Solvers.Genetic;

public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddGeneticSolver(this IServiceCollection services) =>
        services.AddSingleton<ISolver, GaSolver>();
}
