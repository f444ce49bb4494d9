using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;

using QkdScheduler.Precompute.Pipeline;

namespace QkdScheduler.Precompute.Pairs;

/// <summary>
/// A pair scenario with several sources (seed 004's dual downlinks drawn from a constellation): each source's key
/// matrix is exactly its own one-source precompute (<see cref="PairScenario.ForSource"/>), over the same station-pair
/// nodes; serving a pair takes a receiver at both its stations (docs/architecture.md, "Constellations").
/// The link summaries are per source and pair ("pair via source"); a node's modelled QBER is the first source's that
/// has one.
/// </summary>
public static class PairConstellation
{
    public static PairPrecomputeResult Run(PairScenario s, IProgress<double>? progress = null)
    {
        var sources = s.Sources ?? throw new ArgumentException("not a several-source scenario", nameof(s));
        var results = new List<PairPrecomputeResult>();
        for (var i = 0; i < sources.Count; i++)
        {
            var share = i;
            results.Add(PairPrecompute.Run(s.ForSource(sources[i]), progress == null ? null : new Progress<double>(f => progress.Report((share + f) / sources.Count))));
        }

        var first = results[0].Problem;
        var nodes = first.Nodes.Select((n, k) => n with { Qber = results.Select(r => r.Problem.Nodes[k].Qber).FirstOrDefault(q => q != null) }).ToList();
        var stationOrder = s.Stations.Select((g, i) => (g.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var receivers = s.Receivers.OrderBy(kv => stationOrder[kv.Key]).Select(kv => new StationReceivers(kv.Key, kv.Value)).ToList();
        var matrices = results.Select(r => r.Problem.Keys).ToList();
        var names = sources.Select(x => x.Satellite.Name).ToList();
        var constellation = new Constellation(names, matrices, receivers, s.StationSwitchIntervals);
        var provenance = new Dictionary<string, string>(first.Provenance)
        {
            ["source_satellite"] = string.Join("; ", sources.Select(x => $"{x.Satellite.Name}: {x.Satellite.Spec.Description}, aperture {TextFormat.Number(x.ApertureM)} m")),
        };
        if (s.Relays.Kind == RelayKind.None)
            foreach (var (k, v) in OrbitRecord.Entries(sources.Select(x => ((string?)x.Satellite.Name, x.Satellite.Spec.Elements)), PairPrecompute.PointingStations(s))) provenance[k] = v;
        var problem = new Problem(s.Name, s.StartUtc, s.IntervalSeconds, s.SwitchIntervals, nodes, matrices[0], s.Description, first.KeyUnit, provenance,
            first.FiniteKey, constellation, s.MinContactIntervals);
        var geometry = results.SelectMany((r, i) => r.Geometry.Select(g => g with { Satellite = names[i] }))
            .OrderBy(g => g.Interval).ThenBy(g => names.IndexOf(g.Satellite!)).ThenBy(g => g.Station, StringComparer.Ordinal).ToList();
        var links = results.SelectMany((r, i) => r.Links.Select(l => l with { Pair = $"{l.Pair} via {names[i]}" })).ToList();
        return new PairPrecomputeResult(problem, geometry, links);
    }
}
