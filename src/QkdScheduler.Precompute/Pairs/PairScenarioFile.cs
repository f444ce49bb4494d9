using System.Globalization;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;
using QkdScheduler.KeyRates.Entanglement;
using QkdScheduler.Links.Friis;
using QkdScheduler.Links.Weather;
using QkdScheduler.Orbits.Passes;
using QkdScheduler.Orbits.Sgp4;
using QkdScheduler.Orbits.Stations;
using QkdScheduler.Precompute.Scenarios;

namespace QkdScheduler.Precompute.Pairs;

/// <summary>
/// Reads a pair scenario (<c>format: qkdsched-pair-scenario/1</c>; every key is listed in
/// instances/README.md). The period, satellites, weather and file paths are read exactly as in a
/// station scenario (<see cref="ScenarioFile"/>); everything is checked before anything is computed.
/// </summary>
public static class PairScenarioFile
{
    public const string Format = "qkdsched-pair-scenario/1";

    public static readonly ParameterRule Aperture = new("aperture_m", 1.0, v => v > 0 && v <= 100, "a positive diameter in metres (seed 004: 1.0, or 0.3 below HAPs)");
    public static readonly ParameterRule SatelliteAperture = new("aperture_m", 0.5, v => v > 0 && v <= 100, "a positive diameter in metres (seed 004 Table 3: 0.5)");
    public static readonly ParameterRule Mask = new("min_elevation_deg", 30, v => v is > 0 and < 90, "above 0 and below 90 degrees (seed 004: 30)");
    public static readonly ParameterRule ReferenceQber = new("reference_qber", 0.05, v => v is > 0 and < 0.5, "a QBER within (0, 0.5) (seed 004 benchmarks at 0.05)");

    /// <summary>True when the file declares this format (so <c>precompute</c> can pick the reader).</summary>
    public static bool IsPairScenario(string path) => YamlFields.Load(path).OptionalString("format", "") == Format;

    public static PairScenario Read(string path, IReadOnlyList<string>? overrides = null)
    {
        overrides ??= [];
        var y = YamlFields.Load(path, overrides);
        var (name, description, reference, dir) = ScenarioFile.ReadHeader(y, Format, path);
        name = ScenarioFile.VariationName(name, overrides);
        var periodBlock = y.RequiredMap("period");
        var stationSwitch = periodBlock.OptionalInt("station_switch_intervals", v => v >= 0, "0 or more");
        var (start, end, interval, switchIntervals, step, minContact) = ScenarioFile.ReadPeriod(periodBlock);

        if (y.Has("source") == y.Has("sources"))
            throw new InputException(y.File, null, "a pair scenario needs exactly one of 'source:' (one satellite) or 'sources:' (a list, each with an id)");
        List<(NamedSatellite, double)>? sources = null;
        if (y.Has("sources"))
        {
            sources = [];
            foreach (var e in y.MapList("sources"))
            {
                var id = e.RequiredString("id");
                if (!InstanceFiles.IsValidId(id)) throw e.Error("id", $"source id '{id}' {InstanceFiles.IdRule}");
                if (sources.Any(x => x.Item1.Name == id)) throw e.Error("id", $"source id '{id}' is used twice");
                var aperture = e.Parameter(SatelliteAperture);
                e.Allow(SatelliteAperture.Key);
                sources.Add((new NamedSatellite(id, ScenarioFile.ReadSatellite(e, dir, start, end)), aperture));
            }

            if (sources.Count == 0) throw y.Error("sources", "sources must list at least one satellite");
        }
        else if (stationSwitch != null) throw periodBlock.Error("station_switch_intervals", "station_switch_intervals belongs to several sources; list them under 'sources:'");

        double sourceAperture;
        NamedSatellite source;
        if (sources != null) (source, sourceAperture) = sources[0];
        else
        {
            var sourceBlock = y.RequiredMap("source");
            sourceAperture = sourceBlock.Parameter(SatelliteAperture);
            sourceBlock.Allow(SatelliteAperture.Key);
            source = new NamedSatellite("source", ScenarioFile.ReadSatellite(sourceBlock, dir, start, end));
        }

        var stationsBlock = y.RequiredMap("stations");
        var file = ScenarioFile.ExistingFile(stationsBlock, "file", dir, "stations file");
        var stations = StationFile.Read(file);
        var receivers = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairStationsToCheck = new List<string>();
        var receiversBlock = stationsBlock.OptionalMap("receivers");
        if (receiversBlock != null)
        {
            if (sources == null) throw stationsBlock.Error("receivers", "receivers belong to several sources; list them under 'sources:'");
            foreach (var key in receiversBlock.Keys)
            {
                if (!stations.Any(g => g.Name == key)) throw receiversBlock.Error(key, $"station '{key}' is not in the stations file");
                pairStationsToCheck.Add(key);
                receivers[key] = receiversBlock.RequiredInt(key, v => v is >= 1 and <= 1000, "a whole number of receivers from 1 to 1000");
            }
        }
        var stationAperture = stationsBlock.Parameter(Aperture);
        var mask = stationsBlock.Parameter(Mask);
        var night = stationsBlock.Has("night") ? ParseNight(stationsBlock) : NightRule.None;
        var rules = stationsBlock.OptionalMap("rules") is { } rulesBlock
            ? StationRule.Read(rulesBlock, stations.Select(g => g.Name).ToList(), dir, start, end)
            : new Dictionary<string, StationRule>();
        stationsBlock.RejectUnknownKeys();

        var pairs = ReadPairs(y, stations, file);
        // A station with receivers must be one of a pair's: the instance lists only the stations of its nodes.
        foreach (var key in pairStationsToCheck)
            if (!pairs.Any(p => stations[p.StationA].Name == key || stations[p.StationB].Name == key))
                throw receiversBlock!.Error(key, $"station '{key}' is in no pair; give receivers only to the stations of the pairs");
        var link = new FriisLink(y.OptionalMap("link") is { } l ? ReadAll(l, FriisLink.Rules) : null);
        var relays = ReadRelays(y.OptionalMap("relays"), dir, start, end, source, link);
        if (sources != null && relays.Kind != RelayKind.None)
            throw y.Error("relays", "relays with several sources are not supported: give one source, or no relays");
        if (relays.Kind == RelayKind.Haps && night != NightRule.None)
            throw stationsBlock.Error("night", "a night rule is not supported with HAP relays yet (seed 004 runs day and night); remove it");
        var optics = PairOptics.From(y.OptionalMap("optics") is { } o ? ReadAll(o, PairOptics.Rules) : ParameterValues.Of(PairOptics.Rules));
        var coupling = y.OptionalMap("coupling") is { } c ? Models.Couplings.Read(c) : Models.Couplings.Entries[0].Create(ParameterValues.Of(Models.Couplings.Entries[0].Rules));

        var sourceModel = y.OptionalMap("pair_source");
        var pairSource = new SpdcSource(sourceModel != null ? ReadAll(sourceModel, SpdcSource.Rules, keep: true) : null);
        var background = new SkyBackground(sourceModel != null ? ReadAll(sourceModel, SkyBackground.Rules, keep: true) : null);
        var referenceQber = sourceModel?.Parameter(ReferenceQber) ?? ReferenceQber.Default;
        sourceModel?.Allow(ReferenceQber.Key);
        sourceModel?.RejectUnknownKeys();
        var finiteKey = new FiniteKey(y.OptionalMap("finite_key") is { } f ? ReadAll(f, FiniteKey.Rules) : null);

        var (cover, threshold) = ReadWeather(y.OptionalMap("weather"), dir, stations, start, end, relays.Kind);
        IWeatherSource weather = cover?.Below(threshold) ?? new ClearSky();
        y.RejectUnknownKeys();

        return new PairScenario(path, name, description, reference, start, end, interval, switchIntervals, step,
            source, sourceAperture, relays, stations, stationAperture, mask, night, pairs, link, coupling, optics, pairSource, background,
            finiteKey, referenceQber, weather, cover, threshold, ScenarioFile.Hash(path, overrides), overrides)
        {
            Sources = sources,
            Receivers = receivers,
            StationSwitchIntervals = stationSwitch ?? 0,
            MinContactIntervals = minContact,
            StationRules = rules,
        };
    }

    /// <summary>
    /// <c>weather:</c> of a pair scenario: <c>clear</c> (the default), <c>cloud-fraction-csv</c> (columns
    /// time_utc,station,cloud_percent) or <c>synthetic-cloud-fraction</c>; a link needs less cloud than
    /// <c>threshold_percent</c> at its station (default 20, or 50 with HAPs, seed 004 section III.1).
    /// </summary>
    private static (CloudCover? Cover, double ThresholdPercent) ReadWeather(YamlFields? y, string dir, IReadOnlyList<GroundStation> stations, DateTime start, DateTime end, RelayKind relays)
    {
        var defaultThreshold = relays == RelayKind.Haps ? 50.0 : 20.0;
        if (y == null) return (null, defaultThreshold);
        var threshold = y.OptionalDouble(CloudCsv.Threshold.Key, defaultThreshold, CloudCsv.Threshold.Valid, CloudCsv.Threshold.Rule);
        var cover = Models.PairCloudCover.Read(y, new WeatherContext(dir, stations, start, end));
        return (cover, threshold);
    }

    private static ParameterValues ReadAll(YamlFields block, IReadOnlyList<ParameterRule> rules, bool keep = false)
    {
        var values = block.Parameters(rules);
        if (!keep) block.RejectUnknownKeys();
        return values;
    }

    private static NightRule ParseNight(YamlFields y)
    {
        try
        {
            return NightRule.Parse(y.RequiredString("night"));
        }
        catch (InputException e)
        {
            throw y.Error("night", e.Reason);
        }
    }

    private static IReadOnlyList<StationPair> ReadPairs(YamlFields y, IReadOnlyList<GroundStation> stations, string stationsFile)
    {
        var entries = y.MapList("pairs");
        if (entries.Count == 0) throw y.Error("pairs", "pairs must list at least one station pair ({a: STATION, b: STATION})");
        var index = stations.Select((s, i) => (s.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var result = new List<StationPair>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            int Station(string key)
            {
                var n = e.RequiredString(key);
                return index.TryGetValue(n, out var i)
                    ? i
                    : throw e.Error(key, $"station '{n}' is not in the stations file {stationsFile} (it has: {string.Join(", ", stations.Select(s => s.Name))})");
            }

            var a = Station("a");
            var b = Station("b");
            if (a == b) throw e.Error("b", $"a pair needs two different stations; both ends are '{stations[a].Name}'");
            var id = $"{stations[a].Name}|{stations[b].Name}";
            if (!InstanceFiles.IsValidId(id)) throw e.Error("a", $"pair id '{id}' {InstanceFiles.IdRule}");
            if (!seen.Add(Math.Min(a, b) + "|" + Math.Max(a, b)))
                throw e.Error("a", $"pair '{id}' is listed twice (in either order: the two stations are served at once either way)");
            var weight = e.OptionalDouble("weight", 1, v => v >= 0, "0 or more");
            var share = e.OptionalDouble("share", 1, v => v >= 0, "0 or more");
            e.RejectUnknownKeys();
            result.Add(new StationPair(id, a, b, weight, share));
        }

        if (result.Sum(p => p.Weight) <= 0) throw y.Error("pairs", "the pair weights add up to 0; give at least one pair a positive weight");
        if (result.Sum(p => p.Share) <= 0) throw y.Error("pairs", "the pair shares add up to 0; give at least one pair a positive share");
        return result;
    }

    private static RelaySpec ReadRelays(YamlFields? y, string dir, DateTime start, DateTime end, NamedSatellite source, FriisLink link)
    {
        if (y == null) return new RelaySpec(RelayKind.None, [], 0, 0, 0, 0, null);
        var kind = y.RequiredString("kind");
        var receive = y.Parameter(SatelliteAperture);
        switch (kind)
        {
            case "satellites":
            {
                var minPath = y.OptionalDouble("min_path_altitude_km", 100, v => v is >= 0 and < 100_000, "0 or more km (default 100: above the atmosphere)");
                var list = y.MapList("satellites");
                if (list.Count < 2) throw y.Error("satellites", "satellite relays need at least two relay satellites (one per station)");
                var sats = new List<NamedSatellite>();
                foreach (var s in list)
                {
                    var n = s.RequiredString("name");
                    if (n == source.Name || sats.Any(x => x.Name == n)) throw s.Error("name", $"satellite name '{n}' is used twice");
                    sats.Add(new NamedSatellite(n, ScenarioFile.ReadSatellite(s, dir, start, end)));
                }

                y.RejectUnknownKeys();
                return new RelaySpec(RelayKind.Satellites, sats, minPath, 0, receive, receive, null);
            }
            case "haps":
            {
                var altitude = y.OptionalDouble("altitude_km", 20, v => v is > 0 and < 100, "above 0 and below 100 km (seed 004: 20; HAPs fly in the stratosphere)");
                var perigee = PerigeeAltitudeKm(source.Spec.Elements);
                if (altitude >= perigee)
                    throw y.Error("altitude_km", string.Create(CultureInfo.InvariantCulture, $"the HAPs ({altitude} km) must fly below the source satellite (perigee {perigee:0} km)"));
                var minPath = y.OptionalDouble("min_path_altitude_km", 10, v => v >= 0 && v < altitude, "0 or more km and below the HAP altitude (seed 004: 10)");
                var transmit = y.OptionalDouble("transmit_aperture_m", 0.2, v => v > 0 && v <= 100, "a positive diameter in metres (seed 004: 0.2)");
                var cn2 = y.OptionalDouble("ground_cn2", 1.7e-15, v => v is >= 0 and < 1e-10, "0 or more and below 1e-10 m^-2/3 (seed 004 section III.1: 1.7e-15)");
                y.RejectUnknownKeys();
                var profile = link.Profile;
                var hapLink = new FriisLink(ParameterValues.Of(FriisLink.Rules, new Dictionary<string, double>
                {
                    [FriisLink.Wavelength.Key] = link.WavelengthNm,
                    [FriisLink.PointingError.Key] = link.PointingErrorUrad,
                    [FriisLink.AtmosphereZenith.Key] = link.ZenithTransmittance,
                    ["ground_cn2"] = cn2,
                    ["wind_speed_ms"] = profile.WindSpeedMs,
                }));
                return new RelaySpec(RelayKind.Haps, [], minPath, altitude, receive, transmit, hapLink);
            }
            default:
                throw y.Error("kind", $"relay kind '{kind}' must be 'satellites' or 'haps' (leave 'relays:' out for a direct downlink)");
        }
    }

    /// <summary>Perigee altitude over the WGS-72 equatorial radius from SGP4 mean elements (Kepler's third law).</summary>
    internal static double PerigeeAltitudeKm(MeanElements e)
    {
        var g = GravityModel.Wgs72;
        var n = e.MeanMotionRadPerMin / 60.0;
        var a = Math.Cbrt(g.Mu / (n * n));
        return a * (1 - e.Eccentricity) - g.RadiusKm;
    }
}
