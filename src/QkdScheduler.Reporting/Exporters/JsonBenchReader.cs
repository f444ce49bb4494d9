using System.Globalization;
using System.Text.Json.Nodes;
using QkdScheduler.Core;
using QkdScheduler.Core.Benchmarking;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Reporting.Html;

namespace QkdScheduler.Reporting.Exporters;

/// <summary>Reads a bench's <c>results.json</c> (as <see cref="JsonBenchExporter"/> writes it) back into a summary.</summary>
public static class JsonBenchReader
{
    public static BenchSummary Read(string path) => FromJson(JsonInput.Object(path, "the results.json a bench wrote"), path);

    /// <summary>The summary in a parsed results.json (or a bench part, which holds the same "cases"); <paramref name="path"/> names it in errors.</summary>
    public static BenchSummary FromJson(JsonObject root, string path)
    {
        if (root["cases"] is not JsonArray cases)
            throw new InputException(path, null, "has no \"cases\" array; give the results.json a bench wrote");
        var rows = new List<BenchRow>();
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i] as JsonObject ?? throw new InputException(path, null, $"case {i + 1} is not an object");
            var n = i + 1;
            string Text(string name) => JsonInput.OptionalText(c, name, path) ?? throw new InputException(path, null, $"case {n} has no \"{name}\"");
            double Number(string name) => JsonInput.Number(c, name, path) ?? throw new InputException(path, null, $"case {n} has no number \"{name}\"");
            double? Optional(string name) => JsonInput.Number(c, name, path);
            int? Whole(string name) => Optional(name) is { } v
                ? v == Math.Floor(v) && Math.Abs(v) <= int.MaxValue ? (int)v : throw new InputException(path, null, $"case {n}: \"{name}\" must be a whole number")
                : null;

            if (!StrategyNames.TryParse(Text("strategy"), out var strategy))
                throw new InputException(path, null, $"case {n}: unknown strategy '{Text("strategy")}' (gd, pd or td)");
            var status = Enum.GetValues<SolveStatus>().Where(s => s.ToName() == Text("status")).Cast<SolveStatus?>().FirstOrDefault()
                         ?? throw new InputException(path, null, $"case {n}: unknown status '{Text("status")}'");
            rows.Add(new BenchRow(Text("instance"), Text("solver"), strategy, Whole("seed"), status,
                Number("objective"), Number("best_known"), Optional("ratio"), Optional("bound"), Optional("gap"),
                Number("total_bits"), Number("weighted_bits"), Optional("kl_divergence"), Number("traffic_index"),
                Optional("share_violation") ?? double.NaN, Whole("switches") ?? 0, Number("wall_seconds"), JsonInput.OptionalText(c, "message", path),
                Whole("iterations"), JsonInput.OptionalText(c, "stopped_by", path), Optional("best_bound"),
                JsonInput.Guard(path, () => ScheduleFiles.ReadHistory(c["history"], path))));
        }

        var created = DateTime.TryParse(JsonInput.OptionalText(root, "created_utc", path), CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : DateTime.MinValue;
        return new BenchSummary(rows, created, JsonInput.OptionalText(root, "environment", path) ?? "");
    }
}
