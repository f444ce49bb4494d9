using System.Text.Json.Nodes;
using QkdScheduler.Core.IO;
using QkdScheduler.Testing;

namespace QkdScheduler.Cli.Tests;

/// <summary>
/// Files edited behind qkdsched's back: merge refuses a bench or sweep part whose content changed after its shard wrote
/// it, and report shows only figures it recomputes, marking every claim of result.json that the schedule contradicts.
/// </summary>
public sealed class TamperingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-tamper-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Run(args);

    private string Instance()
    {
        var dir = Path.Combine(_dir, "inst");
        if (!Directory.Exists(dir)) InstanceFiles.Write(TestProblems.AThenB(), dir);
        return dir;
    }

    [Fact]
    public void Merge_refuses_a_part_with_an_edited_objective()
    {
        var inst = Instance();
        var parts = Path.Combine(_dir, "parts");
        Assert.Equal(0, Run("bench", inst, "--solvers", "dp", "--strategies", "gd,pd", "--shard", "0/2", "--out", parts).Code);
        Assert.Equal(0, Run("bench", inst, "--solvers", "dp", "--strategies", "gd,pd", "--shard", "1/2", "--out", parts).Code);
        Assert.Equal(0, Run("merge", parts, "--out", Path.Combine(_dir, "ok")).Code);

        var part = Path.Combine(parts, "part-0-of-2.json");
        var json = JsonNode.Parse(File.ReadAllText(part))!.AsObject();
        var row = json["cases"]!.AsArray()[0]!.AsObject();
        row["objective"] = (double)row["objective"]! * 10;
        File.WriteAllText(part, json.ToJsonString());
        CliRun.AssertOneLineUserError(Run("merge", parts, "--out", Path.Combine(_dir, "forged")), "part-0-of-2.json: was changed after its shard wrote it");

        json.Remove(PartSeal.Key);
        File.WriteAllText(part, json.ToJsonString());
        CliRun.AssertOneLineUserError(Run("merge", parts, "--out", Path.Combine(_dir, "forged")), $"has no {PartSeal.Key}");
    }

    [Fact]
    public void Merge_refuses_an_edited_sweep_part()
    {
        var sweep = Path.Combine(_dir, "sweep.yaml");
        File.WriteAllText(sweep, $"""
            format: qkdsched-sweep/1
            name: tamper
            scenario: {Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38", "scenario.yaml")}
            set: ["period.end=2016-09-19T06:00:00Z"]
            grid:
              link.divergence_urad: [5, 10]
            """);
        var parts = Path.Combine(_dir, "sweep-parts");
        Assert.Equal(0, Run("sweep", sweep, "--shard", "0/1", "--out", parts).Code);
        var part = Path.Combine(parts, "part-0-of-1.json");
        File.WriteAllText(part, File.ReadAllText(part).Replace("\"5\"", "\"6\""));
        CliRun.AssertOneLineUserError(Run("merge", parts, "--out", Path.Combine(_dir, "sweep-merged")), "was changed after its shard wrote it");
    }

    /// <summary>Solves the instance into a folder, lets <paramref name="forge"/> edit result.json, and returns the report page.</summary>
    private string ReportOfForged(string strategy, Action<JsonObject> forge)
    {
        var solve = Path.Combine(_dir, "solve-" + strategy + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(0, Run("solve", Instance(), "--solver", "dp", "--strategy", strategy, "--out", solve).Code);
        var path = Path.Combine(solve, ScheduleFiles.ResultFileName);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        forge(json);
        File.WriteAllText(path, json.ToJsonString());
        var html = Path.Combine(_dir, "report.html");
        var r = Run("report", solve, "--out", html);
        Assert.True(r.Code == 0, r.Err);
        return File.ReadAllText(html);
    }

    [Fact]
    public void An_honest_solve_has_no_warnings() =>
        Assert.DoesNotContain("result.json does not match", ReportOfForged("gd", _ => { }));

    [Fact]
    public void A_bound_below_the_objective_is_marked_not_shown_as_zero_gap()
    {
        var page = ReportOfForged("gd", j =>
        {
            j["bound"] = 1;
            j["gap"] = 0;
        });
        Assert.Contains("result.json does not match the schedule: bound 1 is below the schedule", page);
        Assert.Contains("not shown as a bound", page);
        Assert.DoesNotContain("1 / 0%", page);
    }

    [Fact]
    public void An_unknown_status_is_marked() =>
        Assert.Contains("status &#39;wat&#39; is not one qkdsched writes", ReportOfForged("gd", j => j["status"] = "wat").Replace("'", "&#39;"));

    [Fact]
    public void A_td_schedule_relabelled_gd_and_optimal_is_caught_by_the_proven_optimum()
    {
        // AThenB: gd's optimum takes both nodes' keys wherever they are largest; td's schedule, held to equal shares, gets less.
        var page = ReportOfForged("td", j =>
        {
            j["strategy"] = "gd";
            j["status"] = "optimal";
            j["bound"] = j["objective"]!.DeepClone();
            j["gap"] = 0;
        });
        Assert.Contains("but the proven optimum is", page);
    }

    [Fact]
    public void A_stated_objective_the_schedule_does_not_reach_is_marked() =>
        Assert.Contains("is not what the schedule achieves", ReportOfForged("gd", j => j["objective"] = 80_000_000));
}
