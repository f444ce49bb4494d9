using QkdScheduler.Core.Model;

namespace QkdScheduler.Core.Tests.Model;

public class KeyMatrixTests
{
    private static readonly KeyMatrix K = KeyMatrix.FromEntries(20, 2,
    [
        new(5, 1, 2), new(5, 0, 1), new(6, 0, 3), new(12, 1, 4), new(13, 0, 0),
    ]);

    [Fact]
    public void FromEntries_SortsDropsZerosAndIndexes()
    {
        Assert.Equal([5, 6, 12], K.ActiveIntervals.ToArray());
        Assert.Equal(4, K.NonZeroCount);
        Assert.Equal(1, K[5, 0]);
        Assert.Equal(2, K[5, 1]);
        Assert.Equal(0, K[13, 0]);
        Assert.Equal(0, K[7, 1]);
        Assert.Equal([4.0, 6.0], K.TotalPerNode());
    }

    [Theory]
    [InlineData(0, 3)] // S = 0: any two rows may switch, every row is its own stretch
    [InlineData(5, 2)] // 6 -> 12 leaves 5 empty intervals (split); 5 -> 6 leaves none (same stretch)
    [InlineData(6, 1)] // 5 empty intervals are too few for S = 6: one stretch
    public void IndependentStretches_SplitAtGapsOfAtLeastS(int s, int expected)
    {
        var stretches = K.IndependentStretches(s);
        Assert.Equal(expected, stretches.Count);
        Assert.Equal(0, stretches[0].From);
        Assert.Equal(K.RowCount, stretches[^1].To);
    }

    [Fact]
    public void FromEntries_Duplicate_Throws() =>
        Assert.Throws<ArgumentException>(() => KeyMatrix.FromEntries(3, 1, [new(1, 0, 1), new(1, 0, 2)]));

    [Fact]
    public void FromEntries_Negative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => KeyMatrix.FromEntries(3, 1, [new(1, 0, -1)]));
}
