using QkdScheduler.Core.Model;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Core.Evaluation;

/// <summary>
/// A schedule scored over weather scenarios: its value V_k in each (E^k for gd and td, Σ_n w_n E^k_n for pd), the risk
/// measure of those values, their mean, worst and lower 10/50/90 % quantiles, the expected delivery per node
/// Σ_k p_k E^k_n and, for td, whether that expected delivery meets the share rule (docs/architecture.md, "Weather
/// scenarios and risk").
/// </summary>
public sealed record EnsembleScore(
    RiskMeasure Measure,
    double Value,
    double Mean,
    double Min,
    double P10,
    double P50,
    double P90,
    IReadOnlyList<double> PerScenario,
    IReadOnlyList<double> ExpectedPerNode,
    bool? ShareRuleMet);

public static class EnsembleEvaluation
{
    /// <summary>
    /// Scores <paramref name="schedule"/> (valid for <paramref name="problem"/>: the caller checks) in every scenario. A
    /// contact delivers, in scenario k, K^k of its satellite over its intervals for its node.
    /// </summary>
    public static EnsembleScore Score(Problem problem, Schedule schedule, Ensemble ensemble, Strategy strategy, RiskMeasure measure, double shareTolerance)
    {
        var n = problem.Nodes.Count;
        var perScenario = new double[ensemble.Count];
        var expected = new double[n];
        var weights = problem.Nodes.Select(x => x.Weight).ToArray();
        for (var k = 0; k < ensemble.Count; k++)
        {
            var delivered = new double[n];
            foreach (var c in schedule.Contacts)
            {
                var satellite = 0;
                if (problem.Constellation is { } fleet && (c.Satellite == null || !fleet.TryGetSatelliteIndex(c.Satellite, out satellite))) continue;
                if (!problem.TryGetNodeIndex(c.NodeId, out var node)) continue;
                var keys = ensemble.Keys(k, satellite);
                for (var row = keys.FirstRowAtOrAfter(c.FirstInterval); row < keys.RowCount && keys.IntervalOfRow(row) <= c.LastInterval; row++)
                    for (var e = keys.RowStart(row); e < keys.RowStart(row + 1); e++)
                        if (keys.EntryNodes[e] == node) delivered[node] += keys.EntryBits[e];
            }

            perScenario[k] = strategy == Strategy.Pd ? delivered.Select((d, i) => weights[i] * d).Sum() : delivered.Sum();
            for (var i = 0; i < n; i++) expected[i] += ensemble.Probabilities[k] * delivered[i];
        }

        var p = ensemble.Probabilities;
        bool? shareRule = strategy == Strategy.Td ? ShareRule.IsMet(expected, problem.Nodes.Select(x => x.Share).ToArray(), shareTolerance) : null;
        return new EnsembleScore(measure, measure.Of(perScenario, p), RiskMeasure.Expected.Of(perScenario, p), perScenario.Min(),
            RiskMeasure.Quantile(perScenario, p, 0.1), RiskMeasure.Quantile(perScenario, p, 0.5), RiskMeasure.Quantile(perScenario, p, 0.9),
            perScenario, expected, shareRule);
    }
}
