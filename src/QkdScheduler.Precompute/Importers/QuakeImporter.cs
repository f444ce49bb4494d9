using System.Globalization;
using System.Security.Cryptography;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;

namespace QkdScheduler.Precompute.Importers;

/// <summary>
/// Converts a problem file of Polnik et al., "Scheduling of space to ground quantum key
/// distribution", EPJ Quantum Technology 7, 3 (2020) (MiniZinc data from the public repository
/// pmateusz/quake) into our instance model.
/// </summary>
/// <remarks>
/// Mapping: one interval per <c>step_duration</c> seconds from <c>start_time</c> to
/// <c>end_time</c>; listed step i becomes interval <c>time_offset[i] / step_duration</c>;
/// <c>S = switch_duration / step_duration</c> (Polnik's rule t' − t − 1 ≥ 30 is ours with S = 30);
/// every station but the dummy one becomes a node with weight = share = <c>transfer_share</c>;
/// <c>key_rate</c> becomes K. The buffer fields (<c>initial_buffer</c>, <c>key_consumption</c>)
/// belong to the paper's buffer objectives, which our strategies do not use.
/// </remarks>
public static class QuakeImporter
{
    public const string PaperReference =
        "M. Polnik, L. Mazzarella, M. Di Carlo, D. Oi, A. Riccardi, A. Arulselvan, Scheduling of space to ground quantum key distribution, EPJ Quantum Technology 7, 3 (2020)";

    public static Problem Import(string path, string name)
    {
        var data = MiniZincData.Load(path);
        var start = ParseTime(data, "start_time");
        var end = ParseTime(data, "end_time");
        if (end <= start) throw data.Error("end_time", "end_time must be after start_time");

        var step = data.Number("step_duration");
        if (!(step > 0) || step != Math.Floor(step) || step > Limits.MaxIntervalSeconds)
            throw data.Error("step_duration", "step_duration must be a whole number of seconds from 1 to 86400");
        var periodSteps = Math.Floor((end - start).TotalSeconds / step);
        if (periodSteps > Limits.MaxIntervals) throw data.Error("end_time", $"the period holds {periodSteps} steps; at most {Limits.MaxIntervals}");
        var intervals = (int)periodSteps;
        if (Limits.PeriodProblem(start, step, intervals) is { } period) throw data.Error("end_time", period);
        var switchSeconds = data.Number("switch_duration");
        if (switchSeconds < 0 || switchSeconds % step != 0 || switchSeconds / step > intervals)
            throw data.Error("switch_duration", $"switch_duration must be a non-negative multiple of step_duration ({step} s), at most the period");

        var stations = data.Set("STATION");
        foreach (var station in stations)
            if (!InstanceFiles.IsValidId(station)) throw data.Error("STATION", $"station '{station}' becomes a node id, so it {InstanceFiles.IdRule}");
        if (stations.GroupBy(x => x).FirstOrDefault(g => g.Count() > 1) is { } twice) throw data.Error("STATION", $"station '{twice.Key}' is listed twice");
        var dummy = data.Raw("dummy_station");
        var dummyIndex = stations.ToList().IndexOf(dummy);
        if (dummyIndex < 0) throw data.Error("dummy_station", $"dummy_station '{dummy}' is not one of STATION");
        var shares = data.Array("transfer_share");
        if (shares.Length != stations.Count)
            throw data.Error("transfer_share", $"transfer_share has {shares.Length} values for {stations.Count} stations");
        foreach (var share in shares)
            if (!Limits.IsWeight(share)) throw data.Error("transfer_share", $"transfer_share {share} must be 0 or more and at most 1e15");

        var (first, last) = data.Range("TIME");
        var steps = last - first + 1;
        var offsets = data.Array("time_offset");
        if (offsets.Length != steps) throw data.Error("time_offset", $"time_offset has {offsets.Length} values; TIME lists {steps} steps");
        if (offsets.GroupBy(x => x).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            throw data.Error("time_offset", $"time_offset {repeated.Key} appears twice; each step needs its own time");
        var rates = data.Array2D("key_rate");
        if (rates.Length != stations.Count) throw data.Error("key_rate", $"key_rate has {rates.Length} rows for {stations.Count} stations");

        var nodes = new List<Node>();
        var nodeOfStation = new int[stations.Count];
        for (var s = 0; s < stations.Count; s++)
        {
            if (s == dummyIndex)
            {
                nodeOfStation[s] = -1;
                continue;
            }

            nodeOfStation[s] = nodes.Count;
            nodes.Add(new Node(stations[s], [stations[s]], shares[s], shares[s]));
        }

        var entries = new List<KeyEntry>();
        for (var s = 0; s < stations.Count; s++)
        {
            if (rates[s].Length != steps) throw data.Error("key_rate", $"key_rate row {s + 1} ({stations[s]}) has {rates[s].Length} values; TIME lists {steps} steps");
            for (var i = 0; i < steps; i++)
            {
                var bits = rates[s][i];
                if (!Limits.IsKeyValue(bits)) throw data.Error("key_rate", $"key_rate row {s + 1} ({stations[s]}) has {bits} at step {i + first}; key values must be 0 or more and at most 1e10");
                if (bits == 0) continue;
                if (s == dummyIndex) throw data.Error("key_rate", $"the dummy station '{dummy}' has keys at step {i + first}; it must have none");
                var offset = offsets[i];
                if (offset < 0 || offset % step != 0 || offset / step >= intervals)
                    throw data.Error("time_offset", $"time_offset {offset} of step {i + first} is not a multiple of {step} s inside the period");
                entries.Add(new KeyEntry((int)(offset / step), nodeOfStation[s], bits));
            }
        }

        var sum = shares.Where((_, s) => s != dummyIndex).Sum();
        if (sum <= 0) throw data.Error("transfer_share", "transfer_share of the real stations adds up to 0");
        var normalised = nodes.Select(n => n with { Weight = n.Weight / sum, Share = n.Share / sum }).ToList();

        var provenance = new Dictionary<string, string>
        {
            ["generator"] = $"qkdsched {typeof(QuakeImporter).Assembly.GetName().Version?.ToString(3)} import quake",
            ["source_file"] = Path.GetFileName(path),
            ["source_sha256"] = Convert.ToHexStringLower(SHA256.HashData(InputFile.ReadAllBytes(path))),
            ["source_paper"] = PaperReference,
            ["source_repository"] = "pmateusz/quake (MIT licence, copyright 2020 Mateusz Polnik)",
        };
        var description =
            $"Polnik et al. 2020 published instance: {nodes.Count} stations, {steps} servable {step}-second steps from {start:yyyy-MM-dd HH:mm} to {end:yyyy-MM-dd HH:mm} UTC; weights = shares = transfer_share";
        return new Problem(name, start, step, (int)(switchSeconds / step), normalised,
            KeyMatrix.FromEntries(intervals, nodes.Count, entries), description, "keys", provenance);
    }

    private static DateTime ParseTime(MiniZincData data, string name)
    {
        var text = data.String(name);
        if (!DateTime.TryParseExact(text, "yyyy-MMM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t))
            throw data.Error(name, $"{name} '{text}' is not a time like 2018-Jan-01 23:00:00");
        return DateTime.SpecifyKind(t, DateTimeKind.Utc);
    }
}
