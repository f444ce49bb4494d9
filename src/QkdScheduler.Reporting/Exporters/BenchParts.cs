using System.Text.Json.Nodes;
using QkdScheduler.Core;
using QkdScheduler.Core.Benchmarking;
using QkdScheduler.Core.IO;
using QkdScheduler.Reporting.Html;

namespace QkdScheduler.Reporting.Exporters;

/// <summary>
/// One shard of a bench (<c>bench --shard i/N</c>): <c>part-i-of-N.json</c>, the shard header and its cases as
/// results.json has them. <see cref="Merge"/> checks the parts (<see cref="Shards.CheckComplete"/>) and recomputes
/// best-known objectives, ratios and best bounds over all cases, so the merged files are an unsharded bench's.
/// </summary>
public static class BenchParts
{
    public const string Format = "qkdsched-bench-part/1";

    public static string Write(string directory, ShardHeader header, BenchSummary summary)
    {
        var root = JsonNode.Parse(new JsonBenchExporter().Render(summary))!.AsObject();
        var part = new JsonObject
        {
            ["format"] = Format,
            ["bench"] = header.Name,
            ["definition_sha256"] = header.Definition,
            ["shard"] = header.Shard,
            ["shards"] = header.Shards,
            ["total"] = header.Total,
            ["cases_run"] = new JsonArray(header.Cases.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
        };
        foreach (var (k, v) in root.ToList())
        {
            root.Remove(k);
            part[k] = v;
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Shards.PartFileName(header.Shard, header.Shards));
        AtomicFile.WriteAllText(path, PartSeal.Seal(part).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
        return path;
    }

    public static bool IsPart(string path) =>
        JsonInput.Guard(path, () => JsonInput.OptionalText(JsonInput.Object(path, "a part file"), "format", path)) == Format;

    public static (ShardHeader Header, BenchSummary Summary) Read(string path)
    {
        var root = JsonInput.Object(path, "a part-I-of-N.json that bench --shard wrote");
        PartSeal.Verify(root, path);
        var header = JsonInput.Guard(path, () => new ShardHeader(path, "bench", JsonInput.Text(root, "bench", path), JsonInput.Text(root, "definition_sha256", path),
            (int)root["shard"]!, (int)root["shards"]!, (int)root["total"]!, root["cases_run"]!.AsArray().Select(c => (int)c!).ToList()));
        return (header, JsonBenchReader.FromJson(root, path));
    }

    public static BenchSummary Merge(IReadOnlyList<(ShardHeader Header, BenchSummary Summary)> parts, BestKnownReference? against = null)
    {
        Shards.CheckComplete(parts.Select(p => p.Header).ToList());
        foreach (var (h, s) in parts)
            if (s.Rows.Count != h.Cases.Count)
                throw new InputException(h.File, null, $"has {s.Rows.Count} cases for the {h.Cases.Count} of its shard {h.Shard}/{h.Shards} (interrupted or edited?); rerun that shard");
        // Cases back in the order of the full enumeration (case k of shard k mod N is its (k div N)-th).
        var byCase = parts.SelectMany(p => p.Header.Cases.Zip(p.Summary.Rows)).OrderBy(x => x.First).Select(x => x.Second).ToList();
        return BenchSummary.FromRows(byCase, parts.Max(p => p.Summary.CreatedUtc), parts[0].Summary.Environment, against);
    }
}
