namespace QkdScheduler.Core.Model;

/// <summary>A ground station's receivers (telescopes): each tracks one satellite at a time.</summary>
public sealed record StationReceivers(string Id, int Receivers);

/// <summary>
/// The satellites of a constellation instance and the stations they share (docs/architecture.md,
/// "Constellations, receivers and station slew"): one key matrix K[s] per satellite over the same
/// nodes and timeline; station g has R_g receivers (1 unless listed); a receiver needs
/// <see cref="StationSwitchIntervals"/> idle intervals between two different satellites.
/// </summary>
public sealed class Constellation
{
    private readonly Dictionary<string, int> _satelliteIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _receivers = new(StringComparer.Ordinal);

    public Constellation(IReadOnlyList<string> satellites, IReadOnlyList<KeyMatrix> keys, IReadOnlyList<StationReceivers> stations, int stationSwitchIntervals)
    {
        if (satellites.Count == 0) throw new ArgumentException("a constellation needs at least one satellite", nameof(satellites));
        if (keys.Count != satellites.Count) throw new ArgumentException("one key matrix per satellite is needed", nameof(keys));
        ArgumentOutOfRangeException.ThrowIfNegative(stationSwitchIntervals);
        for (var s = 0; s < satellites.Count; s++)
        {
            if (!_satelliteIndex.TryAdd(satellites[s], s)) throw new ArgumentException($"satellite id '{satellites[s]}' is used twice");
            if (keys[s].IntervalCount != keys[0].IntervalCount || keys[s].NodeCount != keys[0].NodeCount)
                throw new ArgumentException("every satellite's key matrix must have the same intervals and nodes");
        }

        foreach (var g in stations)
        {
            if (g.Receivers < 1) throw new ArgumentException($"station '{g.Id}' needs at least one receiver");
            if (!_receivers.TryAdd(g.Id, g.Receivers)) throw new ArgumentException($"station id '{g.Id}' is listed twice");
        }

        Satellites = satellites;
        Keys = keys;
        Stations = stations;
        StationSwitchIntervals = stationSwitchIntervals;
    }

    public IReadOnlyList<string> Satellites { get; }

    /// <summary>K[s]: the key matrix of satellite s, in <see cref="Satellites"/> order.</summary>
    public IReadOnlyList<KeyMatrix> Keys { get; }

    /// <summary>The stations listed with their receivers; a station not listed has one.</summary>
    public IReadOnlyList<StationReceivers> Stations { get; }

    /// <summary>S_st: idle intervals a receiver needs between two different satellites.</summary>
    public int StationSwitchIntervals { get; }

    public int Receivers(string station) => _receivers.TryGetValue(station, out var r) ? r : 1;

    public bool TryGetSatelliteIndex(string id, out int index) => _satelliteIndex.TryGetValue(id, out index);
}
