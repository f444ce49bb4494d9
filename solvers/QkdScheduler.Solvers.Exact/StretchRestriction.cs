using System.Collections.Immutable;
using QkdScheduler.Core.Model;

namespace QkdScheduler.Solvers.Exact;

/// <summary>
/// What a branch-and-price node demands of one stretch's schedule: nodes it must serve at least once or
/// never, single (interval, node) entries it must or must not serve, and windows (a node in a range of
/// intervals) it must serve at least once or never. <see cref="IntervalDp"/> prices
/// under it exactly; a column is allowed when it meets every part (<see cref="Allows"/>).
/// </summary>
internal sealed record StretchRestriction(
    ImmutableHashSet<int> RequiredNodes,
    ImmutableHashSet<int> ForbiddenNodes,
    ImmutableHashSet<Assignment> RequiredEntries,
    ImmutableHashSet<Assignment> ForbiddenEntries,
    ImmutableHashSet<NodeWindow> RequiredWindows,
    ImmutableHashSet<NodeWindow> ForbiddenWindows)
{
    public static readonly StretchRestriction None = new([], [], [], [], [], []);

    /// <summary>How many "at least once" items the DP must track (its state grows as 2 to this power).</summary>
    public int RequiredCount => RequiredNodes.Count + RequiredEntries.Count + RequiredWindows.Count;

    public bool IsNone => RequiredCount == 0 && ForbiddenNodes.Count == 0 && ForbiddenEntries.Count == 0 && ForbiddenWindows.Count == 0;

    /// <summary>Whether <paramref name="entry"/> must not be served.</summary>
    public bool Forbids(Assignment entry) =>
        ForbiddenNodes.Contains(entry.Node) || ForbiddenEntries.Contains(entry) || ForbiddenWindows.Any(w => w.Contains(entry));

    public bool Allows(IReadOnlyList<Assignment> column)
    {
        var served = new HashSet<int>();
        var entries = 0;
        foreach (var a in column)
        {
            if (Forbids(a)) return false;
            served.Add(a.Node);
            if (RequiredEntries.Contains(a)) entries++;
        }

        return entries == RequiredEntries.Count && RequiredNodes.All(served.Contains) && RequiredWindows.All(w => column.Any(w.Contains));
    }
}

/// <summary>Node <paramref name="Node"/> in the intervals <paramref name="From"/> to <paramref name="To"/> (inclusive).</summary>
internal readonly record struct NodeWindow(int Node, int From, int To)
{
    public bool Contains(Assignment a) => a.Node == Node && a.Interval >= From && a.Interval <= To;
}
