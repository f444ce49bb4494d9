using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;

namespace QkdScheduler.Reporting.Plans;

/// <summary>
/// The geometry of one station over a contact: highest elevation and shortest range, and where the telescope starts
/// and ends. From the recorded orbit (second by second, <see cref="Pointing"/>) when the instance has one, else from
/// geometry.csv's intervals (then times of AOS, LOS and the highest elevation are not known to the second and stay null,
/// and azimuths come from the first and last visible intervals where the file has them).
/// </summary>
public sealed record StationPass(string Station, double MaxElevationDeg, double MinRangeKm, double? AosAzimuthDeg = null, double? LosAzimuthDeg = null,
    DateTime? MaxElevationUtc = null, DateTime? AosUtc = null, DateTime? LosUtc = null);

/// <summary>
/// One contact of the plan: a run of consecutive intervals in which the schedule points the satellite at
/// one node, from the start of its first interval to the end of its last.
/// </summary>
/// <param name="Keys">Σ K[m, node] over the run, in the instance's key unit.</param>
/// <param name="Geometry">Per station of the node, in the node's station order; null when the instance has no
/// geometry.csv; a station without a visible interval in the run is left out.</param>
/// <param name="Satellite">The satellite that serves it in a constellation instance; null for one satellite.</param>
/// <param name="SatelliteName">The satellite as operators name it: <paramref name="Satellite"/>, or for one satellite the name of its
/// recorded element set (null when the instance records none).</param>
public sealed record PlannedContact(
    string Node,
    IReadOnlyList<string> Stations,
    int FirstInterval,
    int LastInterval,
    DateTime StartUtc,
    DateTime EndUtc,
    double Keys,
    IReadOnlyList<StationPass>? Geometry,
    string? Satellite = null,
    string? SatelliteName = null)
{
    public double DurationSeconds => (EndUtc - StartUtc).TotalSeconds;
}

/// <summary>
/// What ground-station operators act on: the schedule as contacts (who, when, how long, how much key),
/// with the pass geometry where the instance has it. Built from a validated schedule; it holds exactly
/// the schedule's served intervals, so the schedule can be rebuilt from it.
/// </summary>
public sealed record ContactPlan(string Instance, string KeyUnit, double IntervalSeconds, IReadOnlyList<PlannedContact> Contacts)
{
    /// <param name="pointing">The instance's recorded orbit (<see cref="Pointing.For"/>); null: geometry.csv only.</param>
    public static ContactPlan Build(Problem problem, Schedule schedule, IReadOnlyList<GeometryRow>? geometry, Pointing? pointing = null)
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
            var (from, to) = (problem.IntervalStartUtc(run.FirstInterval), problem.IntervalStartUtc(run.LastInterval + 1));
            if (pointing != null || byStation != null)
                passes = stations.Select(s => (pointing != null ? Track(pointing, satellite, s, from, to) : null)
                                              ?? (byStation != null ? Pass(s, byStation.GetValueOrDefault((run.Satellite, s)) ?? [], run.FirstInterval, run.LastInterval) : null))
                    .OfType<StationPass>().ToList();
            contacts.Add(new PlannedContact(run.NodeId, stations, run.FirstInterval, run.LastInterval, from, to, keys, passes, run.Satellite,
                run.Satellite ?? pointing?.SatelliteName(0)));
        }

        return new ContactPlan(problem.Name, problem.KeyUnit, problem.IntervalSeconds, contacts);
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

    /// <summary>The station's pass over [from, to) from the orbit, second by second; null when the satellite never clears its mask then.</summary>
    private static StationPass? Track(Pointing pointing, int satellite, string station, DateTime from, DateTime to)
    {
        PointingRow? first = null, last = null, top = null;
        var minRange = double.PositiveInfinity;
        foreach (var row in pointing.Rows(satellite, station, from, to))
        {
            first ??= row;
            last = row;
            if (top == null || row.ElevationDeg > top.Value.ElevationDeg) top = row;
            minRange = Math.Min(minRange, row.RangeKm);
        }

        return first is { } a && last is { } b && top is { } t
            ? new StationPass(station, t.ElevationDeg, minRange, a.AzimuthDeg, b.AzimuthDeg, t.Utc, a.Utc, b.Utc)
            : null;
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
        double? aos = null, los = null;
        for (var i = lo; i < rows.Length && rows[i].Interval <= last; i++)
        {
            maxElevation = Math.Max(maxElevation, rows[i].ElevationDeg);
            minRange = Math.Min(minRange, rows[i].RangeKm);
            aos ??= rows[i].AzimuthDeg;
            los = rows[i].AzimuthDeg ?? los;
        }

        return double.IsFinite(maxElevation) ? new StationPass(station, maxElevation, minRange, aos, los) : null;
    }
}
