using QkdScheduler.Core.Model;

namespace QkdScheduler.Precompute.Reports;

/// <summary>
/// The most key each node could get on each UTC day if it were served whenever it is visible:
/// Σ K[m,n] over the intervals starting that day (the quantity of seed 000 Fig. 7).
/// </summary>
public sealed record DailyKeys(IReadOnlyList<DateOnly> Days, IReadOnlyList<string> Nodes, double[,] Bits)
{
    public static DailyKeys Compute(Problem problem)
    {
        var first = DateOnly.FromDateTime(problem.StartUtc);
        var last = DateOnly.FromDateTime(problem.IntervalStartUtc(problem.IntervalCount - 1));
        var days = new List<DateOnly>();
        for (var d = first; d <= last; d = d.AddDays(1)) days.Add(d);
        var bits = new double[days.Count, problem.Nodes.Count];
        var keys = problem.Keys;
        var entryNodes = keys.EntryNodes;
        var entryBits = keys.EntryBits;
        for (var row = 0; row < keys.RowCount; row++)
        {
            var day = DateOnly.FromDateTime(problem.IntervalStartUtc(keys.IntervalOfRow(row))).DayNumber - first.DayNumber;
            for (var e = keys.RowStart(row); e < keys.RowStart(row + 1); e++) bits[day, entryNodes[e]] += entryBits[e];
        }

        return new DailyKeys(days, problem.Nodes.Select(n => n.Id).ToList(), bits);
    }
}
