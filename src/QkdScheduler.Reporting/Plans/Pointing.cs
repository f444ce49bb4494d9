using QkdScheduler.Core.Model;
using QkdScheduler.Orbits.Frames;
using QkdScheduler.Orbits.Passes;
using QkdScheduler.Orbits.Sgp4;
using QkdScheduler.Precompute.Pipeline;

namespace QkdScheduler.Reporting.Plans;

/// <summary>Where a station's telescope points at one second: the satellite's azimuth (from north through east), elevation and range.</summary>
public readonly record struct PointingRow(DateTime Utc, string Satellite, string Station, double AzimuthDeg, double ElevationDeg, double RangeKm);

/// <summary>
/// The satellite's look angles from each station of a contact, second by second, from the orbit the instance records
/// (<see cref="OrbitRecord"/>): SGP4 (the precompute's own propagator) to ECEF, then the station's topocentric frame
/// (Vallado, 4th ed., Algorithm 27, as in precompute). A second counts when the satellite is above the station's mask
/// (the scenario's minimum elevation, raised by the station's own and its horizon). Seconds are whole seconds from the
/// contact's start, up to its end (exclusive).
/// </summary>
public sealed class Pointing
{
    private readonly Problem _problem;
    private readonly SatelliteClock[] _clocks;
    private readonly string[] _names;
    private readonly IReadOnlyDictionary<string, PointingStation> _stations;
    private readonly Dictionary<string, Topocentric> _sites = new(StringComparer.Ordinal);

    private Pointing(Problem problem, IReadOnlyList<MeanElements> satellites, IReadOnlyDictionary<string, PointingStation> stations)
    {
        _problem = problem;
        _stations = stations;
        Satellites = satellites;
        _clocks = satellites.Select(e => new SatelliteClock(new Sgp4Propagator(e), problem.StartUtc, e.Name)).ToArray();
        _names = Enumerable.Range(0, satellites.Count).Select(s => problem.SatelliteId(s) ?? satellites[s].Name).ToArray();
    }

    /// <summary>The pointing of an instance that records its orbit, or null; a broken record is an input error naming <paramref name="path"/>.</summary>
    public static Pointing? For(Problem problem, string path)
    {
        if (!OrbitRecord.Has(problem)) return null;
        var (satellites, stations) = OrbitRecord.Read(problem, path);
        return new Pointing(problem, satellites, stations);
    }

    /// <summary>The recorded elements, by satellite index.</summary>
    public IReadOnlyList<MeanElements> Satellites { get; }

    /// <summary>The satellite's name as contacts and pointing rows give it (its id in a constellation, the element set's name otherwise).</summary>
    public string SatelliteName(int satellite) => _names[satellite];

    /// <summary>Every second from <paramref name="fromUtc"/> to <paramref name="toUtc"/> in which satellite <paramref name="satellite"/> is above <paramref name="station"/>'s mask.</summary>
    public IEnumerable<PointingRow> Rows(int satellite, string station, DateTime fromUtc, DateTime toUtc)
    {
        var site = _stations[station];
        if (!_sites.TryGetValue(station, out var topocentric)) _sites[station] = topocentric = new Topocentric(site.Site.Geodetic);
        var clock = _clocks[satellite];
        for (var t = fromUtc; t < toUtc; t = t.AddSeconds(1))
        {
            var look = topocentric.Look(clock.SatelliteEcef((t - _problem.StartUtc).TotalSeconds));
            if (site.Sees(look.ElevationDeg, look.AzimuthDeg))
                yield return new PointingRow(t, _names[satellite], station, look.AzimuthDeg, look.ElevationDeg, look.RangeKm);
        }
    }
}
