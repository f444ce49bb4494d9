using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Testing;

namespace QkdScheduler.Core.Tests.Evaluation;

public class ValidatorTests
{
    // 10 intervals, nodes A and B, S = 2.
    private static readonly Problem Problem = TestProblems.FromDense(
        Enumerable.Range(0, 10).Select(_ => new[] { 1.0, 1.0 }).ToArray(), switchIntervals: 2);

    private static ValidationResult Check(params Contact[] contacts) => Validator.Check(Problem, new Schedule(contacts));

    [Fact]
    public void Check_SwitchWithExactlySIdleIntervals_IsValid() =>
        Assert.True(Check(new("A", 0, 2), new("B", 5, 9)).IsValid);

    [Fact]
    public void Check_SameNodeAfterShortPause_IsValid() =>
        Assert.True(Check(new("A", 0, 2), new("A", 4, 9)).IsValid);

    [Fact]
    public void Check_EmptySchedule_IsValid() => Assert.True(Check().IsValid);

    [Fact]
    public void Check_SwitchShorterThanS_NamesBothIntervals()
    {
        var r = Check(new("A", 0, 2), new("B", 4, 9));
        Assert.False(r.IsValid);
        Assert.Contains("last interval 2", r.Violation);
        Assert.Contains("first interval 4", r.Violation);
        Assert.Contains("leaves 1 idle", r.Violation);
    }

    [Fact]
    public void Check_TwoNodesInOneInterval_NamesTheIntervals()
    {
        var r = Check(new("A", 0, 4), new("B", 3, 9));
        Assert.False(r.IsValid);
        Assert.Contains("intervals 3..4 are given to both 'A' and 'B'", r.Violation);
    }

    [Fact]
    public void Check_ARowListedTwice_SaysSo()
    {
        var r = Check(new("A", 0, 4), new("A", 0, 4));
        Assert.False(r.IsValid);
        Assert.Contains("intervals 0..4 of 'A' are listed twice", r.Violation);
    }

    [Fact]
    public void Check_UnknownNode_IsRejected()
    {
        var r = Check(new Contact("Z", 0, 1));
        Assert.False(r.IsValid);
        Assert.Contains("unknown node 'Z'", r.Violation);
    }

    [Theory]
    [InlineData(-1, 3)]
    [InlineData(8, 10)]
    public void Check_IntervalOutOfRange_IsRejected(int first, int last)
    {
        var r = Check(new Contact("A", first, last));
        Assert.False(r.IsValid);
        Assert.Contains("outside the timeline 0..9", r.Violation);
    }

    [Fact]
    public void Check_FirstAfterLast_IsRejected() => Assert.False(Check(new Contact("A", 5, 4)).IsValid);

    [Fact]
    public void Check_TdWithSharesOutsideTolerance_NamesTheNode()
    {
        // A gets 6 bits, B 2: p = (3/4, 1/4) against q = (1/2, 1/2), far outside ±5 %.
        var schedule = new Schedule([new Contact("A", 0, 5), new Contact("B", 8, 9)]);
        Assert.True(Validator.Check(Problem, schedule, Strategy.Gd, 0.05).IsValid); // gd has no share rule
        var td = Validator.Check(Problem, schedule, Strategy.Td, 0.05);
        Assert.False(td.IsValid);
        Assert.Contains("node 'A'", td.Violation);
    }

    [Fact]
    public void Check_TdWithinTolerance_IsValid()
    {
        // 4 bits each: p = q = (1/2, 1/2).
        var td = Validator.Check(Problem, new Schedule([new Contact("A", 0, 3), new Contact("B", 6, 9)]), Strategy.Td, 0.0);
        Assert.True(td.IsValid, td.Violation);
    }
}
