namespace QkdScheduler.Links.Weather;

/// <summary>
/// Extra loss from the weather at a station and time, in dB (0 = clear, +∞ = no link). Stations are
/// addressed by their index in the scenario's station list, fixed when the source is built.
/// </summary>
public interface IWeatherSource
{
    /// <summary>One line for provenance, e.g. "cloud-index-csv clouds.csv (10-minute slots)".</summary>
    string Description { get; }

    double CloudLossDb(int station, DateTime utc);
}

/// <summary>Clear sky everywhere: no cloud loss (seed 000's default assumption).</summary>
public sealed class ClearSky : IWeatherSource
{
    public const string SourceName = "clear";
    public string Description => "clear sky";
    public double CloudLossDb(int station, DateTime utc) => 0.0;
}
