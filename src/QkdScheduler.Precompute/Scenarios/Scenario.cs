using QkdScheduler.KeyRates;
using QkdScheduler.Links;
using QkdScheduler.Links.Weather;
using QkdScheduler.Orbits.Passes;
using QkdScheduler.Orbits.Sgp4;
using QkdScheduler.Orbits.Stations;

namespace QkdScheduler.Precompute.Scenarios;

/// <summary>The satellite of a scenario: SGP4 mean elements and where they came from.</summary>
/// <param name="Source">The TLE file, or "orbit" for a synthetic orbit.</param>
/// <param name="Description">One line: which element set (or which orbit) is used.</param>
public sealed record SatelliteSpec(MeanElements Elements, string Source, string Description)
{
    /// <summary>What the user should know before trusting it (an element set far from the period), one line each.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// Everything the precompute pipeline needs, read and checked from a <c>scenario.yaml</c> (see
/// <see cref="ScenarioFile"/>): the period and its intervals, one satellite, the stations with
/// their weights and shares, the visibility rules and the link, weather and protocol models.
/// </summary>
public sealed record Scenario(
    string Path,
    string Name,
    string Description,
    string Reference,
    DateTime StartUtc,
    DateTime EndUtc,
    double IntervalSeconds,
    int SwitchIntervals,
    double IntegrationSeconds,
    SatelliteSpec Satellite,
    IReadOnlyList<GroundStation> Stations,
    IReadOnlyList<double> Weights,
    IReadOnlyList<double> Shares,
    PassSearch Visibility,
    ILinkModel Link,
    IWeatherSource Weather,
    IKeyRateModel Protocol,
    string Sha256,
    IReadOnlyList<string> Overrides)
{
    /// <summary>
    /// The satellites of a constellation scenario (<c>satellites:</c>, Walker shells expanded), in order; null for a
    /// one-satellite scenario (<c>satellite:</c>), whose satellite is <see cref="Satellite"/>. In a constellation
    /// <see cref="Satellite"/> is the first one.
    /// </summary>
    public IReadOnlyList<Pairs.NamedSatellite>? Fleet { get; init; }

    /// <summary>Receivers per station where more than one (<c>stations: receivers:</c>); a constellation's only.</summary>
    public IReadOnlyDictionary<string, int> Receivers { get; init; } = new Dictionary<string, int>();

    /// <summary>Stations' own masks and outages by station name (<c>stations: rules:</c>); stations not named have none.</summary>
    public IReadOnlyDictionary<string, StationRule> StationRules { get; init; } = new Dictionary<string, StationRule>();

    /// <summary>L (<c>period: min_contact_seconds</c>, in whole intervals rounded up); 1 = no rule.</summary>
    public int MinContactIntervals { get; init; } = 1;

    /// <summary>S_st (<c>period: station_switch_intervals</c>); a constellation's only.</summary>
    public int StationSwitchIntervals { get; init; }

    /// <summary>The satellites' warnings (element sets far from the period), one line each, for the CLI to show.</summary>
    public IReadOnlyList<string> Warnings => Fleet?.SelectMany(f => f.Spec.Warnings).ToList() ?? Satellite.Warnings;

    /// <summary>This scenario as satellite <paramref name="satellite"/>'s own one-satellite scenario.</summary>
    public Scenario ForSatellite(Pairs.NamedSatellite satellite) => this with { Satellite = satellite.Spec, Fleet = null, Receivers = new Dictionary<string, int>(), StationSwitchIntervals = 0 };

    public Period Period => new(StartUtc, EndUtc, IntervalSeconds, IntegrationSeconds);
    public int IntervalCount => Period.IntervalCount;
    public int SamplesPerInterval => Period.SamplesPerInterval;
    public DateTime SampleUtc(long step) => Period.SampleUtc(step);
}

/// <summary>The time grid of a scenario: M intervals of Δt from the start, each integrated in steps of h.</summary>
public readonly record struct Period(DateTime StartUtc, DateTime EndUtc, double IntervalSeconds, double IntegrationSeconds)
{
    /// <summary>Number of intervals M.</summary>
    public int IntervalCount => (int)Math.Round((EndUtc - StartUtc).TotalSeconds / IntervalSeconds);

    /// <summary>Integration samples per interval (Δt / integration step).</summary>
    public int SamplesPerInterval => (int)Math.Round(IntervalSeconds / IntegrationSeconds);

    /// <summary>Time of integration sample k: the middle of its step, start + (k + ½)·h.</summary>
    public DateTime SampleUtc(long step) => StartUtc.AddTicks((long)Math.Round((step + 0.5) * IntegrationSeconds * TimeSpan.TicksPerSecond));
}
