using QkdScheduler.Core.Model;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.Mip.Engines;
using QkdScheduler.Solvers.Mip.Model;

using QkdScheduler.Solvers.Exact;

namespace QkdScheduler.Solvers.Lagrange;

/// <summary>
/// The problem <see cref="ShareTrimmer"/> solves greedily, solved by a MIP engine: which of a schedule's
/// served intervals to keep so that it meets the S-TD share rule with the most keys. Intervals are whole,
/// so the continuous score <see cref="ShareTrimmer.MaxTotal"/> can be far out of reach of a greedy trim
/// when a node's band is narrower than its intervals (the Micius week: a ±5 % band of a 0.6 % share
/// against 10-s intervals of up to 2 Mbit).
/// </summary>
/// <remarks>
/// Binary z_i keeps served interval i (bits K_i, node n(i)); E = Σ_i K_i z_i and, for nodes with q_n &gt; 0,
/// (1−ε') q_n E ≤ Σ_{i: n(i)=n} K_i z_i ≤ (1+ε') q_n E (docs/architecture.md's rule); maximise E. Removing
/// intervals keeps the switching rule, so every z is a schedule. ε' = ε − 10⁻⁵ leaves room for the
/// engine's feasibility tolerance (the rows are divided by q_n, so it compares with E), and the kept set is checked with <see cref="ShareRule.IsMet"/> at ε.
/// </remarks>
internal static class IntervalTrim
{
    /// <summary>ε' = ε − this: ten times an engine's usual feasibility tolerance (10⁻⁶) on rows of order E.</summary>
    private const double BandMargin = 1e-5;

    /// <summary>The kept intervals, or null when the engine found nothing that meets the rule in time. <paramref name="hint"/> (a subset of <paramref name="served"/>) is the MIP start.</summary>
    public static IReadOnlyList<Assignment>? Solve(Problem problem, IReadOnlyList<Assignment> served, IReadOnlyList<Assignment> hint, double eps,
        IMipEngine engine, double seconds, CancellationToken cancellationToken)
    {
        var keys = problem.Keys;
        var shares = problem.Nodes.Select(x => x.Share).ToArray();
        var bits = served.Select(a => keys[a.Interval, a.Node]).ToArray();
        var scale = Math.Max(bits.Sum(), 1);
        var kept = hint.ToHashSet();
        var model = new MipModel("interval-trim");
        var z = new int[served.Count];
        var perNode = new List<(int, double)>[problem.Nodes.Count];
        for (var n = 0; n < perNode.Length; n++) perNode[n] = [];
        var start = new Dictionary<int, double>();
        for (var i = 0; i < served.Count; i++)
        {
            z[i] = model.AddBinary($"z_{i}");
            perNode[served[i].Node].Add((z[i], bits[i] / scale));
            start[z[i]] = kept.Contains(served[i]) ? 1 : 0;
        }

        var total = model.AddVariable(new MipVariable("E", 0, double.PositiveInfinity, false, 1));
        model.AddConstraint("total", [(total, -1), .. z.Select((v, i) => (v, bits[i] / scale))], ConstraintSense.Equal, 0);
        var band = Math.Max(0, eps - BandMargin);
        for (var n = 0; n < perNode.Length; n++)
        {
            if (shares[n] <= 0) continue;
            // Divided by q_n, so the engine's absolute tolerance compares with E, not with a small share of it.
            var q = shares[n];
            model.AddConstraint($"share_hi_{n}", [.. perNode[n].Select(t => (t.Item1, t.Item2 / q)), (total, -(1 + band))], ConstraintSense.LessOrEqual, 0);
            model.AddConstraint($"share_lo_{n}", [.. perNode[n].Select(t => (t.Item1, -t.Item2 / q)), (total, 1 - band)], ConstraintSense.LessOrEqual, 0);
        }

        model.Start = start;
        var result = engine.Solve(model, new MipSettings(seconds), cancellationToken);
        if (result.Values is not { } x) return null;
        var chosen = Enumerable.Range(0, served.Count).Where(i => x[z[i]] > 0.5).Select(i => served[i]).ToList();
        // Within the engine's tolerance but not the rule's, or with a contact cut below the minimum length: the greedy
        // trim takes off what little is left (it returns a choice that meets both unchanged).
        return ShareTrimmer.Trim(problem, chosen, eps);
    }
}
