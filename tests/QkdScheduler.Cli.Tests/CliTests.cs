using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Solving;
using QkdScheduler.Cli.Commands;
using QkdScheduler.Testing;

namespace QkdScheduler.Cli.Tests;

public sealed partial class CliTests : IDisposable
{
    private static SolverCatalog Catalog => CliRun.Catalog;

    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Run(args);

    /// <summary>A valid instance: <see cref="TestProblems.AThenB"/> (A pays 1..8 in 0..7, B pays 5 in 4..9, S = 1).</summary>
    private string Instance()
    {
        var dir = Path.Combine(_dir, "inst");
        InstanceFiles.Write(TestProblems.AThenB(), dir);
        return dir;
    }

    /// <summary>An instance.yaml as a person edits it: without the checksum line the writer put last, and without the hashes of the data files.</summary>
    private static string HandEdited(string yaml) =>
        string.Join('\n', yaml.Split('\n').Where(line => !line.StartsWith(InstanceFiles.ChecksumKey + ":", StringComparison.Ordinal)
                                                         && line != "files:" && !InstanceFiles.HashedFiles.Any(f => line.StartsWith($"  {f}: \"sha256:", StringComparison.Ordinal))));

    /// <summary>Makes an instance hand-written (no checksum, no data hashes), so its data files can be edited to test their readers.</summary>
    private static void HandWritten(string dir)
    {
        var yaml = Path.Combine(dir, InstanceFiles.InstanceFileName);
        File.WriteAllText(yaml, HandEdited(File.ReadAllText(yaml)));
    }

    private static void AssertOneLineUserError((int Code, string Out, string Err) r, string expected) => CliRun.AssertOneLineUserError(r, expected);

    [Fact]
    public void SolveJson_PrintsExactlyTheDocumentedFields()
    {
        var r = Run("solve", Instance(), "--solver", "dp", "--strategy", "gd", "--format", "json");
        Assert.Equal(0, r.Code);
        var json = JsonNode.Parse(r.Out)!.AsObject();
        Assert.Equal(
            ["solver", "strategy", "status", "objective", "total_bits", "weighted_bits", "kl_divergence", "traffic_index", "per_node", "switches", "bound", "gap", "wall_seconds", "seed"],
            json.Select(kv => kv.Key));
        Assert.Equal("optimal", (string?)json["status"]);
        Assert.Equal(2, json["per_node"]!.AsObject().Count);
    }

    [Fact]
    public void SolveGreedy_HasNullBoundAndGap()
    {
        var json = JsonNode.Parse(Run("solve", Instance(), "--solver", "greedy", "--format", "json").Out)!;
        Assert.Null(json["bound"]);
        Assert.Null(json["gap"]);
    }

    [Fact]
    public void SolveOut_WritesAScheduleThatValidates()
    {
        var inst = Instance();
        var outDir = Path.Combine(_dir, "out");
        Assert.Equal(0, Run("solve", inst, "--out", outDir).Code);
        Assert.True(File.Exists(Path.Combine(outDir, "result.json")));
        var v = Run("validate", inst, Path.Combine(outDir, "schedule.csv"));
        Assert.Equal(0, v.Code);
        Assert.StartsWith("valid:", v.Out);
    }

    [Fact]
    public void Validate_ScheduleBreakingSwitchRule_ExitsOne()
    {
        var inst = Instance();
        var file = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(file, "node,first_interval,last_interval\nA,0,3\nB,4,9\n");
        var r = Run("validate", inst, file);
        Assert.Equal(CliApp.Failed, r.Code);
        Assert.Contains("leaves 0 idle intervals", r.Err);
    }

    [Fact]
    public void TruncatedKeys_OneLineAndExitTwo()
    {
        var inst = Instance();
        var keys = Path.Combine(inst, "keys.csv");
        File.WriteAllText(keys, File.ReadAllText(keys)[..^3]);
        AssertOneLineUserError(Run("solve", inst), "keys.csv:");
    }

    [Fact]
    public void NegativeKey_OneLineAndExitTwo()
    {
        var inst = Instance();
        HandWritten(inst);
        File.AppendAllText(Path.Combine(inst, "keys.csv"), "9,A,-1\n");
        AssertOneLineUserError(Run("info", inst), "key values must be 0 or more");
    }

    [Fact]
    public void UnknownNode_OneLineAndExitTwo()
    {
        var inst = Instance();
        HandWritten(inst);
        File.AppendAllText(Path.Combine(inst, "keys.csv"), "9,Z,1\n");
        AssertOneLineUserError(Run("solve", inst, "--format", "json"), "unknown node 'Z'");
    }

    [Fact]
    public void YamlTypo_OneLineAndExitTwo()
    {
        var inst = Instance();
        var yaml = Path.Combine(inst, "instance.yaml");
        File.WriteAllText(yaml, HandEdited(File.ReadAllText(yaml)).Replace("interval_seconds:", "interval_second:"));
        AssertOneLineUserError(Run("solve", inst), "did you mean 'interval_seconds'");
    }

    [Fact]
    public void MissingInstance_OneLineAndExitTwo() =>
        AssertOneLineUserError(Run("solve", Path.Combine(_dir, "missing")), "instance folder not found");

    [Fact]
    public void MissingScheduleFile_OneLineAndExitTwo() =>
        AssertOneLineUserError(Run("validate", Instance(), Path.Combine(_dir, "none.csv")), "file not found");

    [Theory]
    [InlineData("--solver", "simplex", "unknown solver 'simplex'")]
    [InlineData("--strategy", "xx", "xx")]
    [InlineData("--share-tolerance", "1.5", "--share-tolerance")]
    [InlineData("--time-limit", "-3", "--time-limit")]
    [InlineData("--solver-option", "novalue", "KEY=VALUE")]
    public void BadOption_OneLineAndExitTwo(string option, string value, string expected) =>
        AssertOneLineUserError(Run("solve", Instance(), option, value), expected);

    [Fact]
    public void Bench_WritesResultsWithRatios()
    {
        var outDir = Path.Combine(_dir, "bench");
        var r = Run("bench", Instance(), "--solvers", "dp,greedy", "--strategies", "gd,td", "--out", outDir);
        Assert.Equal(0, r.Code);
        Assert.Contains("ratio", r.Out);
        var csv = File.ReadAllLines(Path.Combine(outDir, "results.csv"));
        Assert.Equal(5, csv.Length); // header + 2 solvers x 2 strategies
        var cases = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "results.json")))!["cases"]!.AsArray();
        Assert.Contains(cases, c => (string?)c!["solver"] == "dp" && (string?)c["strategy"] == "gd" && (double?)c["ratio"] == 1.0);
    }

    [Fact]
    public void ImportQuake_BadFile_OneLineAndExitTwo()
    {
        var dzn = Path.Combine(_dir, "bad.dzn");
        File.WriteAllText(dzn, "start_time = \"2018-Jan-01 23:00:00\";\nend_time = \"yesterday\";\n");
        AssertOneLineUserError(Run("import", "quake", dzn, "--out", Path.Combine(_dir, "x")), "bad.dzn:2: end_time");
    }

    [Fact]
    public void ImportQuake_SmallFile_WritesAnInstance()
    {
        var dzn = Path.Combine(_dir, "small.dzn");
        File.WriteAllText(dzn, SmallDzn);
        var outDir = Path.Combine(_dir, "small");
        Assert.Equal(0, Run("import", "quake", dzn, "--out", outDir).Code);
        var p = InstanceFiles.Read(outDir);
        Assert.Equal(60, p.IntervalCount);
        Assert.Equal(30, p.SwitchIntervals);
        Assert.Equal(3, p.Keys[1, 0]);
        Assert.Equal(7, p.Keys[40, 1]);
        Assert.Equal(0.75, p.Nodes[0].Weight);
    }

    private static string Micius(string file) => Path.Combine(RepositoryPaths.Root(), "instances", "micius2016-china11", file);

    private static string[] PassesArgs(params string[] extra) =>
    [
        "passes", "--tle", Micius("micius-41731.tle"), "--stations", Micius("china11.csv"),
        "--from", "2016-09-19T00:00:00Z", "--to", "2016-09-20T00:00:00Z", .. extra,
    ];

    [Fact]
    public void Passes_csv_has_the_documented_columns_and_iso_times_with_milliseconds()
    {
        var r = Run(PassesArgs("--format", "csv"));
        Assert.Equal(CliApp.Ok, r.Code);
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("station,aos_utc,los_utc,duration_s,max_elevation_deg,max_elevation_utc,min_range_km", lines[0]);
        Assert.True(lines.Length > 5);
        var f = lines[1].Split(',');
        Assert.Matches(@"^2016-09-19T\d\d:\d\d:\d\d\.\d{3}Z$", f[1]);
        Assert.Contains("closest of 5 sets", r.Err);
    }

    [Fact]
    public void Passes_json_and_table_give_per_station_totals_and_the_union()
    {
        var json = Run(PassesArgs("--format", "json"));
        Assert.Equal(CliApp.Ok, json.Code);
        var doc = JsonNode.Parse(json.Out)!;
        Assert.Equal(11, doc["stations"]!.AsArray().Count);
        var union = doc["union_s"]!.GetValue<double>();
        var sum = doc["stations"]!.AsArray().Sum(s => s!["total_s"]!.GetValue<double>());
        Assert.InRange(union, 1, sum);
        Assert.Equal(41731, doc["satellite"]!["norad"]!.GetValue<int>());
        var table = Run(PassesArgs());
        Assert.Equal(CliApp.Ok, table.Code);
        Assert.Contains("any station (union)", table.Out);
    }

    [Fact]
    public void Passes_reports_bad_input_in_one_line()
    {
        var bad = Path.Combine(_dir, "bad.tle");
        File.WriteAllLines(bad, ["1 41731U 16051A   16353.90152003  .00000364  00000-0  17957-4 0  9994",
            "2 41731  97.3699 267.4500 0013200 178.5836 246.0824 15.23915303 19063"]);
        AssertOneLineUserError(Run("passes", "--tle", bad, "--stations", Micius("china11.csv"),
            "--from", "2016-09-19T00:00:00Z", "--to", "2016-09-20T00:00:00Z"), "bad.tle:1: TLE line 1 checksum");
        AssertOneLineUserError(Run(PassesArgs("--night", "dusk")), "night rule 'dusk'");
        AssertOneLineUserError(Run("passes", "--tle", Micius("micius-41731.tle"), "--stations", Micius("china11.csv"),
            "--from", "2016-09-19", "--to", "2016-09-20T00:00:00Z"), "--from '2016-09-19' is not an ISO 8601 UTC time");
        AssertOneLineUserError(Run(PassesArgs("--satellite", "25544")), "no element set for satellite '25544'");
    }

    /// <summary>
    /// The committed Micius sets' closest epoch is 2016-12-18 21:38 UTC: 90.9 days after the week of 2016-09-19 (a warning),
    /// 456.9 days after 2015-09-19 (refused unless --allow-old-elements); an orbit with epoch 1950 is refused too.
    /// </summary>
    [Fact]
    public void Passes_warns_of_old_elements_and_refuses_very_old_ones()
    {
        var week = Run(PassesArgs("--format", "csv"));
        Assert.Equal(CliApp.Ok, week.Code);
        Assert.Contains("warning: QSS (MICIUS) 2016-12-18 TLE epoch 2016-12-18 is 90.9 days after the period starts\n", week.Err.ReplaceLineEndings("\n"));
        string[] earlier = ["passes", "--tle", Micius("micius-41731.tle"), "--stations", Micius("china11.csv"), "--from", "2015-09-19T00:00:00Z", "--to", "2015-09-20T00:00:00Z"];
        AssertOneLineUserError(Run(earlier), "TLE epoch 2016-12-18 is 456.9 days after the period starts, more than 365 days");
        var allowed = Run([.. earlier, "--allow-old-elements", "--format", "csv"]);
        Assert.Equal(CliApp.Ok, allowed.Code);
        Assert.Contains("warning: QSS (MICIUS) 2016-12-18 TLE epoch 2016-12-18 is 456.9 days", allowed.Err);
        AssertOneLineUserError(Run("passes", "--orbit", "altitude_km=500,inclination_deg=97.4,epoch=1950-01-01T00:00:00Z", "--stations", Micius("china11.csv"),
            "--from", "2016-09-19T00:00:00Z", "--to", "2016-09-20T00:00:00Z"), "orbit epoch 1950-01-01 is");
        // A wrong checksum accepted by --no-checksum is still reported.
        var bad = Path.Combine(_dir, "bad-sum.tle");
        File.WriteAllLines(bad, ["1 41731U 16051A   16353.90152003  .00000364  00000-0  17957-4 0  9994",
            "2 41731  97.3699 267.4500 0013200 178.5836 246.0824 15.23915303 19063"]);
        var accepted = Run("passes", "--tle", bad, "--no-checksum", "--stations", Micius("china11.csv"),
            "--from", "2016-12-18T00:00:00Z", "--to", "2016-12-19T00:00:00Z", "--format", "csv");
        Assert.Equal(CliApp.Ok, accepted.Code);
        Assert.Contains("bad-sum.tle:1: TLE line 1 checksum is '4'", accepted.Err);
    }

    [Fact]
    public void Passes_takes_a_synthetic_orbit_instead_of_a_tle()
    {
        var r = Run("passes", "--orbit", "altitude_km=500,inclination_deg=97.4,raan_deg=178", "--stations", Micius("china11.csv"),
            "--from", "2016-09-19T00:00:00Z", "--to", "2016-09-20T00:00:00Z", "--format", "json");
        Assert.Equal(CliApp.Ok, r.Code);
        var doc = JsonNode.Parse(r.Out)!;
        Assert.True(doc["passes"]!.AsArray().Count > 0);
        Assert.StartsWith("synthetic orbit", doc["satellite"]!["choice"]!.GetValue<string>());
        AssertOneLineUserError(Run("passes", "--orbit", "altitude_km=500", "--stations", Micius("china11.csv"),
            "--from", "2016-09-19T00:00:00Z", "--to", "2016-09-20T00:00:00Z"), "--orbit: an orbit needs inclination_deg");
        AssertOneLineUserError(Run("passes", "--stations", Micius("china11.csv"),
            "--from", "2016-09-19T00:00:00Z", "--to", "2016-09-20T00:00:00Z"), "either --tle FILE or --orbit");
        AssertOneLineUserError(Run("passes", "--orbit", "altitude_km=-100,inclination_deg=10", "--stations", Micius("china11.csv"),
            "--from", "2016-09-19T00:00:00Z", "--to", "2016-09-20T00:00:00Z"), "--orbit: altitude_km is -100; it must be within 100..400000 km");
        // The same range table as a scenario's orbit block: angles must be finite and within a turn.
        AssertOneLineUserError(Run("passes", "--orbit", "altitude_km=500,inclination_deg=97.4,mean_anomaly_deg=1e20", "--stations", Micius("china11.csv"),
            "--from", "2016-09-19T00:00:00Z", "--to", "2016-09-20T00:00:00Z"), "--orbit: mean_anomaly_deg is 1e20; it must be within -360..360 degrees");
        AssertOneLineUserError(Run("passes", "--orbit", "altitude_km=500,inclination_deg=97.4,arg_perigee_deg=NaN", "--stations", Micius("china11.csv"),
            "--from", "2016-09-19T00:00:00Z", "--to", "2016-09-20T00:00:00Z"), "--orbit: arg_perigee_deg 'NaN' is not a finite number");
    }

    [Fact]
    public void Passes_csv_quotes_station_names_with_commas()
    {
        var stations = Path.Combine(_dir, "stations.csv");
        File.WriteAllText(stations, "name,latitude_deg,longitude_deg,altitude_m\n\"Beijing, CN\",39.9042,116.4074,50\n");
        var r = Run("passes", "--tle", Micius("micius-41731.tle"), "--stations", stations,
            "--from", "2016-09-19T00:00:00Z", "--to", "2016-09-21T00:00:00Z", "--format", "csv", "--night", "none");
        Assert.Equal(CliApp.Ok, r.Code);
        var row = r.Out.Split('\n')[1];
        Assert.StartsWith("\"Beijing, CN\",", row);
        Assert.Equal(8, row.Split(',').Length); // 7 fields, one of them holding a comma
    }

    [Fact]
    public void Linkloss_json_has_every_term()
    {
        var r = Run("linkloss", "--range-km", "500", "--elevation-deg", "90", "--cloud-index", "75", "--format", "json");
        Assert.Equal(CliApp.Ok, r.Code);
        var json = JsonNode.Parse(r.Out)!.AsObject();
        Assert.Equal(["geometric_db", "atmospheric_db", "pointing_db", "coupling_db", "detection_db", "cloud_db", "total_db", "transmittance"], json.Select(kv => kv.Key));
        // Hand values: 15.4689 (eq. 1-2 at 500 km, 10 µrad) + 2 + 2 + 3 + 3 + 3.0103 (eq. 3, α = 75).
        Assert.Equal(28.4792, json["total_db"]!.GetValue<double>(), 3);
        Assert.Null(JsonNode.Parse(Run("linkloss", "--range-km", "500", "--elevation-deg", "45", "--cloud-index", "150", "--format", "json").Out)!["total_db"]);
        AssertOneLineUserError(Run("linkloss", "--range-km", "500", "--elevation-deg", "95"), "--elevation-deg 95");
        AssertOneLineUserError(Run("linkloss", "--range-km", "500", "--elevation-deg", "45", "--divergence-urad", "0"), "--divergence-urad is 0");
    }

    [Fact]
    public void Keyrate_csv_rows_follow_the_loss_range()
    {
        var r = Run("keyrate", "--loss-db", "20:50:10", "--format", "csv");
        Assert.Equal(CliApp.Ok, r.Code);
        var lines = r.Out.Trim().Split('\n');
        Assert.Equal("loss_db,rate_bps", lines[0]);
        Assert.Equal(["20", "30", "40", "50"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal("0", lines[4].Split(',')[1]); // past the 42.99 dB cut-off
        AssertOneLineUserError(Run("keyrate", "--loss-db", "50:20:1"), "need FROM <= TO");
        AssertOneLineUserError(Run("keyrate", "--loss-db", "10", "--decoy-intensity", "0.6"), "must be below signal_intensity");
    }

    private string Scenario(string replace = "", string with = "")
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38", "scenario.yaml"))
            .Replace("../micius2016-china11/", Path.Combine(RepositoryPaths.Root(), "instances", "micius2016-china11") + "/")
            .Replace("end: 2016-09-26T00:00:00Z", "end: 2016-09-20T00:00:00Z");
        if (replace.Length > 0) text = text.Replace(replace, with);
        var path = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Precompute_writes_an_instance_the_solvers_read()
    {
        var outDir = Path.Combine(_dir, "week");
        var r = Run("precompute", Scenario(), "--out", outDir, "--format", "json");
        Assert.Equal(CliApp.Ok, r.Code);
        var summary = JsonNode.Parse(r.Out)!;
        Assert.True(summary["nonzeros"]!.GetValue<int>() > 0);
        Assert.Equal(["instance.yaml", "keys.csv", "geometry.csv"], new[] { "instance.yaml", "keys.csv", "geometry.csv" }.Where(f => File.Exists(Path.Combine(outDir, f))));
        Assert.Equal(8640, InstanceFiles.Read(outDir).IntervalCount);
        Assert.Equal(CliApp.Ok, Run("solve", outDir, "--solver", "dp", "--strategy", "gd").Code);
        Assert.NotEmpty(GeometryFiles.Read(Path.Combine(outDir, "geometry.csv")));
        // The committed set is 90.9 days from the period: said on stderr, once, before the work.
        Assert.Contains("warning: QSS (MICIUS) 2016-12-18 TLE epoch 2016-12-18 is 90.9 days after the period starts", r.Err);
    }

    /// <summary>
    /// A solve folder alone gives the mounts their angles: every row of pointing.csv is checked against a propagation of
    /// its own (the committed TLE, SGP4, the station's topocentric frame), and each contact's AOS/LOS azimuths and the
    /// time of its highest elevation in contacts.csv are the first, last and highest rows of that contact.
    /// </summary>
    [Fact]
    public void Pointing_follows_the_orbit_and_the_contacts_say_where_to_look()
    {
        var inst = Path.Combine(_dir, "day");
        Assert.Equal(CliApp.Ok, Run("precompute", Scenario(), "--out", inst).Code);
        var solve = Path.Combine(_dir, "solve");
        Assert.Equal(CliApp.Ok, Run("solve", inst, "--solver", "dp", "--out", solve).Code);
        var csv = Path.Combine(_dir, "pointing.csv");
        var r = Run("pointing", solve, "--out", csv);
        Assert.True(r.Code == CliApp.Ok, r.Err);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("utc,satellite,station,azimuth_deg,elevation_deg,range_km", lines[0]);
        Assert.True(lines.Length > 100);

        var set = QkdScheduler.Orbits.Tle.TleSelection.Choose(QkdScheduler.Orbits.Tle.TleReader.ReadFile(Micius("micius-41731.tle")), null,
            new DateTime(2016, 9, 19, 0, 0, 0, DateTimeKind.Utc), "tle").Set;
        var propagator = new QkdScheduler.Orbits.Sgp4.Sgp4Propagator(set.ToMeanElements());
        var sites = QkdScheduler.Orbits.Stations.StationFile.Read(Micius("china11.csv")).ToDictionary(x => x.Name);
        var start = new DateTime(2016, 9, 19, 0, 0, 0, DateTimeKind.Utc);
        var clock = new QkdScheduler.Orbits.Passes.SatelliteClock(propagator, start, "tle");
        foreach (var line in lines.Skip(1).Where((_, i) => i % 97 == 0))
        {
            var f = line.Split(',');
            Assert.True(TextFormat.TryParseUtc(f[0], out var utc));
            var look = new QkdScheduler.Orbits.Frames.Topocentric(sites[f[2]].Geodetic).Look(clock.SatelliteEcef((utc - start).TotalSeconds));
            Assert.Equal(look.AzimuthDeg, double.Parse(f[3], CultureInfo.InvariantCulture), 3);
            Assert.Equal(look.ElevationDeg, double.Parse(f[4], CultureInfo.InvariantCulture), 3);
            Assert.Equal(look.RangeKm, double.Parse(f[5], CultureInfo.InvariantCulture), 2);
            Assert.True(look.ElevationDeg >= 10, line);
            Assert.Equal(set.Name, f[1]);
        }

        // contacts.csv: satellite, then AOS/LOS azimuths and the highest elevation's time from the same seconds.
        var contacts = File.ReadAllLines(Path.Combine(solve, "contacts.csv"));
        var header = contacts[0].Split(',');
        var first = contacts[1].Split(',');
        string Column(string name) => first[Array.IndexOf(header, name)];
        Assert.Equal(set.Name, Column("satellite"));
        var rows = lines.Skip(1).Select(l => l.Split(',')).Where(x => x[2] == Column("stations")
            && string.CompareOrdinal(x[0], Column("start_utc")) >= 0 && string.CompareOrdinal(x[0], Column("end_utc")) < 0).ToList();
        Assert.NotEmpty(rows);
        Assert.Equal(double.Parse(rows[0][3], CultureInfo.InvariantCulture), double.Parse(Column("aos_azimuth_deg"), CultureInfo.InvariantCulture), 3);
        Assert.Equal(double.Parse(rows[^1][3], CultureInfo.InvariantCulture), double.Parse(Column("los_azimuth_deg"), CultureInfo.InvariantCulture), 3);
        Assert.Equal(rows.MaxBy(x => double.Parse(x[4], CultureInfo.InvariantCulture))![0], Column("max_elevation_utc"));
        var ics = File.ReadAllText(Directory.GetFiles(solve, "contacts-*.ics")[0]).Replace("\r\n ", "");
        Assert.Contains("AOS ", ics);
        Assert.Contains("highest elevation", ics);
        Assert.DoesNotContain("interval", ics);
    }

    [Fact]
    public void Precompute_refuses_elements_a_year_from_the_period_unless_allowed()
    {
        var outDir = Path.Combine(_dir, "old");
        string[] earlier = ["--set", "period.start=2015-09-19T00:00:00Z", "--set", "period.end=2015-09-19T06:00:00Z"];
        var e = Run(["precompute", Scenario(), "--out", outDir, .. earlier]);
        AssertOneLineUserError(e, "is 456.9 days after the period starts, more than 365 days");
        Assert.Contains("allow_old_elements: true", e.Err);
        Assert.False(Directory.Exists(outDir));
        var allowed = Run(["precompute", Scenario(), "--out", outDir, .. earlier, "--set", "satellite.allow_old_elements=true", "--format", "json"]);
        Assert.Equal(CliApp.Ok, allowed.Code);
        Assert.Contains("(allowed by allow_old_elements)", allowed.Err);
    }

    [Fact]
    public void Precompute_rejects_a_bad_scenario_before_writing_anything()
    {
        var outDir = Path.Combine(_dir, "never");
        AssertOneLineUserError(Run("precompute", Scenario("receiver_diameter_m: 1.2", "receiver_diameter_m: -1"), "--out", outDir),
            "scenario.yaml:31: receiver_diameter_m is -1; it must be a positive diameter in metres");
        Assert.False(Directory.Exists(outDir));
        AssertOneLineUserError(Run("precompute", Scenario("  divergence_urad: 10", "  divergence: 10"), "--out", outDir), "scenario.yaml:29: unknown key 'divergence'");
        AssertOneLineUserError(Run("precompute", Scenario(), "--out", outDir, "--set", "visibility.min_elevation_deg=90"), "(from --set visibility.min_elevation_deg=90)");
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Link_table_prints_the_table_2_layout()
    {
        var r = Run("link-table", Scenario(), "--divergence-urad", "1,10");
        Assert.Equal(CliApp.Ok, r.Code);
        var lines = r.Out.Trim().Split('\n');
        Assert.StartsWith("| orbit | altitude (km) | total visible duration (s) | divergence (µrad) | Urumqi |", lines[0]);
        Assert.Equal(4, lines.Length); // header, rule, 1 µrad, 10 µrad
        var csv = Run("link-table", Scenario(), "--format", "csv");
        Assert.StartsWith("scenario,altitude_km,divergence_urad,visible_s,station,samples,min_db,max_db\n", csv.Out);
        Assert.Equal(12, csv.Out.Trim().Split('\n').Length); // 11 stations at the scenario's 10 µrad
        AssertOneLineUserError(Run("link-table", Scenario(), "--divergence-urad", "1,0"), "--divergence-urad: '0' is not valid; it must be a positive angle in microradians");
    }

    [Fact]
    public void Mip_options_write_the_model_and_take_a_warm_start()
    {
        var model = Path.Combine(_dir, "model.mps");
        var r = Run("solve", Instance(), "--solver", "mip", "--strategy", "gd", "--warm-start", "dp", "--write-model", model, "--format", "json");
        Assert.Equal(CliApp.Ok, r.Code);
        Assert.Equal("optimal", JsonNode.Parse(r.Out)!["status"]!.GetValue<string>());
        Assert.StartsWith("* ", File.ReadAllText(model));
        AssertOneLineUserError(Run("solve", Instance(), "--solver", "mip", "--gap", "1.5"), "--gap must be at least 0 and below 1");
        AssertOneLineUserError(Run("solve", Instance(), "--solver", "mip", "--warm-start", "ga"), "Argument 'ga' not recognized");
        AssertOneLineUserError(Run("solve", Instance(), "--solver", "mip", "--write-model", Path.Combine(_dir, "model.txt")), "must end in .lp");
        AssertOneLineUserError(Run("solve", Instance(), "--solver", "dp", "--write-model", model), "--write-model needs --solver mip");
        AssertOneLineUserError(Run("solve", Instance(), "--solver", "mip", "--solver-option", "log-level=loud"), "log-level=loud");
    }

    private static string PairScenario(string name) => Path.Combine(RepositoryPaths.Root(), "instances", name, "scenario.yaml");

    /// <summary>Seed 004 Fig. 7 values from the calculators (the equations are pinned in the KeyRates tests).</summary>
    [Fact]
    public void FiniteKeyAndChsh_CalculatorsPrintCsvOverRanges()
    {
        var key = Run("finitekey", "--pairs", "1e4:1e6:x10", "--qber", "0.05", "--format", "csv");
        Assert.Equal(0, key.Code);
        var lines = key.Out.Trim().Split('\n');
        Assert.Equal("qber,pairs,sifted_pairs,test_pairs,mu,leak_ec_bits,secret_bits,min_pairs_for_key", lines[0]);
        Assert.Equal(4, lines.Length); // 1e4, 1e5, 1e6
        Assert.StartsWith("0.05,10000,2500,2500,", lines[1]);
        Assert.EndsWith(",0,14933.67", lines[1][..(lines[1].LastIndexOf('.') + 3)]);

        var bell = JsonNode.Parse(Run("chsh", "--pairs", "290", "--qber", "0.05:0.15:0.1", "--format", "json").Out)!["points"]!.AsArray();
        Assert.Equal(2, bell.Count);
        Assert.Equal(1, (double)bell[0]!["violates"]!);   // 290 pairs violate at 5 % (Fig. 7b: "a minimum of 290")
        Assert.Null(bell[1]!["min_pairs_for_violation"]); // nothing violates at 15 % > 14.6 %
    }

    [Fact]
    public void FiniteKeyAndChsh_RejectBadRanges()
    {
        AssertOneLineUserError(Run("finitekey", "--qber", "0.5"), "--qber '0.5': 0.5 is out of range");
        AssertOneLineUserError(Run("chsh", "--pairs", "1e3:1e8:x1"), "the factor after x must be above 1");
        AssertOneLineUserError(Run("chsh", "--pairs", "abc"), "'abc' is not a number");
        AssertOneLineUserError(Run("finitekey", "--epsilon-sec", "2"), "--epsilon-sec is 2; it must be a probability strictly between 0 and 1");
    }

    /// <summary>
    /// A pair scenario precomputes into a normal instance (nodes are station pairs, K in pairs) that every solver
    /// runs on; result.json adds each pair's finite key and S − 3ΔS computed from its total.
    /// </summary>
    [Fact]
    public void PairScenario_PrecomputesSolvesAndReportsFiniteKey()
    {
        var instance = Path.Combine(_dir, "pairs");
        var pre = Run("precompute", PairScenario("transatlantic-meo-3pairs"), "--out", instance, "--set", "period.end=2026-03-18T00:00:00Z");
        Assert.Equal(0, pre.Code);
        var problem = InstanceFiles.Read(instance);
        Assert.Equal("pairs", problem.KeyUnit);
        Assert.Equal(["Waterloo|Berlin", "Ottawa|London", "Waterloo|Madrid"], problem.Nodes.Select(n => n.Id));
        Assert.All(problem.Nodes, n => Assert.InRange(n.Qber!.Value, 0.0, 0.5));
        Assert.Equal(0.5, problem.FiniteKey["basis_probability"]);

        var solved = Path.Combine(_dir, "solved");
        Assert.Equal(0, Run("solve", instance, "--solver", "dp", "--strategy", "pd", "--out", solved).Code);
        var result = JsonNode.Parse(File.ReadAllText(Path.Combine(solved, "result.json")))!;
        var wb = result["per_node_entanglement"]!["Waterloo|Berlin"]!;
        var pairs = (double)result["per_node"]!["Waterloo|Berlin"]!;
        Assert.Equal(pairs, (double)wb["pairs"]!);
        var qber = (double)wb["qber"]!;
        // S − 3ΔS by eq. (12) from the delivered total, by hand: V = 1 − 2Q.
        var v = 1 - 2 * qber;
        Assert.Equal(2 * Math.Sqrt(2) * v - 12 * Math.Sqrt((1 - v * v / 2) / pairs), (double)wb["bell_s_minus_3ds"]!, 9);
    }

    [Fact]
    public void Entanglement_WritesTable1AndTheBestPass()
    {
        var dir = Path.Combine(_dir, "t1");
        var r = Run("entanglement", PairScenario("transatlantic-meo"), "--set", "period.end=2026-01-03T00:00:00Z", "--out", dir, "--format", "json");
        Assert.Equal(0, r.Code);
        var pair = JsonNode.Parse(r.Out)!["pairs"]![0]!;
        Assert.True((double)pair["access_s_per_year"]! > 0);
        var table = File.ReadAllLines(Path.Combine(dir, "table1.csv"));
        Assert.Equal(string.Join(',', EntanglementCommand.TableColumns), table[0]);
        Assert.StartsWith("transatlantic-meo+period.end=2026-01-03T00:00:00Z,Waterloo|Berlin,", table[1]);
        var pass = File.ReadAllLines(Path.Combine(dir, "best-pass-Waterloo-Berlin.csv"));
        Assert.Equal(EntanglementCommand.BestPassHeader, pass[0]);
        Assert.True(pass.Length > 100);
    }

    [Fact]
    public void PairScenario_BadValueIsOneLineWithFileAndLine()
    {
        var text = File.ReadAllText(PairScenario("transatlantic-meo")).Replace("../transatlantic2026/", Path.Combine(RepositoryPaths.Root(), "instances", "transatlantic2026") + "/")
            .Replace("- {a: Waterloo, b: Berlin}", "- {a: Waterloo, b: Atlantis}");
        var path = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(path, text);
        AssertOneLineUserError(Run("entanglement", path), "station 'Atlantis' is not in the stations file");
        AssertOneLineUserError(Run("precompute", path, "--out", Path.Combine(_dir, "x")), "bad.yaml:");
    }

    /// <summary>
    /// Seed 004 Fig. 9 from the command line: r₀ 5.8 → 8.8 cm from 30° to zenith (±0.1 cm, the paper prints two digits);
    /// 1 m coupling "4 % to 17 %" by eq. 18 (±1 %), 30 cm "66 % … 73 %" by eq. 16 (±0.5 %).
    /// </summary>
    [Fact]
    public void Coupling_PrintsFigure9()
    {
        double[][] Rows(params string[] args) => Run(["coupling", "--elevation-deg", "30:90:60", "--format", "csv", .. args]).Out
            .Trim().Split('\n').Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var metre = Rows();
        Assert.Equal(5.8, metre[0][1], 0.1);
        Assert.Equal(8.8, metre[1][1], 0.1);
        Assert.Equal(0.04, metre[0][4], 0.01);
        Assert.Equal(0.17, metre[1][4], 0.01);
        var small = Rows("--aperture-m", "0.3");
        Assert.Equal(0.66, small[0][3], 0.005);
        Assert.Equal(0.73, small[1][3], 0.005);
    }
}
