using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using Spectre.Console;

namespace QkdScheduler.Cli.Commands;

/// <summary><c>qkdsched info INSTANCE_DIR</c>: what an instance holds.</summary>
public static class InfoCommand
{
    public static Command Create(CliContext ctx)
    {
        var dir = new Argument<string>("INSTANCE_DIR") { Description = "instance folder (instance.yaml + keys.csv)" };
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var cmd = new Command("info", "Show an instance: nodes, intervals, switching rule, non-zeros, total keys per node; for a constellation its satellites, receivers and contention") { dir, format };
        cmd.SetAction(parse =>
        {
            var p = InstanceFiles.Read(parse.GetValue(dir)!);
            var totals = p.TotalPerNode();
            var contention = Contention.Of(p);
            var end = p.IntervalStartUtc(p.IntervalCount);
            if (parse.GetValue(format) == "json")
            {
                var nodes = new JsonArray(p.Nodes.Select((n, i) => (JsonNode)new JsonObject
                {
                    ["id"] = n.Id,
                    ["stations"] = new JsonArray(n.Stations.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray()),
                    ["weight"] = n.Weight,
                    ["share"] = n.Share,
                    ["total_keys"] = totals[i],
                }).ToArray());
                var json = new JsonObject
                {
                    ["name"] = p.Name,
                    ["start_utc"] = TextFormat.Utc(p.StartUtc),
                    ["end_utc"] = TextFormat.Utc(end),
                    ["interval_seconds"] = p.IntervalSeconds,
                    ["intervals"] = p.IntervalCount,
                    ["active_intervals"] = contention.ActiveIntervals,
                    ["switch_intervals"] = p.SwitchIntervals,
                    ["min_contact_intervals"] = p.MinContactIntervals,
                    ["nonzeros"] = p.NonZeroCount,
                    ["key_unit"] = p.KeyUnit,
                    ["nodes"] = nodes,
                    ["constellation"] = p.Constellation is { } fleet ? new JsonObject
                    {
                        ["satellites"] = new JsonArray(fleet.Satellites.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray()),
                        ["station_switch_intervals"] = fleet.StationSwitchIntervals,
                        ["stations"] = new JsonArray(contention.PerStation.Select(kv => (JsonNode)new JsonObject
                        {
                            ["id"] = kv.Key, ["receivers"] = fleet.Receivers(kv.Key), ["contended_intervals"] = kv.Value,
                        }).ToArray()),
                        ["contended_intervals"] = contention.Intervals,
                    } : null,
                };
                if (!p.IsConstellation) json.Remove("constellation");
                if (p.Scenarios is { } spec)
                    json["scenarios"] = new JsonObject
                    {
                        ["count"] = spec.Count,
                        ["probabilities"] = new JsonArray(spec.Probabilities.Select(x => (JsonNode)JsonValue.Create(x)).ToArray()),
                    };
                ctx.Out.WriteLine(ScheduleFiles.ToJson(json));
                return CliApp.Ok;
            }

            var c = ctx.Console;
            c.WriteLine($"{p.Name}: {p.Description}");
            c.WriteLine($"period     {TextFormat.Utc(p.StartUtc)} .. {TextFormat.Utc(end)}");
            c.WriteLine($"intervals  M = {p.IntervalCount:N0} of Δt = {p.IntervalSeconds.ToString(CultureInfo.InvariantCulture)} s; {contention.ActiveIntervals:N0} with keys");
            c.WriteLine($"switching  S = {p.SwitchIntervals} idle intervals between different nodes");
            if (p.MinContactIntervals > 1)
                c.WriteLine($"contacts   at least L = {p.MinContactIntervals} intervals ({(p.MinContactIntervals * p.IntervalSeconds).ToString(CultureInfo.InvariantCulture)} s), only where the node has key");
            c.WriteLine($"non-zeros  {p.NonZeroCount:N0}   key unit: {p.KeyUnit}");
            if (p.Scenarios is { } scenarios)
                c.WriteLine($"scenarios  W = {scenarios.Count} weather scenarios in {EnsembleFiles.FileName} (keys.csv is their mean), " +
                            (scenarios.Probabilities.Distinct().Count() == 1 ? "equally likely" : "probabilities " + string.Join(", ", scenarios.Probabilities.Select(x => x.ToString("0.####", CultureInfo.InvariantCulture)))));
            if (p.Constellation is { } constellation)
            {
                c.WriteLine($"satellites {constellation.Satellites.Count}: {Markup.Escape(string.Join(", ", constellation.Satellites))}");
                c.WriteLine($"receivers  S_st = {constellation.StationSwitchIntervals} idle intervals between different satellites; " +
                            Markup.Escape(string.Join(", ", contention.PerStation.Keys.Select(g => $"{g} {constellation.Receivers(g)}"))));
                c.WriteLine($"contention {contention.Intervals:N0} of {contention.ActiveIntervals:N0} intervals with keys have two or more satellites wanting one station" +
                            (contention.Intervals > 0 ? " (" + Markup.Escape(string.Join(", ", contention.PerStation.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key} {kv.Value:N0}"))) + ")" : ""));
            }

            var table = new Table().AddColumns("node", "stations", "weight", "share", $"total K ({p.KeyUnit})");
            for (var i = 0; i < p.Nodes.Count; i++)
            {
                var n = p.Nodes[i];
                table.AddRow(Markup.Escape(n.Id), Markup.Escape(string.Join(" + ", n.Stations)), n.Weight.ToString("0.####", CultureInfo.InvariantCulture),
                    n.Share.ToString("0.####", CultureInfo.InvariantCulture), totals[i].ToString("N0", CultureInfo.InvariantCulture));
            }

            c.Write(table);
            return CliApp.Ok;
        });
        return cmd;
    }
}
