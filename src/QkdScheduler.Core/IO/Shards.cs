using System.Globalization;

namespace QkdScheduler.Core.IO;

/// <summary>What every part of a sharded run says about itself (sweep or bench).</summary>
/// <param name="Definition">A hash of everything that decides the cases (definition file, instances, options).</param>
/// <param name="Total">How many cases the whole run has.</param>
/// <param name="Cases">The case indices this part ran.</param>
public sealed record ShardHeader(string File, string Kind, string Name, string Definition, int Shard, int Shards, int Total, IReadOnlyList<int> Cases);

/// <summary>
/// Sharding, one rule for every command: the full case list is enumerated the same way on every shard, and shard i of N
/// runs the cases k with k mod N = i. A part is written as <c>part-i-of-N.json</c>; <see cref="CheckComplete"/> is
/// merge's check that the parts are one run's, each shard once, each with exactly its cases.
/// </summary>
public static class Shards
{
    public const int MaxShards = 100_000;

    public static string PartFileName(int shard, int shards) => $"part-{shard}-of-{shards}.json";

    /// <summary>Parses "i/N" (0 ≤ i &lt; N).</summary>
    public static (int Index, int Count) Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                              && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxShards && i < n)
            return (i, n);
        throw new InputException(null, null, $"--shard {text}: give i/N with 0 ≤ i < N, e.g. --shard 0/4 (Slurm: $SLURM_ARRAY_TASK_ID/N, Kubernetes: $JOB_COMPLETION_INDEX/N)");
    }

    /// <summary>The case indices of shard <paramref name="shard"/> of <paramref name="shards"/> among <paramref name="total"/>.</summary>
    public static IReadOnlyList<int> Cases(int total, int shard, int shards) => Enumerable.Range(0, total).Where(k => k % shards == shard).ToList();

    public static void CheckComplete(IReadOnlyList<ShardHeader> parts)
    {
        if (parts.Count == 0) throw new InputException(null, null, "merge: no parts given");
        foreach (var p in parts)
            if (p.Shards is < 1 or > MaxShards || p.Shard < 0 || p.Shard >= p.Shards || p.Total < 0)
                throw new InputException(p.File, null, $"says it is shard {p.Shard}/{p.Shards} of {p.Total} cases, which cannot be; rerun that shard");
        var first = parts[0];
        foreach (var p in parts)
        {
            if (p.Kind != first.Kind || p.Definition != first.Definition || p.Name != first.Name)
                throw new InputException(p.File, null, $"comes from another {p.Kind} ({p.Name}, definition {Short(p.Definition)}) than {first.File} ({first.Name}, {Short(first.Definition)}); merge the parts of one run");
            if (p.Total != first.Total)
                throw new InputException(p.File, null, $"says the run has {p.Total} cases, {first.File} says {first.Total}; merge the parts of one run");
            if (p.Shards != first.Shards)
                throw new InputException(p.File, null, $"is shard {p.Shard}/{p.Shards}, but {first.File} is one of {first.Shards}; all parts must use the same N");
        }

        var n = first.Shards;
        foreach (var g in parts.GroupBy(p => p.Shard).Where(g => g.Count() > 1))
            throw new InputException(g.ElementAt(1).File, null, $"is shard {g.Key}/{n} again (also {g.First().File}); give each shard once");
        var missing = Enumerable.Range(0, n).Where(i => parts.All(p => p.Shard != i)).ToList();
        if (missing.Count > 0)
            throw new InputException(null, null,
                $"merge: shard {string.Join(", ", missing.Select(i => $"{i}/{n}"))} of {first.Name} is missing; run it (--shard {missing[0]}/{n}) and merge again");
        foreach (var p in parts)
            if (!p.Cases.SequenceEqual(Cases(first.Total, p.Shard, n)))
                throw new InputException(p.File, null, $"does not hold the cases of shard {p.Shard}/{n} (a part cut short or edited); rerun that shard");
    }

    private static string Short(string definition) => definition.Length > 12 ? definition[..12] : definition;
}
