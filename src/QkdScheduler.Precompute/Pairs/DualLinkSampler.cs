using QkdScheduler.Links.Friis;
using QkdScheduler.Orbits.Frames;
using QkdScheduler.Orbits.Passes;
using QkdScheduler.Orbits.Sgp4;
using QkdScheduler.Orbits.Stations;

namespace QkdScheduler.Precompute.Pairs;

/// <summary>
/// One arm of a dual link at one sample: the elevation and range of the body the station (or its
/// HAP) looks at, the arm's aperture-collected transmittance (seed 004 eq. 2: η_s η_tx η_FS η_rx η_d,
/// times η_rx η_tx per relay and every hop's η_FS), the SMF coupling at the station and the cloud loss.
/// </summary>
public readonly record struct ArmSample(double ElevationDeg, double RangeKm, double Transmittance, double Coupling, double CloudDb)
{
    public double LossDb => Links.Decibels.FromTransmittance(Transmittance);
}

/// <summary>Both arms of a pair at integration step k (time start + (k + ½)·h); <see cref="FarField"/> is false when a Friis hop has Λ₀ below <see cref="FriisLink.FarFieldMinimum"/>.</summary>
public readonly record struct DualSample(int Pair, long Step, ArmSample A, ArmSample B, bool FarField)
{
    public bool Blocked => A.Transmittance <= 0 || B.Transmittance <= 0;

    /// <summary>η_A η_B: the fraction of emitted pairs collected by both apertures (dB: the "dual-link loss" of seed 004 Table 1).</summary>
    public double DualTransmittance => A.Transmittance * B.Transmittance;
}

/// <summary>
/// Where and when a pair's two stations are served at once. Candidate windows come from the pass
/// finder (elevation masks root-found to 10⁻⁴ s, darkness rule applied): for a direct downlink the
/// source's passes over station A intersected with those over B; for relay satellites the union
/// over relay assignments (relay i → A, relay j ≠ i → B) of the relays' passes; for HAPs the
/// source's passes over the two HAPs with a mask a little below the 10 km path limit. Inside them
/// every integration step is checked exactly (elevations, inter-satellite and satellite–HAP paths
/// above the minimum altitude) and the arms' budgets are computed; with relay satellites the
/// assignment with the larger η_A η_B serves.
/// </summary>
public sealed class DualLinkSampler
{
    private const double HapWindowMarginDeg = 0.5;
    private readonly PairScenario _s;
    private readonly Topocentric[] _stations;
    private readonly Topocentric[] _haps;

    private readonly Scenarios.StationRule?[] _rules;

    public DualLinkSampler(PairScenario scenario)
    {
        _s = scenario;
        _stations = scenario.Stations.Select(st => new Topocentric(st.Geodetic)).ToArray();
        _rules = scenario.Stations.Select(st => scenario.StationRules.GetValueOrDefault(st.Name)).ToArray();
        _haps = scenario.Relays.Kind == RelayKind.Haps
            ? scenario.Stations.Select(st => new Topocentric(HapSite(st).Geodetic)).ToArray()
            : [];
    }

    /// <summary>Dual-visibility windows of a pair, seconds from the period start, sorted and disjoint.</summary>
    public IReadOnlyList<(double From, double To)> Windows(int pair)
    {
        var p = _s.Pairs[pair];
        switch (_s.Relays.Kind)
        {
            case RelayKind.None:
            {
                var passes = Passes(_s.Source, [_s.Stations[p.StationA], _s.Stations[p.StationB]], new PassSearch(_s.MinElevationDeg, _s.Night));
                return Intervals.Intersect(Of(passes, _s.Stations[p.StationA].Name), Of(passes, _s.Stations[p.StationB].Name));
            }
            case RelayKind.Satellites:
            {
                var search = new PassSearch(_s.MinElevationDeg, _s.Night);
                var perRelay = _s.Relays.Satellites.Select(r => Passes(r, [_s.Stations[p.StationA], _s.Stations[p.StationB]], search)).ToList();
                var union = new List<(double, double)>();
                for (var i = 0; i < perRelay.Count; i++)
                for (var j = 0; j < perRelay.Count; j++)
                    if (i != j)
                        union.AddRange(Intervals.Intersect(Of(perRelay[i], _s.Stations[p.StationA].Name), Of(perRelay[j], _s.Stations[p.StationB].Name)));
                return Intervals.Union(union);
            }
            default:
            {
                var hapA = HapSite(_s.Stations[p.StationA]);
                var hapB = HapSite(_s.Stations[p.StationB]);
                var passes = Passes(_s.Source, [hapA, hapB], new PassSearch(HapMaskDeg() - HapWindowMarginDeg));
                return Intervals.Intersect(Of(passes, hapA.Name), Of(passes, hapB.Name));
            }
        }
    }

    /// <summary>Every dual-visible integration step of a pair, in time order (blocked-by-weather samples included, with transmittance 0).</summary>
    public IEnumerable<DualSample> Samples(int pair, IReadOnlyList<(double From, double To)> windows)
    {
        var p = _s.Pairs[pair];
        var h = _s.IntegrationSeconds;
        var lastStep = (long)Math.Round((_s.EndUtc - _s.StartUtc).TotalSeconds / h) - 1;
        var source = new SatelliteClock(new Sgp4Propagator(_s.Source.Spec.Elements), _s.StartUtc, _s.Source.Spec.Source);
        var relays = _s.Relays.Satellites.Select(r => new SatelliteClock(new Sgp4Propagator(r.Spec.Elements), _s.StartUtc, r.Spec.Source)).ToArray();
        var relayPositions = new Vec3[relays.Length];
        long previous = -1;
        foreach (var (from, to) in windows)
        {
            var first = Math.Max(Math.Max(0, (long)Math.Ceiling(from / h - 0.5)), previous + 1);
            var last = Math.Min(lastStep, (long)Math.Floor(to / h - 0.5));
            for (var k = first; k <= last; k++)
            {
                var t = (k + 0.5) * h;
                var sat = source.SatelliteEcef(t);
                for (var r = 0; r < relays.Length; r++) relayPositions[r] = relays[r].SatelliteEcef(t);
                if (Evaluate(p, sat, relayPositions) is not { } arms) continue;
                var (stepFrom, stepTo) = (_s.StartUtc.AddSeconds(k * h), _s.StartUtc.AddSeconds((k + 1) * h));
                if (_rules[p.StationA]?.IsOut(stepFrom, stepTo) == true || _rules[p.StationB]?.IsOut(stepFrom, stepTo) == true) continue;
                var utc = _s.Period.SampleUtc(k);
                var a = WithWeather(arms.A, p.StationA, utc);
                var b = WithWeather(arms.B, p.StationB, utc);
                yield return new DualSample(pair, k, a, b, arms.FarField);
                previous = k;
            }
        }
    }

    private ArmSample WithWeather(ArmSample arm, int station, DateTime utc)
    {
        var cloud = _s.Weather.CloudLossDb(station, utc);
        return cloud == 0 ? arm : arm with { CloudDb = cloud, Transmittance = arm.Transmittance * Links.Decibels.ToTransmittance(cloud) };
    }

    private (ArmSample A, ArmSample B, bool FarField)? Evaluate(StationPair p, Vec3 sat, Vec3[] relays)
    {
        switch (_s.Relays.Kind)
        {
            case RelayKind.None:
            {
                var height = Wgs84.FromEcef(sat).HeightKm;
                var a = Downlink(sat, height, p.StationA, _s.SourceApertureM, 0);
                var b = Downlink(sat, height, p.StationB, _s.SourceApertureM, 0);
                return a is { } x && b is { } y ? (x.Arm, y.Arm, x.FarField && y.FarField) : null;
            }
            case RelayKind.Satellites:
            {
                // Each relay's arm to each station once, then the best assignment (relay i → A, relay j ≠ i → B).
                var viaA = new (ArmSample Arm, bool FarField)?[relays.Length];
                var viaB = new (ArmSample Arm, bool FarField)?[relays.Length];
                for (var r = 0; r < relays.Length; r++)
                {
                    if (PathAltitudeKm(sat, relays[r]) < _s.Relays.MinPathAltitudeKm) continue;
                    var isl = _s.Link.Vacuum((relays[r] - sat).Norm, _s.SourceApertureM, _s.Relays.ReceiveApertureM);
                    var height = Wgs84.FromEcef(relays[r]).HeightKm;
                    viaA[r] = ViaRelay(relays[r], height, isl, p.StationA);
                    viaB[r] = ViaRelay(relays[r], height, isl, p.StationB);
                }

                (ArmSample A, ArmSample B, bool FarField)? best = null;
                for (var i = 0; i < relays.Length; i++)
                for (var j = 0; j < relays.Length; j++)
                {
                    if (i == j || viaA[i] is not { } a || viaB[j] is not { } b) continue;
                    if (best == null || a.Arm.Transmittance * b.Arm.Transmittance > best.Value.A.Transmittance * best.Value.B.Transmittance)
                        best = (a.Arm, b.Arm, a.FarField && b.FarField);
                }

                return best;
            }
            default:
            {
                var a = ViaHap(sat, p.StationA);
                var b = ViaHap(sat, p.StationB);
                return a is { } x && b is { } y ? (x.Arm, y.Arm, x.FarField && y.FarField) : null;
            }
        }
    }

    /// <summary>
    /// A satellite at geodetic height <paramref name="heightKm"/> straight down to a station, with optics for
    /// <paramref name="relays"/> relays before it.
    /// </summary>
    private (ArmSample Arm, bool FarField)? Downlink(Vec3 transmitter, double heightKm, int station, double transmitApertureM, int relays, double upstream = 1)
    {
        var look = _stations[station].Look(transmitter);
        if (look.ElevationDeg < _s.MinElevationDeg) return null;
        if (_rules[station] is { } rule && !rule.Clears(look.ElevationDeg, look.AzimuthDeg)) return null;
        var top = heightKm - _stations[station].Site.HeightKm;
        var hop = _s.Link.Downlink(look.RangeKm, look.ElevationDeg, top, 0, transmitApertureM, _s.StationApertureM);
        var eta = upstream * hop.Transmittance * _s.Optics.ArmEfficiency(relays);
        var coupling = _s.Coupling.Efficiency(_s.StationApertureM, hop.FriedParameterM);
        return (new ArmSample(look.ElevationDeg, look.RangeKm, eta, coupling, 0), hop.FarField);
    }

    private (ArmSample Arm, bool FarField)? ViaRelay(Vec3 relay, double heightKm, HopBudget isl, int station)
    {
        return Downlink(relay, heightKm, station, _s.Relays.TransmitApertureM, 1, isl.Transmittance) is { } down
            ? (down.Arm, down.FarField && isl.FarField)
            : null;
    }

    private (ArmSample Arm, bool FarField)? ViaHap(Vec3 source, int station)
    {
        var hap = _haps[station];
        if (PathAltitudeKm(hap.SiteEcef, source) < _s.Relays.MinPathAltitudeKm) return null;
        var look = hap.Look(source);
        var up = _s.Link.Vacuum(look.RangeKm, _s.SourceApertureM, _s.Relays.ReceiveApertureM);
        var height = _s.Relays.HapAltitudeKm;
        var down = _s.Relays.HapLink!.FullCapture(height, 90, height, 0, _s.Relays.TransmitApertureM);
        var eta = up.Transmittance * down.Transmittance * _s.Optics.ArmEfficiency(1);
        var coupling = _s.Coupling.Efficiency(_s.StationApertureM, down.FriedParameterM);
        return (new ArmSample(look.ElevationDeg, look.RangeKm, eta, coupling, 0), up.FarField);
    }

    /// <summary>The lowest geodetic height (km) on the straight segment between two Earth-fixed points.</summary>
    public static double PathAltitudeKm(Vec3 p, Vec3 q)
    {
        var d = q - p;
        var s = Math.Clamp(-Vec3.Dot(p, d) / Vec3.Dot(d, d), 0, 1);
        return Wgs84.FromEcef(p + s * d).HeightKm;
    }

    /// <summary>
    /// The HAP elevation at which a straight path grazes <see cref="RelaySpec.MinPathAltitudeKm"/>,
    /// −acos((R + h_min)/(R + h_HAP)) on a sphere of the equatorial radius (seed 004: −3.2° for 10 km
    /// below a HAP at 20 km); only used to bound the candidate windows.
    /// </summary>
    public double HapMaskDeg()
    {
        var r = Wgs84.EquatorialRadiusKm;
        return -Math.Acos((r + _s.Relays.MinPathAltitudeKm) / (r + _s.Relays.HapAltitudeKm)) * 180 / Math.PI;
    }

    private GroundStation HapSite(GroundStation station) =>
        new($"{station.Name} HAP", station.LatitudeDeg, station.LongitudeDeg, station.AltitudeM + _s.Relays.HapAltitudeKm * 1e3);

    private IReadOnlyList<Pass> Passes(NamedSatellite satellite, IReadOnlyList<GroundStation> sites, PassSearch search) =>
        new PassFinder(new Sgp4Propagator(satellite.Spec.Elements), search, satellite.Spec.Source).Find(sites, _s.StartUtc, _s.EndUtc);

    private List<(double, double)> Of(IReadOnlyList<Pass> passes, string site) =>
        passes.Where(x => x.Station == site).Select(x => ((x.Aos - _s.StartUtc).TotalSeconds, (x.Los - _s.StartUtc).TotalSeconds)).ToList();
}
