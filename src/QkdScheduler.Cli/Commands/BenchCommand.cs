using QkdScheduler.Solvers.Mip;
using QkdScheduler.Core;
using System.CommandLine;
using QkdScheduler.Core.Benchmarking;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Reporting.Exporters;
using Spectre.Console;

namespace QkdScheduler.Cli.Commands;

/// <summary>
/// <c>qkdsched bench INSTANCE_DIR... --solvers a,b --strategies gd,pd,td --seeds 1,2,3</c>: every
/// case through the same runner and validator, one table with each objective's ratio to the best
/// known for its instance and strategy, and results.csv / results.json / results.md.
/// </summary>
public static class BenchCommand
{
    public static Command Create(CliContext ctx)
    {
        var dirs = new Argument<string[]>("INSTANCE_DIR") { Description = "instance folders", Arity = ArgumentArity.OneOrMore };
        var solvers = new Option<string?>("--solvers") { Description = "comma-separated solvers (default: every available one)" };
        var strategies = new Option<string?>("--strategies") { Description = "comma-separated strategies (default: gd,pd,td)" };
        var seeds = new Option<string?>("--seeds") { Description = "comma-separated seeds for seeded solvers (default: 1)" };
        var output = new Option<string?>("--out") { Description = "folder for results.csv, results.json and results.md (with --shard: for the part file)" };
        var shard = new Option<string?>("--shard") { Description = "run only shard i of N (cases k with k mod N = i) and write OUT/part-i-of-N.json for 'qkdsched merge'" };
        var db = new Option<string?>("--db") { Description = "also append the cases, with the run's metadata, to this SQLite file" };
        var against = BestKnownFiles.AgainstOption();
        var writeBestKnown = new Option<string?>("--write-best-known") { Description = "add this bench's best objectives and bounds to a best-known CSV (created if absent; 'best-known' = instances/best-known.csv)" };
        var options = new SolverOptionSet();
        var cmd = new Command("bench", "Run solvers × strategies × seeds on instances and compare them") { dirs, solvers, strategies, seeds, output, shard, db, against, writeBestKnown };
        options.AddTo(cmd);

        cmd.SetAction(parse =>
        {
            var problems = parse.GetValue(dirs)!.Select(d => options.Apply(parse, InstanceFiles.Read(d))).ToList();
            // Cases, results and the database are keyed by instance name: the same one twice would only repeat cases.
            foreach (var twice in problems.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Take(1))
                throw new InputException(null, null, $"two of the instance folders are both named '{twice.Key}' (the same instance given twice?); give each instance once");
            var plugins = SolverOptionSet.ParseList(parse.GetValue(solvers), "--solvers", s => (true, ctx.Solvers.Get(s)),
                ctx.Solvers.All.Where(s => s.UnavailableReason is null).ToList());
            var strategyList = SolverOptionSet.ParseList(parse.GetValue(strategies), "--strategies",
                s => (StrategyNames.TryParse(s, out var v), v), [Strategy.Gd, Strategy.Pd, Strategy.Td]);
            if (parse.GetValue(options.WriteModel) != null && plugins.All(p => p.Name != MipSolver.SolverName))
                throw new InputException(null, null, $"--write-model needs {MipSolver.SolverName} among --solvers (only it builds an explicit model)");
            var seedList = SolverOptionSet.ParseList(parse.GetValue(seeds), "--seeds",
                s => (int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v), v), [1],
                "a whole number from 0 to 2147483647");
            // Each --solver-option goes to the solvers that declare it; one that none of them takes is a typo.
            var given = options.Read(parse, Strategy.Gd, 1).Parameters ?? new Dictionary<string, string>();
            foreach (var (key, value) in given)
            {
                var owners = plugins.Where(p => p.Parameters.Any(x => x.Key == key)).ToList();
                if (owners.Count == 0)
                    throw new InputException(null, null, $"--solver-option {key}: none of the solvers here ({string.Join(", ", plugins.Select(p => p.Name))}) takes it (see 'qkdsched solvers --options')");
                foreach (var owner in owners) SolverParameters.Check(owner, new Dictionary<string, string> { [key] = value });
            }

            var cases = BenchPlan.Cases(problems, strategyList, plugins, seedList);
            var (shardIndex, shardCount) = parse.GetValue(shard) is { } shardText ? Shards.Parse(shardText) : (0, 1);
            var sharded = parse.GetValue(shard) != null;
            if (sharded && parse.GetValue(output) == null) throw new InputException(null, null, "--shard needs --out DIR for the part file");
            if (!sharded && parse.GetValue(output) is { } target) AtomicFolder.CheckUsable(target);
            if (parse.GetValue(db) is { } dbTarget) ResultsDatabase.CheckUsable(dbTarget);
            var selected = Shards.Cases(cases.Count, shardIndex, shardCount);
            var shareTolerance = parse.GetValue(options.ShareTolerance);
            if (sharded && (parse.GetValue(against) != null || parse.GetValue(writeBestKnown) != null))
                throw new InputException(null, null, "--against and --write-best-known take the whole bench: give them to 'qkdsched merge' (--against) or run unsharded");
            var reference = BestKnownFiles.Reference(parse.GetValue(against), shareTolerance);
            var started = DateTime.UtcNow;
            using var cooperative = ctx.Interruption.Cooperate();
            // On a terminal a progress bar; piped or in CI one line per finished case instead.
            var reports = Progress.Run(ctx, $"bench: {selected.Count} cases", progress => BenchPlan.Run(cases, selected, c =>
            {
                var caseOptions = options.WithWarmStart(parse, options.Read(parse, c.Strategy, c.Seed), c.Problem, ctx.Solvers);
                // One model file per instance and strategy: FILE.lp → FILE.<instance>.<strategy>.lp.
                return caseOptions.ModelFile is { } model
                    ? caseOptions with { ModelFile = Path.ChangeExtension(model, $"{c.Problem.Name}.{c.Strategy.ToName()}{Path.GetExtension(model)}") }
                    : caseOptions;
            }, ctx.Interruption.Token, (n, i, report) =>
            {
                if (progress != null) progress.Report((n + 1.0) / selected.Count);
                else
                    ctx.Error.WriteLine($"[{i + 1}/{cases.Count}] {report.Instance} {report.Strategy.ToName()} {report.Solver}" +
                                        (cases[i].Solver.UsesSeed ? $" seed {cases[i].Seed}" : "") + $": {report.Status.ToName()}, objective {report.Objective:N0}, {report.WallSeconds:0.000} s");
            }));

            var summary = BenchSummary.FromReports(reports, plugins.Where(s => !s.UsesSeed).Select(s => s.Name).ToHashSet(),
                DateTime.UtcNow, $".NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores",
                reference);
            if (parse.GetValue(writeBestKnown) is { } bestKnownOut && !ctx.Interruption.Requested)
            {
                var path = BestKnownFiles.Resolve(bestKnownOut, mustExist: false);
                var known = File.Exists(path) ? BestKnown.Read(path) : [];
                var command = "qkdsched " + string.Join(' ', ResultTokens(parse).Select(QuoteIfNeeded));
                BestKnown.Write(path, BestKnown.Update(known, summary, shareTolerance, DateOnly.FromDateTime(DateTime.UtcNow), command));
                ctx.Console.WriteLine($"updated {path}");
            }
            WriteTable(ctx.Console, summary);
            var definition = Definition(problems, plugins.Select(p => p.Name), strategyList, seedList, parse, parse.GetValue(dirs)!);
            var name = string.Join("+", problems.Select(p => p.Name));
            if (sharded)
            {
                if (ctx.Interruption.Requested) return ctx.Interruption.ExitCode; // an interrupted shard writes no part: rerun it
                var header = new ShardHeader("", "bench", name, definition, shardIndex, shardCount, cases.Count, selected);
                ctx.Console.WriteLine($"wrote {BenchParts.Write(parse.GetValue(output)!, header, summary)}");
            }
            else if (parse.GetValue(output) is { } outDir)
            {
                AtomicFolder.Write(outDir, name => BenchExporters.All.Any(e => e.FileName == name), staging =>
                {
                    foreach (var exporter in BenchExporters.All)
                        AtomicFile.WriteAllText(Path.Combine(staging, exporter.FileName), exporter.Render(summary));
                });
                ctx.Console.WriteLine($"wrote {string.Join(", ", BenchExporters.All.Select(e => Path.Combine(outDir, e.FileName)))}");
            }

            // After the files, so a database that cannot take the run loses none of them. An interrupted bench is not a
            // run to compare against: it goes to the screen and --out, not to the database.
            if (parse.GetValue(db) is { } dbPath && !ctx.Interruption.Requested)
                ResultsDatabase.AppendBench(dbPath, new RunInfo("bench", name, definition, sharded ? $"{shardIndex}/{shardCount}" : null,
                    string.Join(' ', parse.Tokens.Select(t => t.Value)), started), summary);
            if (ctx.Interruption.Requested) return ctx.Interruption.ExitCode;
            return summary.Rows.Any(r => r.Status.IsFailure()) ? CliApp.Failed : CliApp.Ok;
        });
        return cmd;
    }

    /// <summary>The bench's definition hash (<see cref="BenchPlan.Definition"/>) over every option but --shard, --out and --db, and the instances by content, not path.</summary>
    private static string Definition(IEnumerable<Problem> problems, IEnumerable<string> solvers, IEnumerable<Strategy> strategies, IEnumerable<int> seeds, ParseResult parse, IReadOnlyCollection<string> dirs)
    {
        var tokens = parse.Tokens.Select(t => t.Value).ToList();
        var kept = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] is "--shard" or "--out" or "--db") { i++; continue; }
            if (tokens[i] == "bench" || dirs.Contains(tokens[i])) continue;
            kept.Add(tokens[i]);
        }
        return BenchPlan.Definition(problems, solvers, strategies, seeds, kept);
    }

    /// <summary>The command line less the options that only say where results go (--out, --db, --write-best-known, --against).</summary>
    private static IEnumerable<string> ResultTokens(ParseResult parse)
    {
        var tokens = parse.Tokens.Select(t => t.Value).ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] is "--out" or "--db" or "--write-best-known" or "--against") { i++; continue; }
            yield return tokens[i];
        }
    }

    private static string QuoteIfNeeded(string token) => token.Length > 0 && token.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@".Contains(c)) ? token : $"'{token}'";

    public static void WriteTable(IAnsiConsole console, BenchSummary summary)
    {
        var table = new Table().AddColumns(MarkdownBenchExporter.Header);
        foreach (var cells in MarkdownBenchExporter.Cells(summary)) table.AddRow(cells.Select(Markup.Escape).ToArray());
        console.Write(table);
        console.WriteLine("ratio = objective / best known objective for the instance and strategy (the best case here, or the --against file's); gap = (proven bound − objective) / bound");
        if (summary.SeedGroups().Count == 0) return;
        var seeds = new Table().AddColumns(MarkdownBenchExporter.SeedHeader);
        foreach (var cells in MarkdownBenchExporter.SeedCells(summary)) seeds.AddRow(cells.Select(Markup.Escape).ToArray());
        console.Write(seeds);
        console.WriteLine(MarkdownBenchExporter.SeedNote);
    }
}
