using QkdScheduler.Core.Model;

namespace QkdScheduler.Solvers.Tests;

/// <summary>
/// Brute force over every assignment of {idle, node 1..N} to every interval, with its own check
/// of the switching rule (ARCHITECTURE.md: consecutive served intervals m &lt; m' of different
/// nodes need m' − m − 1 ≥ S). Written independently of the solvers and the validator.
/// </summary>
public static class Exhaustive
{
    public static double Best(Problem p, double[] nodeValue)
    {
        int m = p.IntervalCount, n = p.Nodes.Count;
        var a = new int[m];
        var best = 0.0;
        var total = (long)Math.Pow(n + 1, m);
        for (long code = 0; code < total; code++)
        {
            var c = code;
            for (var i = 0; i < m; i++)
            {
                a[i] = (int)(c % (n + 1)) - 1;
                c /= n + 1;
            }

            if (!Feasible(a, p.SwitchIntervals)) continue;
            var value = 0.0;
            for (var i = 0; i < m; i++)
                if (a[i] >= 0) value += nodeValue[a[i]] * p.Keys[i, a[i]];
            best = Math.Max(best, value);
        }

        return best;
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
