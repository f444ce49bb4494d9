using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QkdScheduler.Cli;
using QkdScheduler.Solvers.BuiltIn;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Services.AddBuiltInSolvers();
using var host = builder.Build();
using var interruption = Interruption.ForProcess(Console.Error);
return CliApp.Run(args, host.Services.GetRequiredService<QkdScheduler.Core.Solving.SolverCatalog>(), Console.Out, Console.Error, interruption);
