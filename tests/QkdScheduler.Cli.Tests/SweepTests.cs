using Microsoft.Extensions.DependencyInjection;
using QkdScheduler.Cli.Commands;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Solving;
using QkdScheduler.Testing;

namespace QkdScheduler.Cli.Tests;

/// <summary>Sweeps, shards and merge (the scale-out issue): same bytes whatever N, and merge's checks.</summary>
public sealed class SweepTests : IDisposable
{

    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-sweep-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string MiciusScenario => Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38", "scenario.yaml");

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Run(args);

    private static void AssertOneLineUserError((int Code, string Out, string Err) r, string expected) => CliRun.AssertOneLineUserError(r, expected);

    /// <summary>The Micius scenario cut to one day, divergence × mask (5 points), with dp solves for gd and td.</summary>
    private string SmallSweep(string name = "small", string divergences = "[5, 10]")
    {
        var path = Path.Combine(_dir, name + ".yaml");
        File.WriteAllText(path, $"""
            format: qkdsched-sweep/1
            name: {name}
            scenario: {MiciusScenario}
            set: ["period.end=2016-09-20T00:00:00Z"]
            grid:
              link.divergence_urad: {divergences}
              visibility.min_elevation_deg: [10, 15, 20]
            solve: {"{"}solvers: [dp], strategies: [gd, td]{"}"}
            """);
        return path;
    }

    private static string Hash(string path) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void Sharded_and_merged_equals_the_unsharded_run_byte_for_byte_for_any_n()
    {
        var sweep = SmallSweep();
        var whole = Path.Combine(_dir, "whole");
        Assert.Equal(0, Run("sweep", sweep, "--out", whole, "--format", "csv").Code);
        var csv = File.ReadAllLines(Path.Combine(whole, "results.csv"));
        Assert.Equal(7, csv.Length); // header + 2 × 3 points
        Assert.StartsWith("point,link.divergence_urad,visibility.min_elevation_deg,intervals,nonzeros,visible_s,", csv[0]);
        Assert.EndsWith(",dp_gd_status,dp_gd_objective,dp_td_status,dp_td_objective", csv[0]);

        foreach (var n in new[] { 2, 4 })
        {
            var parts = Path.Combine(_dir, $"parts{n}");
            for (var i = n - 1; i >= 0; i--) // out of order on purpose
                Assert.Equal(0, Run("sweep", sweep, "--shard", $"{i}/{n}", "--out", parts).Code);
            var merged = Path.Combine(_dir, $"merged{n}");
            var r = Run("merge", parts, "--out", merged);
            Assert.Equal(0, r.Code);
            Assert.Contains($"merged {n} parts (6 points)", r.Out);
            Assert.Equal(Hash(Path.Combine(whole, "results.csv")), Hash(Path.Combine(merged, "results.csv")));
            Assert.Equal(Hash(Path.Combine(whole, "results.json")), Hash(Path.Combine(merged, "results.json")));
        }
    }

    /// <summary>A sweep row is what precompute gives for the same overrides: non-zeros and total key of the 10 µrad, 20° point.</summary>
    [Fact]
    public void A_row_equals_an_independent_precompute_of_its_point()
    {
        var whole = Path.Combine(_dir, "whole");
        Assert.Equal(0, Run("sweep", SmallSweep(), "--out", whole).Code);
        var (columns, rows) = CsvLines.ReadTable(Path.Combine(whole, "results.csv"), ["link.divergence_urad", "visibility.min_elevation_deg", "nonzeros", "total_key_bits"]);
        var row = rows.Single(r => r.Fields[columns["link.divergence_urad"]] == "10" && r.Fields[columns["visibility.min_elevation_deg"]] == "20");
        var inst = Path.Combine(_dir, "inst");
        Assert.Equal(0, Run("precompute", MiciusScenario, "--out", inst, "--set", "period.end=2016-09-20T00:00:00Z", "--set", "link.divergence_urad=10",
            "--set", "visibility.min_elevation_deg=20").Code);
        var p = InstanceFiles.Read(inst);
        Assert.Equal(p.Keys.NonZeroCount.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Fields[columns["nonzeros"]]);
        Assert.Equal(p.Keys.TotalPerNode().Sum(), double.Parse(row.Fields[columns["total_key_bits"]], System.Globalization.CultureInfo.InvariantCulture), 1e-9);
        // The 20° mask sees less than the 10° one at the same divergence.
        var low = rows.Single(r => r.Fields[columns["link.divergence_urad"]] == "10" && r.Fields[columns["visibility.min_elevation_deg"]] == "10");
        Assert.True(int.Parse(low.Fields[columns["nonzeros"]], System.Globalization.CultureInfo.InvariantCulture) > p.Keys.NonZeroCount);
    }

    [Fact]
    public void Merge_rejects_a_missing_a_doubled_and_a_foreign_shard_in_one_line()
    {
        var sweep = SmallSweep();
        var parts = Path.Combine(_dir, "parts");
        for (var i = 0; i < 3; i++) Assert.Equal(0, Run("sweep", sweep, "--shard", $"{i}/3", "--out", parts).Code);
        string Part(int i) => Path.Combine(parts, $"part-{i}-of-3.json");
        var outDir = Path.Combine(_dir, "merged");

        AssertOneLineUserError(Run("merge", Part(0), Part(2), "--out", outDir), "shard 1/3 of small is missing");
        var copy = Path.Combine(_dir, "copy-of-1.json");
        File.Copy(Part(1), copy);
        AssertOneLineUserError(Run("merge", Part(0), Part(1), Part(2), copy, "--out", outDir), "is shard 1/3 again");

        var other = SmallSweep("other", "[3, 10]");
        var otherParts = Path.Combine(_dir, "other-parts");
        Assert.Equal(0, Run("sweep", other, "--shard", "1/3", "--out", otherParts).Code);
        AssertOneLineUserError(Run("merge", Part(0), Path.Combine(otherParts, "part-1-of-3.json"), Part(2), "--out", outDir), "comes from another sweep");

        // A part edited by hand is caught by its content hash; one that is consistent but nonsense (0 shards, resealed)
        // or cut to fewer fields names itself, never crashes.
        var broken = Path.Combine(_dir, "broken.json");
        var edited = File.ReadAllText(Part(1)).Replace("\"shards\": 3", "\"shards\": 0");
        File.WriteAllText(broken, edited);
        AssertOneLineUserError(Run("merge", Part(0), broken, Part(2), "--out", outDir), "broken.json: was changed after its shard wrote it");
        File.WriteAllText(broken, PartSeal.Seal(System.Text.Json.Nodes.JsonNode.Parse(edited)!.AsObject()).ToJsonString());
        AssertOneLineUserError(Run("merge", Part(0), broken, Part(2), "--out", outDir), "broken.json: says it is shard 1/0");
        File.WriteAllText(broken, PartSeal.Seal(System.Text.Json.Nodes.JsonNode.Parse("{\"format\": \"qkdsched-sweep-part/1\", \"rows\": [{\"point\": 1, \"cells\": [[\"x\"]]}]}")!.AsObject()).ToJsonString());
        AssertOneLineUserError(Run("merge", Part(0), broken, Part(2), "--out", outDir), "broken.json: is not a readable sweep part");
        Assert.False(Directory.Exists(outDir));
    }

    /// <summary>
    /// bench --shard 0/2 and 1/2, merged: the same cases in the same order with the same best-known objectives, ratios
    /// and gaps as one unsharded bench (wall times aside); a part of another bench is refused.
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void Bench_shards_merge_into_the_unsharded_bench()
    {
        // A small instance: lagrange without a time limit must end the same way in every run (its engines finish well within their limits).
        var instance = Path.Combine(RepositoryPaths.Root(), "instances", "transatlantic-meo-3pairs");
        string[] Args(params string[] more) => ["bench", instance, "--solvers", "dp,greedy,lagrange", "--strategies", "gd,td", .. more];
        var whole = Path.Combine(_dir, "whole");
        Assert.Equal(0, Run(Args("--out", whole)).Code);
        var parts = Path.Combine(_dir, "parts");
        Assert.Equal(0, Run(Args("--shard", "1/2", "--out", parts)).Code);
        Assert.Equal(0, Run(Args("--shard", "0/2", "--out", parts)).Code);
        var merged = Path.Combine(_dir, "merged");
        Assert.Equal(0, Run("merge", parts, "--out", merged).Code);
        static IEnumerable<string> WithoutTimes(string file)
        {
            var (columns, rows) = CsvLines.ReadTable(file, ["wall_seconds"]);
            return rows.Select(r => string.Join(',', r.Fields.Where((_, i) => i != columns["wall_seconds"])));
        }

        Assert.Equal(WithoutTimes(Path.Combine(whole, "results.csv")), WithoutTimes(Path.Combine(merged, "results.csv")));
        Assert.Equal(6, WithoutTimes(Path.Combine(merged, "results.csv")).Count());

        var other = Path.Combine(_dir, "other");
        Assert.Equal(0, Run("bench", instance, "--solvers", "dp", "--strategies", "gd,td", "--shard", "1/2", "--out", other).Code);
        AssertOneLineUserError(Run("merge", Path.Combine(parts, "part-0-of-2.json"), Path.Combine(other, "part-1-of-2.json"), "--out", merged), "comes from another bench");
    }

    /// <summary>--db: one runs row per command with its metadata, and every row of the run, queryable with SQL.</summary>
    [Fact]
    public void Db_gets_one_run_per_command_with_its_rows()
    {
        var db = Path.Combine(_dir, "results.sqlite");
        var sweep = SmallSweep();
        Assert.Equal(0, Run("sweep", sweep, "--db", db).Code);
        Assert.Equal(0, Run("sweep", sweep, "--shard", "1/2", "--out", Path.Combine(_dir, "parts"), "--db", db).Code);
        var micius = Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38");
        Assert.Equal(0, Run("bench", micius, "--solvers", "dp,greedy", "--strategies", "gd", "--db", db).Code);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        object? Scalar(string sql)
        {
            using var c = connection.CreateCommand();
            c.CommandText = sql;
            return c.ExecuteScalar();
        }

        Assert.Equal(3L, Scalar("SELECT count(*) FROM runs"));
        Assert.Equal("sweep|small||sweep|small|1/2|bench|micius-china11-2016w38|",
            Scalar("SELECT group_concat(kind || '|' || name || '|' || coalesce(shard, ''), '|') FROM (SELECT * FROM runs ORDER BY id)"));
        Assert.Equal(6L + 3L, Scalar("SELECT count(*) FROM sweep_rows")); // 6 points, then shard 1 of 2: points 1, 3, 5
        Assert.Equal(2L, Scalar("SELECT count(*) FROM bench_cases"));
        Assert.Equal("10", Scalar("SELECT json_extract(cells, '$.\"link.divergence_urad\"') FROM sweep_rows WHERE point = 3 LIMIT 1"));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM runs WHERE build = '' OR machine = '' OR started_utc NOT LIKE '20__-__-__T__:__:__Z'"));
    }

    [Fact]
    public void Bad_sweep_files_and_shards_are_one_line_errors()
    {
        var bad = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(bad, $"format: qkdsched-sweep/1\nname: bad\nscenario: {MiciusScenario}\ngrid:\n  link.divergence_urad: [5]\npoints:\n  - {{link.divergence_urad: 5}}\n");
        AssertOneLineUserError(Run("sweep", bad), "either grid (every combination) or points (a list), not both");
        AssertOneLineUserError(Run("sweep", SmallSweep(), "--shard", "3/3", "--out", _dir), "--shard 3/3: give i/N with 0 ≤ i < N");
        // A bad value in the last point fails before the first point runs, naming the override.
        File.WriteAllText(bad, $"format: qkdsched-sweep/1\nname: bad\nscenario: {MiciusScenario}\ngrid:\n  link.divergence_urad: [5, 0]\n");
        var r = Run("sweep", bad, "--out", Path.Combine(_dir, "never"));
        AssertOneLineUserError(r, "(from --set link.divergence_urad=0)");
        Assert.False(Directory.Exists(Path.Combine(_dir, "never")));
        File.WriteAllText(bad, $"format: qkdsched-sweep/1\nname: bad\nscenario: {MiciusScenario}\ngrid:\n  link.divergence_urad: [5]\nsolve: {{solvers: [nosuch], strategies: [gd]}}\n");
        AssertOneLineUserError(Run("sweep", bad, "--out", Path.Combine(_dir, "never")), "unknown solver 'nosuch'");
        Assert.False(Directory.Exists(Path.Combine(_dir, "never")));
        AssertOneLineUserError(Run("sweep", SmallSweep(), "--shard", "0/2"), "--shard needs --out DIR");
    }
}
