using System.Text.Json.Nodes;
using QkdScheduler.Core.IO;
using QkdScheduler.Testing;

namespace QkdScheduler.Cli.Tests;

/// <summary>The minimum contact length through the commands: the instance's rule, --min-contact-seconds, result.json, validate, info.</summary>
public sealed class MinContactCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// 10-s intervals, S = 0: A gets 5 in 0, 1, 3, 4, 5; B gets 9 in 2. By hand: no rule 34 (everything); 30 s (L = 3):
    /// only A in 3..5, 15 (A in 0..1 is two intervals, B one).
    /// </summary>
    private string Instance(int minContact = 1)
    {
        var dir = Path.Combine(_dir, $"inst-{minContact}");
        InstanceFiles.Write(TestProblems.FromDense([[5, 0], [5, 0], [0, 9], [5, 0], [5, 0], [5, 0]], 0).WithMinContactIntervals(minContact), dir);
        return dir;
    }

    [Fact]
    public void Solve_rounds_the_seconds_up_records_the_rule_and_validate_checks_it()
    {
        var inst = Instance();
        var free = JsonNode.Parse(CliRun.Run("solve", inst, "--format", "json").Out)!;
        Assert.Equal(34, (double)free["objective"]!);
        var outDir = Path.Combine(_dir, "out");
        var r = CliRun.Run("solve", inst, "--min-contact-seconds", "25", "--out", outDir, "--format", "json");
        Assert.Equal(0, r.Code);
        Assert.Equal(15, (double)JsonNode.Parse(r.Out)!["objective"]!);
        var result = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, ScheduleFiles.ResultFileName)))!;
        Assert.Equal(3, (int)result["min_contact_intervals"]!);
        Assert.Equal(30, (double)result["min_contact_seconds"]!);
        Assert.Equal("test@min-contact-3", (string)result["instance"]!);

        // The free plan breaks the rule: validate says which contact, in one line, exit 1.
        var freeDir = Path.Combine(_dir, "free");
        Assert.Equal(0, CliRun.Run("solve", inst, "--out", freeDir).Code);
        var schedule = Path.Combine(freeDir, ScheduleFiles.ScheduleFileName);
        Assert.Equal(0, CliRun.Run("validate", inst, schedule).Code);
        var invalid = CliRun.Run("validate", inst, schedule, "--min-contact-seconds", "30");
        Assert.Equal(1, invalid.Code);
        Assert.Contains("minimum contact length is 3 intervals (30 s)", invalid.Err);
        Assert.Equal(0, CliRun.Run("validate", inst, Path.Combine(outDir, ScheduleFiles.ScheduleFileName), "--min-contact-seconds", "30").Code);
    }

    [Fact]
    public void The_instance_rule_is_used_shown_and_overridden()
    {
        var inst = Instance(3);
        Assert.Contains("at least L = 3 intervals (30 s)", CliRun.Run("info", inst).Out);
        Assert.Equal(3, (int)JsonNode.Parse(CliRun.Run("info", inst, "--format", "json").Out)!["min_contact_intervals"]!);
        foreach (var solver in new[] { "dp", "mip", "cpsat", "lagrange", "greedy", "ga" })
        {
            string[] args = ["solve", inst, "--solver", solver, "--format", "json", .. solver == "ga" ? new[] { "--solver-option", "generations=50" } : []];
            var r = CliRun.Run(args);
            Assert.True(r.Code == 0, solver + ": " + r.Err);
            Assert.True((double)JsonNode.Parse(r.Out)!["objective"]! <= 15, solver);
        }

        // --min-contact-seconds 0 lifts the rule.
        Assert.Equal(34, (double)JsonNode.Parse(CliRun.Run("solve", inst, "--min-contact-seconds", "0", "--format", "json").Out)!["objective"]!);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1e9")]
    public void A_bad_length_is_a_one_line_error(string seconds) =>
        CliRun.AssertOneLineUserError(CliRun.Run("solve", Instance(), "--min-contact-seconds", seconds), "--min-contact-seconds must be from 0");

    /// <summary>A day-long minimum on a one-minute instance: no contact can be that long, so the plan is empty, at once.</summary>
    [Fact]
    public void A_minimum_longer_than_any_run_gives_the_empty_plan()
    {
        var r = CliRun.Run("solve", Instance(), "--min-contact-seconds", "86400", "--format", "json");
        Assert.Equal(0, r.Code);
        Assert.Equal(0, (double)JsonNode.Parse(r.Out)!["objective"]!);
        Assert.Equal("optimal", (string?)JsonNode.Parse(r.Out)!["status"]);
    }

    [Fact]
    public void An_external_solver_that_does_not_declare_the_rule_is_refused() =>
        CliRun.AssertOneLineUserError(CliRun.Run("solve", Instance(3), "--solver", "python-greedy"), "does not honour a minimum contact length");
}
