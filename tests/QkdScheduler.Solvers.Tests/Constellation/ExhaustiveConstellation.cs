using QkdScheduler.Core.Model;

namespace QkdScheduler.Solvers.Tests.Constellation;

/// <summary>
/// Brute force for tiny constellation instances, written from the rule's literal form (docs/architecture.md,
/// "Constellations"), not from the session check the validator and the models use: every satellite, in every
/// interval, is idle or serves one node it has keys for (serving an interval without keys adds nothing and only
/// takes a receiver, so an optimum never needs it, and a minimum contact length forbids it); each satellite keeps the
/// switching rule and every run of one node lasts the minimum contact length; and at each station
/// the receptions can be given to its R_g receivers so that no receiver takes two receptions in one interval and a
/// receiver that changes satellite has S_st idle intervals in between (searched by backtracking).
/// </summary>
public static class ExhaustiveConstellation
{
    /// <summary>The best Σ value_n E_n, or for td (<paramref name="eps"/> given) the best E meeting the share rule.</summary>
    public static double Best(Problem p, double[] nodeValue, double? eps = null)
    {
        var fleet = p.Constellation!;
        int satellites = fleet.Satellites.Count, m = p.IntervalCount, n = p.Nodes.Count;
        // choices[s][t]: idle (−1) and the nodes s has keys for in t.
        var choices = new int[satellites][][];
        for (var s = 0; s < satellites; s++)
        {
            choices[s] = new int[m][];
            for (var t = 0; t < m; t++)
                choices[s][t] = [-1, .. Enumerable.Range(0, n).Where(k => fleet.Keys[s][t, k] > 0)];
        }

        var a = new int[satellites, m];
        var best = 0.0;
        void Visit(int cell)
        {
            if (cell == satellites * m)
            {
                if (!Feasible(p, a)) return;
                var perNode = new double[n];
                for (var s = 0; s < satellites; s++)
                    for (var t = 0; t < m; t++)
                        if (a[s, t] >= 0) perNode[a[s, t]] += fleet.Keys[s][t, a[s, t]];
                if (eps is { } e)
                {
                    var total = perNode.Sum();
                    for (var k = 0; k < n; k++)
                        if (p.Nodes[k].Share > 0 && Math.Abs(perNode[k] - p.Nodes[k].Share * total) > e * p.Nodes[k].Share * total + 1e-9) return;
                    best = Math.Max(best, total);
                }
                else best = Math.Max(best, perNode.Select((x, k) => x * nodeValue[k]).Sum());
                return;
            }

            var (si, ti) = (cell / m, cell % m);
            foreach (var c in choices[si][ti])
            {
                a[si, ti] = c;
                Visit(cell + 1);
            }
        }

        Visit(0);
        return best;
    }

    private static bool Feasible(Problem p, int[,] a)
    {
        var fleet = p.Constellation!;
        int satellites = a.GetLength(0), m = a.GetLength(1);
        for (var s = 0; s < satellites; s++)
        {
            var last = -1;
            for (var t = 0; t < m; t++)
            {
                if (a[s, t] < 0) continue;
                if (last >= 0 && a[s, last] != a[s, t] && t - last - 1 < p.SwitchIntervals) return false;
                last = t;
                // The minimum contact length: a run of one node that starts here lasts at least L intervals.
                if (t > 0 && a[s, t - 1] == a[s, t]) continue;
                var run = 1;
                while (t + run < m && a[s, t + run] == a[s, t]) run++;
                if (run < p.MinContactIntervals) return false;
            }
        }

        foreach (var g in p.Nodes.SelectMany(x => x.Stations).Distinct())
        {
            var receptions = new List<(int S, int T)>();
            for (var t = 0; t < m; t++)
                for (var s = 0; s < satellites; s++)
                    if (a[s, t] >= 0 && p.Nodes[a[s, t]].Stations.Contains(g)) receptions.Add((s, t));
            var receivers = fleet.Receivers(g);
            var lastSatellite = Enumerable.Repeat(-1, receivers).ToArray();
            var lastInterval = Enumerable.Repeat(-1, receivers).ToArray();
            if (!Assign(0)) return false;

            bool Assign(int i)
            {
                if (i == receptions.Count) return true;
                var (s, t) = receptions[i];
                for (var r = 0; r < receivers; r++)
                {
                    if (lastInterval[r] == t) continue;
                    if (lastSatellite[r] >= 0 && lastSatellite[r] != s && t - lastInterval[r] - 1 < fleet.StationSwitchIntervals) continue;
                    var (ps, pt) = (lastSatellite[r], lastInterval[r]);
                    (lastSatellite[r], lastInterval[r]) = (s, t);
                    if (Assign(i + 1)) return true;
                    (lastSatellite[r], lastInterval[r]) = (ps, pt);
                }

                return false;
            }
        }

        return true;
    }
}
