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
/// 4. for S-TD only, the share rule |E_n − q_n E| ≤ ε q_n E;
/// 6. with a minimum contact length L &gt; 1, every contact (a maximal run of consecutive intervals one satellite gives
///    to one node: listed contacts that touch are one) lasts at least L intervals, and every interval it uses gives its
///    node K &gt; 0 (docs/architecture.md, "Minimum contact length").
/// In a constellation instance every contact names a known satellite, rules 2 and 3 hold per satellite, and
/// 5. at every station g, each satellite's reception intervals (every interval of its contacts of nodes that
///    include g) merged where the gap is below S_st into sessions, each extended by S_st intervals at its end
///    (within the timeline), overlap at most R_g at a time (docs/architecture.md, "Constellations").
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
        if (problem.Constellation is { } constellation) return CheckConstellation(problem, constellation, schedule);
        for (var i = 0; i < schedule.Contacts.Count; i++)
            if (schedule.Contacts[i].Satellite is { } named)
                return ValidationResult.Invalid($"contact {i + 1}: names satellite '{named}', but the instance has one satellite and no satellite list");
        return CheckOneSatellite(problem, schedule.Contacts, Enumerable.Range(0, schedule.Contacts.Count).ToList(), "");
    }

    /// <summary>
    /// Rules 1–3 over contacts of one satellite; <paramref name="numbers"/> are their positions in the whole schedule (for
    /// messages), <paramref name="prefix"/> names the satellite in messages of a constellation.
    /// </summary>
    private static ValidationResult CheckOneSatellite(Problem problem, IReadOnlyList<Contact> contacts, IReadOnlyList<int> numbers, string prefix, KeyMatrix? keys = null)
    {
        var m = problem.IntervalCount;
        var schedule = new Schedule(contacts);
        for (var k = 0; k < schedule.Contacts.Count; k++)
        {
            var c = schedule.Contacts[k];
            var i = numbers[k];
            if (!problem.TryGetNodeIndex(c.NodeId, out _))
                return ValidationResult.Invalid($"{prefix}contact {i + 1}: unknown node '{c.NodeId}'");
            if (c.FirstInterval > c.LastInterval)
                return ValidationResult.Invalid($"{prefix}contact {i + 1}: first interval {c.FirstInterval} is after last interval {c.LastInterval}");
            if (c.FirstInterval < 0 || c.LastInterval >= m)
                return ValidationResult.Invalid($"{prefix}contact {i + 1}: intervals {c.FirstInterval}..{c.LastInterval} are outside the timeline 0..{m - 1}");
        }

        var ordered = schedule.Contacts.OrderBy(c => c.FirstInterval).ThenBy(c => c.LastInterval).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            var prev = ordered[i - 1];
            var next = ordered[i];
            if (next.FirstInterval <= prev.LastInterval)
            {
                var overlapEnd = Math.Min(prev.LastInterval, next.LastInterval);
                return ValidationResult.Invalid(prev.NodeId == next.NodeId
                    ? $"{prefix}intervals {next.FirstInterval}..{overlapEnd} of '{prev.NodeId}' are listed twice (contacts {prev.FirstInterval}..{prev.LastInterval} and {next.FirstInterval}..{next.LastInterval})"
                    : $"{prefix}intervals {next.FirstInterval}..{overlapEnd} are given to both '{prev.NodeId}' and '{next.NodeId}'");
            }

            var idle = next.FirstInterval - prev.LastInterval - 1;
            if (prev.NodeId != next.NodeId && idle < problem.SwitchIntervals)
                return ValidationResult.Invalid(
                    $"{prefix}switch from '{prev.NodeId}' (last interval {prev.LastInterval}) to '{next.NodeId}' " +
                    $"(first interval {next.FirstInterval}) leaves {idle} idle intervals; at least {problem.SwitchIntervals} are needed");
        }

        return CheckMinimumContact(problem, ordered, keys ?? problem.Keys, prefix);
    }

    /// <summary>Rule 6 over one satellite's contacts, ordered and known to be disjoint.</summary>
    private static ValidationResult CheckMinimumContact(Problem problem, List<Contact> ordered, KeyMatrix keys, string prefix)
    {
        var l = problem.MinContactIntervals;
        if (l <= 1) return ValidationResult.Valid;
        for (var i = 0; i < ordered.Count;)
        {
            var node = ordered[i].NodeId;
            problem.TryGetNodeIndex(node, out var n);
            var first = ordered[i].FirstInterval;
            var last = ordered[i].LastInterval;
            var j = i + 1;
            while (j < ordered.Count && ordered[j].NodeId == node && ordered[j].FirstInterval == last + 1) last = ordered[j++].LastInterval;
            for (var m = first; m <= last; m++)
                if (!(keys[m, n] > 0))
                    return ValidationResult.Invalid(
                        $"{prefix}the contact of '{node}' at intervals {first}..{last} uses interval {m}, where '{node}' gets no key; " +
                        $"with a minimum contact length ({l} intervals) a contact may use only intervals that deliver key");
            var length = last - first + 1;
            if (length < l)
                return ValidationResult.Invalid(
                    $"{prefix}the contact of '{node}' at intervals {first}..{last} lasts {length} interval{(length == 1 ? "" : "s")} " +
                    $"({Seconds(length * problem.IntervalSeconds)}); the minimum contact length is {l} intervals ({Seconds(l * problem.IntervalSeconds)})");
            i = j;
        }

        return ValidationResult.Valid;
    }

    private static string Seconds(double s) => $"{s.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s";

    private static ValidationResult CheckConstellation(Problem problem, Constellation constellation, Schedule schedule)
    {
        var bySatellite = new List<Contact>[constellation.Satellites.Count];
        var numbers = new List<int>[bySatellite.Length];
        for (var s = 0; s < bySatellite.Length; s++) (bySatellite[s], numbers[s]) = ([], []);
        for (var i = 0; i < schedule.Contacts.Count; i++)
        {
            var c = schedule.Contacts[i];
            if (c.Satellite == null)
                return ValidationResult.Invalid($"contact {i + 1}: names no satellite; this instance has {bySatellite.Length} ({string.Join(", ", constellation.Satellites)})");
            if (!constellation.TryGetSatelliteIndex(c.Satellite, out var s))
                return ValidationResult.Invalid($"contact {i + 1}: unknown satellite '{c.Satellite}'");
            bySatellite[s].Add(c);
            numbers[s].Add(i);
        }

        for (var s = 0; s < bySatellite.Length; s++)
        {
            var one = CheckOneSatellite(problem, bySatellite[s], numbers[s], $"satellite '{constellation.Satellites[s]}': ", constellation.Keys[s]);
            if (!one.IsValid) return one;
        }

        // Rule 5, station by station: sessions per satellite, then a sweep over their extended ends.
        var stations = new Dictionary<string, List<(int Satellite, int First, int Last)>>(StringComparer.Ordinal);
        for (var s = 0; s < bySatellite.Length; s++)
            foreach (var c in bySatellite[s])
            {
                problem.TryGetNodeIndex(c.NodeId, out var node);
                foreach (var g in problem.Nodes[node].Stations.Distinct(StringComparer.Ordinal))
                {
                    if (!stations.TryGetValue(g, out var list)) stations[g] = list = [];
                    list.Add((s, c.FirstInterval, c.LastInterval));
                }
            }

        var slew = constellation.StationSwitchIntervals;
        var lastInterval = problem.IntervalCount - 1;
        foreach (var (g, receptions) in stations.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            var sessions = new List<(int Satellite, int First, int End)>();
            foreach (var satellite in receptions.GroupBy(r => r.Satellite))
            {
                int first = -1, last = -1;
                foreach (var r in satellite.OrderBy(r => r.First))
                {
                    if (first >= 0 && r.First - last - 1 < slew)
                    {
                        last = Math.Max(last, r.Last);
                        continue;
                    }

                    if (first >= 0) sessions.Add((satellite.Key, first, Math.Min(last + slew, lastInterval)));
                    (first, last) = (r.First, r.Last);
                }

                sessions.Add((satellite.Key, first, Math.Min(last + slew, lastInterval)));
            }

            var receivers = constellation.Receivers(g);
            // Sessions open at each session start, in order: more than R_g of them at a start is the first interval over the limit.
            foreach (var start in sessions.Select(x => x.First).Distinct().Order())
            {
                var open = sessions.Where(x => x.First <= start && x.End >= start).OrderBy(x => x.Satellite).ToList();
                if (open.Count <= receivers) continue;
                var who = string.Join(", ", open.Select(x => $"'{constellation.Satellites[x.Satellite]}' {x.First}..{x.End}"));
                return ValidationResult.Invalid(
                    $"station '{g}' has {receivers} receiver{(receivers == 1 ? "" : "s")} but at interval {start} {open.Count} satellites hold one " +
                    $"(sessions with {slew} slew interval{(slew == 1 ? "" : "s")} after each: {who})");
            }
        }

        return ValidationResult.Valid;
    }
}
