namespace QkdScheduler.Core.Model;

/// <summary>
/// Where satellites of a constellation compete for stations: an interval is contended at station g when two or
/// more satellites could serve a node that includes g in it (K[s,m,n] &gt; 0), i.e. when g's receivers, not the
/// satellites, may decide who is served.
/// </summary>
/// <param name="Intervals">Intervals contended at one station at least.</param>
/// <param name="ActiveIntervals">Intervals in which some satellite can serve some node.</param>
/// <param name="PerStation">Contended intervals per station, for every station of a node.</param>
public sealed record Contention(int Intervals, int ActiveIntervals, IReadOnlyDictionary<string, int> PerStation)
{
    public static Contention Of(Problem problem)
    {
        var stations = problem.Nodes.SelectMany(n => n.Stations).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var perStation = stations.ToDictionary(g => g, _ => 0, StringComparer.Ordinal);
        var wanting = Wanting(problem);
        foreach (var ((g, _), satellites) in wanting)
            if (satellites.Count >= 2) perStation[g]++;
        var contended = wanting.Where(kv => kv.Value.Count >= 2).Select(kv => kv.Key.Interval).Distinct().Count();
        return new Contention(contended, wanting.Keys.Select(k => k.Interval).Distinct().Count(), perStation);
    }

    /// <summary>For every station and interval in which some satellite has keys for a node of that station: those satellites.</summary>
    public static Dictionary<(string Station, int Interval), HashSet<int>> Wanting(Problem problem)
    {
        var wanting = new Dictionary<(string, int), HashSet<int>>();
        for (var s = 0; s < problem.SatelliteCount; s++)
            foreach (var e in problem.KeysOf(s).Entries())
                foreach (var g in problem.Nodes[e.Node].Stations)
                {
                    if (!wanting.TryGetValue((g, e.Interval), out var satellites)) wanting[(g, e.Interval)] = satellites = [];
                    satellites.Add(s);
                }

        return wanting;
    }
}
