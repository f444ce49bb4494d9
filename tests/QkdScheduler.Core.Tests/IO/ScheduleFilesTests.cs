using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.Testing;

namespace QkdScheduler.Core.Tests.IO;

public sealed class ScheduleFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WriteThenRead_KeepsContactsAndWritesTimesAndBits()
    {
        var p = TestProblems.FromDense([[1.0, 0], [2.0, 5], [0, 7], [0, 0]], 0);
        var path = Path.Combine(_dir, "schedule.csv");
        var schedule = new Schedule([new Contact("A", 0, 1), new Contact("B", 2, 2)]);
        ScheduleFiles.WriteSchedule(p, schedule, path);

        Assert.Equal(schedule.Contacts, ScheduleFiles.ReadSchedule(path).Contacts);
        // Interval length is 10 s from 2020-01-01T00:00:00Z; bits of A over 0..1 = 1 + 2.
        Assert.Equal(
            "node,first_interval,last_interval,start_utc,end_utc,bits\n" +
            "A,0,1,2020-01-01T00:00:00.000Z,2020-01-01T00:00:20.000Z,3\n" +
            "B,2,2,2020-01-01T00:00:20.000Z,2020-01-01T00:00:30.000Z,7\n",
            File.ReadAllText(path));
    }

    [Fact]
    public void ReadSchedule_BadInterval_NamesLine()
    {
        var path = Path.Combine(_dir, "schedule.csv");
        File.WriteAllText(path, "node,first_interval,last_interval,start_utc,end_utc,bits\nA,0,1\nB,two,3\n");
        var e = Assert.Throws<InputException>(() => ScheduleFiles.ReadSchedule(path));
        Assert.Equal(3, e.Line);
        Assert.Contains("first_interval", e.Reason);
    }
}
