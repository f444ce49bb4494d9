using System.CommandLine;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Solving;
using QkdScheduler.Cli.Commands;
using QkdScheduler.Testing;

namespace QkdScheduler.Cli.Tests;

/// <summary>
/// Every example in the help texts ("e.g. …" in a command's, option's or argument's description) runs as written: each
/// description with one is listed here with the commands that use its examples on shipped inputs, and a description that
/// gains an example without a runnable case fails the test.
/// </summary>
public sealed class HelpExamplesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-help-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Root(params string[] parts) => Path.Combine([RepositoryPaths.Root(), .. parts]);

    private static readonly string Micius = Root("instances", "micius-china11-2016w38", "scenario.yaml");

    /// <summary>The descriptions with examples, by the start of their text, and the runs that use the examples.</summary>
    private Dictionary<string, string[][]> Cases()
    {
        var tiny = Path.Combine(_dir, "tiny");
        if (!Directory.Exists(tiny)) InstanceFiles.Write(TestProblems.AThenB(), tiny);
        var sweep = Path.Combine(_dir, "sweep.yaml");
        File.WriteAllText(sweep, $"""
            format: qkdsched-sweep/1
            name: help
            scenario: {Micius}
            set: ["period.end=2016-09-19T06:00:00Z"]
            grid:
              link.divergence_urad: [5, 10, 15, 20]
            """);
        return new()
        {
            ["FROM:TO:STEP in dB"] = [["keyrate", "--loss-db", "20:50:1"]],
            ["override a scenario value"] =
            [
                ["precompute", Micius, "--set", "link.divergence_urad=3", "--set", "period.end=2016-09-20T00:00:00Z", "--out", Path.Combine(_dir, "set")],
            ],
            ["comma-separated divergences"] = [["link-table", Micius, "--divergence-urad", "1,3,5,10", "--set", "period.end=2016-09-19T06:00:00Z"]],
            ["start, ISO 8601 UTC"] =
            [
                ["passes", "--tle", Root("instances", "micius2016-china11", "micius-41731.tle"), "--stations", Root("instances", "micius2016-china11", "china11.csv"),
                 "--from", "2016-09-19T00:00:00Z", "--to", "2016-09-20T00:00:00Z"],
            ],
            // $SLURM_ARRAY_TASK_ID is what a Slurm array job sets; here task 0.
            ["run only shard i of N"] = [["sweep", sweep, "--shard", "0/4", "--out", Path.Combine(_dir, "parts")]],
            ["solver-specific setting KEY=VALUE"] =
            [
                ["solve", tiny, "--solver", "dp", "--strategy", "td", "--solver-option", "td-sweeps=100"],
                ["solve", tiny, "--solver", "ga", "--solver-option", "generations=500"],
                ["solvers", "--options"],
            ],
        };
    }

    private static IEnumerable<string> Descriptions(Command command)
    {
        if (command.Description is { } d) yield return d;
        foreach (var o in command.Options) if (o.Description is { } od) yield return od;
        foreach (var a in command.Arguments) if (a.Description is { } ad) yield return ad;
        foreach (var sub in command.Subcommands)
            foreach (var x in Descriptions(sub)) yield return x;
    }

    [Fact]
    public void Every_example_in_the_help_runs_as_written()
    {
        var context = new CliContext(CliRun.Catalog, Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(TextWriter.Null) }),
            TextWriter.Null, TextWriter.Null, Interruption.None);
        var withExamples = Descriptions(CliApp.Commands(context)).Where(d => d.Contains("e.g.", StringComparison.Ordinal)).Distinct().ToList();
        Assert.NotEmpty(withExamples);
        var cases = Cases();
        // A case whose help text lost its example is stale.
        foreach (var key in cases.Keys) Assert.True(withExamples.Any(d => d.StartsWith(key, StringComparison.Ordinal)), $"no help text starting '{key}' has an example any more");
        foreach (var description in withExamples)
        {
            var key = cases.Keys.SingleOrDefault(k => description.StartsWith(k, StringComparison.Ordinal));
            Assert.True(key != null, $"the help text '{description}' has an example no test runs: add it to {nameof(HelpExamplesTests)}");
            foreach (var args in cases[key!])
            {
                var r = CliRun.Run(args);
                Assert.True(r.Code == 0, $"'qkdsched {string.Join(' ', args)}' (the example of '{description}') exits {r.Code}: {r.Err}");
            }
        }
    }
}
