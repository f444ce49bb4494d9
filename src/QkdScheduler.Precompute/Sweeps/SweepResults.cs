using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;

namespace QkdScheduler.Precompute.Sweeps;

/// <summary>A shard's output: which sweep (name, definition hash), which shard, the points it ran and their rows.</summary>
public sealed record SweepPart(ShardHeader Header, IReadOnlyList<SweepRow> Rows);

/// <summary>
/// The files of a sweep: <c>results.csv</c> and <c>results.json</c> for a whole sweep (unsharded, or merged), and
/// <c>part-I-of-N.json</c> for one shard. Merging checks that the parts come from the same definition, that every
/// shard is there once and holds exactly its points, and writes what the unsharded run writes, byte for byte.
/// </summary>
public static class SweepResults
{
    public const string CsvFileName = "results.csv";
    public const string JsonFileName = "results.json";
    public const string PartFormat = "qkdsched-sweep-part/1";

    /// <summary>Writes results.csv and results.json of the whole sweep into a folder, swapped in whole.</summary>
    public static void Write(string directory, Sweep sweep, IReadOnlyList<SweepRow> rows) =>
        Write(directory, sweep.Name, sweep.Sha256, rows);

    private static void Write(string directory, string name, string sha, IReadOnlyList<SweepRow> rows)
    {
        var ordered = rows.Select((r, i) => (Row: r, Order: i)).OrderBy(x => x.Row.Point).ThenBy(x => x.Order).Select(x => x.Row).ToList();
        var columns = ordered.Count > 0 ? ordered[0].Cells.Select(c => c.Column).ToList() : [];
        foreach (var r in ordered)
            if (!r.Cells.Select(c => c.Column).SequenceEqual(columns))
                throw new InputException(null, null,
                    $"sweep point {r.Point} has other columns than point {ordered[0].Point} (does the sweep change the stations or the pairs?); sweep one station set per file");
        var csv = new StringBuilder(string.Join(',', columns.Select(TextFormat.CsvField))).Append('\n');
        foreach (var r in ordered) csv.AppendJoin(',', r.Cells.Select(c => TextFormat.CsvField(c.Value))).Append('\n');
        var json = new JsonObject
        {
            ["sweep"] = name,
            ["definition_sha256"] = sha,
            ["columns"] = new JsonArray(columns.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
            ["rows"] = new JsonArray(ordered.Select(r => (JsonNode)new JsonArray(r.Cells.Select(c => (JsonNode)JsonValue.Create(c.Value)).ToArray())).ToArray()),
        };
        AtomicFolder.Write(directory, f => f is CsvFileName or JsonFileName, staging =>
        {
            AtomicFile.WriteAllText(Path.Combine(staging, CsvFileName), csv.ToString());
            AtomicFile.WriteAllText(Path.Combine(staging, JsonFileName), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        });
    }

    /// <summary>Writes one shard's part file (atomically: a rerun of the shard replaces it whole).</summary>
    public static string WritePart(string directory, Sweep sweep, int shard, int shards, IReadOnlyList<SweepRow> rows)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Shards.PartFileName(shard, shards));
        var json = new JsonObject
        {
            ["format"] = PartFormat,
            ["sweep"] = sweep.Name,
            ["definition_sha256"] = sweep.Sha256,
            ["shard"] = shard,
            ["shards"] = shards,
            ["total"] = sweep.Points.Count,
            ["cases"] = new JsonArray(sweep.Shard(shard, shards).Select(p => (JsonNode)JsonValue.Create(p.Index)).ToArray()),
            ["rows"] = new JsonArray(rows.Select(r => (JsonNode)new JsonObject
            {
                ["point"] = r.Point,
                ["cells"] = new JsonArray(r.Cells.Select(c => (JsonNode)new JsonArray(JsonValue.Create(c.Column), JsonValue.Create(c.Value))).ToArray()),
            }).ToArray()),
        };
        AtomicFile.WriteAllText(path, PartSeal.Seal(json).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return path;
    }

    public static SweepPart ReadPart(string path)
    {
        try
        {
            var root = JsonNode.Parse(InputFile.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
                       ?? throw new InputException(path, null, "is not a sweep part (a JSON object)");
            if ((string?)root["format"] != PartFormat) throw new InputException(path, null, $"is not a sweep part (format {PartFormat}); give the part-I-of-N.json files sweep --shard wrote");
            PartSeal.Verify(root, path);
            var rows = root["rows"]!.AsArray().Select(r => new SweepRow((int)r!["point"]!,
                r["cells"]!.AsArray().Select(c => ((string)c![0]!, (string)c[1]!)).ToList())).ToList();
            return new SweepPart(new ShardHeader(path, "sweep", (string)root["sweep"]!, (string)root["definition_sha256"]!, (int)root["shard"]!, (int)root["shards"]!,
                (int)root["total"]!, root["cases"]!.AsArray().Select(p => (int)p!).ToList()), rows);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException or ArgumentException or OverflowException)
        {
            throw new InputException(path, null, $"is not a readable sweep part ({e.Message}); rerun its shard");
        }
    }

    /// <summary>
    /// Checks the parts and writes the whole sweep's results: one definition, one shard count, every shard once,
    /// each with exactly the points <see cref="Sweep.Shard"/> gives it (i, i + N, …), and a row for each of them.
    /// </summary>
    public static int Merge(IReadOnlyList<SweepPart> parts, string directory)
    {
        Shards.CheckComplete(parts.Select(p => p.Header).ToList());
        foreach (var p in parts)
            if (!p.Rows.Select(r => r.Point).Distinct().Order().SequenceEqual(p.Header.Cases))
                throw new InputException(p.Header.File, null, $"has rows for other points than its shard {p.Header.Shard}/{p.Header.Shards} (edited?); rerun that shard");
        var first = parts[0].Header;
        var total = first.Total;
        // Every point gives the same number of rows (one, or one per pair): a part with a row lost or doubled is refused.
        var perPoint = parts.SelectMany(p => p.Rows.GroupBy(r => r.Point).Select(g => (p.Header.File, Point: g.Key, Count: g.Count()))).ToList();
        if (perPoint.Count > 0 && perPoint.FirstOrDefault(x => x.Count != perPoint[0].Count) is { File: not null } odd)
            throw new InputException(odd.File, null, $"has {odd.Count} rows for point {odd.Point}, other points have {perPoint[0].Count} (edited?); rerun that shard");
        var rows = parts.SelectMany(p => p.Rows).ToList();
        Write(directory, first.Name, first.Definition, rows);
        return total;
    }

}
