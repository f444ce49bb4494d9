using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.Precompute.Scenarios;

namespace QkdScheduler.Precompute.Pipeline;

/// <summary>
/// A constellation scenario's instance: each satellite's key matrix is exactly what its own one-satellite scenario
/// (<see cref="Scenario.ForSatellite"/>) precomputes, so the rows of satellite s equal that precompute bit for bit;
/// the satellites share the nodes, the timeline and the weather, and the stations get the scenario's receivers and S_st.
/// geometry.csv gains the satellite of each row.
/// </summary>
public static class ConstellationPrecompute
{
    public static PrecomputeResult Build(Scenario s, IProgress<double>? progress = null)
    {
        var fleet = s.Fleet ?? throw new ArgumentException("not a constellation scenario", nameof(s));
        var matrices = new List<KeyMatrix>();
        var geometry = new List<GeometryRow>();
        var passes = new List<QkdScheduler.Orbits.Passes.Pass>();
        var sampleCount = 0L;
        Problem? first = null;
        for (var i = 0; i < fleet.Count; i++)
        {
            var one = s.ForSatellite(fleet[i]);
            var share = i;
            var visibility = VisibilitySampler.Sample(one, progress == null ? null : new Progress<double>(f => progress.Report((share + f) / fleet.Count)),
                heldBytes: geometry.Count * (double)VisibilitySampler.BytesPerRow);
            var result = KeyMatrixBuilder.Build(one, visibility);
            first ??= result.Problem;
            matrices.Add(result.Problem.Keys);
            geometry.AddRange(result.Geometry.Select(g => g with { Satellite = fleet[i].Name }));
            passes.AddRange(visibility.Passes);
            sampleCount += visibility.SampleCount; // each satellite's samples are dropped once summed
        }

        var stationOrder = s.Stations.Select((g, i) => (g.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var satelliteOrder = fleet.Select((f, i) => (f.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        geometry = geometry.OrderBy(g => g.Interval).ThenBy(g => satelliteOrder[g.Satellite!]).ThenBy(g => stationOrder[g.Station]).ToList();

        var provenance = new Dictionary<string, string>(first!.Provenance)
        {
            ["satellite"] = string.Join("; ", fleet.Select(f => $"{f.Name}: {f.Spec.Description}")),
        };
        foreach (var (k, v) in OrbitRecord.Entries(fleet.Select(f => ((string?)f.Name, f.Spec.Elements)), OrbitRecord.Stations(s))) provenance[k] = v;
        var receivers = s.Receivers.OrderBy(kv => stationOrder[kv.Key]).Select(kv => new StationReceivers(kv.Key, kv.Value)).ToList();
        var constellation = new Constellation(fleet.Select(f => f.Name).ToList(), matrices, receivers, s.StationSwitchIntervals);
        var problem = new Problem(s.Name, s.StartUtc, s.IntervalSeconds, s.SwitchIntervals, first.Nodes, matrices[0], s.Description, first.KeyUnit,
            provenance, constellation: constellation, minContactIntervals: s.MinContactIntervals);
        return new PrecomputeResult(problem, geometry, new Visibility(passes, []) { SampleCount = sampleCount });
    }
}
