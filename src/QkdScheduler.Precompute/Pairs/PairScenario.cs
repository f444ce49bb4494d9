using QkdScheduler.Core;
using QkdScheduler.KeyRates.Entanglement;
using QkdScheduler.Links.Coupling;
using QkdScheduler.Links.Friis;
using QkdScheduler.Links.Weather;
using QkdScheduler.Orbits.Passes;
using QkdScheduler.Orbits.Stations;
using QkdScheduler.Precompute.Scenarios;

namespace QkdScheduler.Precompute.Pairs;

/// <summary>How each photon of a pair reaches its ground station (seed 004 Fig. 1 a–c).</summary>
public enum RelayKind
{
    /// <summary>Straight down from the source satellite to both stations (the MEO configuration).</summary>
    None,
    /// <summary>Source satellite → passive relay satellite (vacuum) → station; one relay per station.</summary>
    Satellites,
    /// <summary>Source satellite → passive relay on a HAP above the station (vacuum, near-horizontal) → station (full capture).</summary>
    Haps,
}

/// <summary>A satellite with a name (the source or a relay).</summary>
public sealed record NamedSatellite(string Name, SatelliteSpec Spec);

/// <summary>A node of a pair scenario: two stations served at once, with its weight and target share (before normalising).</summary>
public sealed record StationPair(string Id, int StationA, int StationB, double Weight, double Share);

/// <summary>The passive relays of a scenario and their geometry limits.</summary>
/// <param name="MinPathAltitudeKm">Lowest altitude a relayed beam may pass at (seed 004: 10 km for satellite–HAP paths).</param>
/// <param name="HapAltitudeKm">Height of each HAP above its station (seed 004: 20 km).</param>
/// <param name="ReceiveApertureM">Relay aperture facing the source satellite.</param>
/// <param name="TransmitApertureM">Relay aperture facing the ground.</param>
/// <param name="HapLink">The link model below the HAPs (its own C_n²(0): seed 004 uses 1.7×10⁻¹⁵ there).</param>
public sealed record RelaySpec(
    RelayKind Kind,
    IReadOnlyList<NamedSatellite> Satellites,
    double MinPathAltitudeKm,
    double HapAltitudeKm,
    double ReceiveApertureM,
    double TransmitApertureM,
    FriisLink? HapLink);

/// <summary>
/// Fixed optical efficiencies of seed 004 eq. (2) and Table 3: η_s (source heralding), η_tx and
/// η_rx (transmitting and receiving optics, also applied once each at every passive relay), η_d.
/// </summary>
public sealed record PairOptics(double SourceEfficiency, double TransmitEfficiency, double ReceiveEfficiency, double DetectorEfficiency)
{
    public static readonly ParameterRule Source = new("source_efficiency", 0.8, v => v is > 0 and <= 1, "a transmittance within (0, 1] (seed 004 Table 3: 0.8)");
    public static readonly ParameterRule Transmit = new("transmit_efficiency", 0.8, v => v is > 0 and <= 1, "a transmittance within (0, 1] (seed 004 Table 3: 0.8)");
    public static readonly ParameterRule Receive = new("receive_efficiency", 0.8, v => v is > 0 and <= 1, "a transmittance within (0, 1] (seed 004 Table 3: 0.8)");
    public static readonly ParameterRule Detector = new("detector_efficiency", 0.85, v => v is > 0 and <= 1, "a transmittance within (0, 1] (seed 004 Table 3: 0.85)");
    public static IReadOnlyList<ParameterRule> Rules { get; } = [Source, Transmit, Receive, Detector];

    public static PairOptics From(ParameterValues v) => new(v[Source], v[Transmit], v[Receive], v[Detector]);

    /// <summary>η_s η_tx η_rx η_d of eq. (2), times η_rx η_tx for each passive relay on the way.</summary>
    public double ArmEfficiency(int relays) => SourceEfficiency * TransmitEfficiency * ReceiveEfficiency * DetectorEfficiency * Math.Pow(ReceiveEfficiency * TransmitEfficiency, relays);
}

/// <summary>
/// An entanglement-distribution scenario (seed 004, <c>format: qkdsched-pair-scenario/1</c>): one
/// source satellite, optional passive relays, ground stations with one aperture and elevation mask,
/// the station pairs that are the scheduling nodes, the link, coupling, source, background and
/// finite-key models, and the weather: <see cref="Cover"/> (cloud fractions, when given) and the
/// <see cref="Weather"/> the arms see, clear below <see cref="CloudThresholdPercent"/> and blocked above.
/// </summary>
public sealed record PairScenario(
    string Path,
    string Name,
    string Description,
    string Reference,
    DateTime StartUtc,
    DateTime EndUtc,
    double IntervalSeconds,
    int SwitchIntervals,
    double IntegrationSeconds,
    NamedSatellite Source,
    double SourceApertureM,
    RelaySpec Relays,
    IReadOnlyList<GroundStation> Stations,
    double StationApertureM,
    double MinElevationDeg,
    NightRule Night,
    IReadOnlyList<StationPair> Pairs,
    FriisLink Link,
    ICouplingModel Coupling,
    PairOptics Optics,
    SpdcSource PairSource,
    SkyBackground Background,
    FiniteKey FiniteKey,
    double ReferenceQber,
    IWeatherSource Weather,
    CloudCover? Cover,
    double CloudThresholdPercent,
    string Sha256,
    IReadOnlyList<string> Overrides)
{
    /// <summary>
    /// The sources of a constellation pair scenario (<c>sources:</c>), each with its own aperture, in order; null for one
    /// source (<c>source:</c>, which is <see cref="Source"/>). A node is still a station pair, served by any source that sees
    /// both stations; in a constellation <see cref="Source"/> is the first.
    /// </summary>
    public IReadOnlyList<(NamedSatellite Satellite, double ApertureM)>? Sources { get; init; }

    /// <summary>The warnings of its satellites (sources and relays: element sets far from the period), one line each.</summary>
    public IReadOnlyList<string> Warnings =>
        (Sources?.Select(x => x.Satellite) ?? [Source]).Concat(Relays.Satellites).SelectMany(x => x.Spec.Warnings).Distinct().ToList();

    /// <summary>Receivers per station where more than one; a constellation's only.</summary>
    public IReadOnlyDictionary<string, int> Receivers { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// Stations' own masks and outages by name (<c>stations: rules:</c>, as in station scenarios): a station's mask applies
    /// where it looks at a satellite (the source or a relay); outages apply to every arm, HAP relays too.
    /// </summary>
    public IReadOnlyDictionary<string, Scenarios.StationRule> StationRules { get; init; } = new Dictionary<string, Scenarios.StationRule>();

    /// <summary>L (<c>period: min_contact_seconds</c>, in whole intervals rounded up); 1 = no rule.</summary>
    public int MinContactIntervals { get; init; } = 1;

    /// <summary>S_st; a constellation's only.</summary>
    public int StationSwitchIntervals { get; init; }

    /// <summary>This scenario with <paramref name="source"/> as its one source.</summary>
    public PairScenario ForSource((NamedSatellite Satellite, double ApertureM) source) =>
        this with { Source = source.Satellite, SourceApertureM = source.ApertureM, Sources = null, Receivers = new Dictionary<string, int>(), StationSwitchIntervals = 0 };

    /// <summary>The time grid: intervals, integration steps and sample times.</summary>
    public Period Period => new(StartUtc, EndUtc, IntervalSeconds, IntegrationSeconds);

    public double PeriodYears => (EndUtc - StartUtc).TotalDays / 365.25;
}
