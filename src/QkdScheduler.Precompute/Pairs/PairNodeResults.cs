using System.Text.Json.Nodes;
using QkdScheduler.Core.Model;
using QkdScheduler.KeyRates.Entanglement;

namespace QkdScheduler.Precompute.Pairs;

/// <summary>What a schedule gives one station-pair node: its delivered pairs, QBER, finite key and Bell test.</summary>
public sealed record PairNodeResult(string Node, PairDelivery Delivery);

/// <summary>
/// The per-pair results of an entanglement instance (key unit pairs, nodes with a QBER): each pair node's finite key
/// and S − 3ΔS from its delivered total (seed 004 eq. 11–12; neither adds up over intervals, so both come from the total).
/// </summary>
public static class PairNodeResults
{
    /// <summary>One result per pair node with a QBER; null for an instance that is not an entanglement instance.</summary>
    public static IReadOnlyList<PairNodeResult>? Of(Problem problem, IReadOnlyList<double> perNodeBits)
    {
        if (problem.KeyUnit != PairPrecompute.KeyUnit || problem.Nodes.All(n => n.Qber == null)) return null;
        var results = new List<PairNodeResult>();
        for (var i = 0; i < problem.Nodes.Count; i++)
            if (problem.Nodes[i].Qber is { } qber)
                results.Add(new PairNodeResult(problem.Nodes[i].Id, PairDelivery.Of(perNodeBits[i], qber, problem.FiniteKey)));
        return results;
    }

    /// <summary>result.json's <c>per_node_entanglement</c>: per node pairs, qber, secret_bits, bell_s, bell_s_minus_3ds, bell_violated.</summary>
    public static JsonObject ToJson(IEnumerable<PairNodeResult> results)
    {
        var json = new JsonObject();
        foreach (var r in results)
            json[r.Node] = new JsonObject
            {
                ["pairs"] = r.Delivery.Pairs,
                ["qber"] = r.Delivery.Qber,
                ["secret_bits"] = r.Delivery.SecretBits,
                ["bell_s"] = r.Delivery.Bell?.S,
                ["bell_s_minus_3ds"] = r.Delivery.Bell?.SMinus3DeltaS,
                ["bell_violated"] = r.Delivery.Bell?.Violates ?? false,
            };
        return json;
    }
}
