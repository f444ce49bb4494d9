using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.Testing;

namespace QkdScheduler.Core.Tests.Constellation;

/// <summary>instance.yaml, keys.csv and schedule.csv in their constellation form: round trips and one-line refusals of mixed forms.</summary>
public sealed class ConstellationFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Yaml = """
        format: qkdsched-instance/1
        name: fleet
        start: 2020-01-01T00:00:00Z
        interval_seconds: 10
        intervals: 4
        switch_intervals: 1
        nodes:
          - id: A
            stations: [X]
            weight: 1
            share: 1
          - id: P
            stations: [X, Y]
            weight: 1
            share: 1
        satellites:
          - id: micius
          - id: sso-1
        stations:
          - id: X
            receivers: 2
        station_switch_intervals: 3
        """;

    private const string Keys = "interval,satellite,node,bits\n0,micius,A,5\n0,sso-1,A,7\n2,sso-1,P,1.5\n";

    private string Write(string yaml, string keys)
    {
        File.WriteAllText(Path.Combine(_dir, "instance.yaml"), yaml);
        File.WriteAllText(Path.Combine(_dir, "keys.csv"), keys);
        return _dir;
    }

    private InputException Fails(string yaml, string keys) => Assert.Throws<InputException>(() => InstanceFiles.Read(Write(yaml, keys)));

    [Fact]
    public void Reads_satellites_receivers_and_per_satellite_keys()
    {
        var p = InstanceFiles.Read(Write(Yaml, Keys));
        Assert.True(p.IsConstellation);
        Assert.Equal(["micius", "sso-1"], p.Constellation!.Satellites);
        Assert.Equal(2, p.Constellation.Receivers("X"));
        Assert.Equal(1, p.Constellation.Receivers("Y"));
        Assert.Equal(3, p.Constellation.StationSwitchIntervals);
        Assert.Equal(5, p.KeysOf(0)[0, 0]);
        Assert.Equal(7, p.KeysOf(1)[0, 0]);
        Assert.Equal(1.5, p.KeysOf(1)[2, 1]);
        Assert.Equal(3, p.NonZeroCount);
        Assert.Throws<InvalidOperationException>(() => p.Keys);
    }

    [Fact]
    public void Write_then_read_gives_the_same_instance_and_files()
    {
        var p = InstanceFiles.Read(Write(Yaml, Keys));
        var copy = Path.Combine(_dir, "copy");
        InstanceFiles.Write(p, copy);
        Assert.Equal(Keys, File.ReadAllText(Path.Combine(copy, "keys.csv")));
        var again = InstanceFiles.Read(copy);
        Assert.Equal(p.Constellation!.Satellites, again.Constellation!.Satellites);
        Assert.Equal(p.Constellation.Stations, again.Constellation.Stations);
        Assert.Equal(p.Constellation.StationSwitchIntervals, again.Constellation.StationSwitchIntervals);
        for (var s = 0; s < 2; s++) Assert.Equal(p.KeysOf(s).Entries(), again.KeysOf(s).Entries());
    }

    [Fact]
    public void Schedule_round_trip_keeps_the_satellite_column()
    {
        var p = InstanceFiles.Read(Write(Yaml, Keys));
        var schedule = new Schedule([new("A", 0, 0, "micius"), new("P", 2, 2, "sso-1")]);
        var path = Path.Combine(_dir, "schedule.csv");
        ScheduleFiles.WriteSchedule(p, schedule, path);
        var lines = File.ReadAllLines(path);
        Assert.Equal("satellite,node,first_interval,last_interval,start_utc,end_utc,bits", lines[0]);
        Assert.Equal("micius,A,0,0,2020-01-01T00:00:00.000Z,2020-01-01T00:00:10.000Z,5", lines[1]);
        Assert.Equal("sso-1,P,2,2,2020-01-01T00:00:20.000Z,2020-01-01T00:00:30.000Z,1.5", lines[2]);
        Assert.Equal(schedule.Contacts, ScheduleFiles.ReadSchedule(path, p).Contacts);
    }

    [Fact]
    public void Keys_without_a_satellite_column_are_refused_for_a_constellation() =>
        Assert.Equal("keys.csv:1: header 'interval,node,bits' has no satellite column but instance.yaml lists satellites: use 'interval,satellite,node,bits'",
            Relative(Fails(Yaml, "interval,node,bits\n0,A,5\n")));

    [Fact]
    public void Keys_with_a_satellite_column_are_refused_without_satellites()
    {
        var one = Yaml[..Yaml.IndexOf("satellites:", StringComparison.Ordinal)];
        Assert.StartsWith("keys.csv:1: header 'interval,satellite,node,bits' has a satellite column but instance.yaml lists no satellites", Relative(Fails(one, Keys)));
    }

    [Fact]
    public void Receivers_without_satellites_and_unknown_ids_name_their_line()
    {
        var one = Yaml[..Yaml.IndexOf("satellites:", StringComparison.Ordinal)] + "station_switch_intervals: 2\n";
        Assert.Contains("station_switch_intervals belongs to a constellation instance", Fails(one, "interval,node,bits\n").Message);
        var e = Fails(Yaml, Keys.Replace("sso-1,P", "sso-9,P"));
        Assert.Equal(4, e.Line);
        Assert.Contains("unknown satellite 'sso-9'", e.Message);
        var station = Fails(Yaml.Replace("  - id: X\n    receivers: 2", "  - id: Z\n    receivers: 2"), Keys);
        Assert.Contains("station 'Z' is not a station of any node", station.Message);
        Assert.Contains("receivers", Fails(Yaml.Replace("receivers: 2", "receivers: 0"), Keys).Message);
    }

    [Fact]
    public void A_schedule_of_the_other_form_is_refused_on_its_header()
    {
        var p = InstanceFiles.Read(Write(Yaml, Keys));
        var path = Path.Combine(_dir, "old.csv");
        File.WriteAllText(path, "node,first_interval,last_interval\nA,0,0\n");
        var e = Assert.Throws<InputException>(() => ScheduleFiles.ReadSchedule(path, p));
        Assert.Equal(1, e.Line);
        Assert.Contains("no satellite column but the instance is a constellation of 2 satellites", e.Message);
        File.WriteAllText(path, "satellite,node,first_interval,last_interval\n,A,0,0\n");
        Assert.Contains("satellite is empty", Assert.Throws<InputException>(() => ScheduleFiles.ReadSchedule(path, p)).Message);
        Assert.Contains("names satellites", Assert.Throws<InputException>(() => ScheduleFiles.ReadSchedule(path, TestProblems.AThenB())).Message);
    }

    private string Relative(InputException e) => e.Message.Replace(_dir + Path.DirectorySeparatorChar, "");
}
