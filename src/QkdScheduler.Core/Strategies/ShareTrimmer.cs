using QkdScheduler.Core.Model;

namespace QkdScheduler.Core.Strategies;

/// <summary>
/// Turns any feasible schedule into one that meets the S-TD share rule
/// |E_n − q_n E| ≤ ε q_n E (docs/architecture.md) by removing served intervals from over-served nodes.
/// Removing an interval never breaks the switching rule (the gaps between the remaining contacts
/// only grow), so feasibility is kept.
/// </summary>
/// <remarks>
/// Given the keys E_n the schedule delivers, trimming can reach a total T when every node with
/// q_n > 0 can still deliver (1 − ε) q_n T, i.e. T ≤ E_n / ((1 − ε) q_n), and the nodes together
/// can fill T without exceeding (1 + ε) q_n T each: Σ_n min(E_n, (1 + ε) q_n T) ≥ T (nodes with
/// q_n = 0 count with their whole E_n). The left side minus T is concave in T and non-negative at
/// T = 0, so the largest such T is found by bisection. Intervals are whole, so the per-node targets
/// are aimed inside a narrower band first and the result is checked exactly; the empty schedule,
/// which always meets the rule, is the last resort.
/// </remarks>
public static class ShareTrimmer
{
    private static readonly double[] TargetBandFractions = [0.5, 0.25, 0.1, 0.0];

    /// <summary>
    /// Trims <paramref name="served"/> (per-interval assignments with their bits, sorted by
    /// interval) and returns the assignments kept.
    /// </summary>
    public static IReadOnlyList<Assignment> Trim(Problem problem, IReadOnlyList<Assignment> served, double shareTolerance)
    {
        var one = Trim(problem, served.Select(a => new SatelliteAssignment(0, a.Interval, a.Node)).ToList(), shareTolerance);
        return one.Count == served.Count ? served : one.Select(a => new Assignment(a.Interval, a.Node)).ToList();
    }

    /// <summary>
    /// The same for a constellation's assignments (any order): removing a reception only shortens a receiver's
    /// session, so the receiver rule is kept too.
    /// </summary>
    /// <remarks>
    /// Under a minimum contact length (L &gt; 1) a trim may leave contacts shorter than L; <see cref="MinContact.Enforce(Problem, IReadOnlyList{SatelliteAssignment})"/>
    /// removes them, which can break the share rule again, so trimming and enforcing alternate until both hold. Each round removes
    /// at least one interval, and the empty schedule meets both, so it ends.
    /// </remarks>
    public static IReadOnlyList<SatelliteAssignment> Trim(Problem problem, IReadOnlyList<SatelliteAssignment> served, double shareTolerance)
    {
        var current = MinContact.Enforce(problem, served);
        while (true)
        {
            var kept = Kept(problem, current, current.Select(a => problem.KeysOf(a.Satellite)[a.Interval, a.Node]).ToArray(), shareTolerance);
            if (kept == null) return current;
            var trimmed = kept.Select(i => current[i]).ToList();
            var enforced = MinContact.Enforce(problem, trimmed);
            if (enforced.Count == trimmed.Count) return trimmed;
            current = enforced;
        }
    }

    /// <summary>The indices kept (null: all of them, the rule already holds).</summary>
    private static List<int>? Kept(Problem problem, IReadOnlyList<SatelliteAssignment> served, double[] bitsOf, double shareTolerance)
    {
        var nodes = served.Select(a => a.Node).ToArray();
        var intervals = served.Select(a => a.Interval).ToArray();
        ArgumentOutOfRangeException.ThrowIfNegative(shareTolerance);
        var n = problem.Nodes.Count;
        var shares = problem.Nodes.Select(x => x.Share).ToArray();
        var available = new double[n];
        for (var i = 0; i < nodes.Length; i++) available[nodes[i]] += bitsOf[i];

        if (ShareRule.IsMet(available, shares, shareTolerance)) return null;

        // Both drop orders, every band: the valid trim with the largest total wins.
        List<int>? best = null;
        var bestTotal = -1.0;
        foreach (var fraction in TargetBandFractions)
        {
            var targets = Targets(available, shares, shareTolerance * fraction);
            foreach (var largestFirst in (bool[])[true, false])
            {
                var kept = problem.MinContactIntervals > 1
                    ? TrimContactsTo(served, bitsOf, targets, n, largestFirst, problem.MinContactIntervals)
                    : TrimTo(nodes, intervals, bitsOf, targets, n, largestFirst);
                var delivered = new double[n];
                foreach (var i in kept) delivered[nodes[i]] += bitsOf[i];
                if (!ShareRule.IsMet(delivered, shares, shareTolerance) || delivered.Sum() <= bestTotal) continue;
                best = kept;
                bestTotal = delivered.Sum();
            }
        }

        return best ?? [];
    }

    /// <summary>Per-node key targets E'_n ≤ E_n that meet the rule with tolerance <paramref name="band"/>.</summary>
    private static double[] Targets(double[] available, double[] shares, double band)
    {
        var n = available.Length;
        var total = MaxTotal(available, shares, band);
        var targets = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            targets[i] = shares[i] > 0 ? Math.Min(available[i], shares[i] * total) : 0;
            sum += targets[i];
        }

        // Nodes capped below q_n T leave a remainder; give it to nodes with headroom up to (1 + band) q_n T.
        var remainder = total - sum;
        for (var i = 0; i < n && remainder > 0; i++)
        {
            var upper = shares[i] > 0 ? Math.Min(available[i], (1 + band) * shares[i] * total) : available[i];
            var add = Math.Min(remainder, upper - targets[i]);
            if (add <= 0) continue;
            targets[i] += add;
            remainder -= add;
        }

        return targets;
    }

    /// <summary>
    /// The largest total T that trimming can keep from per-node keys <paramref name="available"/>
    /// while meeting the share rule with tolerance <paramref name="band"/> (continuous: ignores
    /// that intervals are whole). Used to score candidate schedules for S-TD.
    /// </summary>
    public static double MaxTotal(IReadOnlyList<double> available, IReadOnlyList<double> shares, double band)
    {
        var cap = double.PositiveInfinity;
        for (var i = 0; i < available.Count; i++)
            if (shares[i] > 0) cap = Math.Min(cap, available[i] / ((1 - band) * shares[i]));
        if (cap <= 0) return 0;

        double Fill(double t)
        {
            var s = 0.0;
            for (var i = 0; i < available.Count; i++)
                s += shares[i] > 0 ? Math.Min(available[i], (1 + band) * shares[i] * t) : available[i];
            return s - t;
        }

        var sum = 0.0;
        for (var i = 0; i < available.Count; i++) sum += available[i];
        double lo = 0, hi = Math.Min(cap, sum);
        if (Fill(hi) >= 0) return hi;
        for (var iter = 0; iter < 200 && hi - lo > 1e-12 * Math.Max(1, hi); iter++)
        {
            var mid = 0.5 * (lo + hi);
            if (Fill(mid) >= 0) lo = mid; else hi = mid;
        }

        return lo;
    }

    /// <summary>
    /// Drops each node's intervals, in size order, whenever what remains stays at or above its
    /// target. Largest-first leaves the small intervals, so the overshoot above the target ends
    /// below the smallest interval kept (needed when intervals are big against a narrow band: the
    /// Micius week has 10-s intervals of up to 2 Mbit against a ±5 % band of a 0.6 % share);
    /// smallest-first keeps fewer, longer contacts and sometimes more key.
    /// </summary>
    private static List<int> TrimTo(int[] nodes, int[] intervals, double[] bitsOf, double[] targets, int nodeCount, bool largestFirst)
    {
        var remaining = new double[nodeCount];
        for (var i = 0; i < nodes.Length; i++) remaining[nodes[i]] += bitsOf[i];
        var dropped = new bool[nodes.Length];
        var order = Enumerable.Range(0, nodes.Length)
            .OrderBy(i => largestFirst ? -bitsOf[i] : bitsOf[i]).ThenBy(i => intervals[i]).ToArray();
        foreach (var i in order)
        {
            var node = nodes[i];
            if (remaining[node] - bitsOf[i] < targets[node] * (1 - 1e-12)) continue;
            remaining[node] -= bitsOf[i];
            dropped[i] = true;
        }

        var kept = new List<int>(nodes.Length);
        for (var i = 0; i < nodes.Length; i++)
            if (!dropped[i]) kept.Add(i);
        return kept;
    }

    /// <summary>
    /// <see cref="TrimTo"/> under a minimum contact length L: a contact (a maximal run of one satellite and node) loses
    /// intervals only at its ends while it is longer than L, and then only as a whole, so every contact kept still lasts L.
    /// For each node, repeatedly, of the end intervals and whole short contacts whose removal keeps it at or above its
    /// target, the largest (or smallest) goes.
    /// </summary>
    private static List<int> TrimContactsTo(IReadOnlyList<SatelliteAssignment> served, double[] bitsOf, double[] targets, int nodeCount, bool largestFirst, int minContact)
    {
        var remaining = new double[nodeCount];
        for (var i = 0; i < served.Count; i++) remaining[served[i].Node] += bitsOf[i];
        var dropped = new bool[served.Count];
        // Each node's contacts as index lists in time order, with the still-kept part [Lo, Hi].
        var contacts = Enumerable.Range(0, nodeCount).Select(_ => new List<(List<int> Items, int Lo, int Hi)>()).ToArray();
        foreach (var group in Enumerable.Range(0, served.Count).GroupBy(i => (served[i].Satellite, served[i].Node)))
        {
            var ordered = group.OrderBy(i => served[i].Interval).ToList();
            for (var k = 0; k < ordered.Count;)
            {
                var end = k + 1;
                while (end < ordered.Count && served[ordered[end]].Interval == served[ordered[end - 1]].Interval + 1) end++;
                var items = ordered.GetRange(k, end - k);
                contacts[group.Key.Node].Add((items, 0, items.Count - 1));
                k = end;
            }
        }

        for (var node = 0; node < nodeCount; node++)
        {
            var list = contacts[node];
            while (true)
            {
                // (contact, which: −1 low end, +1 high end, 0 whole, bits)
                (int C, int Which, double Bits) pick = (-1, 0, 0);
                for (var c = 0; c < list.Count; c++)
                {
                    var (items, lo, hi) = list[c];
                    if (lo > hi) continue;
                    IEnumerable<(int Which, double Bits)> options = hi - lo + 1 > minContact
                        ? [(-1, bitsOf[items[lo]]), (1, bitsOf[items[hi]])]
                        : [(0, Enumerable.Range(lo, hi - lo + 1).Sum(k => bitsOf[items[k]]))];
                    foreach (var (which, bits) in options)
                    {
                        if (remaining[node] - bits < targets[node] * (1 - 1e-12)) continue;
                        if (pick.C < 0 || (largestFirst ? bits > pick.Bits : bits < pick.Bits)) pick = (c, which, bits);
                    }
                }

                if (pick.C < 0) break;
                var (its, l, h) = list[pick.C];
                switch (pick.Which)
                {
                    case -1: dropped[its[l]] = true; l++; break;
                    case 1: dropped[its[h]] = true; h--; break;
                    default:
                        for (var k = l; k <= h; k++) dropped[its[k]] = true;
                        (l, h) = (1, 0);
                        break;
                }

                list[pick.C] = (its, l, h);
                remaining[node] -= pick.Bits;
            }
        }

        var kept = new List<int>(served.Count);
        for (var i = 0; i < served.Count; i++)
            if (!dropped[i]) kept.Add(i);
        return kept;
    }
}
