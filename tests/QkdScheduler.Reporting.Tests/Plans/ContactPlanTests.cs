using System.Text;
using Ical.Net;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.Reporting.Plans;
using QkdScheduler.Testing;

namespace QkdScheduler.Reporting.Tests.Plans;

public class ContactPlanTests
{
    /// <summary>
    /// A pays 1..4 in intervals 0..3, B pays 7 in 5..6 (S = 0, Δt = 10 s from 2020-01-01). The schedule serves A in
    /// 0..1 and again in 2..3 (two pieces of one run) and B in 5..6.
    /// </summary>
    private static (Problem, Schedule) Tiny()
    {
        var k = new[] { new[] { 1.0, 0 }, [2.0, 0], [3.0, 0], [4.0, 0], [0.0, 0], [0.0, 7], [0.0, 7] };
        var p = TestProblems.FromDense(k, 0);
        return (p, new Schedule([new Contact("A", 0, 1), new Contact("A", 2, 3), new Contact("B", 5, 6)]));
    }

    private static readonly GeometryRow[] TinyGeometry =
    [
        new(0, "A", 10, 900, 40, 0, AzimuthDeg: 300), new(1, "A", 25.5, 700, 38, 0, AzimuthDeg: 350), new(3, "A", 20, 750, 39, 0, AzimuthDeg: 20),
        new(5, "B", 50, 500, 30, 0),
    ];

    /// <summary>
    /// Hand-written expectation: one row per maximal run, keys summed by hand (1+2+3+4 = 10, 7+7 = 14), B's range only from
    /// interval 5; A's AOS azimuth from its first visible interval (300°) and LOS from its last (20°); no orbit recorded,
    /// so no satellite name and no times of the highest elevation.
    /// </summary>
    [Fact]
    public void Csv_merges_pieces_of_a_run_and_sums_keys_and_geometry_by_hand()
    {
        var (p, schedule) = Tiny();
        var plan = ContactPlan.Build(p, schedule, TinyGeometry);
        const string expected =
            "satellite,node,stations,first_interval,last_interval,start_utc,end_utc,duration_s,keys,max_elevation_deg,min_range_km,aos_azimuth_deg,los_azimuth_deg,max_elevation_utc\n" +
            ",A,A,0,3,2020-01-01T00:00:00.000Z,2020-01-01T00:00:40.000Z,40,10,25.5,700,300,20,\n" +
            ",B,B,5,6,2020-01-01T00:00:50.000Z,2020-01-01T00:01:10.000Z,20,14,50,500,,,\n";
        Assert.Equal(expected, ContactPlanFiles.Csv(plan));
    }

    [Fact]
    public void Without_geometry_the_elevation_and_range_are_empty()
    {
        var (p, schedule) = Tiny();
        Assert.EndsWith(",40,10,,,,,\n,B,B,5,6,2020-01-01T00:00:50.000Z,2020-01-01T00:01:10.000Z,20,14,,,,,\n", ContactPlanFiles.Csv(ContactPlan.Build(p, schedule, null)));
    }

    /// <summary>The plan stands for exactly the schedule it came from: rebuilt, it serves the same intervals and the validator accepts it.</summary>
    [Fact]
    public void The_plan_rebuilds_the_schedule()
    {
        var (p, schedule) = Tiny();
        var rebuilt = ContactPlan.Build(p, schedule, null).ToSchedule();
        Assert.True(Validator.Check(p, rebuilt).IsValid);
        Assert.Equal(schedule.ServedAssignments(p), rebuilt.ServedAssignments(p));
    }

    /// <summary>
    /// Ical.Net (an independent RFC 5545 reader) loads each station's file: one event per contact with the times in UTC,
    /// the expected key in the description; every line ends in CRLF and is at most 75 octets (RFC 5545 §3.1).
    /// </summary>
    [Fact]
    public void Each_station_calendar_parses_with_a_standard_reader()
    {
        var (p, schedule) = Tiny();
        var plan = ContactPlan.Build(p, schedule, TinyGeometry);
        var files = ContactPlanFiles.CalendarFiles(plan);
        Assert.Equal([("contacts-A.ics", "A"), ("contacts-B.ics", "B")], files);
        var text = ContactCalendar.Render(plan, "A", new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc));
        var calendar = Calendar.Load(text)!;
        var e = Assert.Single(calendar.Events);
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), e.DtStart!.AsUtc);
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 40, DateTimeKind.Utc), e.DtEnd!.AsUtc);
        Assert.Equal("A tracks the satellite from 2020-01-01 00:00:00 to 2020-01-01 00:00:40 UTC (40 s).\n" +
                     "AOS at azimuth 300°, highest elevation 25.5°, LOS at azimuth 20°; closest range 700 km.\n" +
                     "Expected key: 10 bits.", e.Description);
        Assert.Equal("QKD A ← the satellite: 10 bits", e.Summary);
        Assert.DoesNotContain("interval", e.Description);
        Assert.Equal("A", e.Location);
        AssertContentLines(text);
    }

    /// <summary>Long text with ';', ',' and a multi-byte name survives Ical.Net's folding and escaping (RFC 5545 §3.1, §3.3.11).</summary>
    [Fact]
    public void Folding_and_escaping_round_trip()
    {
        var station = "Ürümqi; Xinjiang, station with a deliberately long name to force folding of the content lines";
        var k = new[] { new[] { 5.0 } };
        var p = new Problem("inst", TestProblems.Start, 10, 0, [new Node("Ürümqi", [station], 1, 1)],
            KeyMatrix.FromEntries(1, 1, [new KeyEntry(0, 0, k[0][0])]));
        var plan = ContactPlan.Build(p, new Schedule([new Contact("Ürümqi", 0, 0)]), null);
        var text = ContactCalendar.Render(plan, station, TestProblems.Start);
        AssertContentLines(text);
        var e = Assert.Single(Calendar.Load(text)!.Events);
        Assert.Equal(station, e.Location);
        Assert.StartsWith(station + " tracks", e.Description);
        // Escaped in the file as RFC 5545 §3.3.11 asks: "\;" and "\,".
        Assert.Contains("Ürümqi\\; Xinjiang\\, station", text.Replace("\r\n ", ""));
        // Letters of any script stay readable in the file name; punctuation and spaces become '-'.
        Assert.Equal("contacts-Ürümqi--Xinjiang--station-with-a-deliberately-long-name-to-force-folding-of-the-content-lines.ics",
            Assert.Single(ContactPlanFiles.CalendarFiles(plan)).File);
    }

    [Theory]
    [InlineData(1_238_400, "bits", "1,238,400 bits (1.24 Mbit)")]
    [InlineData(999, "bits", "999 bits")]
    [InlineData(45_600, "bits", "45,600 bits (45.6 kbit)")]
    [InlineData(2.5e9, "bits", "2,500,000,000 bits (2.5 Gbit)")]
    [InlineData(12_345, "pairs", "12,345 pairs")]
    public void The_key_reads_with_its_unit(double keys, string unit, string expected) => Assert.Equal(expected, ContactCalendar.Key(keys, unit));

    private static void AssertContentLines(string text)
    {
        Assert.EndsWith("\r\n", text);
        foreach (var line in text[..^2].Split("\r\n"))
        {
            Assert.DoesNotContain('\n', line);
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"line over 75 octets: {line}");
        }
    }
}
