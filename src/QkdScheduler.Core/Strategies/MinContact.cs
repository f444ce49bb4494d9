using QkdScheduler.Core.Model;

namespace QkdScheduler.Core.Strategies;

/// <summary>
/// Makes a set of served intervals meet the minimum contact length L (docs/architecture.md, "Minimum contact
/// length") by removing intervals only: first every interval in which the node gets no key, then every contact
/// (a maximal run of consecutive intervals of one satellite and one node) shorter than L. Removing served intervals
/// never breaks the switching rule (gaps only grow) or the receiver rule (a receiver's sessions only shrink or split,
/// and a split session's slew lies inside the old session), so a feasible schedule stays feasible. For heuristics
/// that build schedules without the rule and for trimming; with L = 1 it returns its input.
/// </summary>
public static class MinContact
{
    public static IReadOnlyList<Assignment> Enforce(Problem problem, IReadOnlyList<Assignment> served)
    {
        if (problem.MinContactIntervals <= 1) return served;
        var kept = Kept(problem, served.Select(a => new SatelliteAssignment(0, a.Interval, a.Node)).ToList());
        return kept.Select(i => served[i]).ToList();
    }

    public static IReadOnlyList<SatelliteAssignment> Enforce(Problem problem, IReadOnlyList<SatelliteAssignment> served)
    {
        if (problem.MinContactIntervals <= 1) return served;
        return Kept(problem, served).Select(i => served[i]).ToList();
    }

    /// <summary>Indices of the assignments kept, in their input order.</summary>
    private static List<int> Kept(Problem problem, IReadOnlyList<SatelliteAssignment> served)
    {
        var l = problem.MinContactIntervals;
        var order = Enumerable.Range(0, served.Count)
            .Where(i => problem.KeysOf(served[i].Satellite)[served[i].Interval, served[i].Node] > 0)
            .OrderBy(i => served[i].Satellite).ThenBy(i => served[i].Interval).ToList();
        var kept = new List<int>();
        for (var i = 0; i < order.Count;)
        {
            var a = served[order[i]];
            var j = i + 1;
            while (j < order.Count && served[order[j]] is var b && b.Satellite == a.Satellite && b.Node == a.Node && b.Interval == served[order[j - 1]].Interval + 1) j++;
            if (j - i >= l) kept.AddRange(order.GetRange(i, j - i));
            i = j;
        }

        kept.Sort();
        return kept;
    }
}
