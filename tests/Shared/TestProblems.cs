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

    /// <summary>
    /// A constellation from dense matrices k[s][m][n]: satellites "s0", "s1", …; node n is served at the stations
    /// <paramref name="stations"/>[n] (two for a pair node); <paramref name="receivers"/> lists stations with more than one.
    /// </summary>
    public static Problem Constellation(double[][][] k, string[][] stations, int switchIntervals, int stationSwitchIntervals,
        IReadOnlyDictionary<string, int>? receivers = null, double[]? weights = null, double[]? shares = null)
    {
        var nodeCount = stations.Length;
        var intervals = k[0].Length;
        weights ??= Enumerable.Repeat(1.0 / nodeCount, nodeCount).ToArray();
        shares ??= Enumerable.Repeat(1.0 / nodeCount, nodeCount).ToArray();
        var nodes = Enumerable.Range(0, nodeCount).Select(i => new Node(((char)('A' + i)).ToString(), stations[i], weights[i], shares[i])).ToList();
        var matrices = k.Select(ks =>
        {
            var entries = new List<KeyEntry>();
            for (var m = 0; m < intervals; m++)
                for (var n = 0; n < nodeCount; n++)
                    if (ks[m][n] > 0) entries.Add(new KeyEntry(m, n, ks[m][n]));
            return KeyMatrix.FromEntries(intervals, nodeCount, entries);
        }).ToList();
        var fleet = new Constellation(Enumerable.Range(0, k.Length).Select(s => $"s{s}").ToList(), matrices,
            (receivers ?? new Dictionary<string, int>()).Select(kv => new StationReceivers(kv.Key, kv.Value)).OrderBy(g => g.Id, StringComparer.Ordinal).ToList(),
            stationSwitchIntervals);
        return new Problem("constellation-test", Start, 10, switchIntervals, nodes, matrices[0], constellation: fleet);
    }

    /// <summary>
    /// A random constellation over stations "g0".."g{stationCount-1}": each node one station, or with probability
    /// <paramref name="pairFraction"/> a pair of two; about <paramref name="zeroFraction"/> of K is zero, the rest 1..9;
    /// station g0 has two receivers when <paramref name="twoAtFirst"/>.
    /// </summary>
    public static Problem RandomConstellation(Random rng, int satellites, int intervals, int nodeCount, int stationCount, int switchIntervals,
        int stationSwitchIntervals, double zeroFraction, double pairFraction = 0.3, bool twoAtFirst = false)
    {
        var stations = Enumerable.Range(0, nodeCount).Select(_ =>
        {
            var a = rng.Next(stationCount);
            if (stationCount < 2 || rng.NextDouble() >= pairFraction) return new[] { $"g{a}" };
            var b = (a + 1 + rng.Next(stationCount - 1)) % stationCount;
            return new[] { $"g{a}", $"g{b}" };
        }).ToArray();
        var k = Enumerable.Range(0, satellites).Select(_ => Enumerable.Range(0, intervals)
            .Select(_ => Enumerable.Range(0, nodeCount).Select(_ => rng.NextDouble() < zeroFraction ? 0.0 : rng.Next(1, 10)).ToArray()).ToArray()).ToArray();
        var weights = Normalise(Enumerable.Range(0, nodeCount).Select(_ => rng.Next(1, 5) * 1.0).ToArray());
        var shares = Normalise(Enumerable.Range(0, nodeCount).Select(_ => rng.Next(1, 5) * 1.0).ToArray());
        var used = stations.SelectMany(x => x).ToHashSet();
        var receivers = twoAtFirst && used.Contains("g0") ? new Dictionary<string, int> { ["g0"] = 2 } : null;
        return Constellation(k, stations, switchIntervals, stationSwitchIntervals, receivers, weights, shares);
    }

    private static double[] Normalise(double[] v) => v.Select(x => x / v.Sum()).ToArray();
}
