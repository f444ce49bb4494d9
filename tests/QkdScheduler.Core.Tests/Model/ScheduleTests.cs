using QkdScheduler.Core.Model;
using QkdScheduler.Testing;

namespace QkdScheduler.Core.Tests.Model;

public class ScheduleTests
{
    [Fact]
    public void FromAssignments_MergesConsecutiveSameNodeIntervalsOnly()
    {
        var p = TestProblems.FromDense(Enumerable.Range(0, 8).Select(_ => new[] { 1.0, 1.0 }).ToArray(), 0);
        var s = Schedule.FromAssignments(p, [new(0, 0), new(1, 0), new(3, 0), new(4, 1), new(5, 1)]);
        Assert.Equal([new Contact("A", 0, 1), new Contact("A", 3, 3), new Contact("B", 4, 5)], s.Contacts);
    }
}
