using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Model;
using QkdScheduler.Testing;

namespace QkdScheduler.Core.Tests.Constellation;

/// <summary>The validator's constellation rules, each case worked out by hand.</summary>
public class ConstellationValidatorTests
{
    // Two satellites over 10 intervals; nodes A (station X), B (station Y), C (pair X + Y); S = 1, S_st = 2,
    // X has one receiver, Y two. Every K is 1, so only the rules decide.
    private static Problem Fleet(int slew = 2) => TestProblems.Constellation(
        Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, 10).Select(_ => new[] { 1.0, 1.0, 1.0 }).ToArray()).ToArray(),
        [["X"], ["Y"], ["X", "Y"]], 1, slew, new Dictionary<string, int> { ["Y"] = 2 });

    private static ValidationResult Check(Problem p, params Contact[] contacts) => Validator.Check(p, new Schedule(contacts));

    [Fact]
    public void Satellites_apart_on_one_receiver_with_the_slew_between_are_valid() =>
        // s0 holds X in 0..2, extended by S_st = 2 to 4; s1 may start at 5.
        Assert.True(Check(Fleet(), new("A", 0, 2, "s0"), new("A", 5, 9, "s1")).IsValid);

    [Fact]
    public void Slew_shorter_than_S_st_names_station_satellites_and_receivers()
    {
        var r = Check(Fleet(), new("A", 0, 2, "s0"), new("A", 4, 9, "s1"));
        Assert.False(r.IsValid);
        Assert.Equal("station 'X' has 1 receiver but at interval 4 2 satellites hold one (sessions with 2 slew intervals after each: 's0' 0..4, 's1' 4..9)", r.Violation);
    }

    [Fact]
    public void Two_receivers_take_two_satellites_at_once_and_not_three()
    {
        Assert.True(Check(Fleet(), new("B", 0, 3, "s0"), new("B", 0, 3, "s1")).IsValid);
        var three = TestProblems.Constellation(
            Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 4).Select(_ => new[] { 1.0 }).ToArray()).ToArray(),
            [["Y"]], 0, 0, new Dictionary<string, int> { ["Y"] = 2 });
        var r = Check(three, new("A", 0, 1, "s0"), new("A", 1, 2, "s1"), new("A", 1, 3, "s2"));
        Assert.False(r.IsValid);
        Assert.StartsWith("station 'Y' has 2 receivers but at interval 1 3 satellites hold one", r.Violation);
    }

    [Fact]
    public void A_pair_node_takes_a_receiver_at_both_stations()
    {
        // C uses X and Y: s1 serving A (X) while s0 serves C is two satellites on X's single receiver.
        var r = Check(Fleet(0), new("C", 0, 3, "s0"), new("A", 2, 5, "s1"));
        Assert.False(r.IsValid);
        Assert.StartsWith("station 'X' has 1 receiver but at interval 2 2 satellites hold one", r.Violation);
        // On B instead, Y has two receivers: fine.
        Assert.True(Check(Fleet(0), new("C", 0, 3, "s0"), new("B", 2, 5, "s1")).IsValid);
    }

    [Fact]
    public void The_same_satellite_needs_no_slew_and_gaps_below_S_st_stay_one_session()
    {
        // s0 on A in 0..1 and 3..4 (gap 1 < S_st: one session 0..6 extended); s1 may take X from 7.
        Assert.True(Check(Fleet(), new("A", 0, 1, "s0"), new("A", 3, 4, "s0"), new("A", 7, 9, "s1")).IsValid);
        Assert.False(Check(Fleet(), new("A", 0, 1, "s0"), new("A", 3, 4, "s0"), new("A", 6, 9, "s1")).IsValid);
    }

    [Fact]
    public void Switching_rule_holds_per_satellite_and_names_it()
    {
        var r = Check(Fleet(0), new("A", 0, 2, "s0"), new("B", 3, 5, "s0"));
        Assert.False(r.IsValid);
        Assert.StartsWith("satellite 's0': switch from 'A' (last interval 2) to 'B' (first interval 3) leaves 0 idle intervals", r.Violation);
        // Another satellite right after is not a switch of s0 (Y has two receivers, X is not involved).
        Assert.True(Check(Fleet(0), new("A", 0, 2, "s0"), new("B", 3, 5, "s1")).IsValid);
    }

    [Fact]
    public void Messages_number_contacts_as_the_file_does()
    {
        // The third contact of the schedule is s0's second; its number in the message is 3, not 2.
        var r = Check(Fleet(), new("A", 0, 1, "s0"), new("B", 0, 1, "s1"), new("Z", 5, 6, "s0"));
        Assert.Equal("satellite 's0': contact 3: unknown node 'Z'", r.Violation);
    }

    [Fact]
    public void Overlap_within_a_satellite_is_refused()
    {
        var r = Check(Fleet(), new("A", 0, 2, "s0"), new("B", 2, 4, "s0"));
        Assert.Equal("satellite 's0': intervals 2..2 are given to both 'A' and 'B'", r.Violation);
    }

    [Fact]
    public void Contacts_must_name_known_satellites_and_forms_do_not_mix()
    {
        Assert.Equal("contact 1: unknown satellite 's9'", Check(Fleet(), new Contact("A", 0, 1, "s9")).Violation);
        Assert.StartsWith("contact 1: names no satellite", Check(Fleet(), new Contact("A", 0, 1)).Violation);
        var one = TestProblems.AThenB();
        Assert.StartsWith("contact 1: names satellite 's0', but the instance has one satellite", Check(one, new Contact("A", 0, 1, "s0")).Violation);
    }

    [Fact]
    public void Metrics_sum_over_satellites_and_count_switches_per_satellite()
    {
        var p = Fleet(0);
        var m = MetricsCalculator.Compute(p, new Schedule([new("A", 0, 2, "s0"), new("B", 0, 1, "s1"), new("A", 4, 5, "s1")]), 0.05);
        Assert.Equal([5.0, 2.0, 0.0], m.PerNodeBits);
        Assert.Equal(7, m.TotalBits);
        Assert.Equal(1, m.Switches); // s1: B → A; s0 never switches
    }

    [Fact]
    public void Contention_counts_intervals_where_two_satellites_want_one_station()
    {
        // s0 sees A (X) in 0..3, s1 sees A in 2..5 and B (Y) in 0..1: X is contended in 2..3.
        var p = TestProblems.Constellation(
            [Enumerable.Range(0, 6).Select(m => new[] { m <= 3 ? 1.0 : 0, 0 }).ToArray(),
             Enumerable.Range(0, 6).Select(m => new[] { m >= 2 ? 1.0 : 0, m <= 1 ? 1.0 : 0 }).ToArray()],
            [["X"], ["Y"]], 0, 0);
        var c = Contention.Of(p);
        Assert.Equal(2, c.Intervals);
        Assert.Equal(6, c.ActiveIntervals);
        Assert.Equal(2, c.PerStation["X"]);
        Assert.Equal(0, c.PerStation["Y"]);
    }
}
