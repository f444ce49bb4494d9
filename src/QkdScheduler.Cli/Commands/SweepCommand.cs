using System.CommandLine;
using System.Diagnostics;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;
using QkdScheduler.Precompute.Sweeps;
using QkdScheduler.Reporting.Exporters;
using Spectre.Console;

namespace QkdScheduler.Cli.Commands;

/// <summary>
/// <c>qkdsched sweep SWEEP.yaml [--shard i/N] --out DIR</c>: every point of a parameter sweep (one row per point, or
/// per point and pair), or one shard's share of them (points k with k mod N = i) as DIR/part-i-of-N.json for
/// <c>qkdsched merge</c>.
/// </summary>
public static class SweepCommand
{
    public static Command Create(CliContext ctx)
    {
        var file = new Argument<string>("SWEEP") { Description = "a sweep file (format qkdsched-sweep/1)" };
        var shard = new Option<string?>("--shard") { Description = "run only shard i of N (points k with k mod N = i) and write DIR/part-i-of-N.json, e.g. --shard $SLURM_ARRAY_TASK_ID/4" };
        var output = new Option<string?>("--out") { Description = "folder for results.csv and results.json (with --shard: for the part file)" };
        var format = new Option<string>("--format") { Description = "table or csv on stdout", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        var db = new Option<string?>("--db") { Description = "also append the rows, with the run's metadata, to this SQLite file" };
        var minContact = MinContactOption.Create();
        var cmd = new Command("sweep", "Run a parameter sweep over a scenario (precompute summary, seed 004 Table 1 rows, solves), whole or as one shard") { file, shard, output, format, db, minContact };
        cmd.SetAction(parse =>
        {
            var sweep = SweepFile.Read(parse.GetValue(file)!);
            var (index, count) = parse.GetValue(shard) is { } text ? Shards.Parse(text) : (0, 1);
            var sharded = parse.GetValue(shard) != null;
            var outDir = parse.GetValue(output);
            if (sharded && outDir == null) throw new InputException(null, null, "--shard needs --out DIR for the part file");
            if (!sharded && outDir != null) AtomicFolder.CheckUsable(outDir);
            if (parse.GetValue(db) is { } dbTarget) ResultsDatabase.CheckUsable(dbTarget);
            var points = sweep.Shard(index, count);
            SweepRunner.CheckPoints(sweep, points);
            foreach (var name in sweep.Solve?.Solvers ?? []) ctx.Solvers.Get(name); // an unknown solver fails now, not after the first point

            var clock = Stopwatch.StartNew();
            var started = DateTime.UtcNow;
            IReadOnlyList<SweepRow> rows;
            try
            {
                using (ctx.Interruption.Cooperate())
                    rows = Progress.Run(ctx, $"sweep {sweep.Name} ({points.Count} points)", p => SweepRunner.Run(sweep, points, ctx.Solvers, ctx.Interruption.Token, p,
                        parse.GetValue(minContact) != null ? problem => MinContactOption.Apply(parse, minContact, problem) : null));
            }
            catch (OperationCanceledException) when (ctx.Interruption.Requested)
            {
                rows = [];
            }

            // Interrupted (Ctrl-C, a Slurm time limit, a pod eviction): nothing is written, so no part or database row
            // stands for points that were not run (or solves that were cut short); rerun the shard.
            if (ctx.Interruption.Requested)
            {
                ctx.Error.WriteLine($"{sweep.Name}: interrupted; nothing written, rerun it");
                return ctx.Interruption.ExitCode;
            }

            ctx.Error.WriteLine($"{sweep.Name}: {points.Count} of {sweep.Points.Count} points in {clock.Elapsed.TotalSeconds:0.0} s");
            // The database after the files, so one that cannot take the run loses none of them.
            void Record()
            {
                if (parse.GetValue(db) is { } dbPath)
                    ResultsDatabase.AppendSweep(dbPath, new RunInfo("sweep", sweep.Name, sweep.Sha256, sharded ? $"{index}/{count}" : null,
                        string.Join(' ', parse.Tokens.Select(t => t.Value)), started), rows);
            }
            if (sharded)
            {
                ctx.Out.WriteLine($"wrote {SweepResults.WritePart(outDir!, sweep, index, count, rows)}");
                Record();
                return CliApp.Ok;
            }

            if (outDir != null) SweepResults.Write(outDir, sweep, rows);
            WriteRows(ctx, rows, parse.GetValue(format)!);
            if (outDir != null) ctx.Error.WriteLine($"wrote {Path.Combine(outDir, SweepResults.CsvFileName)} and {SweepResults.JsonFileName}");
            Record();
            return CliApp.Ok;
        });
        return cmd;
    }

    public static void WriteRows(CliContext ctx, IReadOnlyList<SweepRow> rows, string format)
    {
        if (rows.Count == 0) return;
        var columns = rows[0].Cells.Select(c => c.Column).ToArray();
        if (format == "csv")
        {
            ctx.Out.WriteLine(string.Join(',', columns.Select(Core.IO.TextFormat.CsvField)));
            foreach (var r in rows) ctx.Out.WriteLine(string.Join(',', r.Cells.Select(c => Core.IO.TextFormat.CsvField(c.Value))));
            return;
        }

        var table = new Table().AddColumns(columns.Select(Markup.Escape).ToArray());
        foreach (var r in rows) table.AddRow(r.Cells.Select(c => Markup.Escape(c.Value)).ToArray());
        ctx.Console.Write(table);
    }
}
