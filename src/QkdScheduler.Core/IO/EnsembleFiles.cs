using System.Globalization;
using QkdScheduler.Core.Model;

namespace QkdScheduler.Core.IO;

/// <summary>
/// Weather scenario files (docs/architecture.md, "Instance format"): <c>scenario_keys.csv</c>, header
/// <c>scenario,interval,node,bits</c> or, for a constellation, <c>scenario,interval,satellite,node,bits</c>, scenarios
/// 0-based, one row per K^k[m,n] &gt; 0. An instance's own file must average, with the probabilities, to its keys.csv.
/// </summary>
public static class EnsembleFiles
{
    public const string FileName = "scenario_keys.csv";
    public static readonly string[] Header = ["scenario", "interval", "node", "bits"];
    public static readonly string[] ConstellationHeader = ["scenario", "interval", "satellite", "node", "bits"];

    /// <summary>
    /// Reads the scenarios of <paramref name="problem"/> from <paramref name="path"/>. Without
    /// <paramref name="probabilities"/> there are as many scenarios as the highest index + 1, equally likely; with them,
    /// exactly as many as they list (a scenario with no row has no key anywhere).
    /// </summary>
    public static Ensemble Read(string path, Problem problem, IReadOnlyList<double>? probabilities = null, bool mustAverageToKeys = false)
    {
        var satellites = problem.Constellation?.Satellites;
        var (one, fleet) = (string.Join(',', Header), string.Join(',', ConstellationHeader));
        var header = CsvLines.HeaderLine(path, satellites == null ? one : fleet);
        if (satellites != null && header == one)
            throw new InputException(path, 1, $"header '{header}' has no satellite column but the instance is a constellation: use '{fleet}'");
        if (satellites == null && header == fleet)
            throw new InputException(path, 1, $"header '{fleet}' has a satellite column but the instance has one satellite: use '{one}'");
        var at = satellites == null ? 0 : 1;
        var satelliteCount = satellites?.Count ?? 1;
        var entries = new Dictionary<int, List<KeyEntry>[]>();
        var seen = new HashSet<(int, int, int, int)>();
        var limit = probabilities?.Count;
        foreach (var row in CsvLines.Read(path, satellites == null ? Header : ConstellationHeader))
        {
            var scenario = CsvLines.ParseInt(path, row, 0, "scenario");
            if (scenario < 0 || scenario >= (limit ?? Limits.MaxScenarios))
                throw new InputException(path, row.Line, limit is { } w
                    ? $"scenario {scenario} is outside 0..{w - 1} ({w} probabilities are given)"
                    : $"scenario {scenario} must be from 0 to {Limits.MaxScenarios - 1}");
            var interval = CsvLines.ParseInt(path, row, 1, "interval");
            if (interval < 0 || interval >= problem.IntervalCount)
                throw new InputException(path, row.Line, $"interval {interval} is outside 0..{problem.IntervalCount - 1} (the instance's intervals)");
            var satellite = 0;
            var satelliteId = satellites == null ? "" : row.Fields[2].Trim();
            if (satellites != null && !problem.Constellation!.TryGetSatelliteIndex(satelliteId, out satellite))
                throw new InputException(path, row.Line, $"unknown satellite '{satelliteId}'; the instance has {string.Join(", ", satellites)}");
            var id = row.Fields[at + 2].Trim();
            if (!problem.TryGetNodeIndex(id, out var node))
                throw new InputException(path, row.Line, $"unknown node '{id}'; the instance has {string.Join(", ", problem.Nodes.Select(x => x.Id).Take(12))}");
            var bits = CsvLines.ParseFiniteDouble(path, row, at + 3, "bits");
            if (!Limits.IsKeyValue(bits)) throw new InputException(path, row.Line, $"bits is {row.Fields[at + 3].Trim()}; key values must be 0 or more and at most 1e10 per interval");
            if (!seen.Add((scenario, interval, satellite, node)))
                throw new InputException(path, row.Line, $"scenario {scenario}, interval {interval}, {(satellites == null ? "" : $"satellite '{satelliteId}', ")}node '{id}' appears twice; give each once");
            if (!entries.TryGetValue(scenario, out var lists)) entries[scenario] = lists = Enumerable.Range(0, satelliteCount).Select(_ => new List<KeyEntry>()).ToArray();
            lists[satellite].Add(new KeyEntry(interval, node, bits));
        }

        if (entries.Count == 0 && limit == null) throw new InputException(path, null, "holds no scenario rows; give at least one (scenario,interval,…,bits)");
        var count = limit ?? entries.Keys.Max() + 1;
        var p = probabilities ?? Ensemble.Uniform(count);
        var keys = Enumerable.Range(0, count).Select(k => (IReadOnlyList<KeyMatrix>)Enumerable.Range(0, satelliteCount)
            .Select(s => KeyMatrix.FromEntries(problem.IntervalCount, problem.Nodes.Count, entries.TryGetValue(k, out var l) ? l[s] : [])).ToList()).ToList();
        var ensemble = new Ensemble(p, keys);
        if (mustAverageToKeys) CheckMean(path, problem, ensemble);
        return ensemble;
    }

    /// <summary>Probabilities as given on a command line: each in [0, 1], adding up to 1 (<see cref="ProbabilityProblem"/>).</summary>
    public static IReadOnlyList<double> CheckProbabilities(IReadOnlyList<double> probabilities, string source) =>
        ProbabilityProblem(probabilities) is { } reason ? throw new InputException(source, null, reason) : probabilities;

    /// <summary>Why a list of scenario probabilities is not one (empty, one outside 0..1, a sum other than 1), or null: the one rule for every reader.</summary>
    public static string? ProbabilityProblem(IReadOnlyList<double> probabilities)
    {
        if (probabilities.Count == 0) return "lists no probabilities";
        foreach (var q in probabilities)
            if (!(q is >= 0 and <= 1)) return $"probability {q.ToString("R", CultureInfo.InvariantCulture)} is not within 0..1";
        var sum = probabilities.Sum();
        return Math.Abs(sum - 1) > 1e-9 ? $"the probabilities add up to {sum.ToString("R", CultureInfo.InvariantCulture)}; they must add up to 1" : null;
    }

    /// <summary>keys.csv must be Σ_k p_k K^k: to half a unit where it holds a whole number (rounded), else to 1e-9 relative.</summary>
    private static void CheckMean(string path, Problem problem, Ensemble ensemble)
    {
        for (var s = 0; s < problem.SatelliteCount; s++)
        {
            var mean = new Dictionary<(int, int), double>();
            for (var k = 0; k < ensemble.Count; k++)
                foreach (var e in ensemble.Keys(k, s).Entries())
                    mean[(e.Interval, e.Node)] = mean.GetValueOrDefault((e.Interval, e.Node)) + ensemble.Probabilities[k] * e.Bits;
            var given = problem.KeysOf(s).Entries().ToDictionary(e => (e.Interval, e.Node), e => e.Bits);
            foreach (var key in mean.Keys.Union(given.Keys))
            {
                var (a, b) = (mean.GetValueOrDefault(key), given.GetValueOrDefault(key));
                // A whole keys.csv value may be the rounded mean (precompute rounds bits); any other must match it.
                if (Math.Abs(a - b) > Math.Max(b == Math.Round(b) ? 0.5 : 0, 1e-9 * Math.Max(1, Math.Abs(b))))
                    throw new InputException(path, null, string.Create(CultureInfo.InvariantCulture,
                        $"its probability-weighted mean at interval {key.Item1}, node '{problem.Nodes[key.Item2].Id}' is {a:G10} but keys.csv holds {b:G10}; keys.csv must be the scenarios' mean"));
            }
        }
    }
}
