using System.Text.Json;
using System.Text.Json.Nodes;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Core.IO;

/// <summary>
/// <c>schedule.csv</c> (one row per contiguous contact) and <c>result.json</c> (metrics, solver,
/// options and environment) as docs/architecture.md defines them.
/// </summary>
public static class ScheduleFiles
{
    public const string ScheduleFileName = "schedule.csv";
    public const string ResultFileName = "result.json";
    public static readonly string[] ScheduleHeader = ["node", "first_interval", "last_interval", "start_utc", "end_utc", "bits"];

    /// <summary>A constellation's schedule.csv: the satellite first, then the one-satellite columns.</summary>
    public static readonly string[] ConstellationScheduleHeader = ["satellite", .. ScheduleHeader];

    /// <summary>
    /// Reads the contacts of a schedule.csv, in either form (a header that starts with <c>satellite</c> is a
    /// constellation's). Only satellite, node and interval columns are used (the times and bits are derived
    /// data); whether the contacts are feasible is the validator's call. With <paramref name="problem"/>, a file
    /// whose form is not the instance's is refused on its header line.
    /// </summary>
    public static Schedule ReadSchedule(string path, Problem? problem = null)
    {
        var constellation = CsvLines.HeaderLine(path, string.Join(',', ScheduleHeader)).StartsWith("satellite,", StringComparison.Ordinal);
        if (problem != null && problem.IsConstellation != constellation)
            throw new InputException(path, 1, constellation
                ? "this schedule names satellites (header 'satellite,...') but the instance has one satellite and no satellite list"
                : $"this schedule has no satellite column but the instance is a constellation of {problem.SatelliteCount} satellites; the header is '{string.Join(',', ConstellationScheduleHeader)}'");
        var header = constellation ? ConstellationScheduleHeader : ScheduleHeader;
        var at = constellation ? 1 : 0;
        var contacts = new List<Contact>();
        foreach (var row in CsvLines.Read(path, header, minimumFields: 3 + at))
        {
            string? satellite = null;
            if (constellation)
            {
                satellite = row.Fields[0].Trim();
                if (satellite.Length == 0) throw new InputException(path, row.Line, "satellite is empty; every contact of a constellation schedule names its satellite");
            }

            var node = row.Fields[at].Trim();
            if (node.Length == 0) throw new InputException(path, row.Line, "node is empty");
            var first = CsvLines.ParseInt(path, row, at + 1, "first_interval");
            var last = CsvLines.ParseInt(path, row, at + 2, "last_interval");
            contacts.Add(new Contact(node, first, last, satellite));
        }

        return new Schedule(contacts);
    }

    public static void WriteSchedule(Problem problem, Schedule schedule, string path) =>
        AtomicFile.Write(path, w =>
        {
            var constellation = problem.Constellation;
            w.WriteLine(string.Join(',', constellation != null ? ConstellationScheduleHeader : ScheduleHeader));
            foreach (var c in schedule.Contacts.OrderBy(c => c.FirstInterval).ThenBy(c => c.Satellite, StringComparer.Ordinal))
            {
                // A rejected schedule may name unknown nodes or satellites; they are written with 0 bits, not another's.
                var bits = 0.0;
                var satellite = 0;
                if (problem.TryGetNodeIndex(c.NodeId, out var node) && (constellation == null || (c.Satellite != null && constellation.TryGetSatelliteIndex(c.Satellite, out satellite))))
                    for (var m = c.FirstInterval; m <= c.LastInterval; m++) bits += problem.KeysOf(satellite)[m, node];
                if (constellation != null) w.Write((c.Satellite ?? "") + ",");
                w.WriteLine(string.Join(',',
                    c.NodeId,
                    TextFormat.Number(c.FirstInterval),
                    TextFormat.Number(c.LastInterval),
                    TextFormat.Utc(problem.IntervalStartUtc(c.FirstInterval)),
                    TextFormat.Utc(problem.IntervalStartUtc(c.LastInterval + 1)),
                    TextFormat.Number(bits)));
            }
        });

    /// <summary>
    /// The one-object summary printed by <c>solve --format json</c>, with exactly the fields
    /// solver, strategy, status, objective, total_bits, weighted_bits, kl_divergence,
    /// traffic_index, per_node, switches, bound, gap, wall_seconds, seed.
    /// </summary>
    public static JsonObject Summary(Problem problem, SolveReport report)
    {
        var perNode = new JsonObject();
        for (var i = 0; i < problem.Nodes.Count; i++) perNode[problem.Nodes[i].Id] = report.Metrics.PerNodeBits[i];
        return new JsonObject
        {
            ["solver"] = report.Solver,
            ["strategy"] = report.Strategy.ToName(),
            ["status"] = report.Status.ToName(),
            ["objective"] = report.Objective,
            ["total_bits"] = report.Metrics.TotalBits,
            ["weighted_bits"] = report.Metrics.WeightedBits,
            ["kl_divergence"] = Finite(report.Metrics.KlDivergence),
            ["traffic_index"] = report.Metrics.TrafficIndex,
            ["per_node"] = perNode,
            ["switches"] = report.Metrics.Switches,
            ["bound"] = Finite(report.Bound),
            ["gap"] = Finite(report.Gap),
            ["wall_seconds"] = report.WallSeconds,
            ["seed"] = report.Options.Seed,
        };
    }

    /// <summary>The full result.json: the summary plus instance, options, message, history and environment.</summary>
    public static JsonObject Result(Problem problem, SolveReport report)
    {
        var json = Summary(problem, report);
        json["instance"] = problem.Name;
        json["message"] = report.Message;
        json["stopped_by"] = report.Result.StoppedBy;
        json["share_tolerance"] = report.Options.ShareTolerance;
        json["share_violation"] = Finite(report.Metrics.ShareViolation);
        json["min_contact_intervals"] = problem.MinContactIntervals;
        json["min_contact_seconds"] = problem.MinContactIntervals * problem.IntervalSeconds;
        json["key_unit"] = problem.KeyUnit;
        var options = new JsonObject
        {
            ["time_limit_seconds"] = report.Options.TimeLimit?.TotalSeconds,
            ["threads"] = report.Options.Threads,
            ["warm_start"] = report.Options.WarmStart != null,
        };
        foreach (var (k, v) in (report.Options.Parameters ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            options[k] = v;
        json["options"] = options;
        if (report.Result.History is { } history) json["history"] = HistoryJson(history);
        json["environment"] = new JsonObject
        {
            ["qkdsched_version"] = typeof(ScheduleFiles).Assembly.GetName().Version?.ToString(3),
            ["dotnet"] = Environment.Version.ToString(),
            ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            ["processors"] = Environment.ProcessorCount,
        };
        return json;
    }

    /// <summary>A convergence history as JSON: one object per point (iteration, best, mean, elapsed_seconds).</summary>
    public static JsonArray HistoryJson(IEnumerable<ProgressPoint> history) =>
        new(history.Select(h => (JsonNode)new JsonObject
        {
            ["iteration"] = h.Iteration,
            ["best"] = h.Best,
            ["mean"] = h.Mean,
            ["elapsed_seconds"] = h.ElapsedSeconds,
        }).ToArray());

    /// <summary>Reads <see cref="HistoryJson"/> back; null when the node is absent.</summary>
    public static IReadOnlyList<ProgressPoint>? ReadHistory(JsonNode? node, string path)
    {
        if (node == null) return null;
        try
        {
            return node.AsArray().Select(h => new ProgressPoint((int)h!["iteration"]!, (double)h["best"]!, (double)h["mean"]!, (double)h["elapsed_seconds"]!)).ToList();
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new InputException(path, null, "history is malformed: each point needs iteration, best, mean and elapsed_seconds numbers");
        }
    }

    public static string ToJson(JsonNode node, bool indented = true) =>
        node.ToJsonString(new JsonSerializerOptions { WriteIndented = indented });

    /// <summary>JSON has no infinity or NaN; such values are written as null.</summary>
    private static double? Finite(double? v) => v is { } x && double.IsFinite(x) ? x : null;
}
