using FsCheck;
using FsCheck.Fluent;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Testing;

namespace QkdScheduler.Core.Tests.Strategies;

public class ShareTrimmerTests
{
    [Fact]
    public void MaxTotal_HandCalculation()
    {
        // E = (60, 10), q = (0.5, 0.5), ε = 0: B limits T to 10 / 0.5 = 20.
        Assert.Equal(20, ShareTrimmer.MaxTotal([60.0, 10.0], [0.5, 0.5], 0), 9);
        // ε = 0.1: T ≤ 10 / (0.9 · 0.5) = 22.2…, and A can fill (1.1 · 0.5) T, so T = 22.2….
        Assert.Equal(10 / 0.45, ShareTrimmer.MaxTotal([60.0, 10.0], [0.5, 0.5], 0.1), 6);
        // A node with q > 0 and nothing delivered forces T = 0.
        Assert.Equal(0, ShareTrimmer.MaxTotal([60.0, 0.0], [0.5, 0.5], 0.1));
    }

    [Fact]
    public void Trim_OverServedNode_KeepsShareRuleAndSwitching()
    {
        // A: 8 intervals of 1 bit, B: 2 intervals of 1 bit; q = (0.5, 0.5), S = 1.
        var k = Enumerable.Range(0, 12).Select(m => m < 8 ? new[] { 1.0, 0 } : m >= 10 ? new[] { 0.0, 1 } : new[] { 0.0, 0 }).ToArray();
        var p = TestProblems.FromDense(k, 1, shares: [0.5, 0.5]);
        var served = Enumerable.Range(0, 8).Select(m => new Assignment(m, 0)).Concat([new Assignment(10, 1), new Assignment(11, 1)]).ToList();

        var kept = ShareTrimmer.Trim(p, served, 0.05);

        var schedule = Schedule.FromAssignments(p, kept);
        Assert.True(Validator.Check(p, schedule, Strategy.Td, 0.05).IsValid);
        Assert.Equal(4, MetricsCalculator.Compute(p, schedule, 0.05).TotalBits); // 2 + 2 is the most the rule allows
    }

    [Fact]
    public void Trim_BigIntervalsAgainstANarrowBand_DropsTheLargestFirst()
    {
        // A: 40, 40, 40 and ten intervals of 3 (150 bits); B: one interval of 100; q = (0.5, 0.5), ε = 0.05, S = 0.
        // Dropping A's smallest first removes all 3s (150 → 120) and then cannot drop a 40 without
        // going below ~105: A = 120, B = 100, |120 − 110| = 10 > 0.05·110 = 5.5, invalid.
        // Largest first: 150 − 40 = 110, then 3s down to 107 (104 would be below target): A = 107,
        // B = 100, E = 207, |107 − 103.5| = 3.5 ≤ 5.175: valid, keeping 207 bits.
        var aBits = new[] { 40.0, 40, 40, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3 };
        var k = aBits.Select(b => new[] { b, 0.0 }).Append([0.0, 100.0]).ToArray();
        var p = TestProblems.FromDense(k, 0, shares: [0.5, 0.5]);
        var served = Enumerable.Range(0, aBits.Length).Select(m => new Assignment(m, 0)).Append(new Assignment(aBits.Length, 1)).ToList();

        var schedule = Schedule.FromAssignments(p, ShareTrimmer.Trim(p, served, 0.05));

        Assert.True(Validator.Check(p, schedule, Strategy.Td, 0.05).IsValid);
        Assert.True(MetricsCalculator.Compute(p, schedule, 0.05).TotalBits >= 200);
    }

    [Fact]
    public void Trim_RandomSchedules_AlwaysMeetTheRuleAndKeepASubset()
    {
        // Property: for any feasible schedule (here: every interval to a random node, S = 0) and
        // tolerance, the trimmed schedule is a subset that meets the share rule.
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Elements(0.0, 0.01, 0.05, 0.2).ToArbitrary(), (seed, eps) =>
        {
            var rng = new Random(seed);
            var p = TestProblems.Random(rng, rng.Next(1, 40), rng.Next(1, 5), 0, 0.3);
            var served = new List<Assignment>();
            for (var m = 0; m < p.IntervalCount; m++)
                served.Add(new Assignment(m, rng.Next(p.Nodes.Count)));
            var kept = ShareTrimmer.Trim(p, served, eps);
            var schedule = Schedule.FromAssignments(p, kept);
            return kept.All(served.Contains) && Validator.Check(p, schedule, Strategy.Td, eps).IsValid;
        }).QuickCheckThrowOnFailure();
    }
}
