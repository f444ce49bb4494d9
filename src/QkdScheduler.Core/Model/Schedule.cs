namespace QkdScheduler.Core.Model;

/// <summary>
/// Node <see cref="NodeId"/> is served in every interval from <see cref="FirstInterval"/> to
/// <see cref="LastInterval"/> (inclusive, 0-based), by <see cref="Satellite"/> in a constellation
/// instance (null in a one-satellite instance).
/// </summary>
public sealed record Contact(string NodeId, int FirstInterval, int LastInterval, string? Satellite = null);

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
    /// A constellation schedule from per-(satellite, interval) assignments, any order: each satellite's
    /// runs of consecutive intervals given to one node become contacts, ordered by satellite then interval.
    /// </summary>
    public static Schedule FromSatelliteAssignments(Problem problem, IEnumerable<SatelliteAssignment> assignments)
    {
        var contacts = new List<Contact>();
        foreach (var group in assignments.GroupBy(a => a.Satellite).OrderBy(g => g.Key))
        {
            var id = problem.SatelliteId(group.Key);
            var one = FromAssignments(problem, group.Select(a => new Assignment(a.Interval, a.Node)).OrderBy(a => a.Interval));
            contacts.AddRange(one.Contacts.Select(c => c with { Satellite = id }));
        }

        return new Schedule(contacts);
    }

    /// <summary>
    /// What carries key in a constellation schedule: each contact's intervals with K[s] &gt; 0 for its node,
    /// sorted by satellite then interval (contacts of unknown satellites or nodes are skipped; the validator reports those).
    /// For a one-satellite instance, satellite 0 and <see cref="ServedAssignments"/>.
    /// </summary>
    public IReadOnlyList<SatelliteAssignment> ServedBySatellite(Problem problem)
    {
        if (!problem.IsConstellation) return ServedAssignments(problem).Select(a => new SatelliteAssignment(0, a.Interval, a.Node)).ToList();
        var result = new List<SatelliteAssignment>();
        foreach (var c in Contacts)
        {
            if (c.Satellite == null || !problem.Constellation!.TryGetSatelliteIndex(c.Satellite, out var s) || !problem.TryGetNodeIndex(c.NodeId, out var node)) continue;
            var keys = problem.KeysOf(s);
            for (var row = keys.FirstRowAtOrAfter(c.FirstInterval); row < keys.RowCount && keys.IntervalOfRow(row) <= c.LastInterval; row++)
                for (var e = keys.RowStart(row); e < keys.RowStart(row + 1); e++)
                    if (keys.EntryNodes[e] == node) result.Add(new SatelliteAssignment(s, keys.IntervalOfRow(row), node));
        }

        return result.OrderBy(a => a.Satellite).ThenBy(a => a.Interval).ToList();
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

/// <summary>Satellite <paramref name="Satellite"/> serves node index <paramref name="Node"/> in interval <paramref name="Interval"/>.</summary>
public readonly record struct SatelliteAssignment(int Satellite, int Interval, int Node);
