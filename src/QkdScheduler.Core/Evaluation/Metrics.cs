using QkdScheduler.Core.Model;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Core.Evaluation;

/// <summary>
/// What a schedule delivers (docs/architecture.md, "Every result reports").
/// </summary>
/// <param name="TotalBits">E = Σ_n E_n.</param>
/// <param name="WeightedBits">Σ_n w_n E_n.</param>
/// <param name="KlDivergence">D_KL(p‖q) = Σ_n p_n ln(p_n / q_n) with p_n = E_n / E (seed 000 eq. 9);
/// null when E = 0; +∞ when a node with q_n = 0 receives keys.</param>
/// <param name="TrafficIndex">Polnik et al. 2020 traffic index min_n E_n / q_n over nodes with q_n > 0.</param>
/// <param name="PerNodeBits">E_n per node, in node order.</param>
/// <param name="Switches">Number of times the served node changes (per satellite, summed).</param>
/// <param name="ShareViolation">max_n |E_n − q_n E| / (q_n E) − ε; ≤ 0 means the S-TD share rule holds.</param>
public sealed record Metrics(
    double TotalBits,
    double WeightedBits,
    double? KlDivergence,
    double TrafficIndex,
    IReadOnlyList<double> PerNodeBits,
    int Switches,
    double ShareViolation)
{
    /// <summary>The objective a strategy maximises: E for gd and td, Σ w E for pd.</summary>
    public double Objective(Strategy strategy) => strategy == Strategy.Pd ? WeightedBits : TotalBits;
}

public static class MetricsCalculator
{
    /// <summary>
    /// Computes the metrics of <paramref name="schedule"/>. Contacts naming unknown nodes or
    /// intervals outside the timeline contribute nothing; run the <see cref="Validator"/> first.
    /// </summary>
    public static Metrics Compute(Problem problem, Schedule schedule, double shareTolerance)
    {
        var n = problem.Nodes.Count;
        var perNode = new double[n];
        foreach (var c in schedule.Contacts)
        {
            if (!problem.TryGetNodeIndex(c.NodeId, out var node)) continue;
            var satellite = 0;
            if (problem.Constellation is { } constellation && (c.Satellite == null || !constellation.TryGetSatelliteIndex(c.Satellite, out satellite))) continue;
            var keys = problem.KeysOf(satellite);
            var entryNodes = keys.EntryNodes;
            var entryBits = keys.EntryBits;
            for (var row = keys.FirstRowAtOrAfter(c.FirstInterval); row < keys.RowCount && keys.IntervalOfRow(row) <= c.LastInterval; row++)
                for (var e = keys.RowStart(row); e < keys.RowStart(row + 1); e++)
                    if (entryNodes[e] == node) perNode[node] += entryBits[e];
        }

        var shares = problem.Nodes.Select(x => x.Share).ToArray();
        var total = perNode.Sum();
        var weighted = 0.0;
        for (var i = 0; i < n; i++) weighted += problem.Nodes[i].Weight * perNode[i];

        return new Metrics(
            total,
            weighted,
            KlDivergence(perNode, shares),
            TrafficIndex(perNode, shares),
            perNode,
            Switches(schedule),
            ShareRule.Violation(perNode, shares, shareTolerance));
    }

    /// <summary>D_KL(p‖q) = Σ_n p_n ln(p_n / q_n), natural log (seed 000 eq. 9).</summary>
    public static double? KlDivergence(IReadOnlyList<double> delivered, IReadOnlyList<double> shares)
    {
        var total = delivered.Sum();
        if (total <= 0) return null;
        var kl = 0.0;
        for (var i = 0; i < delivered.Count; i++)
        {
            var p = delivered[i] / total;
            if (p <= 0) continue; // lim p→0 of p ln p = 0
            if (shares[i] <= 0) return double.PositiveInfinity;
            kl += p * Math.Log(p / shares[i]);
        }

        return kl;
    }

    /// <summary>Traffic index min_n E_n / q_n over nodes with q_n > 0 (Polnik et al. 2020).</summary>
    public static double TrafficIndex(IReadOnlyList<double> delivered, IReadOnlyList<double> shares)
    {
        var min = double.PositiveInfinity;
        for (var i = 0; i < delivered.Count; i++)
            if (shares[i] > 0) min = Math.Min(min, delivered[i] / shares[i]);
        return double.IsPositiveInfinity(min) ? 0 : min;
    }

    /// <summary>Changes of the served node, counted per satellite and summed.</summary>
    private static int Switches(Schedule schedule)
    {
        var switches = 0;
        foreach (var satellite in schedule.Contacts.GroupBy(c => c.Satellite))
        {
            var ordered = satellite.OrderBy(c => c.FirstInterval).ToList();
            for (var i = 1; i < ordered.Count; i++)
                if (!string.Equals(ordered[i].NodeId, ordered[i - 1].NodeId, StringComparison.Ordinal)) switches++;
        }

        return switches;
    }
}
