using QkdScheduler.Core.Model;

namespace QkdScheduler.Solvers.Exact;

/// <summary>The schedule a DP run found and its objective Σ_n c_n E_n.</summary>
public sealed record DpSolution(IReadOnlyList<Assignment> Assignments, double Value);

/// <summary>
/// Exact dynamic program for any objective of the form Σ_n c_n E_n with c_n ≥ 0 (gd: c = 1,
/// pd: c = w), under the switching rule with general S. Time and memory are linear in the number
/// of non-zeros of K.
/// </summary>
/// <remarks>
/// Only intervals with c_n K[m,n] &gt; 0 are worth serving: dropping any other served interval
/// keeps the objective and only widens the gaps between contacts, so some optimal schedule uses
/// non-zero entries only. Let the active intervals be t_1 &lt; … &lt; t_L and let
/// f(i, n) be the best value of a schedule whose last served interval is t_i, served to n.
/// The interval served before it, t_j with node n', is either the same node (any gap is allowed)
/// or a different one, which needs t_i − t_j − 1 ≥ S. Hence
/// <code>
///   f(i, n) = c_n K[t_i, n] + max( B_n(i), G(p(i)), 0 )
///   B_n(i)  = max_{j &lt; i} f(j, n)                       (same node again, no switch)
///   G(k)    = max_{j ≤ k, n'} f(j, n')                     (anything that ended early enough)
///   p(i)    = the largest j with t_j ≤ t_i − S − 1
/// </code>
/// (G includes n' = n, which is allowed too; 0 is the empty schedule). B is a running maximum
/// per node, G a prefix maximum and p(i) moves forward monotonically, so one pass over the rows
/// computes every f; the optimum is G(L) and the schedule follows from stored predecessors.
/// Ties prefer staying on the same node, then the earlier entry, so the result is deterministic.
/// </remarks>
public static class IntervalDp
{
    private const int CancellationCheckRows = 4096;

    public static DpSolution Maximise(KeyMatrix keys, int switchIntervals, IReadOnlyList<double> nodeValue, CancellationToken cancellationToken) =>
        Maximise(keys, switchIntervals, nodeValue, new RowRange(0, keys.RowCount), cancellationToken);

    /// <summary>The same DP restricted to the rows of <paramref name="range"/> (e.g. one independent stretch).</summary>
    public static DpSolution Maximise(KeyMatrix keys, int switchIntervals, IReadOnlyList<double> nodeValue, RowRange range, CancellationToken cancellationToken)
    {
        var rows = range.Count;
        var nodes = keys.EntryNodes;
        var bits = keys.EntryBits;
        var e0 = keys.RowStart(range.From);
        var entries = keys.RowStart(range.To) - e0;
        // Arrays are indexed by row - range.From and entry - e0.
        var f = new double[entries];
        var pred = new int[entries];
        var entryRow = new int[entries];
        var sameBest = new double[keys.NodeCount];
        var sameEntry = new int[keys.NodeCount];
        Array.Fill(sameEntry, -1);
        var prefixBest = new double[rows];
        var prefixEntry = new int[rows];

        var p = 0; // number of rows j with t_j <= t_i - S - 1
        for (var i = 0; i < rows; i++)
        {
            if (i % CancellationCheckRows == 0) cancellationToken.ThrowIfCancellationRequested();
            var t = keys.IntervalOfRow(range.From + i);
            while (p < i && keys.IntervalOfRow(range.From + p) <= (long)t - switchIntervals - 1) p++;
            var earlyBest = p > 0 ? prefixBest[p - 1] : 0.0;
            var earlyEntry = p > 0 ? prefixEntry[p - 1] : -1;
            var rowBest = i > 0 ? prefixBest[i - 1] : 0.0;
            var rowEntry = i > 0 ? prefixEntry[i - 1] : -1;

            int start = keys.RowStart(range.From + i) - e0, end = keys.RowStart(range.From + i + 1) - e0;
            for (var e = start; e < end; e++)
            {
                var n = nodes[e0 + e];
                var value = nodeValue[n] * bits[e0 + e];
                entryRow[e] = i;
                if (!(value > 0))
                {
                    f[e] = double.NegativeInfinity;
                    pred[e] = -1;
                    continue;
                }

                var before = earlyBest;
                var from = earlyEntry;
                if (sameEntry[n] >= 0 && sameBest[n] >= before)
                {
                    before = sameBest[n];
                    from = sameEntry[n];
                }

                f[e] = value + before;
                pred[e] = from;
                if (f[e] > rowBest)
                {
                    rowBest = f[e];
                    rowEntry = e;
                }
            }

            // B_n may only see rows before the next one, so update it after the whole row.
            for (var e = start; e < end; e++)
            {
                var n = nodes[e0 + e];
                if (f[e] > double.NegativeInfinity && (sameEntry[n] < 0 || f[e] > sameBest[n]))
                {
                    sameBest[n] = f[e];
                    sameEntry[n] = e;
                }
            }

            prefixBest[i] = rowBest;
            prefixEntry[i] = rowEntry;
        }

        if (rows == 0 || prefixEntry[rows - 1] < 0) return new DpSolution([], 0);
        var path = new List<Assignment>();
        for (var e = prefixEntry[rows - 1]; e >= 0; e = pred[e])
            path.Add(new Assignment(keys.IntervalOfRow(range.From + entryRow[e]), nodes[e0 + e]));
        path.Reverse();
        return new DpSolution(path, prefixBest[rows - 1]);
    }
}
