using System.CommandLine;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;
using QkdScheduler.Precompute.Sweeps;
using QkdScheduler.Reporting.Exporters;

namespace QkdScheduler.Cli.Commands;

/// <summary>
/// <c>qkdsched merge PART... --out DIR [--db FILE]</c>: the parts of a sharded sweep or bench (files, or folders holding
/// part-*-of-*.json) checked — one run, every shard once, each with exactly its cases — and joined into the files an
/// unsharded run writes.
/// </summary>
public static class MergeCommand
{
    public static Command Create(CliContext ctx)
    {
        var parts = new Argument<string[]>("PART") { Description = "part-I-of-N.json files of sweep/bench --shard, or folders holding them", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "folder for the merged results", Required = true };
        var db = new Option<string?>("--db") { Description = "also append the merged rows, with the run's metadata, to this SQLite file" };
        var against = BestKnownFiles.AgainstOption();
        var tolerance = SolverOptionSet.CreateShareTolerance();
        tolerance.Description = "with --against: the share tolerance the bench ran with";
        var cmd = new Command("merge", "Check and join the parts of a sharded sweep or bench into the files an unsharded run writes") { parts, output, db, against, tolerance };
        cmd.SetAction(parse =>
        {
            var started = DateTime.UtcNow;
            var files = new List<string>();
            foreach (var p in parse.GetValue(parts)!)
            {
                if (Directory.Exists(p))
                {
                    var found = Directory.GetFiles(p, "part-*-of-*.json").Order(StringComparer.Ordinal).ToList();
                    if (found.Count == 0) throw new InputException(p, null, "holds no part-I-of-N.json file");
                    files.AddRange(found);
                }
                else if (File.Exists(p)) files.Add(p);
                else throw new InputException(p, null, "does not exist; give part files or folders holding them");
            }

            var outDir = parse.GetValue(output)!;
            if (parse.GetValue(db) is { } dbTarget) ResultsDatabase.CheckUsable(dbTarget);
            var options = string.Join(' ', parse.Tokens.Select(t => t.Value));
            var bench = files.Select(BenchParts.IsPart).ToList();
            if (bench.Distinct().Count() > 1)
                throw new InputException(files[bench.IndexOf(!bench[0])], null, $"is a {(bench[0] ? "sweep" : "bench")} part, {files[0]} a {(bench[0] ? "bench" : "sweep")} part; merge one run's parts");
            if (bench[0])
            {
                var read = files.Select(BenchParts.Read).ToList();
                var summary = BenchParts.Merge(read, BestKnownFiles.Reference(parse.GetValue(against), parse.GetValue(tolerance)));
                AtomicFolder.Write(outDir, name => BenchExporters.All.Any(e => e.FileName == name), staging =>
                {
                    foreach (var exporter in BenchExporters.All)
                        AtomicFile.WriteAllText(Path.Combine(staging, exporter.FileName), exporter.Render(summary));
                });
                if (parse.GetValue(db) is { } benchDb)
                    ResultsDatabase.AppendBench(benchDb, new RunInfo("merge", read[0].Header.Name, read[0].Header.Definition, null, options, started), summary);
                BenchCommand.WriteTable(ctx.Console, summary);
                ctx.Out.WriteLine($"merged {files.Count} bench parts ({summary.Rows.Count} cases) into {outDir}");
                return CliApp.Ok;
            }

            var sweepParts = files.Select(SweepResults.ReadPart).ToList();
            var points = SweepResults.Merge(sweepParts, outDir);
            if (parse.GetValue(db) is { } sweepDb)
                ResultsDatabase.AppendSweep(sweepDb, new RunInfo("merge", sweepParts[0].Header.Name, sweepParts[0].Header.Definition, null, options, started),
                    sweepParts.SelectMany(p => p.Rows).OrderBy(r => r.Point).ToList());
            ctx.Out.WriteLine($"merged {files.Count} parts ({points} points) into {Path.Combine(outDir, SweepResults.CsvFileName)} and {SweepResults.JsonFileName}");
            return CliApp.Ok;
        });
        return cmd;
    }
}
