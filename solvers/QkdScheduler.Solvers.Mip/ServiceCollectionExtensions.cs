using Microsoft.Extensions.DependencyInjection;
using QkdScheduler.Core.Solving;

namespace QkdScheduler.Solvers.Mip;

public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddMipSolver(this IServiceCollection services) =>
        services.AddSingleton<ISolver, MipSolver>().AddSingleton<ISolver, CpSatSolver>();
}
