using QkdScheduler.Core.Model;

namespace QkdScheduler.Testing;

/// <summary>Small hand-made and random problems for tests (linked into each test project).</summary>
public static class TestProblems
{
    public static readonly DateTime Start = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A problem from a dense matrix k[m][n]; node ids are "A", "B", ….</summary>
    public static Problem FromDense(double[][] k, int switchIntervals, double[]? weights = null, double[]? shares = null)
    {
        var nodeCount = k.Length == 0 ? 1 : k[0].Length;
        weights ??= Enumerable.Repeat(1.0 / nodeCount, nodeCount).ToArray();
        shares ??= Enumerable.Repeat(1.0 / nodeCount, nodeCount).ToArray();
        var nodes = Enumerable.Range(0, nodeCount)
            .Select(i => new Node(((char)('A' + i)).ToString(), [((char)('A' + i)).ToString()], weights[i], shares[i]))
            .ToList();
        var entries = new List<KeyEntry>();
        for (var m = 0; m < k.Length; m++)
            for (var n = 0; n < nodeCount; n++)
                if (k[m][n] > 0) entries.Add(new KeyEntry(m, n, k[m][n]));
        return new Problem("test", Start, 10, switchIntervals, nodes, KeyMatrix.FromEntries(Math.Max(1, k.Length), nodeCount, entries));
    }

    /// <summary>
    /// Two nodes, S = 1: A pays 1..8 in intervals 0..7, B pays 5 in 4..9. The gd optimum is 41: A in 0..7 (36), idle in 8
    /// (the switch), B in 9 (5); staying on A alone gives 36.
    /// </summary>
    public static Problem AThenB() =>
        FromDense(Enumerable.Range(0, 10).Select(m => new[] { m < 8 ? m + 1.0 : 0, m >= 4 ? 5.0 : 0 }).ToArray(), 1);

    /// <summary>A random problem: about <paramref name="zeroFraction"/> of K is zero, the rest whole numbers 1..9.</summary>
    public static Problem Random(Random rng, int intervals, int nodeCount, int switchIntervals, double zeroFraction)
    {
        var k = new double[intervals][];
        for (var m = 0; m < intervals; m++)
            k[m] = Enumerable.Range(0, nodeCount).Select(_ => rng.NextDouble() < zeroFraction ? 0.0 : rng.Next(1, 10)).ToArray();
        var weights = Normalise(Enumerable.Range(0, nodeCount).Select(_ => rng.Next(1, 5) * 1.0).ToArray());
        var shares = Normalise(Enumerable.Range(0, nodeCount).Select(_ => rng.Next(1, 5) * 1.0).ToArray());
        return FromDense(k, switchIntervals, weights, shares);
    }

    private static double[] Normalise(double[] v) => v.Select(x => x / v.Sum()).ToArray();
}
