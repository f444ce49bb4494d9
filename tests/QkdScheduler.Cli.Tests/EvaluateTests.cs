using System.Text.Json.Nodes;
using QkdScheduler.Core.IO;
using QkdScheduler.Testing;

namespace QkdScheduler.Cli.Tests;

/// <summary>qkdsched evaluate: a schedule scored over weather scenarios, in sample and on another ensemble.</summary>
public sealed class EvaluateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-evaluate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// AThenB served A in 0..3 and B in 5..9 delivers 1+2+3+4 + 5·5 = 35 on keys.csv. Its own ensemble: scenario 0 is K/2,
    /// scenario 1 is 3K/2 (mean K), so the schedule delivers 17.5 and 52.5: worst 17.5, mean 35. A held-out ensemble
    /// with B clouded out delivers 10 in its one scenario.
    /// </summary>
    [Fact]
    public void Evaluate_scores_in_sample_and_on_another_ensemble()
    {
        var problem = TestProblems.AThenB();
        var dir = Path.Combine(_dir, "inst");
        InstanceFiles.Write(problem, dir);
        var schedule = Path.Combine(_dir, "schedule.csv");
        File.WriteAllText(schedule, "node,first_interval,last_interval\nA,0,3\nB,5,9\n");
        var entries = problem.Keys.Entries().ToList();
        File.WriteAllText(Path.Combine(dir, EnsembleFiles.FileName), "scenario,interval,node,bits\n"
            + string.Concat(entries.Select(e => $"0,{e.Interval},{problem.Nodes[e.Node].Id},{e.Bits / 2}\n"))
            + string.Concat(entries.Select(e => $"1,{e.Interval},{problem.Nodes[e.Node].Id},{1.5 * e.Bits}\n")));

        var r = CliRun.Run("evaluate", dir, schedule, "--risk", "worst", "--format", "json");
        Assert.True(r.Code == 0, r.Err);
        var risk = JsonNode.Parse(r.Out)!["risk"]!;
        Assert.Equal("worst", (string)risk["measure"]!);
        Assert.Equal(17.5, (double)risk["value"]!);
        Assert.Equal(35, (double)risk["mean"]!);
        Assert.Equal([17.5, 52.5], risk["per_scenario"]!.AsArray().Select(v => (double)v!));

        var heldOut = Path.Combine(_dir, "held-out.csv");
        File.WriteAllText(heldOut, "scenario,interval,node,bits\n" + string.Concat(entries.Where(e => e.Node == 0).Select(e => $"0,{e.Interval},A,{e.Bits}\n")));
        var other = CliRun.Run("evaluate", dir, schedule, "--scenarios", heldOut, "--strategy", "td", "--format", "json");
        Assert.True(other.Code == 0, other.Err);
        var json = JsonNode.Parse(other.Out)!;
        Assert.Equal(10, (double)json["risk"]!["value"]!);
        Assert.False((bool)json["share_rule_met"]!); // all of it at A
    }

    /// <summary>
    /// instance.yaml declares the ensemble: scenario 0 is 2K with probability 0.25, scenario 1 is 2K/3 with 0.75, so the
    /// mean is K. The schedule delivers 35 on K, so 70 and 23.33…: worst 23.33…, mean 35. info shows it; rehash keeps the
    /// block and records the hash of scenario_keys.csv, after which an edit of that file is refused.
    /// </summary>
    [Fact]
    public void An_instance_declares_its_scenarios_and_their_probabilities()
    {
        var problem = TestProblems.AThenB();
        var dir = Path.Combine(_dir, "inst");
        InstanceFiles.Write(problem, dir);
        var yaml = Path.Combine(dir, InstanceFiles.InstanceFileName);
        var lines = File.ReadAllLines(yaml).Where(l => !l.StartsWith(InstanceFiles.ChecksumKey + ":", StringComparison.Ordinal)).ToList();
        File.WriteAllLines(yaml, [.. lines, "scenarios:", "  count: 2", "  probabilities: [0.25, 0.75]"]);
        CliRun.AssertOneLineUserError(CliRun.Run("info", dir), $"scenarios are declared but {EnsembleFiles.FileName} is missing");
        var entries = problem.Keys.Entries().ToList();
        var scenarioFile = Path.Combine(dir, EnsembleFiles.FileName);
        File.WriteAllText(scenarioFile, "scenario,interval,node,bits\n"
            + string.Concat(entries.Select(e => $"0,{e.Interval},{problem.Nodes[e.Node].Id},{2 * e.Bits}\n"))
            + string.Concat(entries.Select(e => $"1,{e.Interval},{problem.Nodes[e.Node].Id},{(2 * e.Bits / 3).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}\n")));
        var schedule = Path.Combine(_dir, "schedule.csv");
        File.WriteAllText(schedule, "node,first_interval,last_interval\nA,0,3\nB,5,9\n");

        var info = CliRun.Run("info", dir);
        Assert.True(info.Code == 0, info.Err);
        Assert.Contains("W = 2 weather scenarios", info.Out);
        var r = CliRun.Run("evaluate", dir, schedule, "--risk", "worst", "--format", "json");
        Assert.True(r.Code == 0, r.Err);
        var risk = JsonNode.Parse(r.Out)!["risk"]!;
        Assert.Equal(70, (double)risk["per_scenario"]![0]!, 9);
        Assert.Equal(70.0 / 3, (double)risk["value"]!, 9);
        Assert.Equal(35, (double)risk["mean"]!, 9);

        Assert.Equal(0, CliRun.Run("rehash", dir).Code);
        var rehashed = File.ReadAllText(yaml);
        Assert.Contains("probabilities: [0.25, 0.75]", rehashed);
        Assert.Contains($"{EnsembleFiles.FileName}: \"sha256:", rehashed);
        File.AppendAllText(scenarioFile, "1,9,A,1\n");
        CliRun.AssertOneLineUserError(CliRun.Run("info", dir), $"{EnsembleFiles.FileName}: does not match the SHA-256");

        File.WriteAllText(yaml, string.Join('\n', lines) + "\nscenarios:\n  count: 3\n  probabilities: [0.25, 0.75]\n");
        CliRun.AssertOneLineUserError(CliRun.Run("info", dir), "lists 2 probabilities for count: 3; give one per scenario");
        File.WriteAllText(yaml, string.Join('\n', lines) + "\nscenarios:\n  count: 2\n  probabilities: [0.5, 0.6]\n");
        CliRun.AssertOneLineUserError(CliRun.Run("info", dir), "the probabilities add up to 1.1; they must add up to 1");
    }

    [Fact]
    public void Evaluate_refuses_what_it_cannot_score_in_one_line()
    {
        var dir = Path.Combine(_dir, "inst");
        InstanceFiles.Write(TestProblems.AThenB(), dir);
        var schedule = Path.Combine(_dir, "schedule.csv");
        File.WriteAllText(schedule, "node,first_interval,last_interval\nA,0,3\nB,5,9\n");
        CliRun.AssertOneLineUserError(CliRun.Run("evaluate", dir, schedule), $"has no {EnsembleFiles.FileName}; give an ensemble with --scenarios FILE");
        CliRun.AssertOneLineUserError(CliRun.Run("evaluate", dir, schedule, "--risk", "cvar:0"), "--risk: the α of 'cvar:0' must be a number in (0, 1]");
        var scenarios = Path.Combine(_dir, "s.csv");
        File.WriteAllText(scenarios, "scenario,interval,node,bits\n0,0,A,1\n1,0,A,2\n");
        CliRun.AssertOneLineUserError(CliRun.Run("evaluate", dir, schedule, "--scenarios", scenarios, "--probabilities", "0.5,0.6"), "the probabilities add up to 1.1");
        // A schedule that breaks the switching rule is not scored: exit 1, as validate.
        File.WriteAllText(schedule, "node,first_interval,last_interval\nA,0,4\nB,5,9\n");
        var broken = CliRun.Run("evaluate", dir, schedule, "--scenarios", scenarios);
        Assert.Equal(1, broken.Code);
        Assert.StartsWith("invalid:", broken.Err);
    }
}
