using QkdScheduler.Core;
using QkdScheduler.Orbits.Frames;
using QkdScheduler.Orbits.Passes;
using QkdScheduler.Orbits.Sgp4;
using QkdScheduler.Precompute.Scenarios;

namespace QkdScheduler.Precompute.Pipeline;

/// <summary>
/// One integration sample inside a pass: station index, step k (the sample is at start + (k + ½)·h,
/// h the integration step, so each sample stands for the second — or step — around it), elevation,
/// range and azimuth.
/// </summary>
public readonly record struct VisibleSample(int Station, long Step, double ElevationDeg, double RangeKm, double AzimuthDeg = 0);

/// <summary>The passes of a scenario and the geometry at every integration sample inside them.</summary>
public sealed record Visibility(IReadOnlyList<Pass> Passes, VisibleSample[] Samples)
{
    /// <summary>How many samples there were; a constellation's keeps the count after its samples are dropped.</summary>
    public long SampleCount { get; init; } = Samples.Length;

    /// <summary>Time (s) when at least one station can be served.</summary>
    public double UnionSeconds => PassFinder.UnionSeconds(Passes);
}

/// <summary>
/// Stage 1 of the pipeline: passes (elevation mask + darkness rule, edges to 1e-4 s) and, only for
/// the samples inside them, the satellite's elevation, range and azimuth from each station. Everything
/// outside a pass has K = 0 and costs nothing. A station's own rules (<see cref="StationRule"/>: its
/// minimum elevation, horizon and outages) then remove the samples they forbid; the passes stay those of
/// the scenario's mask.
/// </summary>
public static class VisibilitySampler
{
    /// <summary>Memory a sample takes while held, and an output row (interval, station) with its share of the sums and files.</summary>
    public const int BytesPerSample = 40, BytesPerRow = 200;

    /// <param name="heldBytes">What the caller already holds (a constellation's earlier satellites), counted against the cap.</param>
    public static Visibility Sample(Scenario scenario, IProgress<double>? progress = null, double heldBytes = 0)
    {
        var propagator = new Sgp4Propagator(scenario.Satellite.Elements);
        var passes = new PassFinder(propagator, scenario.Visibility, scenario.Satellite.Source)
            .Find(scenario.Stations, scenario.StartUtc, scenario.EndUtc);
        progress?.Report(0.5);

        var clock = new SatelliteClock(propagator, scenario.StartUtc, scenario.Satellite.Source);
        var stationIndex = scenario.Stations.Select((s, i) => (s.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var sites = scenario.Stations.Select(s => new Topocentric(s.Geodetic)).ToArray();
        var h = scenario.IntegrationSeconds;
        var lastStep = (long)Math.Round((scenario.EndUtc - scenario.StartUtc).TotalSeconds / h) - 1;
        // Counted before one is computed: refused in a second when they would not fit, and held in one exact array.
        var count = 0L;
        foreach (var pass in passes)
            count += Math.Max(0, Math.Min(lastStep, (long)Math.Floor((pass.Los - scenario.StartUtc).TotalSeconds / h - 0.5))
                                 - Math.Max(0, (long)Math.Ceiling((pass.Aos - scenario.StartUtc).TotalSeconds / h - 0.5)) + 1);
        // The samples, and the rows they become: about one per sample group of an interval, plus the pass edges.
        var rows = (double)count / scenario.SamplesPerInterval + passes.Count;
        WorkCap.CheckMemory(heldBytes + count * (double)BytesPerSample + rows * BytesPerRow,
            $"the precompute ({count:N0} samples of {h} s in {passes.Count:N0} passes)");
        if (count > Array.MaxLength) throw new InputException(null, null, $"the precompute would hold {count:N0} samples, more than one array can; shorten the period or lengthen integration_seconds");
        var samples = new VisibleSample[count];
        var used = 0;
        var rules = scenario.Stations.Select(s => scenario.StationRules.GetValueOrDefault(s.Name)).ToArray();
        for (var p = 0; p < passes.Count; p++)
        {
            var pass = passes[p];
            var station = stationIndex[pass.Station];
            var rule = rules[station];
            var first = Math.Max(0, (long)Math.Ceiling((pass.Aos - scenario.StartUtc).TotalSeconds / h - 0.5));
            var last = Math.Min(lastStep, (long)Math.Floor((pass.Los - scenario.StartUtc).TotalSeconds / h - 0.5));
            for (var k = first; k <= last; k++)
            {
                var look = sites[station].Look(clock.SatelliteEcef((k + 0.5) * h));
                if (rule != null && (!rule.Clears(look.ElevationDeg, look.AzimuthDeg)
                                     || rule.IsOut(scenario.StartUtc.AddSeconds(k * h), scenario.StartUtc.AddSeconds((k + 1) * h)))) continue;
                samples[used++] = new VisibleSample(station, k, look.ElevationDeg, look.RangeKm, look.AzimuthDeg);
            }

            if ((p & 63) == 0) progress?.Report(0.5 + 0.5 * p / passes.Count);
        }

        progress?.Report(1.0);
        if (used < samples.Length) Array.Resize(ref samples, used); // station rules removed some
        return new Visibility(passes, samples);
    }
}
