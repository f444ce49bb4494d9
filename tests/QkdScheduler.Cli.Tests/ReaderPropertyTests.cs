using System.Text;
using FsCheck;
using FsCheck.Fluent;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;
using QkdScheduler.Links.Weather;
using QkdScheduler.Orbits.Stations;
using QkdScheduler.Orbits.Tle;
using QkdScheduler.Precompute.Importers;
using QkdScheduler.Precompute.Pairs;
using QkdScheduler.Precompute.Scenarios;
using QkdScheduler.Testing;

namespace QkdScheduler.Cli.Tests;

/// <summary>
/// Property: every reader, given a valid file mutated at random (characters deleted, inserted or
/// replaced, extreme numbers such as NaN, 1e308, -1 or 2147483648 put in place of a value, lines
/// duplicated, swapped or cut off), either returns a value or throws an <see cref="InputException"/>
/// whose message is one line. Anything else (an IndexOutOfRange, an overflow, a stack overflow) is a
/// bug. <see cref="Cases"/> cases per reader; FsCheck prints the seed of a failing case so it can be
/// replayed.
/// </summary>
public sealed class ReaderPropertyTests : IDisposable
{
    public const int Cases = 10_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-props-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Micius(string file) => Path.Combine(RepositoryPaths.Root(), "instances", "micius2016-china11", file);

    private static readonly string[] Tokens =
    [
        "NaN", "Infinity", "-Infinity", "-1", "0", "-0", "1e308", "-1e308", "1e-320", "2147483648", "-2147483649", "99999999999999999999",
        "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "abc", "\"", "'", ",", ":", ";", "\n", "\r\n", "\t", " ", "[", "]", "{", "}", "|",
        "%", "#", "..", "=", "é", "\u0000", "- ", "*", "&a", "!!int", "{a: [", "[|", "|]", "/*",
    ];

    /// <summary>One to four random edits of <paramref name="text"/>.</summary>
    public static string Mutate(string text, Random r)
    {
        var s = new StringBuilder(text);
        var edits = r.Next(1, 5);
        for (var e = 0; e < edits; e++)
        {
            var at = s.Length == 0 ? 0 : r.Next(s.Length);
            switch (r.Next(7))
            {
                case 0:
                    s.Remove(at, Math.Min(r.Next(1, 12), s.Length - at));
                    break;
                case 1:
                    s.Insert(at, Tokens[r.Next(Tokens.Length)]);
                    break;
                case 2:
                    if (s.Length > 0) s[at] = (char)r.Next(32, 127);
                    break;
                case 3:
                    s.Length = at;
                    break;
                case 4:
                    ReplaceNumber(s, r);
                    break;
                default:
                    ShuffleLines(s, r, duplicate: r.Next(2) == 0);
                    break;
            }
        }

        return s.ToString();
    }

    private static void ReplaceNumber(StringBuilder s, Random r)
    {
        var text = s.ToString();
        var starts = Enumerable.Range(0, text.Length).Where(i => char.IsDigit(text[i]) && (i == 0 || !char.IsLetterOrDigit(text[i - 1]) && text[i - 1] != '.')).ToList();
        if (starts.Count == 0) return;
        var from = starts[r.Next(starts.Count)];
        var to = from;
        while (to < text.Length && (char.IsDigit(text[to]) || text[to] is '.' or 'e' or 'E' or '-' or '+')) to++;
        s.Remove(from, to - from).Insert(from, Tokens[r.Next(13)]);
    }

    private static void ShuffleLines(StringBuilder s, Random r, bool duplicate)
    {
        var lines = s.ToString().Split('\n').ToList();
        if (lines.Count < 2) return;
        var i = r.Next(lines.Count);
        var j = r.Next(lines.Count);
        if (duplicate) lines.Insert(j, lines[i]);
        else (lines[i], lines[j]) = (lines[j], lines[i]);
        s.Clear().Append(string.Join('\n', lines));
    }

    private void NeverCrashes(string valid, string fileName, Action<string> read)
    {
        var path = Path.Combine(_dir, fileName);
        read(Write(path, valid)); // the seed itself is valid
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            Write(path, Mutate(valid, new Random(seed)));
            try
            {
                read(path);
                return true;
            }
            catch (InputException e)
            {
                return !e.Message.Contains('\n');
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));
    }

    private static string Write(string path, string text)
    {
        File.WriteAllText(path, text);
        return path;
    }

    private const string InstanceYaml = """
        format: qkdsched-instance/1
        name: "props"
        start: 2026-01-01T00:00:00.000Z
        interval_seconds: 10
        intervals: 8
        switch_intervals: 1
        key_unit: "bits"
        nodes:
          - id: "A"
            stations: ["A"]
            weight: 0.5
            share: 0.5
          - id: "B|C"
            stations: ["B", "C"]
            weight: 0.5
            share: 0.5
            qber: 0.05
        finite_key:
          basis_probability: 0.5
        """;

    private const string KeysCsv = "interval,node,bits\n0,A,3\n1,A,4.5\n1,B|C,2\n7,B|C,1e3\n";

    [Fact]
    public void Instance_yaml() => NeverCrashes(InstanceYaml, "instance.yaml", path =>
    {
        File.WriteAllText(Path.Combine(_dir, InstanceFiles.KeysFileName), KeysCsv);
        InstanceFiles.Read(_dir);
    });

    [Fact]
    public void Keys_csv() => NeverCrashes(KeysCsv, InstanceFiles.KeysFileName, _ =>
    {
        File.WriteAllText(Path.Combine(_dir, InstanceFiles.InstanceFileName), InstanceYaml);
        InstanceFiles.Read(_dir);
    });

    private const string FleetYaml = """
        format: qkdsched-instance/1
        name: fleet
        start: 2020-01-01T00:00:00Z
        interval_seconds: 10
        intervals: 8
        switch_intervals: 1
        nodes:
          - {id: A, stations: [X], weight: 1, share: 1}
          - {id: P, stations: [X, Y], weight: 1, share: 1}
        satellites:
          - id: s0
          - id: s1
        stations:
          - {id: X, receivers: 2}
        station_switch_intervals: 3
        """;

    private const string FleetKeysCsv = "interval,satellite,node,bits\n0,s0,A,3\n0,s1,A,2\n1,s1,P,4.5\n7,s0,P,1e3\n";

    [Fact]
    public void Constellation_instance_yaml() => NeverCrashes(FleetYaml, "instance.yaml", path =>
    {
        File.WriteAllText(Path.Combine(_dir, InstanceFiles.KeysFileName), FleetKeysCsv);
        InstanceFiles.Read(_dir);
    });

    [Fact]
    public void Constellation_keys_csv() => NeverCrashes(FleetKeysCsv, InstanceFiles.KeysFileName, _ =>
    {
        File.WriteAllText(Path.Combine(_dir, InstanceFiles.InstanceFileName), FleetYaml);
        InstanceFiles.Read(_dir);
    });

    [Fact]
    public void Constellation_schedule_and_geometry_csv()
    {
        NeverCrashes("satellite,node,first_interval,last_interval,start_utc,end_utc,bits\ns0,A,0,1,,,7.5\ns1,P,3,7,,,\n", "schedule.csv", path => ScheduleFiles.ReadSchedule(path));
        NeverCrashes("interval,satellite,station,elevation_deg,range_km,loss_db,cloud_loss_db\n0,s0,X,12.5,1500,40.1,0\n0,s1,X,30,900,inf,inf\n", "geometry.csv",
            path => GeometryFiles.Read(path));
    }

    [Fact]
    public void Schedule_csv() => NeverCrashes(
        "node,first_interval,last_interval,start_utc,end_utc,bits\nA,0,1,2026-01-01T00:00:00.000Z,2026-01-01T00:00:20.000Z,7.5\nB|C,3,7,,,\n",
        "schedule.csv", path => ScheduleFiles.ReadSchedule(path));

    [Fact]
    public void Scenario_yaml() => NeverCrashes($"""
        format: qkdsched-scenario/1
        name: props
        period:
          start: 2016-09-19T00:00:00Z
          end: 2016-09-20T00:00:00Z
          interval_seconds: 10
          switch_intervals: 1
          integration_seconds: 1
        satellite:
          tle: {Micius("micius-41731.tle")}
        stations:
          file: {Micius("china11.csv")}
          weights: {"{"}file: {Micius("china11-population.csv")}, column: population_millions{"}"}
        visibility:
          min_elevation_deg: 10
          night: sun-below:-6
        link:
          model: gaussian-beam
          divergence_urad: 10
        protocol:
          model: decoy-bb84
          signal_intensity: 0.5
        """, "scenario.yaml", path => ScenarioFile.Read(path));

    [Fact]
    public void Pair_scenario_yaml() => NeverCrashes($"""
        format: qkdsched-pair-scenario/1
        name: props
        period: {"{"}start: 2026-01-01T00:00:00Z, end: 2026-01-02T00:00:00Z{"}"}
        source:
          orbit: {"{"}altitude_km: 1200, inclination_deg: 110{"}"}
          aperture_m: 0.5
        relays: {"{"}kind: haps, altitude_km: 20, transmit_aperture_m: 0.2{"}"}
        stations: {"{"}file: {Path.Combine(RepositoryPaths.Root(), "instances", "transatlantic2026", "stations.csv")}, aperture_m: 0.3{"}"}
        pairs:
          - {"{"}a: Waterloo, b: Berlin, weight: 2{"}"}
        coupling: {"{"}model: adaptive-optics, corrected_modes: 36{"}"}
        pair_source: {"{"}mean_pair_number: 0.1, reference_qber: 0.05{"}"}
        """, "pairs.yaml", path => PairScenarioFile.Read(path));

    [Fact]
    public void Tle() => NeverCrashes(File.ReadAllText(Micius("micius-41731.tle")), "sats.tle", path => TleReader.ReadFile(path));

    [Fact]
    public void Stations_csv() => NeverCrashes(File.ReadAllText(Micius("china11.csv")), "stations.csv", path => StationFile.Read(path));

    [Fact]
    public void Weather_csv() => NeverCrashes(
        "time_utc,station,cloud_percent,cloud_index\n2026-01-01T00:00:00Z,A,20,0\n2026-01-01T01:00:00Z,A,80.5,150\n2026-01-01T00:00:00Z,B,0,12\n2026-01-01T01:00:00,B,100,3\n",
        "weather.csv", path =>
        {
            CloudCsv.ReadCover(path, ["A", "B"], TimeSpan.FromHours(1), MissingWeather.Clear);
            CloudCsv.ReadIndex(path, ["A", "B"], TimeSpan.FromHours(1), MissingWeather.Error);
        });

    [Fact]
    public void MiniZinc_dzn() => NeverCrashes("% a small week\n" + CliTests.SmallDzn.Replace("switch_duration = 30;", "switch_duration = 30; /* seconds */"),
        "week.dzn", path => QuakeImporter.Import(path, "props"));
}
