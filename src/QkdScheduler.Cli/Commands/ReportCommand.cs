using System.CommandLine;
using System.Diagnostics;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Reporting.Html;

namespace QkdScheduler.Cli.Commands;

/// <summary>
/// <c>qkdsched report DIR... --out report.html</c>: one self-contained HTML page (inline SVG charts and CSS, no
/// script or network) for instance, solve, bench and sweep folders. A solve folder brings its instance (the one its
/// result.json names) unless that is among the DIRs already.
/// </summary>
public static class ReportCommand
{
    public static Command Create(CliContext ctx)
    {
        var dirs = new Argument<string[]>("DIR") { Description = "instance, solve (--out of solve; brings its instance), bench or sweep folders", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "the HTML file to write (- for standard output)", DefaultValueFactory = _ => "report.html" };
        var cmd = new Command("report", "Write an HTML report with charts and tables for instance, solve and bench folders") { dirs, output };
        cmd.SetAction(parse =>
        {
            var clock = Stopwatch.StartNew();
            var inputs = ReportInputs.LoadAll(parse.GetValue(dirs)!);
            var html = Progress.Run(ctx, "report", p => ReportBuilder.Build(inputs, DateTime.UtcNow, p, (problem, strategy) => ProvenOptimum(ctx, problem, strategy)));
            var path = parse.GetValue(output)!;
            if (OutputFile.Write(ctx, path, html))
                ctx.Out.WriteLine($"wrote {Path.GetFullPath(path)} ({System.Text.Encoding.UTF8.GetByteCount(html) / 1024.0:N0} KiB) in {clock.Elapsed.TotalSeconds:0.00} s");
            return CliApp.Ok;
        });
        return cmd;
    }

    /// <summary>The dp's optimum where it is exact (one satellite, gd or pd; milliseconds on a week), to check a solve's claims; null elsewhere.</summary>
    private static double? ProvenOptimum(CliContext ctx, Problem problem, Strategy strategy)
    {
        if (problem.IsConstellation || strategy == Strategy.Td) return null;
        var run = SolverRunner.Run(ctx.Solvers.Get("dp"), problem, new SolverOptions(strategy));
        return run.Status == SolveStatus.Optimal ? run.Objective : null;
    }
}
