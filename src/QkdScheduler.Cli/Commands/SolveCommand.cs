using QkdScheduler.Solvers.Mip;
using QkdScheduler.Core;
using System.CommandLine;
using System.Globalization;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.KeyRates.Entanglement;
using QkdScheduler.Precompute.Pairs;
using QkdScheduler.Reporting.Plans;
using Spectre.Console;

namespace QkdScheduler.Cli.Commands;

/// <summary><c>qkdsched solve INSTANCE_DIR --solver … --strategy …</c>: one validated solver run.</summary>
public static class SolveCommand
{
    /// <summary>What an external solver's program printed, kept beside its schedule.</summary>
    public const string SolverLogFileName = "solver.log";

    public static Command Create(CliContext ctx)
    {
        var dir = new Argument<string>("INSTANCE_DIR") { Description = "instance folder (instance.yaml + keys.csv)" };
        var solver = new Option<string>("--solver") { Description = "solver plugin (see 'qkdsched solvers')", DefaultValueFactory = _ => "dp" };
        var strategy = new Option<string>("--strategy") { Description = "gd (total keys), pd (weighted keys) or td (keys in target shares)", DefaultValueFactory = _ => "gd" };
        strategy.AcceptOnlyFromAmong("gd", "pd", "td");
        var seed = new Option<int>("--seed") { Description = "random seed", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "folder for schedule.csv, result.json and the contact plan (contacts.csv, contacts.json, contacts-<station>.ics)" };
        var format = new Option<string>("--format") { Description = "table or json (one JSON object on stdout)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var options = new SolverOptionSet();
        var cmd = new Command("solve", "Solve an instance with one solver and strategy; the schedule is checked by the validator") { dir, solver, strategy, seed, output, format };
        options.AddTo(cmd);

        cmd.SetAction(parse =>
        {
            var instanceDir = parse.GetValue(dir)!;
            var problem = options.Apply(parse, InstanceFiles.Read(instanceDir));
            // Read before the solve, so a bad geometry.csv or orbit record never costs a solve's result.
            var geometry = parse.GetValue(output) != null ? PlanCommand.Geometry(instanceDir, problem) : null;
            var pointing = parse.GetValue(output) != null ? Pointing.For(problem, Path.Combine(instanceDir, InstanceFiles.InstanceFileName)) : null;
            PairDelivery.Check(problem.FiniteKey, Path.Combine(parse.GetValue(dir)!, InstanceFiles.InstanceFileName));
            if (parse.GetValue(output) is { } target) AtomicFolder.CheckUsable(target);
            var plugin = ctx.Solvers.Get(parse.GetValue(solver)!);
            if (parse.GetValue(options.WriteModel) != null && plugin.Name != MipSolver.SolverName)
                throw new InputException(null, null, $"--write-model needs --solver {MipSolver.SolverName} (only it builds an explicit model)");
            SolveReport report;
            using (ctx.Interruption.Cooperate())
            {
                var solverOptions = options.WithWarmStart(parse, options.Read(parse, StrategyNames.Parse(parse.GetValue(strategy)!), parse.GetValue(seed)), problem, ctx.Solvers);
                report = SolverRunner.Run(plugin, problem, solverOptions, ctx.Interruption.Token);
            }

            if (parse.GetValue(output) is { } outDir)
            {
                var result = ScheduleFiles.Result(problem, report);
                // Where the instance is, so pointing and report can start from the solve folder alone.
                result["instance_dir"] = Path.GetFullPath(instanceDir);
                if (PairNodeResults.Of(problem, report.Metrics.PerNodeBits) is { } pairs) result["per_node_entanglement"] = PairNodeResults.ToJson(pairs);
                // schedule.csv, result.json and the contact plan replace the old ones together, never one without the others.
                var plan = ContactPlan.Build(problem, report.Schedule, geometry, pointing);
                AtomicFolder.Write(outDir, name => name is ScheduleFiles.ScheduleFileName or ScheduleFiles.ResultFileName or SolverLogFileName || ContactPlanFiles.Owns(name), staging =>
                {
                    if (report.Result.Log is { } log) AtomicFile.WriteAllText(Path.Combine(staging, SolverLogFileName), log);
                    ScheduleFiles.WriteSchedule(problem, report.Schedule, Path.Combine(staging, ScheduleFiles.ScheduleFileName));
                    AtomicFile.WriteAllText(Path.Combine(staging, ScheduleFiles.ResultFileName), ScheduleFiles.ToJson(result) + "\n");
                    ContactPlanFiles.Write(staging, plan, DateTime.UtcNow);
                });
            }

            if (parse.GetValue(format) == "json")
                ctx.Out.WriteLine(ScheduleFiles.ToJson(ScheduleFiles.Summary(problem, report), indented: false));
            else
                WriteTable(ctx, problem, report, parse.GetValue(output));

            return report.Status switch
            {
                SolveStatus.Error or SolveStatus.RuleBroken => CliApp.Failed,
                SolveStatus.Cancelled => ctx.Interruption.ExitCode,
                _ => CliApp.Ok,
            };
        });
        return cmd;
    }

    private static void WriteTable(CliContext ctx, Problem problem, SolveReport r, string? outDir)
    {
        var c = ctx.Console;
        var unit = problem.KeyUnit;
        var m = r.Metrics;
        var summary = new Table().HideHeaders().AddColumns("", "");
        summary.AddRow("instance", Markup.Escape(problem.Name));
        summary.AddRow("solver / strategy", $"{r.Solver} / {r.Strategy.ToName()}");
        summary.AddRow("status", r.Status.ToName() + (r.Message is { } msg ? Markup.Escape($" ({msg})") : ""));
        summary.AddRow("objective", Num(r.Objective));
        summary.AddRow("bound / gap", r.Bound is { } b ? $"{Num(b)} / {r.Gap:0.####%}" : "- (no proven bound)");
        summary.AddRow($"total E ({unit})", Num(m.TotalBits));
        summary.AddRow("Σ w·E", m.WeightedBits.ToString("N2", CultureInfo.InvariantCulture));
        summary.AddRow("KL(p‖q)", m.KlDivergence is { } kl ? kl.ToString("0.######", CultureInfo.InvariantCulture) : "-");
        summary.AddRow("traffic index", Num(m.TrafficIndex));
        summary.AddRow("switches", m.Switches.ToString(CultureInfo.InvariantCulture));
        summary.AddRow("wall time", $"{r.WallSeconds:0.000} s");
        c.Write(summary);

        var total = m.TotalBits;
        var perNode = new Table().AddColumns("node", $"E_n ({unit})", "share p_n", "target q_n", "weight w_n");
        for (var i = 0; i < problem.Nodes.Count; i++)
        {
            var n = problem.Nodes[i];
            perNode.AddRow(Markup.Escape(n.Id), Num(m.PerNodeBits[i]), total > 0 ? (m.PerNodeBits[i] / total).ToString("0.00%", CultureInfo.InvariantCulture) : "-",
                n.Share.ToString("0.00%", CultureInfo.InvariantCulture), n.Weight.ToString("0.####", CultureInfo.InvariantCulture));
        }

        c.Write(perNode);
        if (PairNodeResults.Of(problem, m.PerNodeBits) is { } pairs)
        {
            var t = new Table().AddColumns("pair", "pairs E_n", "QBER", "finite key (bits)", "S − 3ΔS");
            foreach (var p in pairs)
                t.AddRow(Markup.Escape(p.Node), Num(p.Delivery.Pairs), p.Delivery.Qber.ToString("0.00%", CultureInfo.InvariantCulture), Num(p.Delivery.SecretBits),
                    p.Delivery.Bell is { } bell ? bell.SMinus3DeltaS.ToString("0.000", CultureInfo.InvariantCulture) : "-");
            c.Write(t);
        }

        if (outDir != null) c.WriteLine($"wrote {Path.Combine(outDir, ScheduleFiles.ScheduleFileName)}, {ScheduleFiles.ResultFileName} and the contact plan ({ContactPlanFiles.CsvFileName}, {ContactPlanFiles.JsonFileName}, one .ics per station)");
    }

    private static string Num(double v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
