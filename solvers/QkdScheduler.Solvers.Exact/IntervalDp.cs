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

    /// <summary>
    /// The same DP on one stretch under a branch-and-price <paramref name="restriction"/>, or null when no
    /// schedule meets it. Forbidden nodes, entries and windows are never served. Each "at least once" item (a
    /// required node, entry or window) is a bit of a state mask carried along the path: f(i, n, M) is the
    /// best value of a schedule ending at t_i with n whose served entries meet exactly the items in M, so
    /// <code>
    ///   f(i, n, M' ∪ items(i, n)) = c_n K[t_i, n] + max( B_n(i, M'), G(p(i), M'), [M' = ∅] · 0 )
    /// </code>
    /// with B and G as above, per mask, and the answer is G(L, all items). Entries of value ≤ 0 are served only
    /// when they meet an item. Time and memory grow as 2^(items).
    /// </summary>
    internal static DpSolution? Maximise(KeyMatrix keys, int switchIntervals, IReadOnlyList<double> nodeValue, RowRange range, StretchRestriction restriction,
        CancellationToken cancellationToken)
    {
        if (restriction.IsNone) return Maximise(keys, switchIntervals, nodeValue, range, cancellationToken);
        var requiredNodes = restriction.RequiredNodes.ToArray();
        var requiredEntries = restriction.RequiredEntries.ToArray();
        var requiredWindows = restriction.RequiredWindows.ToArray();
        var masks = 1 << (requiredNodes.Length + requiredEntries.Length + requiredWindows.Length);
        var full = masks - 1;
        var rows = range.Count;
        var nodes = keys.EntryNodes;
        var bits = keys.EntryBits;
        var e0 = keys.RowStart(range.From);
        var entries = keys.RowStart(range.To) - e0;
        // State (entry, mask) is numbered entry * masks + mask; predecessors are state numbers, −1 = the empty start.
        var f = new double[entries * masks];
        Array.Fill(f, double.NegativeInfinity);
        var pred = new int[entries * masks];
        var entryRow = new int[entries];
        var sameBest = new double[keys.NodeCount * masks];
        Array.Fill(sameBest, double.NegativeInfinity);
        var sameState = new int[keys.NodeCount * masks];
        var prefixBest = new double[rows * masks];
        Array.Fill(prefixBest, double.NegativeInfinity);
        var prefixState = new int[rows * masks];

        var p = 0;
        for (var i = 0; i < rows; i++)
        {
            if (i % CancellationCheckRows == 0) cancellationToken.ThrowIfCancellationRequested();
            var t = keys.IntervalOfRow(range.From + i);
            while (p < i && keys.IntervalOfRow(range.From + p) <= (long)t - switchIntervals - 1) p++;
            for (var m = 0; m < masks; m++)
                (prefixBest[i * masks + m], prefixState[i * masks + m]) = i > 0 ? (prefixBest[(i - 1) * masks + m], prefixState[(i - 1) * masks + m]) : (double.NegativeInfinity, -1);

            int start = keys.RowStart(range.From + i) - e0, end = keys.RowStart(range.From + i + 1) - e0;
            for (var e = start; e < end; e++)
            {
                var n = nodes[e0 + e];
                entryRow[e] = i;
                var entry = new Assignment(t, n);
                if (restriction.Forbids(entry)) continue;
                var items = 0;
                for (var k = 0; k < requiredNodes.Length; k++)
                    if (requiredNodes[k] == n) items |= 1 << k;
                for (var k = 0; k < requiredEntries.Length; k++)
                    if (requiredEntries[k] == entry) items |= 1 << (requiredNodes.Length + k);
                for (var k = 0; k < requiredWindows.Length; k++)
                    if (requiredWindows[k].Contains(entry)) items |= 1 << (requiredNodes.Length + requiredEntries.Length + k);
                var value = nodeValue[n] * bits[e0 + e];
                if (!(value > 0) && items == 0) continue;

                for (var before = 0; before < masks; before++)
                {
                    var best = before == 0 ? 0.0 : double.NegativeInfinity;
                    var from = -1;
                    if (p > 0 && prefixBest[(p - 1) * masks + before] > best)
                        (best, from) = (prefixBest[(p - 1) * masks + before], prefixState[(p - 1) * masks + before]);
                    if (sameBest[n * masks + before] >= best && sameBest[n * masks + before] > double.NegativeInfinity)
                        (best, from) = (sameBest[n * masks + before], sameState[n * masks + before]);
                    if (best == double.NegativeInfinity) continue;
                    var state = e * masks + (before | items);
                    if (value + best > f[state])
                    {
                        f[state] = value + best;
                        pred[state] = from;
                    }
                }

                for (var m = 0; m < masks; m++)
                    if (f[e * masks + m] > prefixBest[i * masks + m])
                        (prefixBest[i * masks + m], prefixState[i * masks + m]) = (f[e * masks + m], e * masks + m);
            }

            // B_n may only see rows before the next one, so update it after the whole row.
            for (var e = start; e < end; e++)
            {
                var n = nodes[e0 + e];
                for (var m = 0; m < masks; m++)
                    if (f[e * masks + m] > sameBest[n * masks + m])
                        (sameBest[n * masks + m], sameState[n * masks + m]) = (f[e * masks + m], e * masks + m);
            }
        }

        if (full == 0 && (rows == 0 || prefixState[(rows - 1) * masks] < 0)) return new DpSolution([], 0);
        if (rows == 0 || prefixState[(rows - 1) * masks + full] < 0) return null;
        var path = new List<Assignment>();
        for (var state = prefixState[(rows - 1) * masks + full]; state >= 0; state = pred[state])
        {
            var e = state / masks;
            path.Add(new Assignment(keys.IntervalOfRow(range.From + entryRow[e]), nodes[e0 + e]));
        }

        path.Reverse();
        return new DpSolution(path, prefixBest[(rows - 1) * masks + full]);
    }
}
