using System.CommandLine;
using QkdScheduler.Core.IO;
using QkdScheduler.Precompute.Importers;

namespace QkdScheduler.Cli.Commands;

/// <summary><c>qkdsched import quake FILE.dzn --out DIR</c>: convert a published instance to our format.</summary>
public static class ImportCommand
{
    public static Command Create(CliContext ctx)
    {
        var file = new Argument<string>("FILE") { Description = "MiniZinc data file of Polnik et al. 2020 (pmateusz/quake, data/problem/*.dzn)" };
        var output = new Option<string>("--out") { Description = "instance folder to write", Required = true };
        var name = new Option<string?>("--name") { Description = "instance name (default: the output folder's name)" };
        var quake = new Command("quake", "Import a Polnik et al. 2020 (quake) .dzn problem file") { file, output, name };
        quake.SetAction(parse =>
        {
            var outDir = parse.GetValue(output)!;
            var instanceName = parse.GetValue(name) ?? new DirectoryInfo(Path.GetFullPath(outDir)).Name;
            var problem = QuakeImporter.Import(parse.GetValue(file)!, instanceName);
            InstanceFiles.Write(problem, outDir);
            ctx.Out.WriteLine($"wrote {outDir}: {problem.Nodes.Count} nodes, {problem.IntervalCount} intervals of {problem.IntervalSeconds} s, S = {problem.SwitchIntervals}, {problem.Keys.NonZeroCount} non-zeros");
            return CliApp.Ok;
        });
        return new Command("import", "Convert published instances to the qkdsched instance format") { quake };
    }
}
