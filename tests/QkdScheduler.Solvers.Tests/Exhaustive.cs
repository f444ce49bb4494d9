using QkdScheduler.Core.Model;

namespace QkdScheduler.Solvers.Tests;

/// <summary>
/// Brute force over every assignment of {idle, node 1..N} to every interval, with its own check
/// of the switching rule (docs/architecture.md: consecutive served intervals m &lt; m' of different
/// nodes need m' − m − 1 ≥ S) and, when the instance has one, of the minimum contact length. Written independently of
/// the solvers and the validator.
/// </summary>
public static class Exhaustive
{
    public static double Best(Problem p, double[] nodeValue)
    {
        var best = 0.0;
        foreach (var a in Feasible(p))
        {
            var value = 0.0;
            for (var i = 0; i < a.Length; i++)
                if (a[i] >= 0) value += nodeValue[a[i]] * p.Keys[i, a[i]];
            best = Math.Max(best, value);
        }

        return best;
    }

    /// <summary>The S-TD optimum: the largest E over feasible assignments with |E_n − q_n E| ≤ ε q_n E for every q_n &gt; 0.</summary>
    public static double BestTargeted(Problem p, double eps)
    {
        var best = 0.0;
        var perNode = new double[p.Nodes.Count];
        foreach (var a in Feasible(p))
        {
            Array.Clear(perNode);
            for (var i = 0; i < a.Length; i++)
                if (a[i] >= 0) perNode[a[i]] += p.Keys[i, a[i]];
            var total = perNode.Sum();
            var ok = true;
            for (var n = 0; n < perNode.Length && ok; n++)
                if (p.Nodes[n].Share > 0 && Math.Abs(perNode[n] - p.Nodes[n].Share * total) > eps * p.Nodes[n].Share * total + 1e-9) ok = false;
            if (ok) best = Math.Max(best, total);
        }

        return best;
    }

    /// <summary>The best Σ value_n K over feasible assignments that <paramref name="keep"/> accepts (a[m] = node served in m, −1 = idle); null when none.</summary>
    public static double? Best(Problem p, double[] nodeValue, Func<int[], bool> keep)
    {
        double? best = null;
        foreach (var a in Feasible(p))
        {
            if (!keep(a)) continue;
            var total = 0.0;
            for (var m = 0; m < a.Length; m++)
                if (a[m] >= 0) total += nodeValue[a[m]] * p.Keys[m, a[m]];
            best = Math.Max(best ?? double.NegativeInfinity, total);
        }

        return best;
    }

    /// <summary>Every assignment of {idle, node 1..N} to the intervals that keeps the switching rule (the array is reused).</summary>
    private static IEnumerable<int[]> Feasible(Problem p)
    {
        int m = p.IntervalCount, n = p.Nodes.Count;
        var a = new int[m];
        var total = (long)Math.Pow(n + 1, m);
        for (long code = 0; code < total; code++)
        {
            var c = code;
            for (var i = 0; i < m; i++)
            {
                a[i] = (int)(c % (n + 1)) - 1;
                c /= n + 1;
            }

            if (Feasible(a, p.SwitchIntervals) && LongEnough(p, a)) yield return a;
        }
    }

    /// <summary>
    /// The minimum contact length, literally: with L &gt; 1 every served interval has K &gt; 0 for its node, and every
    /// maximal run of consecutive intervals given to one node has at least L of them.
    /// </summary>
    private static bool LongEnough(Problem p, int[] a)
    {
        var l = p.MinContactIntervals;
        if (l <= 1) return true;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] < 0) continue;
            if (!(p.Keys[i, a[i]] > 0)) return false;
            var start = i == 0 || a[i - 1] != a[i];
            if (!start) continue;
            var run = 1;
            while (i + run < a.Length && a[i + run] == a[i]) run++;
            if (run < l) return false;
        }

        return true;
    }

    private static bool Feasible(int[] a, int s)
    {
        var last = -1;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] < 0) continue;
            if (last >= 0 && a[last] != a[i] && i - last - 1 < s) return false;
            last = i;
        }

        return true;
    }
}
