using System.Globalization;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.Precompute.Scenarios;

namespace QkdScheduler.Precompute.Pipeline;

/// <summary>The instance built from a scenario, with its geometry rows and the visibility it came from.</summary>
public sealed record PrecomputeResult(Problem Problem, IReadOnlyList<GeometryRow> Geometry, Visibility Visibility);

/// <summary>
/// Stages 2–4 of the pipeline: for every visible sample the link budget (seed 000 eq. 1–3, 5), the
/// weather's cloud loss and the key rate (eq. 4); K[m,n] is the sum of rate × step over the samples
/// in interval m (eq. 6), rounded to whole bits. Stations become nodes with the scenario's weights
/// and shares, normalised to sum to 1.
/// </summary>
public static class KeyMatrixBuilder
{
    public const string Generator = "qkdsched precompute";

    public static PrecomputeResult Build(Scenario s, Visibility visibility)
    {
        var h = s.IntegrationSeconds;
        var perInterval = s.SamplesPerInterval;
        // The samples of one (interval, station) lie in runs of the array (one pass each, usually one run); the runs,
        // ordered by interval, station and position, are summed sample by sample in array order. Nothing beyond the
        // runs (16 bytes a row) and the output is held, and the sums are the same, bit for bit, as summing in array order.
        var all = visibility.Samples;
        var runs = new List<Run>();
        for (var i = 0; i < all.Length;)
        {
            var key = (Interval: (int)(all[i].Step / perInterval), all[i].Station);
            var start = i;
            while (i < all.Length && all[i].Station == key.Station && (int)(all[i].Step / perInterval) == key.Interval) i++;
            runs.Add(new Run(key.Interval, key.Station, start, i - start));
        }
        runs.Sort((a, b) => a.Interval != b.Interval ? a.Interval.CompareTo(b.Interval)
            : a.Station != b.Station ? a.Station.CompareTo(b.Station) : a.Start.CompareTo(b.Start));

        var entries = new List<KeyEntry>();
        var geometry = new List<GeometryRow>(runs.Count);
        for (var r = 0; r < runs.Count;)
        {
            var (interval, station) = (runs[r].Interval, runs[r].Station);
            var sum = default(Sum);
            for (; r < runs.Count && runs[r].Interval == interval && runs[r].Station == station; r++)
                for (var i = runs[r].Start; i < runs[r].Start + runs[r].Length; i++)
                {
                    var sample = all[i];
                    var budget = s.Link.Budget(sample.RangeKm, sample.ElevationDeg, s.Weather.CloudLossDb(sample.Station, s.SampleUtc(sample.Step)));
                    var rate = budget.Blocked ? 0.0 : s.Protocol.BitsPerSecond(budget.Transmittance);
                    sum = sum.Add(rate * h, sample.ElevationDeg, sample.RangeKm, budget.TotalDb, budget.CloudDb, sample.AzimuthDeg);
                }
            var bits = Math.Round(sum.Bits);
            if (bits > 0) entries.Add(new KeyEntry(interval, station, bits));
            geometry.Add(new GeometryRow(interval, s.Stations[station].Name, sum.Elevation / sum.Count, sum.Range / sum.Count, sum.Loss / sum.Count, sum.Cloud / sum.Count,
                AzimuthDeg: sum.MeanAzimuthDeg));
        }

        var (weightSum, shareSum) = (s.Weights.Sum(), s.Shares.Sum());
        var nodes = s.Stations.Select((st, i) => new Node(st.Name, [st.Name], s.Weights[i] / weightSum, s.Shares[i] / shareSum)).ToList();
        var problem = new Problem(s.Name, s.StartUtc, s.IntervalSeconds, s.SwitchIntervals, nodes,
            KeyMatrix.FromEntries(s.IntervalCount, nodes.Count, entries), s.Description, "bits", Provenance(s), minContactIntervals: s.MinContactIntervals);
        return new PrecomputeResult(problem, geometry, visibility);
    }

    private static Dictionary<string, string> Provenance(Scenario s)
    {
        var provenance = new Dictionary<string, string>
        {
            ["generator"] = $"{Generator} {typeof(KeyMatrixBuilder).Assembly.GetName().Version?.ToString(3)}",
            ["scenario"] = s.Path,
            ["scenario_sha256"] = s.Sha256,
            ["satellite"] = s.Satellite.Description,
            ["visibility"] = string.Create(CultureInfo.InvariantCulture, $"elevation >= {s.Visibility.MinElevationDeg} deg, night {s.Visibility.NightRule}"),
            ["link"] = s.Link.Description,
            ["weather"] = s.Weather.Description,
            ["protocol"] = s.Protocol.Description,
            ["integration_seconds"] = TextFormat.Number(s.IntegrationSeconds),
        };
        foreach (var (k, v) in OrbitRecord.Entries([(null, s.Satellite.Elements)], OrbitRecord.Stations(s))) provenance[k] = v;
        if (s.StationRules.Count > 0)
            provenance["station_rules"] = string.Join("; ", s.StationRules.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}: {kv.Value.Describe()}"));
        if (s.Reference.Length > 0) provenance["source_paper"] = s.Reference;
        if (s.Overrides.Count > 0) provenance["overrides"] = string.Join("; ", s.Overrides);
        return provenance;
    }

    private readonly record struct Run(int Interval, int Station, int Start, int Length);

    private readonly record struct Sum(double Bits, double Elevation, double Range, double Loss, double Cloud, int Count, double East, double North)
    {
        public Sum Add(double bits, double elevation, double range, double loss, double cloud, double azimuthDeg) =>
            new(Bits + bits, Elevation + elevation, Range + range, Loss + loss, Cloud + cloud, Count + 1,
                East + Math.Sin(azimuthDeg * Math.PI / 180), North + Math.Cos(azimuthDeg * Math.PI / 180));

        /// <summary>The circular mean atan2(Σ sin a, Σ cos a), 0..360: a pass through north averages near 0, not 180.</summary>
        public double MeanAzimuthDeg => (Math.Atan2(East, North) * 180 / Math.PI + 360) % 360;
    }
}
