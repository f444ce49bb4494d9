using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QkdScheduler.Cli;
using QkdScheduler.Solvers.BuiltIn;

// Reports, tables and data files read the same in every locale (LC_ALL=de_DE writes 60,480, not 60.480).
System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Services.AddBuiltInSolvers();
using var host = builder.Build();
var stdout = new StandardStream(Console.Out, "standard output", dropFailures: false);
var stderr = new StandardStream(Console.Error, "standard error", dropFailures: true);
using var interruption = Interruption.ForProcess(stderr);
return CliApp.Run(args, host.Services.GetRequiredService<QkdScheduler.Core.Solving.SolverCatalog>(), stdout, stderr, interruption);
