namespace QkdScheduler.Core.Model;

/// <summary>
/// Node <see cref="NodeId"/> is served in every interval from <see cref="FirstInterval"/> to
/// <see cref="LastInterval"/> (inclusive, 0-based).
/// </summary>
public sealed record Contact(string NodeId, int FirstInterval, int LastInterval);

/// <summary>
/// A schedule as contacts. It can hold anything a file holds (overlaps, unknown nodes, too-short
/// switches): <see cref="Evaluation.Validator"/> decides whether it is feasible.
/// </summary>
public sealed class Schedule
{
    public Schedule(IReadOnlyList<Contact> contacts) => Contacts = contacts;

    public static Schedule Empty { get; } = new([]);

    public IReadOnlyList<Contact> Contacts { get; }

    /// <summary>
    /// Builds contacts from per-interval assignments (interval, node index), merging runs of
    /// consecutive intervals given to the same node. Assignments must be sorted by interval.
    /// </summary>
    public static Schedule FromAssignments(Problem problem, IEnumerable<Assignment> assignments)
    {
        var contacts = new List<Contact>();
        int node = -1, first = -1, last = -2;
        foreach (var a in assignments)
        {
            if (a.Interval <= last) throw new ArgumentException("assignments must be sorted by interval with one node per interval");
            if (a.Node == node && a.Interval == last + 1)
            {
                last = a.Interval;
                continue;
            }

            if (node >= 0) contacts.Add(new Contact(problem.Nodes[node].Id, first, last));
            (node, first, last) = (a.Node, a.Interval, a.Interval);
        }

        if (node >= 0) contacts.Add(new Contact(problem.Nodes[node].Id, first, last));
        return new Schedule(contacts);
    }

    /// <summary>
    /// The inverse of <see cref="FromAssignments"/> restricted to what carries key: the served
    /// intervals with K &gt; 0, sorted by interval (contacts of unknown nodes are skipped; the
    /// validator reports those). Dropping served intervals never breaks the switching rule.
    /// </summary>
    public IReadOnlyList<Assignment> ServedAssignments(Problem problem)
    {
        var keys = problem.Keys;
        var result = new List<Assignment>();
        foreach (var c in Contacts)
        {
            if (!problem.TryGetNodeIndex(c.NodeId, out var node)) continue;
            for (var row = keys.FirstRowAtOrAfter(c.FirstInterval); row < keys.RowCount && keys.IntervalOfRow(row) <= c.LastInterval; row++)
                for (var e = keys.RowStart(row); e < keys.RowStart(row + 1); e++)
                    if (keys.EntryNodes[e] == node) result.Add(new Assignment(keys.IntervalOfRow(row), node));
        }

        return result.OrderBy(a => a.Interval).ToList();
    }
}

/// <summary>Interval <paramref name="Interval"/> is given to node index <paramref name="Node"/>.</summary>
public readonly record struct Assignment(int Interval, int Node);
