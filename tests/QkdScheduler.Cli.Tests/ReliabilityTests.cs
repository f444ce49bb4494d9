using System.Text.Json.Nodes;
using QkdScheduler.Cli.Commands;
using QkdScheduler.Core.IO;
using QkdScheduler.Testing;

namespace QkdScheduler.Cli.Tests;

/// <summary>The reliability issue's reproducers for options, number ranges and the importer: each ends in one clean line and exit 2.</summary>
public sealed partial class CliTests
{
    [Theory]
    [InlineData("--time-limit", "abc", "--time-limit: 'abc' is not a number (with '.' as the decimal point)")]
    [InlineData("--threads", "abc", "--threads: 'abc' is not a whole number")]
    [InlineData("--threads", "2147483648", "--threads: '2147483648' is not a whole number from -2147483648 to 2147483647")]
    [InlineData("--threads", "10000", "--threads must be a whole number from 1 to 64")]
    [InlineData("--time-limit", "1e7", "--time-limit must be above 0 and at most 1e6 seconds")]
    [InlineData("--time-limit", "1e20", "--time-limit must be above 0 and at most 1e6 seconds")]
    [InlineData("--share-tolerance", "NaN", "--share-tolerance must be at least 0 and below 1")]
    public void BadNumbersOnTheCommandLine_AreOneLineErrors(string option, string value, string expected) =>
        AssertOneLineUserError(Run("solve", Instance(), "--solver", "dp", option, value), expected);

    /// <summary>A td check with a nonsensical tolerance must not pass a schedule: the tolerance itself is rejected.</summary>
    [Theory]
    [InlineData("NaN")]
    [InlineData("5")]
    [InlineData("Infinity")]
    [InlineData("-1")]
    public void ValidateRejectsAToleranceOutsideItsRange(string tolerance)
    {
        var solved = Path.Combine(_dir, "s");
        Assert.Equal(0, Run("solve", Instance(), "--solver", "dp", "--out", solved).Code);
        AssertOneLineUserError(Run("validate", Instance(), Path.Combine(solved, "schedule.csv"), "--strategy", "td", "--share-tolerance", tolerance),
            "--share-tolerance must be at least 0 and below 1");
    }

    [Theory]
    [InlineData("dp", "population=3", "--solver-option population: dp knows td-sweeps")]
    [InlineData("greedy", "x=1", "--solver-option x: greedy takes no solver options")]
    [InlineData("mip", "log-level=9", "--solver-option log-level=9: it must be a whole number, 0 (quiet) or 1")]
    [InlineData("ga", "population=1000000", "--solver-option population=1000000: it must be a whole number, 2 to 10000")]
    [InlineData("ga", "elitism=200", "--solver-option elitism=200: keep fewer elites than the population (150)")]
    [InlineData("ga", "td-fitness=best", "--solver-option td-fitness=best: it must be one of penalty, kl")]
    [InlineData("dp", "td-sweeps=1.5", "--solver-option td-sweeps=1.5: it must be a whole number")]
    public void EverySolverRejectsUnknownOrBadSettings(string solver, string setting, string expected) =>
        AssertOneLineUserError(Run("solve", Instance(), "--solver", solver, "--solver-option", setting), expected);

    /// <summary>A bench hands each solver the settings it declares; a setting that none of the chosen solvers takes is a typo.</summary>
    [Fact]
    public void BenchGivesEachSolverItsOwnSettings()
    {
        var r = Run("bench", Instance(), "--solvers", "dp,ga", "--strategies", "gd", "--solver-option", "population=10", "--solver-option", "generations=5");
        Assert.Equal(0, r.Code);
        AssertOneLineUserError(Run("bench", Instance(), "--solvers", "dp,greedy", "--solver-option", "population=10"),
            "--solver-option population: none of the solvers here (dp, greedy) takes it");
    }

    [Fact]
    public void SolversOptionsListsEveryDeclaredSetting()
    {
        var r = Run("solvers", "--options");
        Assert.Equal(0, r.Code);
        foreach (var key in new[] { "td-sweeps", "population", "elitism", "td-fitness", "log-level" }) Assert.Contains(key, r.Out);
    }

    private string InstanceWith(string yamlReplace, string yamlWith, string? keys = null)
    {
        var dir = Instance();
        var yaml = Path.Combine(dir, InstanceFiles.InstanceFileName);
        File.WriteAllText(yaml, HandEdited(File.ReadAllText(yaml)).Replace(yamlReplace, yamlWith));
        if (keys != null) File.WriteAllText(Path.Combine(dir, InstanceFiles.KeysFileName), keys);
        return dir;
    }

    [Fact]
    public void NumbersOutsideTheDocumentedRanges_AreRejectedWhereTheyEnter()
    {
        AssertOneLineUserError(Run("info", InstanceWith("interval_seconds: 10", "interval_seconds: 1e300")), "interval_seconds is 1e300; it must be a positive number of seconds, at most 86400");
        AssertOneLineUserError(Run("info", InstanceWith("start: 20", "start: 99")), "must lie within 1900-03-01 and 2100-02-28");
        AssertOneLineUserError(Run("info", InstanceWith("weight: 0.5", "weight: 1e308")), "weight is 1e308; it must be 0 or more, at most 1e15");
        var huge = "interval,node,bits\n0,A,1e308\n1,A,1e308\n";
        AssertOneLineUserError(Run("solve", InstanceWith("\nnonzeros: ", "\n# nonzeros: ", huge), "--solver", "mip"), "keys.csv:2: bits is 1e308; key values must be 0 or more and at most 1e10 per interval");
    }

    [Theory]
    [InlineData("STATION = { None, X, Y };", "STATION = { None, X, X };", "station 'X' is listed twice")]
    [InlineData("time_offset = [0, 1, 40];", "time_offset = [0, 1, 1];", "time_offset 1 appears twice")]
    [InlineData("transfer_share = [0, 0.75, 0.25];", "transfer_share = [0, -0.75, 0.25];", "transfer_share -0.75 must be 0 or more")]
    [InlineData("transfer_share = [0, 0.75, 0.25];", "transfer_share = [0, 1e308, 0.25];", "transfer_share 1E+308 must be 0 or more and at most 1e15")]
    [InlineData("switch_duration = 30;", "switch_duration = 3000000000;", "switch_duration must be a non-negative multiple of step_duration (1 s), at most the period")]
    [InlineData("end_time = \"2018-Jan-01 23:01:00\";", "end_time = \"9999-Jan-01 23:01:00\";", "bad.dzn:2: the period holds")]
    public void ImportQuake_BadValuesAreCleanErrors(string replace, string with, string expected)
    {
        var dzn = Path.Combine(_dir, "bad.dzn");
        File.WriteAllText(dzn, SmallDzn.Replace(replace, with));
        AssertOneLineUserError(Run("import", "quake", dzn, "--out", Path.Combine(_dir, "x")), expected);
    }

    /// <summary>A valid three-step Polnik-format week: X gets 2 and 3 in steps 0 and 1, Y gets 7 at offset 40, S = 30.</summary>
    internal const string SmallDzn = """
        start_time = "2018-Jan-01 23:00:00";
        end_time = "2018-Jan-01 23:01:00";
        switch_duration = 30;
        STATION = { None, X, Y };
        dummy_station = None;
        transfer_share = [0, 0.75, 0.25];
        TIME = 1..3;
        step_duration = 1;
        time_offset = [0, 1, 40];
        key_rate = [| 0, 0, 0
                    | 2, 3, 0
                    | 0, 0, 7 |];

        """;

    /// <summary>MiniZinc comments where the language allows them: before the first assignment, trailing with a ';' inside, as a block.</summary>
    [Fact]
    public void ImportQuake_AcceptsMiniZincComments()
    {
        var dzn = Path.Combine(_dir, "commented.dzn");
        File.WriteAllText(dzn, "% Polnik et al. week; converted by hand\n/* a block\n   comment; with a semicolon */\n" +
            SmallDzn.Replace("switch_duration = 30;", "switch_duration = 30; % thirty seconds; see the paper"));
        var outDir = Path.Combine(_dir, "commented");
        Assert.Equal(0, Run("import", "quake", dzn, "--out", outDir).Code);
        Assert.Equal(30, InstanceFiles.Read(outDir).SwitchIntervals);
    }

    /// <summary>instance.yaml ends with a checksum line: a copy cut short, or edited, does not load silently.</summary>
    [Fact]
    public void TruncatedOrEditedInstanceYaml_DoesNotLoad()
    {
        var dir = Path.Combine(_dir, "imported");
        var dzn = Path.Combine(_dir, "small.dzn");
        File.WriteAllText(dzn, SmallDzn);
        Assert.Equal(0, Run("import", "quake", dzn, "--out", dir).Code);
        var yaml = Path.Combine(dir, InstanceFiles.InstanceFileName);
        var text = File.ReadAllText(yaml);
        Assert.EndsWith("\"\n", text);
        Assert.Contains("\nchecksum: \"sha256:", text);

        // Cut inside the last share ("share: 0.25" → "share: 0"): the checksum line is gone with it.
        var cut = text[..(text.LastIndexOf("share: 0.25", StringComparison.Ordinal) + "share: 0".Length)];
        File.WriteAllText(yaml, cut + "\n");
        AssertOneLineUserError(Run("info", dir), "its last line, the checksum, is missing: the file is incomplete");

        File.WriteAllText(yaml, text.Replace("share: 0.25", "share: 0.35"));
        AssertOneLineUserError(Run("info", dir), "instance.yaml does not match its checksum");
    }

    [Fact]
    public void YamlNestedTooDeep_IsAnErrorNotAStackOverflow()
    {
        var path = Path.Combine(_dir, "deep.yaml");
        File.WriteAllText(path, "format: qkdsched-scenario/1\nname: deep\nperiod: " + new string('[', 50_000) + new string(']', 50_000) + "\n");
        AssertOneLineUserError(Run("precompute", path, "--out", Path.Combine(_dir, "x")), "deep.yaml:3: blocks and lists are nested more than 64 deep");
    }

    /// <summary>A second row for a station in a weights/shares CSV used to win silently.</summary>
    [Fact]
    public void DuplicatePopulationRow_IsAnError()
    {
        var micius = Path.Combine(RepositoryPaths.Root(), "instances", "micius2016-china11");
        var population = Path.Combine(_dir, "population.csv");
        File.WriteAllText(population, File.ReadAllText(Path.Combine(micius, "china11-population.csv")).TrimEnd() + "\nShanghai,99\n");
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38", "scenario.yaml"))
            .Replace("../micius2016-china11/china11-population.csv", population)
            .Replace("../micius2016-china11/", micius + "/");
        var scenario = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(scenario, text);
        AssertOneLineUserError(Run("precompute", scenario, "--out", Path.Combine(_dir, "x")), "station 'Shanghai' has a second row");
    }

    [Fact]
    public void EmptyOrUnwritableOutputs_AreBadInput()
    {
        AssertOneLineUserError(Run("solve", Instance(), "--solver", "dp", "--out", ""), "the output folder name is empty");
        AssertOneLineUserError(Run("keyrate", "--loss-db", "30", "--format", "csv", "--out", ""), "the output file name is empty");
        var blocker = Path.Combine(_dir, "blocker");
        File.WriteAllText(blocker, "a file where a folder is needed");
        AssertOneLineUserError(Run("solve", Instance(), "--solver", "mip", "--write-model", Path.Combine(blocker, "model.lp")), "cannot write the model file");
    }

    /// <summary>The review's findings: file names from station names, a range's last value, finite-key settings, a reversed pair.</summary>
    [Fact]
    public void Review_findings_stay_fixed()
    {
        var used = new HashSet<string>();
        Assert.Equal("best-pass-Graz_Lustb_hel-Berlin.csv", EntanglementCommand.BestPassFileName("Graz/Lustbühel|Berlin", used));
        Assert.Equal("best-pass-_.._escaped-Berlin.csv", EntanglementCommand.BestPassFileName("/../escaped|Berlin", used));
        Assert.Equal("best-pass-Graz_Lustb_hel-Berlin-2.csv", EntanglementCommand.BestPassFileName("Graz:Lustbühel|Berlin", used));

        Assert.Equal([0.4, 0.49999999999], Commands.NumberRange.Parse("0.4:0.49999999999:0.1", "--qber", v => v < 0.5, "below 0.5")); // TO, never 0.5
        var csv = Run("finitekey", "--pairs", "1e4", "--qber", "0.05:0.05000000000000001:1e-18", "--format", "csv");
        Assert.Equal(0, csv.Code);
        AssertOneLineUserError(Run("finitekey", "--pairs", "1e-300"), "--pairs '1e-300': 1e-300 is out of range; it must be at least 1");

        var dir = InstanceWith("nodes:", "finite_key:\n  epsilon_sec: 5\nnodes:");
        AssertOneLineUserError(Run("solve", dir, "--solver", "dp"), "epsilon_sec is 5; it must be a probability strictly between 0 and 1");
        var typo = InstanceWith("nodes:", "finite_key:\n  epsilon_secc: 1e-10\nnodes:");
        AssertOneLineUserError(Run("solve", typo, "--solver", "dp"), "'epsilon_secc' is not a parameter here");
    }

    /// <summary>
    /// Reproducible by default: with no --time-limit the GA stops on generations or stagnation only, so the same
    /// seed gives the same schedule.csv bytes on 1 and 2 threads, and result.json says what stopped it.
    /// </summary>
    [Fact]
    public void Ga_without_a_time_limit_is_the_same_on_any_thread_count()
    {
        var micius = Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38");
        string Solve(string threads)
        {
            var outDir = Path.Combine(_dir, "ga-" + threads);
            Assert.Equal(0, Run("solve", micius, "--solver", "ga", "--seed", "3", "--threads", threads, "--solver-option", "stagnation=150", "--out", outDir).Code);
            Assert.Equal("stagnation", (string?)System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, ScheduleFiles.ResultFileName)))!["stopped_by"]);
            return File.ReadAllText(Path.Combine(outDir, ScheduleFiles.ScheduleFileName));
        }

        Assert.Equal(Solve("1"), Solve("2"));
    }
}
