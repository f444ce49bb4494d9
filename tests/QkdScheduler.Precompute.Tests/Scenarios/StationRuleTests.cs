using QkdScheduler.Core;
using QkdScheduler.Core.IO;
using QkdScheduler.Precompute.Pipeline;
using QkdScheduler.Precompute.Scenarios;
using QkdScheduler.Testing;

namespace QkdScheduler.Precompute.Tests.Scenarios;

/// <summary>Per-station rules: the horizon mask, minimum elevation and outages, with hand-computed cases and the precompute.</summary>
public sealed class StationRuleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-rules-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly DateTime Start = new(2016, 9, 19, 0, 0, 0, DateTimeKind.Utc);

    private static StationRule Horizon(params (double, double)[] points) => new(null, points.OrderBy(p => p.Item1).ToList(), []);

    /// <summary>
    /// Points (0°, 10°), (90°, 20°), (270°, 0°), linear between neighbours and wrapping through 360°: at 45° halfway from 10
    /// to 20 = 15; at 180° halfway from 20 to 0 = 10; at 315° halfway from 0 (at 270) to 10 (at 360) = 5; at 359°, 89/90 of
    /// the way = 9.888…; at a point, its value.
    /// </summary>
    [Theory]
    [InlineData(45, 15)]
    [InlineData(180, 10)]
    [InlineData(315, 5)]
    [InlineData(359, 890.0 / 90)]
    [InlineData(0, 10)]
    [InlineData(90, 20)]
    [InlineData(270, 0)]
    [InlineData(360, 10)]
    public void The_horizon_is_linear_between_points_and_wraps(double azimuth, double expected) =>
        Assert.Equal(expected, Horizon((0, 10), (90, 20), (270, 0)).HorizonDeg(azimuth), 9);

    /// <summary>Points not at 0°: (100°, 30°) and (200°, 10°); at 0° the wrap from 200° to 460° is (0 + 360 − 200)/260 of the way: 10 + 20·160/260.</summary>
    [Fact]
    public void The_wrap_covers_azimuths_before_the_first_point()
    {
        var h = Horizon((100, 30), (200, 10));
        Assert.Equal(10 + 20.0 * 160 / 260, h.HorizonDeg(0), 9);
        Assert.Equal(20, h.HorizonDeg(150), 9);
        Assert.Equal(7, Horizon((123, 7)).HorizonDeg(300));
        Assert.False(h.Clears(29, 100));
        Assert.True(h.Clears(30, 100));
        Assert.False(new StationRule(40, [], []).Clears(39.9, 0));
    }

    [Fact]
    public void An_outage_removes_what_overlaps_it()
    {
        var r = new StationRule(null, [], [new Outage(Start.AddSeconds(10), Start.AddSeconds(20))]);
        Assert.False(r.IsOut(Start.AddSeconds(9), Start.AddSeconds(10)));   // ends where the outage starts
        Assert.True(r.IsOut(Start.AddSeconds(9.5), Start.AddSeconds(10.5)));
        Assert.True(r.IsOut(Start.AddSeconds(19), Start.AddSeconds(20)));
        Assert.False(r.IsOut(Start.AddSeconds(20), Start.AddSeconds(21))); // starts where it ends
    }

    private string File(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>
    /// A daily one-hour maintenance window by RRULE in London time (BST, UTC+1 in September): 10:00–11:00 local is
    /// 09:00–10:00 UTC, on each of the three days of the period; and a one-off event in UTC.
    /// </summary>
    [Fact]
    public void An_ics_file_gives_every_repetition_in_utc()
    {
        var ics = File("maintenance.ics", string.Join("\r\n",
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
            "BEGIN:VEVENT", "UID:daily@test", "DTSTAMP:20160901T000000Z", "SUMMARY:daily maintenance",
            "DTSTART;TZID=Europe/London:20160918T100000", "DTEND;TZID=Europe/London:20160918T110000", "RRULE:FREQ=DAILY", "END:VEVENT",
            "BEGIN:VEVENT", "UID:once@test", "DTSTAMP:20160901T000000Z", "SUMMARY:mirror cleaning",
            "DTSTART:20160920T120000Z", "DTEND:20160920T123000Z", "END:VEVENT",
            "END:VCALENDAR", ""));
        var outages = StationRule.ReadOutages(ics, Start, Start.AddDays(3)).OrderBy(o => o.StartUtc).ToList();
        Assert.Equal(
            [
                new Outage(Start.AddHours(9), Start.AddHours(10)),
                new Outage(Start.AddDays(1).AddHours(9), Start.AddDays(1).AddHours(10)),
                new Outage(Start.AddDays(1).AddHours(12), Start.AddDays(1).AddHours(12.5)),
                new Outage(Start.AddDays(2).AddHours(9), Start.AddDays(2).AddHours(10)),
            ],
            outages.Where(o => o.EndUtc > Start));
    }

    /// <summary>
    /// A time without a zone (floating, RFC 5545 §3.3.5 form 1) is read as UTC, not as this machine's zone; overlapping
    /// outages are joined (10:00–12:30 and 11:00–13:00 are 10:00–13:00, which overlaps the period from 12:00).
    /// </summary>
    [Fact]
    public void Floating_times_are_utc_and_overlaps_are_joined()
    {
        var ics = File("floating.ics", string.Join("\r\n",
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
            "BEGIN:VEVENT", "UID:a@test", "DTSTAMP:20160901T000000Z", "DTSTART:20160919T100000", "DTEND:20160919T123000", "END:VEVENT",
            "BEGIN:VEVENT", "UID:b@test", "DTSTAMP:20160901T000000Z", "DTSTART:20160919T110000Z", "DTEND:20160919T130000Z", "END:VEVENT",
            "END:VCALENDAR", ""));
        Assert.Equal(new Outage(Start.AddHours(10), Start.AddHours(12.5)), StationRule.ReadOutages(ics, Start, Start.AddDays(1)).OrderBy(o => o.StartUtc).First());
        var path = Scenario($"""
              rules:
                Beijing:
                  outages_file: {ics}
            """);
        var rule = ScenarioFile.Read(path).StationRules["Beijing"];
        Assert.Equal([new Outage(Start.AddHours(10), Start.AddHours(13))], rule.Outages);
        Assert.True(rule.IsOut(Start.AddHours(12.5), Start.AddHours(12.6)));
        Assert.False(rule.IsOut(Start.AddHours(13), Start.AddHours(14)));
    }

    [Fact]
    public void Bad_outage_files_are_refused_with_the_file_and_line()
    {
        var csv = File("out.csv", "start_utc,end_utc,reason\n2016-09-19T01:00:00Z,2016-09-19T02:00:00Z,ok\n2016-09-19T03:00:00Z,2016-09-19 04:00,bad\n");
        var e = Assert.Throws<InputException>(() => StationRule.ReadOutages(csv, Start, Start.AddDays(1)));
        Assert.Equal(3, e.Line);
        Assert.Contains("end_utc '2016-09-19 04:00' is not an ISO 8601 UTC time", e.Message);
        var backwards = File("back.csv", "start_utc,end_utc\n2016-09-19T05:00:00Z,2016-09-19T04:00:00Z\n");
        Assert.Contains("must be after start_utc", Assert.Throws<InputException>(() => StationRule.ReadOutages(backwards, Start, Start.AddDays(1))).Message);
        var missing = File("cols.csv", "from,to\n");
        Assert.Contains("lacks the column(s) start_utc, end_utc", Assert.Throws<InputException>(() => StationRule.ReadOutages(missing, Start, Start.AddDays(1))).Message);
        var garbage = File("bad.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:notatime\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        var ics = Assert.Throws<InputException>(() => StationRule.ReadOutages(garbage, Start, Start.AddDays(1)));
        Assert.StartsWith(garbage, ics.Message);
        Assert.DoesNotContain("\n", ics.Message);
        Assert.Contains("iCalendar file (.ics) or a CSV", Assert.Throws<InputException>(() => StationRule.ReadOutages(File("x.txt", ""), Start, Start.AddDays(1))).Message);
    }

    private static string Inputs(string file) => Path.Combine(RepositoryPaths.Root(), "instances", "micius2016-china11", file);

    private string Scenario(string rules) => File("scenario.yaml", $"""
        format: qkdsched-scenario/1
        name: rules
        period:
          start: 2016-09-19T12:00:00Z
          end: 2016-09-20T00:00:00Z
        satellite:
          tle: {Inputs("micius-41731.tle")}
        stations:
          file: {Inputs("china11.csv")}
        {rules}
        visibility:
          min_elevation_deg: 10
          night: sun-below:-6
        link:
          model: gaussian-beam
          divergence_urad: 10
          receiver_diameter_m: 1.2
        protocol:
          model: decoy-bb84
        """);

    private static PrecomputeResult Build(string path)
    {
        var s = ScenarioFile.Read(path);
        return KeyMatrixBuilder.Build(s, VisibilitySampler.Sample(s));
    }

    /// <summary>
    /// Rules on one station change only it: every other station's keys stay bit for bit; its own samples all clear the
    /// rules (elevation, and none inside the outage), and a sample-free hour in the outage follows from the outage alone.
    /// </summary>
    [Fact]
    public void Rules_change_only_the_named_station()
    {
        var plain = Build(Scenario(""));
        var free = plain.Problem;
        var beijing = free.Nodes.ToList().FindIndex(n => n.Id == "Beijing");
        var baseline = free.Keys.TotalPerNode();
        Assert.True(baseline[beijing] > 0, "the half day needs Beijing passes for this test");
        // An outage over the first Beijing pass, and a 30° mask.
        var firstPass = plain.Visibility.Passes.First(p => p.Station == "Beijing");
        var ruled = Build(Scenario($"""
              rules:
                Beijing:
                  min_elevation_deg: 30
                  outages: [{"{"}start: {TextFormat.Utc(firstPass.Aos)}, end: {TextFormat.Utc(firstPass.Los)}{"}"}]
            """));
        var after = ruled.Problem.Keys.TotalPerNode();
        for (var n = 0; n < baseline.Length; n++)
            if (n != beijing) Assert.Equal(baseline[n], after[n]);
        Assert.True(after[beijing] < baseline[beijing]);
        var samples = ruled.Visibility.Samples.Where(x => x.Station == beijing).ToList();
        Assert.All(samples, x => Assert.True(x.ElevationDeg >= 30));
        var h = 1.0;
        Assert.DoesNotContain(samples, x => Start.AddHours(12).AddSeconds(x.Step * h) < firstPass.Los && firstPass.Aos < Start.AddHours(12).AddSeconds((x.Step + 1) * h));
        // The other stations' geometry is unchanged too, and every row has an azimuth.
        Assert.Equal(plain.Geometry.Where(g => g.Station != "Beijing"), ruled.Geometry.Where(g => g.Station != "Beijing"));
        Assert.All(ruled.Geometry, g => Assert.InRange(g.AzimuthDeg!.Value, 0, 360));
        Assert.Contains("Beijing: elevation >= 30 deg, 1 outages", ruled.Problem.Provenance["station_rules"]);
    }

    [Theory]
    [InlineData("Peking:\n      min_elevation_deg: 20", "station 'Peking' is not in the stations file")]
    [InlineData("Beijing:\n      horizon: [[400, 10]]", "horizon azimuth 400 must be within 0")]
    [InlineData("Beijing:\n      horizon: [[10, 10], [10, 20]]", "horizon azimuth 10 is given twice")]
    [InlineData("Beijing:\n      horizon: [[10]]", "each horizon entry must be a list of 2 numbers")]
    [InlineData("Beijing:\n      outages: [{start: 2016-09-19T13:00:00Z, end: 2016-09-19T12:00:00Z}]", "must be after its start")]
    [InlineData("Beijing: {}", "has no rules")]
    [InlineData("Beijing:\n      min_elevation: 20", "unknown key 'min_elevation'")]
    public void Bad_rules_are_refused_in_one_line(string rule, string expected)
    {
        var e = Assert.Throws<InputException>(() => ScenarioFile.Read(Scenario("  rules:\n    " + rule)));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }
}
