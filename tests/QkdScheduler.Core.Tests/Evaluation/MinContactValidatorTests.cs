using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Testing;

namespace QkdScheduler.Core.Tests.Evaluation;

/// <summary>Rule 6 of the validator, the minimum contact length, on hand-made schedules.</summary>
public class MinContactValidatorTests
{
    // 10 intervals of 10 s, S = 0; A has key everywhere except interval 5, B everywhere; L = 3 (30 s).
    private static readonly Problem Problem = TestProblems.FromDense(
        Enumerable.Range(0, 10).Select(m => new[] { m == 5 ? 0.0 : 1.0, 1.0 }).ToArray(), switchIntervals: 0).WithMinContactIntervals(3);

    private static ValidationResult Check(params Contact[] contacts) => Validator.Check(Problem, new Schedule(contacts));

    [Fact]
    public void Contacts_of_the_minimum_length_are_valid() => Assert.True(Check(new("A", 0, 2), new("B", 3, 5), new("A", 6, 9)).IsValid);

    [Fact]
    public void A_short_contact_is_named_with_its_length_in_intervals_and_seconds()
    {
        var r = Check(new("A", 0, 2), new("B", 3, 4));
        Assert.False(r.IsValid);
        Assert.Contains("'B' at intervals 3..4 lasts 2 intervals (20 s)", r.Violation);
        Assert.Contains("minimum contact length is 3 intervals (30 s)", r.Violation);
    }

    /// <summary>The definition's contact is a maximal run: two listed contacts that touch are one of 4 intervals.</summary>
    [Fact]
    public void Listed_contacts_that_touch_are_one_contact() => Assert.True(Check(new("B", 0, 1), new("B", 2, 3)).IsValid);

    [Fact]
    public void Contacts_of_one_node_separated_by_a_gap_are_two()
    {
        var r = Check(new("B", 0, 2), new("B", 4, 5));
        Assert.False(r.IsValid);
        Assert.Contains("intervals 4..5 lasts 2", r.Violation);
    }

    [Fact]
    public void A_contact_may_not_pad_with_an_interval_without_key()
    {
        var r = Check(new Contact("A", 3, 7));
        Assert.False(r.IsValid);
        Assert.Contains("uses interval 5, where 'A' gets no key", r.Violation);
        // Without the rule, padding is allowed (it only wastes the interval).
        Assert.True(Validator.Check(Problem.WithMinContactIntervals(1), new Schedule([new("A", 3, 7)])).IsValid);
    }

    [Fact]
    public void Every_satellite_of_a_constellation_is_checked()
    {
        var p = TestProblems.Constellation([[[1], [1], [1]], [[1], [1], [1]]], [["X"]], 0, 0, new Dictionary<string, int> { ["X"] = 2 })
            .WithMinContactIntervals(2);
        Assert.True(Validator.Check(p, new Schedule([new("A", 0, 2, "s0"), new("A", 1, 2, "s1")])).IsValid);
        var r = Validator.Check(p, new Schedule([new("A", 0, 2, "s0"), new("A", 2, 2, "s1")]));
        Assert.False(r.IsValid);
        Assert.StartsWith("satellite 's1': the contact of 'A' at intervals 2..2 lasts 1 interval", r.Violation);
    }

    [Fact]
    public void Enforcing_drops_what_is_short_or_without_key_and_keeps_the_rest()
    {
        // A in 0..1 (short), B in 2..4, A in 4.. is not possible; A in 6..9 with 5 (no key) before it.
        var served = new List<Assignment> { new(0, 0), new(1, 0), new(2, 1), new(3, 1), new(4, 1), new(5, 0), new(6, 0), new(7, 0), new(8, 0) };
        var kept = MinContact.Enforce(Problem, served);
        Assert.Equal([new(2, 1), new(3, 1), new(4, 1), new(6, 0), new(7, 0), new(8, 0)], kept);
        Assert.Same(served, MinContact.Enforce(Problem.WithMinContactIntervals(1), served));
    }
}
