using QkdScheduler.Core.Model;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Core.Evaluation;

/// <summary>Outcome of <see cref="Validator.Check"/>: valid, or the first rule broken.</summary>
public sealed record ValidationResult(bool IsValid, string? Violation)
{
    public static ValidationResult Valid { get; } = new(true, null);
    public static ValidationResult Invalid(string violation) => new(false, violation);
}

/// <summary>
/// The independent check every solver result goes through. It shares no code with any solver:
/// it re-derives feasibility from the contacts alone, rule by rule (docs/architecture.md):
/// 1. every contact names a known node and lies inside 0..M−1 with first ≤ last;
/// 2. no interval is given to two contacts;
/// 3. between two contacts of different nodes there are at least S idle intervals
///    (m' − m − 1 ≥ S for the last interval m of one and the first m' of the next);
/// 4. for S-TD only, the share rule |E_n − q_n E| ≤ ε q_n E.
/// </summary>
public static class Validator
{
    public static ValidationResult Check(Problem problem, Schedule schedule) =>
        CheckFeasibility(problem, schedule);

    public static ValidationResult Check(Problem problem, Schedule schedule, Strategy strategy, double shareTolerance)
    {
        var feasibility = CheckFeasibility(problem, schedule);
        if (!feasibility.IsValid || strategy != Strategy.Td) return feasibility;

        var metrics = MetricsCalculator.Compute(problem, schedule, shareTolerance);
        var shares = problem.Nodes.Select(x => x.Share).ToArray();
        var node = ShareRule.FirstViolatingNode(metrics.PerNodeBits, shares, shareTolerance);
        if (node < 0) return ValidationResult.Valid;
        var share = metrics.PerNodeBits[node] / metrics.TotalBits;
        return ValidationResult.Invalid(
            $"node '{problem.Nodes[node].Id}' receives {share:P2} of the keys; its target share {shares[node]:P2} " +
            $"allows {shares[node] * (1 - shareTolerance):P2} to {shares[node] * (1 + shareTolerance):P2} (share tolerance {shareTolerance})");
    }

    private static ValidationResult CheckFeasibility(Problem problem, Schedule schedule)
    {
        var m = problem.IntervalCount;
        for (var i = 0; i < schedule.Contacts.Count; i++)
        {
            var c = schedule.Contacts[i];
            if (!problem.TryGetNodeIndex(c.NodeId, out _))
                return ValidationResult.Invalid($"contact {i + 1}: unknown node '{c.NodeId}'");
            if (c.FirstInterval > c.LastInterval)
                return ValidationResult.Invalid($"contact {i + 1}: first interval {c.FirstInterval} is after last interval {c.LastInterval}");
            if (c.FirstInterval < 0 || c.LastInterval >= m)
                return ValidationResult.Invalid($"contact {i + 1}: intervals {c.FirstInterval}..{c.LastInterval} are outside the timeline 0..{m - 1}");
        }

        var ordered = schedule.Contacts.OrderBy(c => c.FirstInterval).ThenBy(c => c.LastInterval).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            var prev = ordered[i - 1];
            var next = ordered[i];
            if (next.FirstInterval <= prev.LastInterval)
            {
                var overlapEnd = Math.Min(prev.LastInterval, next.LastInterval);
                return ValidationResult.Invalid(
                    $"intervals {next.FirstInterval}..{overlapEnd} are given to both '{prev.NodeId}' and '{next.NodeId}'");
            }

            var idle = next.FirstInterval - prev.LastInterval - 1;
            if (prev.NodeId != next.NodeId && idle < problem.SwitchIntervals)
                return ValidationResult.Invalid(
                    $"switch from '{prev.NodeId}' (last interval {prev.LastInterval}) to '{next.NodeId}' " +
                    $"(first interval {next.FirstInterval}) leaves {idle} idle intervals; at least {problem.SwitchIntervals} are needed");
        }

        return ValidationResult.Valid;
    }
}
