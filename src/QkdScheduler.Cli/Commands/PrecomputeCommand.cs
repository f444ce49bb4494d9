using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using QkdScheduler.Core.IO;
using QkdScheduler.Precompute.Pairs;
using QkdScheduler.Precompute.Pipeline;
using QkdScheduler.Precompute.Reports;
using QkdScheduler.Precompute.Scenarios;
using Spectre.Console;

namespace QkdScheduler.Cli.Commands;

/// <summary>
/// <c>qkdsched precompute SCENARIO.yaml --out DIR</c>: the whole precompute pipeline (passes, link,
/// weather, key rate, eq. 6 sums) into an instance folder: instance.yaml, keys.csv, geometry.csv.
/// </summary>
public static class PrecomputeCommand
{
    public static Command Create(CliContext ctx)
    {
        var scenario = new Argument<string>("SCENARIO") { Description = "scenario.yaml" };
        var output = new Option<string>("--out") { Description = "instance folder to write (instance.yaml, keys.csv, geometry.csv)", Required = true };
        var overrides = ScenarioOverrides.Create();
        var format = new Option<string>("--format") { Description = "summary as table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var cmd = new Command("precompute", "Build the key matrix instance of a scenario: orbits, visibility, link loss, weather, key rate") { scenario, output, overrides, format };
        cmd.SetAction(parse =>
        {
            var clock = Stopwatch.StartNew();
            if (PairScenarioFile.IsPairScenario(parse.GetValue(scenario)!))
            {
                var pairs = PairScenarioFile.Read(parse.GetValue(scenario)!, parse.GetValue(overrides) ?? []);
                AtomicFolder.CheckUsable(parse.GetValue(output)!);
                Warn(ctx, pairs.Warnings);
                return PrecomputePairs(ctx, pairs, parse.GetValue(output)!, parse.GetValue(format)!, clock);
            }

            var s = ScenarioFile.Read(parse.GetValue(scenario)!, parse.GetValue(overrides) ?? []);
            AtomicFolder.CheckUsable(parse.GetValue(output)!);
            Warn(ctx, s.Warnings);
            var result = Progress.Run(ctx, "precompute " + s.Name, p => s.Fleet != null ? ConstellationPrecompute.Build(s, p) : KeyMatrixBuilder.Build(s, VisibilitySampler.Sample(s, p)));
            var dir = parse.GetValue(output)!;
            // Everything is computed and checked before the first byte is written; the folder is swapped in whole.
            InstanceFiles.Write(result.Problem, dir, result.Geometry);
            var seconds = clock.Elapsed.TotalSeconds;

            var daily = DailyKeys.Compute(result.Problem);
            if (parse.GetValue(format) == "json")
            {
                ctx.Out.WriteLine(ScheduleFiles.ToJson(Summary(s, result, daily, dir, seconds)));
                return CliApp.Ok;
            }

            WriteTable(ctx.Console, s, result, daily, dir, seconds);
            return CliApp.Ok;
        });
        return cmd;
    }

    /// <summary>One stderr line per warning of the scenario (before the work starts, so it is seen).</summary>
    public static void Warn(CliContext ctx, IEnumerable<string> warnings)
    {
        foreach (var w in warnings) ctx.Error.WriteLine($"warning: {w}");
    }

    /// <summary>
    /// A pair scenario (seed 004) becomes a normal instance whose nodes are station pairs and whose K is
    /// SMF-coupled pairs per interval, so every solver and strategy runs on it unchanged.
    /// </summary>
    private static int PrecomputePairs(CliContext ctx, PairScenario s, string dir, string format, Stopwatch clock)
    {
        var result = Progress.Run(ctx, "precompute " + s.Name, p => s.Sources != null ? PairConstellation.Run(s, p) : PairPrecompute.Run(s, p));
        InstanceFiles.Write(result.Problem, dir, result.Geometry);
        var seconds = clock.Elapsed.TotalSeconds;
        var p = result.Problem;
        if (format == "json")
        {
            ctx.Out.WriteLine(ScheduleFiles.ToJson(new JsonObject
            {
                ["scenario"] = s.Name,
                ["out"] = dir,
                ["key_unit"] = p.KeyUnit,
                ["intervals"] = p.IntervalCount,
                ["nonzeros"] = p.NonZeroCount,
                ["total_pairs"] = p.TotalPerNode().Sum(),
                ["wall_seconds"] = seconds,
            }));
            return CliApp.Ok;
        }

        var inv = CultureInfo.InvariantCulture;
        ctx.Console.WriteLine(s.Sources == null ? $"{s.Name}: source {s.Source.Spec.Description}" : $"{s.Name}: {s.Sources.Count} sources ({string.Join(", ", s.Sources.Select(x => x.Satellite.Name))})");
        var table = new Table().AddColumns(s.Sources == null ? "node (station pair)" : "node (station pair) via source", "dual access (s)", "SMF-coupled pairs", "modelled QBER");
        if (s.Sources == null)
        {
            var totals = p.Keys.TotalPerNode();
            for (var i = 0; i < p.Nodes.Count; i++)
                table.AddRow(Markup.Escape(p.Nodes[i].Id), result.Links[i].AccessSeconds.ToString("N0", inv), totals[i].ToString("0.###e+0", inv),
                    p.Nodes[i].Qber is { } q ? q.ToString("0.00%", inv) : "-");
        }
        else
        {
            // One row per pair and source: each source's own link summary.
            foreach (var l in result.Links)
                table.AddRow(Markup.Escape(l.Pair), l.AccessSeconds.ToString("N0", inv), l.CoupledPairs.ToString("0.###e+0", inv),
                    double.IsFinite(l.ModelledQber) ? l.ModelledQber.ToString("0.00%", inv) : "-");
        }
        ctx.Console.Write(table);
        ctx.Console.WriteLine(string.Create(inv, $"M = {p.IntervalCount:N0} intervals of {p.IntervalSeconds} s, S = {p.SwitchIntervals}, {p.NonZeroCount:N0} non-zeros (key unit: pairs)"));
        ctx.Console.WriteLine(string.Create(inv, $"wrote {Path.Combine(dir, InstanceFiles.InstanceFileName)}, {InstanceFiles.KeysFileName}, {GeometryFiles.FileName} in {seconds:0.00} s"));
        return CliApp.Ok;
    }

    private static JsonObject Summary(Scenario s, PrecomputeResult r, DailyKeys daily, string dir, double seconds) => new()
    {
        ["scenario"] = s.Name,
        ["out"] = dir,
        ["satellite"] = s.Fleet == null ? s.Satellite.Description : $"{s.Fleet.Count} satellites",
        ["satellites"] = s.Fleet == null ? null : new JsonArray(s.Fleet.Select(f => (JsonNode)JsonValue.Create(f.Name)!).ToArray()),
        ["passes"] = r.Visibility.Passes.Count,
        ["union_s"] = Math.Round(r.Visibility.UnionSeconds, 3),
        ["samples"] = r.Visibility.SampleCount,
        ["intervals"] = r.Problem.IntervalCount,
        ["nonzeros"] = r.Problem.NonZeroCount,
        ["total_bits"] = r.Problem.TotalPerNode().Sum(),
        ["daily_bits"] = new JsonArray(daily.Days.Select((d, i) => (JsonNode)new JsonObject
        {
            ["day"] = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["per_node"] = new JsonObject(daily.Nodes.Select((n, j) => KeyValuePair.Create(n, (JsonNode?)daily.Bits[i, j]))),
        }).ToArray()),
        ["wall_seconds"] = seconds,
    };

    private static void WriteTable(IAnsiConsole c, Scenario s, PrecomputeResult r, DailyKeys daily, string dir, double seconds)
    {
        var p = r.Problem;
        c.WriteLine(s.Fleet == null
            ? $"{s.Name}: using the {s.Satellite.Description}"
            : $"{s.Name}: {s.Fleet.Count} satellites ({string.Join(", ", s.Fleet.Take(8).Select(f => f.Name))}{(s.Fleet.Count > 8 ? ", ..." : "")}), receivers {(s.Receivers.Count == 0 ? "1 per station" : string.Join(", ", s.Receivers.Select(kv => $"{kv.Key} {kv.Value}")) + ", 1 elsewhere")}, S_st = {s.StationSwitchIntervals}");
        c.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Visibility.Passes.Count} passes, union of visible time {r.Visibility.UnionSeconds:0.0} s; {r.Visibility.SampleCount:N0} samples of {s.IntegrationSeconds} s"));
        c.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"M = {p.IntervalCount:N0} intervals of {p.IntervalSeconds} s, S = {p.SwitchIntervals}, {p.NonZeroCount:N0} non-zeros, weather: {s.Weather.Description}"));
        c.WriteLine("Most key each node could get per UTC day (kbit; seed 000 Fig. 7):");
        var table = new Table().AddColumn("node");
        foreach (var d in daily.Days) table.AddColumn(new TableColumn(d.ToString("MM-dd", CultureInfo.InvariantCulture)).RightAligned());
        table.AddColumn(new TableColumn("week").RightAligned());
        for (var j = 0; j < daily.Nodes.Count; j++)
        {
            var cells = new List<string> { Markup.Escape(daily.Nodes[j]) };
            var total = 0.0;
            for (var i = 0; i < daily.Days.Count; i++)
            {
                cells.Add((daily.Bits[i, j] / 1000).ToString("N0", CultureInfo.InvariantCulture));
                total += daily.Bits[i, j];
            }

            cells.Add((total / 1000).ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow(cells.ToArray());
        }

        c.Write(table);
        c.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {Path.Combine(dir, InstanceFiles.InstanceFileName)}, {InstanceFiles.KeysFileName}, {GeometryFiles.FileName} in {seconds:0.00} s"));
    }
}
