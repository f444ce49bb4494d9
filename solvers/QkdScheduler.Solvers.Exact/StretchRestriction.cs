using System.Collections.Immutable;
using QkdScheduler.Core.Model;

namespace QkdScheduler.Solvers.Exact;

/// <summary>
/// What a branch-and-price node demands of one stretch's schedule: nodes it must serve at least once or
/// never, and single (interval, node) entries it must or must not serve. <see cref="IntervalDp"/> prices
/// under it exactly; a column is allowed when it meets every part (<see cref="Allows"/>).
/// </summary>
internal sealed record StretchRestriction(
    ImmutableHashSet<int> RequiredNodes,
    ImmutableHashSet<int> ForbiddenNodes,
    ImmutableHashSet<Assignment> RequiredEntries,
    ImmutableHashSet<Assignment> ForbiddenEntries)
{
    public static readonly StretchRestriction None = new([], [], [], []);

    /// <summary>How many "at least once" items the DP must track (its state grows as 2 to this power).</summary>
    public int RequiredCount => RequiredNodes.Count + RequiredEntries.Count;

    public bool IsNone => RequiredCount == 0 && ForbiddenNodes.Count == 0 && ForbiddenEntries.Count == 0;

    public bool Allows(IReadOnlyList<Assignment> column)
    {
        var served = new HashSet<int>();
        var entries = 0;
        foreach (var a in column)
        {
            if (ForbiddenNodes.Contains(a.Node) || ForbiddenEntries.Contains(a)) return false;
            served.Add(a.Node);
            if (RequiredEntries.Contains(a)) entries++;
        }

        return entries == RequiredEntries.Count && RequiredNodes.All(served.Contains);
    }
}
