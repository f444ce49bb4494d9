namespace QkdScheduler.Orbits.Passes;

/// <summary>Sorted, disjoint interval lists (seconds from a period start): intersection and union.</summary>
public static class Intervals
{
    public static List<(double From, double To)> Intersect(IReadOnlyList<(double From, double To)> a, IReadOnlyList<(double From, double To)> b)
    {
        var result = new List<(double, double)>();
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            var from = Math.Max(a[i].From, b[j].From);
            var to = Math.Min(a[i].To, b[j].To);
            if (to > from) result.Add((from, to));
            if (a[i].To < b[j].To) i++;
            else j++;
        }

        return result;
    }

    public static List<(double From, double To)> Union(IEnumerable<(double From, double To)> intervals)
    {
        var result = new List<(double From, double To)>();
        foreach (var (from, to) in intervals.OrderBy(x => x.From))
        {
            if (result.Count > 0 && from <= result[^1].To) result[^1] = (result[^1].From, Math.Max(result[^1].To, to));
            else result.Add((from, to));
        }

        return result;
    }
}
