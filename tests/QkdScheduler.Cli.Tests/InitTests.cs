using System.Text.Json.Nodes;
using QkdScheduler.Core.IO;

namespace QkdScheduler.Cli.Tests;

/// <summary>A planner's first hour: the template of 'qkdsched init' precomputes, solves and reports as written.</summary>
public sealed class InitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-init-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_template_runs_as_written()
    {
        var week = Path.Combine(_dir, "week");
        var r = CliRun.Run("init", week);
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal(["README.md", "cloud-cover.csv", "satellite.tle", "scenario.yaml", "stations.csv"], Directory.GetFiles(week).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var instance = Path.Combine(week, "instance");
        var pre = CliRun.Run("precompute", Path.Combine(week, "scenario.yaml"), "--out", instance);
        Assert.True(pre.Code == 0, pre.Err);
        Assert.DoesNotContain("warning", pre.Err); // the elements are a day from the week
        var p = InstanceFiles.Read(instance);
        Assert.Equal(["Beijing", "Shanghai"], p.Nodes.Select(n => n.Id));
        Assert.Equal(6, p.MinContactIntervals);
        Assert.True(p.NonZeroCount > 0);
        var plan = Path.Combine(week, "plan");
        var solve = CliRun.Run("solve", instance, "--solver", "dp", "--strategy", "gd", "--out", plan, "--format", "json");
        Assert.True(solve.Code == 0, solve.Err);
        Assert.Equal("optimal", (string?)JsonNode.Parse(solve.Out)!["status"]);
        Assert.Equal(0, CliRun.Run("report", plan, "--out", Path.Combine(week, "report.html")).Code);
        Assert.Equal(0, CliRun.Run("pointing", plan, "--out", Path.Combine(week, "pointing.csv")).Code);
    }

    [Fact]
    public void Init_never_writes_into_a_folder_with_files()
    {
        File.WriteAllText(Path.Combine(_dir, "mine.txt"), "keep");
        CliRun.AssertOneLineUserError(CliRun.Run("init", _dir), "is not empty; give a new folder");
        Assert.Equal("keep", File.ReadAllText(Path.Combine(_dir, "mine.txt")));
    }
}
