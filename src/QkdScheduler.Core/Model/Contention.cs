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
        // wanting[m][g] = the satellites that could use station g in interval m.
        var wanting = new SortedDictionary<int, Dictionary<string, HashSet<int>>>();
        for (var s = 0; s < problem.SatelliteCount; s++)
        {
            var keys = problem.KeysOf(s);
            for (var row = 0; row < keys.RowCount; row++)
            {
                var m = keys.IntervalOfRow(row);
                if (!wanting.TryGetValue(m, out var atM)) wanting[m] = atM = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
                for (var e = keys.RowStart(row); e < keys.RowStart(row + 1); e++)
                    foreach (var g in problem.Nodes[keys.EntryNodes[e]].Stations)
                    {
                        if (!atM.TryGetValue(g, out var sats)) atM[g] = sats = [];
                        sats.Add(s);
                    }
            }
        }

        var contended = 0;
        foreach (var atM in wanting.Values)
        {
            var any = false;
            foreach (var (g, sats) in atM)
                if (sats.Count >= 2)
                {
                    perStation[g]++;
                    any = true;
                }

            if (any) contended++;
        }

        return new Contention(contended, wanting.Count, perStation);
    }
}
