using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;

namespace QkdScheduler.Reporting.Plans;

/// <summary>The geometry of one station over a contact: highest elevation and shortest range among its visible intervals.</summary>
public sealed record StationPass(string Station, double MaxElevationDeg, double MinRangeKm);

/// <summary>
/// One contact of the plan: a run of consecutive intervals in which the schedule points the satellite at
/// one node, from the start of its first interval to the end of its last.
/// </summary>
/// <param name="Keys">Σ K[m, node] over the run, in the instance's key unit.</param>
/// <param name="Geometry">Per station of the node, in the node's station order; null when the instance has no
/// geometry.csv; a station without a visible interval in the run is left out.</param>
/// <param name="Satellite">The satellite that serves it in a constellation instance; null for one satellite.</param>
public sealed record PlannedContact(
    string Node,
    IReadOnlyList<string> Stations,
    int FirstInterval,
    int LastInterval,
    DateTime StartUtc,
    DateTime EndUtc,
    double Keys,
    IReadOnlyList<StationPass>? Geometry,
    string? Satellite = null)
{
    public double DurationSeconds => (EndUtc - StartUtc).TotalSeconds;
}

/// <summary>
/// What ground-station operators act on: the schedule as contacts (who, when, how long, how much key),
/// with the pass geometry where the instance has it. Built from a validated schedule; it holds exactly
/// the schedule's served intervals, so the schedule can be rebuilt from it.
/// </summary>
/// <param name="HasSatellites">A constellation's plan: its contacts name their satellites (and its files have the satellite column, contacts or none).</param>
public sealed record ContactPlan(string Instance, string KeyUnit, double IntervalSeconds, IReadOnlyList<PlannedContact> Contacts, bool HasSatellites = false)
{
    public static ContactPlan Build(Problem problem, Schedule schedule, IReadOnlyList<GeometryRow>? geometry)
    {
        // Geometry by (satellite, station); a one-satellite instance's rows have no satellite.
        var byStation = geometry?.GroupBy(g => (g.Satellite, g.Station))
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Interval).ToArray());
        var contacts = new List<PlannedContact>();
        foreach (var run in Merge(schedule.Contacts))
        {
            if (!problem.TryGetNodeIndex(run.NodeId, out var node))
                throw new ArgumentException($"the schedule serves '{run.NodeId}', which is not a node of {problem.Name}");
            var satellite = 0;
            if (problem.Constellation is { } fleet && (run.Satellite == null || !fleet.TryGetSatelliteIndex(run.Satellite, out satellite)))
                throw new ArgumentException($"the schedule names satellite '{run.Satellite}', which is not a satellite of {problem.Name}");
            var keys = 0.0;
            for (var m = run.FirstInterval; m <= run.LastInterval; m++) keys += problem.KeysOf(satellite)[m, node];
            var stations = problem.Nodes[node].Stations;
            IReadOnlyList<StationPass>? passes = null;
            if (byStation != null)
                passes = stations.Select(s => Pass(s, byStation.GetValueOrDefault((run.Satellite, s)) ?? [], run.FirstInterval, run.LastInterval)).OfType<StationPass>().ToList();
            contacts.Add(new PlannedContact(run.NodeId, stations, run.FirstInterval, run.LastInterval,
                problem.IntervalStartUtc(run.FirstInterval), problem.IntervalStartUtc(run.LastInterval + 1), keys, passes, run.Satellite));
        }

        return new ContactPlan(problem.Name, problem.KeyUnit, problem.IntervalSeconds, contacts, problem.IsConstellation);
    }

    /// <summary>The per-interval schedule the plan stands for (one contact per run).</summary>
    public Schedule ToSchedule() => new(Contacts.Select(c => new Contact(c.Node, c.FirstInterval, c.LastInterval, c.Satellite)).ToList());


    /// <summary>Every station named by a contact, in order of first appearance.</summary>
    public IReadOnlyList<string> Stations => Contacts.SelectMany(c => c.Stations).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Sorted by start (then satellite); adjacent runs of one node by one satellite (a solver may hand back a run in
    /// pieces) become one contact.
    /// </summary>
    private static IEnumerable<Contact> Merge(IEnumerable<Contact> contacts)
    {
        var merged = new List<Contact>();
        foreach (var satellite in contacts.GroupBy(c => c.Satellite))
            merged.AddRange(MergeRuns(satellite));
        return merged.OrderBy(c => c.FirstInterval).ThenBy(c => c.Satellite, StringComparer.Ordinal);
    }

    private static IEnumerable<Contact> MergeRuns(IEnumerable<Contact> contacts)
    {
        Contact? open = null;
        foreach (var c in contacts.OrderBy(c => c.FirstInterval))
        {
            if (open != null && open.NodeId == c.NodeId && open.LastInterval + 1 == c.FirstInterval)
            {
                open = open with { LastInterval = c.LastInterval };
                continue;
            }

            if (open != null) yield return open;
            open = c;
        }

        if (open != null) yield return open;
    }

    private static StationPass? Pass(string station, GeometryRow[] rows, int first, int last)
    {
        int lo = 0, hi = rows.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (rows[mid].Interval < first) lo = mid + 1;
            else hi = mid;
        }

        double maxElevation = double.NegativeInfinity, minRange = double.PositiveInfinity;
        for (var i = lo; i < rows.Length && rows[i].Interval <= last; i++)
        {
            maxElevation = Math.Max(maxElevation, rows[i].ElevationDeg);
            minRange = Math.Min(minRange, rows[i].RangeKm);
        }

        return double.IsFinite(maxElevation) ? new StationPass(station, maxElevation, minRange) : null;
    }
}
