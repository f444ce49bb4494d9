using QkdScheduler.Core;
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

    /// <summary>The most (entry, run length) states of the minimum-contact DP: about 12 bytes each.</summary>
    public const long MaxRunLengthStates = 100_000_000;

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

    /// <summary>The DP under a minimum contact length <paramref name="minContact"/> (1 = no rule: the DP above).</summary>
    public static DpSolution Maximise(KeyMatrix keys, int switchIntervals, IReadOnlyList<double> nodeValue, int minContact, CancellationToken cancellationToken) =>
        Maximise(keys, switchIntervals, nodeValue, new RowRange(0, keys.RowCount), minContact, cancellationToken);

    /// <summary>
    /// The DP on the rows of <paramref name="range"/> under a minimum contact length L = <paramref name="minContact"/>
    /// (docs/architecture.md, "Minimum contact length": every contact at least L consecutive intervals, all with K &gt; 0).
    /// </summary>
    /// <remarks>
    /// The state adds the length r of the contact that ends at t_i, capped at L (r = L: the contact is long enough to end
    /// here). With e = (i, n) and v = c_n K[t_i, n] &gt; 0,
    /// <code>
    ///   f(e, 1)   = v + max( 0, G(p(i)), C_n(q(i)) )             (a new contact)
    ///   f(e, r)   = v + f(e', r − 1)           for 1 &lt; r &lt; L     (the contact goes on from e' = (t_i − 1, n))
    ///   f(e, L)   = v + max( f(e', L − 1), f(e', L) )
    ///   G(k)      = max over rows j ≤ k and nodes of f(·, L)      (a finished contact of any node)
    ///   C_n(k)    = max over rows j ≤ k of f((j, n), L)           (a finished contact of n, ended at least one interval earlier)
    /// </code>
    /// with p(i) as above and q(i) the last row with t_j ≤ t_i − 2 (a contact of the same node that ended at t_i − 1 would
    /// go on, not end). Only entries with v &gt; 0 are states, so no contact pads with intervals that deliver nothing; a
    /// node with c_n = 0 is never worth serving, so the optimum over these paths is the optimum of the rule. The answer is
    /// G(last row): every path ends on a finished contact.
    /// </remarks>
    public static DpSolution Maximise(KeyMatrix keys, int switchIntervals, IReadOnlyList<double> nodeValue, RowRange range, int minContact, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minContact, 1);
        if (minContact == 1) return Maximise(keys, switchIntervals, nodeValue, range, cancellationToken);
        var l = minContact;
        var rows = range.Count;
        var nodes = keys.EntryNodes;
        var bits = keys.EntryBits;
        var e0 = keys.RowStart(range.From);
        var entries = keys.RowStart(range.To) - e0;
        // No contact can be longer than the longest run of consecutive intervals with keys: beyond it there is nothing to serve.
        var longest = rows > 0 ? 1 : 0;
        for (int i = 1, run = 1; i < rows; i++)
        {
            run = keys.IntervalOfRow(range.From + i) == keys.IntervalOfRow(range.From + i - 1) + 1 ? run + 1 : 1;
            longest = Math.Max(longest, run);
        }

        if (l > longest) return new DpSolution([], 0);
        if ((long)entries * l > MaxRunLengthStates)
            throw new InputException(null, null,
                $"a minimum contact length of {l} intervals over {entries:N0} key entries needs {(long)entries * l:N0} dynamic-program states, more than {MaxRunLengthStates:N0}; use a shorter minimum contact or longer intervals");
        // State (entry, r) is numbered entry * L + (r − 1); predecessors are state numbers, −1 = the empty start.
        var f = new double[entries * l];
        Array.Fill(f, double.NegativeInfinity);
        var pred = new int[f.Length];
        var entryRow = new int[entries];
        var lastEntry = new int[keys.NodeCount];
        var lastInterval = new int[keys.NodeCount];
        Array.Fill(lastEntry, -1);
        var finishedBest = new double[keys.NodeCount];
        Array.Fill(finishedBest, double.NegativeInfinity);
        var finishedState = new int[keys.NodeCount];
        var prefixBest = new double[rows];
        var prefixState = new int[rows];

        int p = 0, q = 0;
        for (var i = 0; i < rows; i++)
        {
            if (i % CancellationCheckRows == 0) cancellationToken.ThrowIfCancellationRequested();
            var t = keys.IntervalOfRow(range.From + i);
            while (p < i && keys.IntervalOfRow(range.From + p) <= (long)t - switchIntervals - 1) p++;
            while (q < i && keys.IntervalOfRow(range.From + q) <= (long)t - 2)
            {
                for (var e = keys.RowStart(range.From + q) - e0; e < keys.RowStart(range.From + q + 1) - e0; e++)
                {
                    var state = e * l + l - 1;
                    if (f[state] > finishedBest[nodes[e0 + e]])
                        (finishedBest[nodes[e0 + e]], finishedState[nodes[e0 + e]]) = (f[state], state);
                }

                q++;
            }

            var (earlyBest, earlyState) = p > 0 ? (prefixBest[p - 1], prefixState[p - 1]) : (0.0, -1);
            var (rowBest, rowState) = i > 0 ? (prefixBest[i - 1], prefixState[i - 1]) : (0.0, -1);

            int start = keys.RowStart(range.From + i) - e0, end = keys.RowStart(range.From + i + 1) - e0;
            for (var e = start; e < end; e++)
            {
                var n = nodes[e0 + e];
                var value = nodeValue[n] * bits[e0 + e];
                entryRow[e] = i;
                if (!(value > 0)) continue;

                var (before, from) = (earlyBest, earlyState);
                if (finishedBest[n] > before) (before, from) = (finishedBest[n], finishedState[n]);
                (f[e * l], pred[e * l]) = (value + before, from);

                if (lastEntry[n] >= 0 && lastInterval[n] == t - 1)
                {
                    var prev = lastEntry[n] * l;
                    for (var r = 1; r < l; r++)
                        if (f[prev + r - 1] > double.NegativeInfinity)
                            (f[e * l + r], pred[e * l + r]) = (value + f[prev + r - 1], prev + r - 1);
                    if (value + f[prev + l - 1] > f[e * l + l - 1])
                        (f[e * l + l - 1], pred[e * l + l - 1]) = (value + f[prev + l - 1], prev + l - 1);
                }

                if (f[e * l + l - 1] > rowBest) (rowBest, rowState) = (f[e * l + l - 1], e * l + l - 1);
            }

            // The contact-goes-on step may only see the row before, so update it after the whole row.
            for (var e = start; e < end; e++)
                (lastEntry[nodes[e0 + e]], lastInterval[nodes[e0 + e]]) = (e, t);
            prefixBest[i] = rowBest;
            prefixState[i] = rowState;
        }

        if (rows == 0 || prefixState[rows - 1] < 0) return new DpSolution([], 0);
        var path = new List<Assignment>();
        for (var state = prefixState[rows - 1]; state >= 0; state = pred[state])
        {
            var e = state / l;
            path.Add(new Assignment(keys.IntervalOfRow(range.From + entryRow[e]), nodes[e0 + e]));
        }

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
    /// Without a restriction it is the DP under the minimum contact length <paramref name="minContact"/>; with one, the
    /// minimum contact length is not part of the state: the schedules it returns may break it, and its value bounds those
    /// that do not (a relaxation). Callers use such schedules only through a trim that enforces the rule.
    /// </summary>
    internal static DpSolution? Maximise(KeyMatrix keys, int switchIntervals, IReadOnlyList<double> nodeValue, RowRange range, StretchRestriction restriction,
        int minContact, CancellationToken cancellationToken)
    {
        if (restriction.IsNone) return Maximise(keys, switchIntervals, nodeValue, range, minContact, cancellationToken);
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
