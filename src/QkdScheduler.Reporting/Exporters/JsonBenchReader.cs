using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using QkdScheduler.Core;
using QkdScheduler.Core.Benchmarking;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Reporting.Exporters;

/// <summary>Reads a bench's <c>results.json</c> (as <see cref="JsonBenchExporter"/> writes it) back into a summary.</summary>
public static class JsonBenchReader
{
    public static BenchSummary Read(string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InputException(path, (int?)e.LineNumber + 1, $"is not valid JSON ({e.Message}); give the results.json a bench wrote");
        }

        if (root?["cases"] is not JsonArray cases)
            throw new InputException(path, null, "has no \"cases\" array; give the results.json a bench wrote");
        var rows = new List<BenchRow>();
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i] as JsonObject ?? throw new InputException(path, null, $"case {i + 1} is not an object");
            string Text(string name) => (string?)c[name] ?? throw new InputException(path, null, $"case {i + 1} has no \"{name}\"");
            double Number(string name) => Optional(name) ?? throw new InputException(path, null, $"case {i + 1} has no number \"{name}\"");
            double? Optional(string name)
            {
                try
                {
                    return c[name] is JsonValue v ? v.GetValue<double>() : null;
                }
                catch (Exception e) when (e is FormatException or InvalidOperationException)
                {
                    throw new InputException(path, null, $"case {i + 1}: \"{name}\" is not a number");
                }
            }

            if (!StrategyNames.TryParse(Text("strategy"), out var strategy))
                throw new InputException(path, null, $"case {i + 1}: unknown strategy '{Text("strategy")}' (gd, pd or td)");
            var status = Enum.GetValues<SolveStatus>().FirstOrDefault(s => s.ToName() == Text("status"), (SolveStatus)(-1));
            if ((int)status < 0) throw new InputException(path, null, $"case {i + 1}: unknown status '{Text("status")}'");
            rows.Add(new BenchRow(Text("instance"), Text("solver"), strategy, (int?)Optional("seed"), status,
                Number("objective"), Number("best_known"), Optional("ratio"), Optional("bound"), Optional("gap"),
                Number("total_bits"), Number("weighted_bits"), Optional("kl_divergence"), Number("traffic_index"),
                Optional("share_violation") ?? double.NaN, (int)Number("switches"), Number("wall_seconds"), (string?)c["message"],
                (int?)Optional("iterations"), (string?)c["stopped_by"], Optional("best_bound"), ScheduleFiles.ReadHistory(c["history"], path)));
        }

        var created = DateTime.TryParse((string?)root["created_utc"], CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : DateTime.MinValue;
        return new BenchSummary(rows, created, (string?)root["environment"] ?? "");
    }
}
