using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.Model;
using QkdScheduler.Testing;

namespace QkdScheduler.Core.Tests.Evaluation;

public class MetricsCalculatorTests
{
    [Fact]
    public void Compute_TwoContacts_SumsKeysWeightsAndSwitches()
    {
        // K: interval 0..3 for A = 1,2,3,4; B = 10 in every interval. S = 1.
        var k = new[] { new[] { 1.0, 10 }, new[] { 2.0, 10 }, new[] { 3.0, 10 }, new[] { 4.0, 10 } };
        var p = TestProblems.FromDense(k, 1, weights: [0.25, 0.75], shares: [0.5, 0.5]);
        var m = MetricsCalculator.Compute(p, new Schedule([new Contact("A", 0, 1), new Contact("B", 3, 3)]), 0.05);

        Assert.Equal([3.0, 10.0], m.PerNodeBits);
        Assert.Equal(13, m.TotalBits);
        Assert.Equal(0.25 * 3 + 0.75 * 10, m.WeightedBits, 12);
        Assert.Equal(1, m.Switches);
        // Traffic index min(3/0.5, 10/0.5) = 6.
        Assert.Equal(6, m.TrafficIndex, 12);
    }

    [Fact]
    public void KlDivergence_HandCalculation()
    {
        // p = (0.75, 0.25), q = (0.5, 0.5): 0.75 ln 1.5 + 0.25 ln 0.5 = 0.304098831… − 0.173286795… = 0.130812035…
        var kl = MetricsCalculator.KlDivergence([3.0, 1.0], [0.5, 0.5]);
        Assert.Equal(0.75 * Math.Log(1.5) + 0.25 * Math.Log(0.5), kl!.Value, 12);
        Assert.Equal(0.1308120, kl.Value, 6);
    }

    [Fact]
    public void KlDivergence_MatchingShares_IsZero() => Assert.Equal(0, MetricsCalculator.KlDivergence([2.0, 6.0], [0.25, 0.75])!.Value, 12);

    [Fact]
    public void KlDivergence_NoKeys_IsNull() => Assert.Null(MetricsCalculator.KlDivergence([0.0, 0.0], [0.5, 0.5]));

    [Fact]
    public void KlDivergence_KeysToZeroShareNode_IsInfinite() =>
        Assert.Equal(double.PositiveInfinity, MetricsCalculator.KlDivergence([1.0, 1.0], [1.0, 0.0]));
}
