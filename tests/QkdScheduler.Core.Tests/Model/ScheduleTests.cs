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

    [Fact]
    public void ServedAssignments_KeepsOnlyIntervalsWithKeys_InTimeOrder()
    {
        // A has K in 0, 1 and 3; B in 2. Contacts: B 2..2, A 0..3 (interval 2 has no K for A), Z unknown.
        var k = new[] { new[] { 1.0, 0 }, [1.0, 0], [0.0, 5], [1.0, 0] };
        var p = TestProblems.FromDense(k, 0);
        var schedule = new Schedule([new Contact("B", 2, 2), new Contact("A", 0, 3), new Contact("Z", 1, 1)]);
        Assert.Equal([new Assignment(0, 0), new Assignment(1, 0), new Assignment(2, 1), new Assignment(3, 0)], schedule.ServedAssignments(p));
    }
}
