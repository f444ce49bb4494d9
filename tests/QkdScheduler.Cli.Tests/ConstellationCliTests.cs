using System.Text.Json.Nodes;
using QkdScheduler.Core.IO;
using QkdScheduler.Testing;

namespace QkdScheduler.Cli.Tests;

/// <summary>A constellation instance through the commands a planner runs: info, solve, validate, plan, bench, report.</summary>
public sealed class ConstellationCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Run(args);

    /// <summary>
    /// Two satellites, S = 0, stations X and Y with one receiver each, S_st = 1. s0 sees A (at X) in 0..3 with 10 bits;
    /// s1 sees A in 2..5 with 8 and B (at Y) in 0..1 with 3. By hand: s1 takes B in 0..1 whatever happens (6, no
    /// contention at Y). At X one receiver serves s0 in 0..a, then after one idle interval s1 in b..5 (b ≥ a + 2):
    /// 10(a + 1) + 8(6 − b) is 48 for a = 3, b = 5; 46, 44, 42 for a = 2, 1, 0; s0 or s1 alone 40 or 32. Optimum 48 + 6 = 54.
    /// </summary>
    private string Instance()
    {
        var k = new[]
        {
            Enumerable.Range(0, 6).Select(m => new[] { m <= 3 ? 10.0 : 0, 0 }).ToArray(),
            Enumerable.Range(0, 6).Select(m => new[] { m >= 2 ? 8.0 : 0, m <= 1 ? 3.0 : 0 }).ToArray(),
        };
        var dir = Path.Combine(_dir, "fleet");
        InstanceFiles.Write(TestProblems.Constellation(k, [["X"], ["Y"]], 0, 1), dir);
        return dir;
    }

    [Fact]
    public void Info_shows_satellites_receivers_and_contention()
    {
        var r = Run("info", Instance(), "--format", "json");
        Assert.Equal(0, r.Code);
        var fleet = JsonNode.Parse(r.Out)!["constellation"]!;
        Assert.Equal(["s0", "s1"], fleet["satellites"]!.AsArray().Select(x => (string)x!));
        Assert.Equal(2, (int)fleet["contended_intervals"]!); // X in 2..3
        Assert.Equal(1, (int)fleet["station_switch_intervals"]!);
        Assert.Contains("contention 2 of 6 intervals", Run("info", Instance()).Out);
        // A one-satellite instance has no constellation block.
        var one = Path.Combine(_dir, "one");
        InstanceFiles.Write(TestProblems.AThenB(), one);
        Assert.Null(JsonNode.Parse(Run("info", one, "--format", "json").Out)!["constellation"]);
    }

    [Theory]
    [InlineData("mip")]
    [InlineData("cpsat")]
    public void Exact_solvers_find_the_hand_optimum_and_write_satellite_columns(string solver)
    {
        var inst = Instance();
        var outDir = Path.Combine(_dir, "out-" + solver);
        var r = Run("solve", inst, "--solver", solver, "--strategy", "gd", "--out", outDir, "--format", "json");
        Assert.Equal(0, r.Code);
        var json = JsonNode.Parse(r.Out)!;
        Assert.Equal("optimal", (string?)json["status"]);
        Assert.Equal(54, (double)json["objective"]!);
        Assert.StartsWith("satellite,node,first_interval", File.ReadAllLines(Path.Combine(outDir, "schedule.csv"))[0]);
        Assert.StartsWith("satellite,node,stations", File.ReadAllLines(Path.Combine(outDir, "contacts.csv"))[0]);
        Assert.Contains("SUMMARY:QKD X ← s", File.ReadAllText(Path.Combine(outDir, "contacts-X.ics")));
        var valid = Run("validate", inst, Path.Combine(outDir, "schedule.csv"));
        Assert.Equal(0, valid.Code);
        Assert.Contains("E = 54", valid.Out);
        Assert.Equal(0, Run("plan", inst, Path.Combine(outDir, "schedule.csv"), "--out", Path.Combine(_dir, "plan-" + solver)).Code);
        Assert.Equal(0, Run("report", inst, outDir, "--out", Path.Combine(_dir, solver + ".html")).Code);
    }

    [Fact]
    public void A_schedule_breaking_the_slew_is_invalid_and_says_where()
    {
        var inst = Instance();
        var path = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(path, "satellite,node,first_interval,last_interval\ns0,A,0,1\ns1,A,2,5\n");
        var r = Run("validate", inst, path);
        Assert.NotEqual(0, r.Code);
        Assert.Contains("station 'X' has 1 receiver but at interval 2 2 satellites hold one", r.Err);
    }

    [Fact]
    public void A_solver_without_constellations_exits_2_in_one_line_and_bench_leaves_it_out()
    {
        var inst = Instance();
        CliRun.AssertOneLineUserError(Run("solve", inst, "--solver", "ga"), "does not solve constellation instances");
        CliRun.AssertOneLineUserError(Run("solve", inst, "--solver", "lagrange", "--strategy", "td"), "does not solve td on constellation instances");
        var bench = Run("bench", inst, "--solvers", "dp,greedy,ga", "--strategies", "gd", "--out", Path.Combine(_dir, "bench"));
        Assert.Equal(0, bench.Code);
        var rows = File.ReadAllLines(Path.Combine(_dir, "bench", "results.csv"));
        Assert.Equal(3, rows.Length); // header, dp, greedy
        Assert.DoesNotContain(rows, l => l.Contains(",ga,"));
    }
}
