using QkdScheduler.Core;

namespace QkdScheduler.Links.Weather;

/// <summary>What to do at a station and time that a weather file does not cover.</summary>
public enum MissingWeather
{
    /// <summary>Stop with an error naming the station and time (the default: no silent fallbacks).</summary>
    Error,
    /// <summary>Take the gap as clear sky.</summary>
    Clear,
    /// <summary>Take the gap as no link.</summary>
    Blocked,
}

/// <summary>
/// Cloud loss per station as a series of slots: each value holds from its time for one slot
/// (10 minutes for Himawari-8, seed 000). Lookup is a binary search per call.
/// </summary>
public sealed class SlotSeries : IWeatherSource
{
    private readonly long[][] _starts;
    private readonly double[][] _lossDb;
    private readonly long _slotTicks;
    private readonly IReadOnlyList<string> _stations;
    private readonly MissingWeather _missing;
    private readonly string _source;

    /// <param name="series">Per station (scenario order), its (slot start, cloud loss dB) values in any order.</param>
    public SlotSeries(string description, string source, IReadOnlyList<string> stations, IReadOnlyList<IReadOnlyList<(DateTime Start, double LossDb)>> series,
        TimeSpan slot, MissingWeather missing)
    {
        if (slot <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(slot));
        Description = description;
        _source = source;
        _stations = stations;
        _missing = missing;
        _slotTicks = slot.Ticks;
        _starts = new long[series.Count][];
        _lossDb = new double[series.Count][];
        for (var s = 0; s < series.Count; s++)
        {
            var sorted = series[s].OrderBy(v => v.Start).ToArray();
            _starts[s] = sorted.Select(v => v.Start.Ticks).ToArray();
            _lossDb[s] = sorted.Select(v => v.LossDb).ToArray();
        }
    }

    public string Description { get; }

    public double CloudLossDb(int station, DateTime utc)
    {
        var starts = _starts[station];
        var i = Array.BinarySearch(starts, utc.Ticks);
        if (i < 0) i = ~i - 1;
        if (i >= 0 && utc.Ticks < starts[i] + _slotTicks) return _lossDb[station][i];
        return _missing switch
        {
            MissingWeather.Clear => 0.0,
            MissingWeather.Blocked => double.PositiveInfinity,
            _ => throw new InputException(_source, null,
                $"no weather value for station '{_stations[station]}' at {utc:yyyy-MM-ddTHH:mm:ssZ} (each row holds for {TimeSpan.FromTicks(_slotTicks).TotalMinutes:0.##} minutes); " +
                "add the rows, or set 'missing: clear' or 'missing: blocked' in the weather block"),
        };
    }
}
