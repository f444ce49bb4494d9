using QkdScheduler.Core.Model;

namespace QkdScheduler.Precompute.Reports;

/// <summary>
/// The most key each node could get on each UTC day if it were served whenever it is visible:
/// Σ K[m,n] over the intervals starting that day (the quantity of seed 000 Fig. 7); in a constellation, summed over satellites.
/// </summary>
public sealed record DailyKeys(IReadOnlyList<DateOnly> Days, IReadOnlyList<string> Nodes, double[,] Bits)
{
    public static DailyKeys Compute(Problem problem) =>
        Sum(problem, add =>
        {
            for (var s = 0; s < problem.SatelliteCount; s++)
            {
                var keys = problem.KeysOf(s);
                for (var row = 0; row < keys.RowCount; row++)
                    for (var e = keys.RowStart(row); e < keys.RowStart(row + 1); e++) add(keys.IntervalOfRow(row), keys.EntryNodes[e], keys.EntryBits[e]);
            }
        });

    /// <summary>The key a schedule delivers to each node on each UTC day: Σ K[m,n] over its served intervals starting that day.</summary>
    public static DailyKeys Delivered(Problem problem, Schedule schedule) =>
        Sum(problem, add =>
        {
            foreach (var a in schedule.ServedBySatellite(problem)) add(a.Interval, a.Node, problem.KeysOf(a.Satellite)[a.Interval, a.Node]);
        });

    private static DailyKeys Sum(Problem problem, Action<Action<int, int, double>> entries)
    {
        var first = DateOnly.FromDateTime(problem.StartUtc);
        var last = DateOnly.FromDateTime(problem.IntervalStartUtc(problem.IntervalCount - 1));
        var days = new List<DateOnly>();
        for (var d = first; d <= last; d = d.AddDays(1)) days.Add(d);
        var bits = new double[days.Count, problem.Nodes.Count];
        entries((interval, node, value) => bits[DateOnly.FromDateTime(problem.IntervalStartUtc(interval)).DayNumber - first.DayNumber, node] += value);
        return new DailyKeys(days, problem.Nodes.Select(n => n.Id).ToList(), bits);
    }
}
