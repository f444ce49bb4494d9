using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.KeyRates.DecoyBb84;
using QkdScheduler.Links.GaussianBeam;
using QkdScheduler.Links.Weather;
using QkdScheduler.Orbits.Passes;
using QkdScheduler.Orbits.Sgp4;
using QkdScheduler.Orbits.Stations;
using QkdScheduler.Orbits.Synthetic;
using QkdScheduler.Orbits.Tle;
using QkdScheduler.Precompute.Pairs;

namespace QkdScheduler.Precompute.Scenarios;

/// <summary>
/// Reads <c>scenario.yaml</c> (format <c>qkdsched-scenario/1</c>; every key is listed in
/// instances/README.md). File paths inside are relative to the scenario file. Unknown keys and
/// out-of-range values are errors naming the line; nothing is computed before the whole file
/// has been checked.
/// </summary>
public static class ScenarioFile
{
    public const string Format = "qkdsched-scenario/1";
    private const int MaxPeriodDays = 3653;

    public static Scenario Read(string path, IReadOnlyList<string>? overrides = null)
    {
        overrides ??= [];
        var y = YamlFields.Load(path, overrides);
        var (name, description, reference, dir) = ReadHeader(y, Format, path);
        name = VariationName(name, overrides);

        var periodBlock = y.RequiredMap("period");
        var stationSwitch = periodBlock.OptionalInt("station_switch_intervals", v => v >= 0, "0 or more");
        var (start, end, interval, switchIntervals, step, minContact) = ReadPeriod(periodBlock);

        if (y.Has("satellite") == y.Has("satellites"))
            throw new InputException(y.File, null, "a scenario needs exactly one of 'satellite:' (one satellite) or 'satellites:' (a list: TLE, orbit or walker entries)");
        var fleet = y.Has("satellites") ? ReadFleet(y, dir, start, end) : null;
        var satellite = fleet?[0].Spec ?? ReadSatellite(y.RequiredMap("satellite"), dir, start, end);
        if (fleet == null && stationSwitch != null) throw periodBlock.Error("station_switch_intervals", "station_switch_intervals belongs to a constellation; list the satellites under 'satellites:'");
        var stationsBlock = y.RequiredMap("stations");
        var receiversBlock = stationsBlock.OptionalMap("receivers");
        if (fleet == null && receiversBlock != null) throw stationsBlock.Error("receivers", "receivers belong to a constellation; list the satellites under 'satellites:'");
        var rulesBlock = stationsBlock.OptionalMap("rules");
        var (stations, weights, shares) = ReadStations(stationsBlock, dir);
        var receivers = receiversBlock != null ? ReadReceivers(receiversBlock, stations) : new Dictionary<string, int>();
        var rules = rulesBlock != null ? StationRule.Read(rulesBlock, stations.Select(x => x.Name).ToList(), dir, start, end) : new Dictionary<string, StationRule>();
        var visibility = ReadVisibility(y.OptionalMap("visibility"));
        var link = Models.Links.Read(y.RequiredMap("link"));
        var weather = y.OptionalMap("weather") is { } w ? Models.StationWeather.Read(w, new WeatherContext(dir, stations, start, end)) : new ClearSky();
        var protocol = Models.Protocols.Read(y.RequiredMap("protocol"));
        y.RejectUnknownKeys();

        return new Scenario(path, name, description, reference, start, end, interval, switchIntervals, step, satellite, stations, weights, shares,
            visibility, link, weather, protocol, Hash(path, overrides), overrides)
        {
            Fleet = fleet,
            Receivers = receivers,
            StationSwitchIntervals = stationSwitch ?? 0,
            MinContactIntervals = minContact,
            StationRules = rules,
        };
    }

    /// <summary>
    /// <c>satellites:</c>, each entry one satellite (<c>id</c> and a <c>tle</c> or <c>orbit</c> as under <c>satellite:</c>) or a
    /// <c>walker:</c> shell that expands to many (ids <c>{id_prefix}-{plane}-{slot}</c>).
    /// </summary>
    private static IReadOnlyList<NamedSatellite> ReadFleet(YamlFields y, string dir, DateTime start, DateTime end)
    {
        var fleet = new List<NamedSatellite>();
        var entries = y.MapList("satellites");
        if (entries.Count == 0) throw y.Error("satellites", "satellites must list at least one satellite");
        foreach (var e in entries)
        {
            if (e.OptionalMap("walker") is { } w)
            {
                e.RejectUnknownKeys();
                fleet.AddRange(ReadWalker(w, start));
                continue;
            }

            var id = e.RequiredString("id");
            if (!InstanceFiles.IsValidId(id)) throw e.Error("id", $"satellite id '{id}' {InstanceFiles.IdRule}");
            fleet.Add(new NamedSatellite(id, ReadSatellite(e, dir, start, end)));
        }

        var twice = fleet.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (twice != null) throw y.Error("satellites", $"satellite id '{twice.Key}' is used twice (a walker's ids are id_prefix-plane-slot)");
        return fleet;
    }

    /// <summary>
    /// A Walker-delta shell i:t/p/f (<see cref="WalkerConstellation"/>): <c>satellites</c> t, <c>planes</c> p, <c>phasing</c> f,
    /// <c>altitude_km</c>, and either <c>inclination_deg</c> with <c>raan_deg</c> (of the first plane, default 0) or
    /// <c>sun_synchronous: true</c> with <c>ltan: "HH:MM"</c> (<see cref="SunSynchronous"/>); <c>id_prefix</c>; epoch = the period's start.
    /// </summary>
    private static IEnumerable<NamedSatellite> ReadWalker(YamlFields w, DateTime start)
    {
        var total = w.RequiredInt("satellites", v => v is >= 1 and <= 1000, "1 to 1000");
        var planes = w.RequiredInt("planes", v => v is >= 1 and <= 1000, "1 to 1000");
        if (total % planes != 0) throw w.Error("planes", $"{total} satellites do not divide into {planes} planes; satellites must be a multiple of planes");
        var phasing = w.OptionalInt("phasing", v => v >= 0, "0 or more") ?? 0;
        if (phasing >= planes) throw w.Error("phasing", $"phasing f = {phasing} must be within 0..{planes - 1} (planes − 1)");
        var altitude = w.RequiredDouble("altitude_km", v => v is >= OrbitSpec.MinAltitudeKm and <= OrbitSpec.MaxAltitudeKm, $"within {OrbitSpec.MinAltitudeKm}..{OrbitSpec.MaxAltitudeKm:0} km");
        var prefix = w.OptionalString("id_prefix", "walker");
        if (!InstanceFiles.IsValidId(prefix)) throw w.Error("id_prefix", $"id_prefix '{prefix}' {InstanceFiles.IdRule}");
        var sunSynchronous = w.Has(OrbitSpec.SunSynchronousKey) && w.RequiredString(OrbitSpec.SunSynchronousKey) switch
        {
            "true" => true,
            "false" => false,
            var other => throw w.Error(OrbitSpec.SunSynchronousKey, $"sun_synchronous is '{other}'; write true or false"),
        };
        double inclination, raan;
        if (sunSynchronous)
        {
            if (w.Has("inclination_deg")) throw w.Error("inclination_deg", "sun_synchronous: true derives inclination_deg from the altitude; leave it out");
            if (w.Has("raan_deg")) throw w.Error("raan_deg", "a sun-synchronous shell takes ltan, not raan_deg");
            try
            {
                inclination = SunSynchronous.InclinationDeg(altitude);
            }
            catch (InputException ex)
            {
                throw w.Error("altitude_km", ex.Reason);
            }

            var ltanText = w.RequiredString(OrbitSpec.LtanKey);
            var hours = SunSynchronous.ParseLtan(ltanText) ?? throw w.Error(OrbitSpec.LtanKey, $"ltan '{ltanText}' is not a local time HH:MM such as \"22:30\"");
            raan = SunSynchronous.RaanDeg(hours, start);
        }
        else
        {
            if (w.Has(OrbitSpec.LtanKey)) throw w.Error(OrbitSpec.LtanKey, "ltan needs sun_synchronous: true");
            inclination = w.RequiredDouble("inclination_deg", v => v is >= 0 and <= 180, "within 0..180 degrees");
            raan = w.OptionalDouble("raan_deg", 0, v => v is >= -360 and <= 360, "within -360..360 degrees");
        }

        w.RejectUnknownKeys();
        var description = string.Create(CultureInfo.InvariantCulture,
            $"Walker delta {inclination:0.###}°: {total}/{planes}/{phasing} at {altitude} km{(sunSynchronous ? $", sun-synchronous, LTAN {w.RequiredString(OrbitSpec.LtanKey)}" : "")}, RAAN₀ {raan:0.###}°");
        foreach (var orbit in WalkerConstellation.Delta(prefix, altitude, inclination, total, planes, phasing, start, raan))
        {
            var spec = new SatelliteSpec(orbit.ToMeanElements(), "walker", $"{description}: {orbit.Name} (RAAN {orbit.RaanDeg:0.###}°, M {orbit.MeanAnomalyDeg:0.###}°)");
            yield return new NamedSatellite(orbit.Name, spec);
        }
    }

    /// <summary><c>receivers: {STATION: R, ...}</c>: stations of the file, each with 1 to 1000 receivers.</summary>
    private static Dictionary<string, int> ReadReceivers(YamlFields y, IReadOnlyList<GroundStation> stations)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in y.Keys)
        {
            if (!stations.Any(s => s.Name == key))
                throw y.Error(key, $"station '{key}' is not in the stations file; known: {string.Join(", ", stations.Select(s => s.Name))}");
            result[key] = y.RequiredInt(key, v => v is >= 1 and <= 1000, "a whole number of receivers from 1 to 1000");
        }

        return result;
    }

    /// <summary>
    /// The name of a scenario changed by <c>--set</c> (a sweep point is one too): the file's name with the overrides as a
    /// suffix (<c>micius-china11-2016w38+link.divergence_urad=3</c>), so two variations never share a name (and a bench's
    /// best-known values never mix them). An override of <c>name</c> itself is the name as given.
    /// </summary>
    public static string VariationName(string name, IReadOnlyList<string> overrides)
    {
        if (overrides.Count == 0 || overrides.Any(o => o.Split('=', 2)[0].Trim() == "name")) return name;
        // Instance ids hold no commas, quotes or line breaks: an override value with one gets ';' or '_' there.
        var suffix = string.Join("+", overrides.Select(o => new string(o.Trim().Select(c => c switch { ',' => ';', '"' or '\r' or '\n' => '_', _ => c }).ToArray())));
        return $"{name}+{suffix}";
    }

    /// <summary>The top of a scenario file: its format (checked), name, description, reference and folder.</summary>
    internal static (string Name, string Description, string Reference, string Dir) ReadHeader(YamlFields y, string expectedFormat, string path)
    {
        var format = y.RequiredString("format");
        if (format != expectedFormat) throw y.Error("format", $"format is '{format}'; this reader reads '{expectedFormat}'");
        var name = y.RequiredString("name");
        if (!InstanceFiles.IsValidId(name)) throw y.Error("name", $"name '{name}' {InstanceFiles.IdRule}");
        return (name, y.OptionalString("description", ""), y.OptionalString("reference", ""), System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
    }

    /// <summary>
    /// The <c>period:</c> block: start, end, interval length, switch intervals, integration step, and <c>min_contact_seconds</c>
    /// (optional, default none) as the minimum contact length in whole intervals, rounded up.
    /// </summary>
    internal static (DateTime Start, DateTime End, double IntervalSeconds, int SwitchIntervals, double IntegrationSeconds, int MinContactIntervals) ReadPeriod(YamlFields period)
    {
        var start = period.RequiredUtc("start");
        var end = period.RequiredUtc("end");
        if (end <= start) throw period.Error("end", $"end {TextFormat.Utc(end)} must be after start {TextFormat.Utc(start)}");
        if ((end - start).TotalDays > MaxPeriodDays) throw period.Error("end", $"the period is {(end - start).TotalDays:F0} days; at most {MaxPeriodDays} (10 years)");
        var interval = period.OptionalDouble("interval_seconds", 10, v => v is > 0 and <= Limits.MaxIntervalSeconds, "a positive number of seconds, at most 86400 (a day)");
        var switchIntervals = period.OptionalInt("switch_intervals", v => v >= 0, "0 or more") ?? 1;
        var step = period.OptionalDouble("integration_seconds", 1, v => v > 0 && v <= interval, "a positive number of seconds, at most interval_seconds");
        var minContact = period.OptionalDouble("min_contact_seconds", 0, v => v is >= 0 and <= 86_400, "0 (no rule) to 86400 seconds (a day)");
        if (!IsWhole((end - start).TotalSeconds / interval))
            throw period.Error("end", $"the period ({(end - start).TotalSeconds.ToString(CultureInfo.InvariantCulture)} s) must be a whole number of {interval.ToString(CultureInfo.InvariantCulture)}-second intervals");
        if (Limits.PeriodProblem(start, interval, (long)Math.Round((end - start).TotalSeconds / interval)) is { } outside) throw period.Error("start", outside);
        if (!IsWhole(interval / step))
            throw period.Error("integration_seconds", $"interval_seconds {interval.ToString(CultureInfo.InvariantCulture)} must be a whole multiple of integration_seconds {step.ToString(CultureInfo.InvariantCulture)}");
        period.RejectUnknownKeys();
        return (start, end, interval, switchIntervals, step, minContact > 0 ? Problem.IntervalsCovering(minContact, interval) : 1);
    }

    private static bool IsWhole(double x) => Math.Abs(x - Math.Round(x)) < 1e-9 * Math.Max(1, Math.Abs(x));

    internal static string Hash(string path, IReadOnlyList<string> overrides)
    {
        var bytes = InputFile.ReadAllBytes(path).Concat(Encoding.UTF8.GetBytes(string.Join("\n", overrides))).ToArray();
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    internal static string ExistingFile(YamlFields y, string key, string dir, string what)
    {
        var relative = y.RequiredString(key);
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir, relative));
        if (!File.Exists(full)) throw y.Error(key, $"{what} '{relative}' not found (paths are relative to the scenario file, here {full})");
        // Named from the working directory, as the user would type it, in messages and provenance.
        var fromHere = System.IO.Path.GetRelativePath(Environment.CurrentDirectory, full);
        return fromHere.StartsWith("..", StringComparison.Ordinal) ? full : fromHere;
    }

    /// <summary>
    /// A satellite block: <c>tle</c> (+ <c>select</c>) or <c>orbit</c>, and <c>allow_old_elements: true</c> to use an element
    /// set more than <see cref="ElementAge.RefuseDays"/> days from the period (one more than <see cref="ElementAge.WarnDays"/>
    /// days away gets a warning). Refused when SGP4 fails at its epoch or within the period (decay).
    /// </summary>
    internal static SatelliteSpec ReadSatellite(YamlFields y, string dir, DateTime start, DateTime end)
    {
        if (y.Has("tle") == y.Has("orbit"))
            throw new InputException(y.File, y.Line, "satellite needs exactly one of 'tle: FILE' or an 'orbit:' block");
        var allowOld = y.OptionalString("allow_old_elements", "false") switch
        {
            "true" => true,
            "false" => false,
            var other => throw y.Error("allow_old_elements", $"allow_old_elements is '{other}'; write true or false"),
        };
        SatelliteSpec spec;
        if (y.Has("tle"))
        {
            var file = ExistingFile(y, "tle", dir, "TLE file");
            var select = y.Has("select") ? y.RequiredString("select") : null;
            var choice = TleSelection.Choose(TleReader.ReadFile(file), select, start, file);
            spec = new SatelliteSpec(choice.Set.ToMeanElements(), file, choice.Describe());
        }
        else
        {
            var o = y.RequiredMap("orbit");
            spec = OrbitSpec.Parse(key => o.Has(key) ? o.RequiredString(key) : null, (key, reason) => o.Has(key) ? o.Error(key, reason) : new InputException(o.File, o.Line, reason),
                start, "orbit");
            o.RejectUnknownKeys();
        }

        y.RejectUnknownKeys();
        var propagator = new Sgp4Propagator(spec.Elements);
        if (propagator.InitError != Sgp4Error.None)
            throw new InputException(y.File, y.Line, $"SGP4 rejects this satellite at its epoch: {Sgp4ErrorText.Describe(propagator.InitError)}");
        var age = ElementAge.Of(spec.Elements.Name, y.Has("tle") ? "TLE" : "orbit", spec.Elements.EpochUtc, start, end);
        if (age.TooOld && !allowOld)
            throw new InputException(y.File, y.Line,
                $"{age.Text}, more than {ElementAge.RefuseDays:0} days: SGP4 is not meant to propagate that far; use elements near the period, or add 'allow_old_elements: true' to this satellite");
        if (ElementAge.FirstFailure(spec.Elements, start, end) is { } failure)
            throw new InputException(y.File, y.Line,
                $"SGP4 cannot propagate {spec.Elements.Name} at {TextFormat.Utc(failure.Utc)}: {Sgp4ErrorText.Describe(failure.Error)}; use elements near the period");
        return age.NeedsWarning ? spec with { Warnings = [age.Text + (age.TooOld ? " (allowed by allow_old_elements)" : "")] } : spec;
    }

    private static (IReadOnlyList<GroundStation>, IReadOnlyList<double>, IReadOnlyList<double>) ReadStations(YamlFields y, string dir)
    {
        var file = ExistingFile(y, "file", dir, "stations file");
        var stations = StationFile.Read(file);
        foreach (var s in stations)
            if (!InstanceFiles.IsValidId(s.Name))
                throw new InputException(file, null, $"station name '{s.Name}' becomes a node id, so it {InstanceFiles.IdRule}");
        var weights = ReadPerStation(y, "weights", dir, file, stations);
        var shares = ReadPerStation(y, "shares", dir, file, stations);
        y.RejectUnknownKeys();
        return (stations, weights, shares);
    }

    /// <summary>
    /// <c>equal</c> (the default) or a block <c>{file: F, column: C}</c> naming a CSV with a
    /// <c>name</c> column (file defaults to the stations file); values are normalised later.
    /// </summary>
    private static IReadOnlyList<double> ReadPerStation(YamlFields y, string key, string dir, string stationsFile, IReadOnlyList<GroundStation> stations)
    {
        if (!y.Has(key)) return stations.Select(_ => 1.0).ToList();
        if (!y.IsMap(key))
        {
            var text = y.RequiredString(key);
            if (text != "equal") throw y.Error(key, $"{key} '{text}' must be 'equal' or a block with 'column:' (and 'file:' when not the stations file)");
            return stations.Select(_ => 1.0).ToList();
        }

        var m = y.RequiredMap(key);
        var file = m.Has("file") ? ExistingFile(m, "file", dir, $"{key} file") : stationsFile;
        var column = m.RequiredString("column");
        m.RejectUnknownKeys();
        var (columns, rows) = CsvLines.ReadTable(file, ["name", column]);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var v = CsvLines.ParseFiniteDouble(file, row, columns[column], column);
            if (v < 0) throw new InputException(file, row.Line, $"{column} is {v}; {key} must be 0 or more");
            if (!values.TryAdd(row.Fields[columns["name"]].Trim(), v))
                throw new InputException(file, row.Line, $"station '{row.Fields[columns["name"]].Trim()}' has a second row; give each station one {column}");
        }

        var result = new List<double>();
        foreach (var s in stations)
        {
            if (!values.TryGetValue(s.Name, out var v))
                throw new InputException(file, null, $"has no {column} for station '{s.Name}'; every station of the stations file needs a row");
            result.Add(v);
        }

        if (result.Sum() <= 0) throw m.Error("column", $"the {key} in column {column} add up to 0; give at least one station a positive value");
        return result;
    }

    internal static PassSearch ReadVisibility(YamlFields? y)
    {
        if (y == null) return new PassSearch(10.0, NightRule.CivilTwilight);
        var mask = y.OptionalDouble("min_elevation_deg", 10, v => v is > 0 and < 90, "above 0 and below 90 degrees");
        var night = NightRule.CivilTwilight;
        if (y.Has("night"))
        {
            var text = y.RequiredString("night");
            try
            {
                night = NightRule.Parse(text);
            }
            catch (InputException e)
            {
                throw y.Error("night", e.Reason);
            }
        }

        y.RejectUnknownKeys();
        return new PassSearch(mask, night);
    }

    /// <summary>A weather section's slot length in minutes (a positive number, at most a day).</summary>
    internal static TimeSpan ReadSlot(YamlFields y, double defaultMinutes) =>
        TimeSpan.FromMinutes(y.OptionalDouble("slot_minutes", defaultMinutes, v => v > 0 && v <= 1440, "a positive number of minutes, at most a day"));

    internal static MissingWeather ReadMissing(YamlFields y)
    {
        var text = y.OptionalString("missing", "error");
        return text switch
        {
            "error" => MissingWeather.Error,
            "clear" => MissingWeather.Clear,
            "blocked" => MissingWeather.Blocked,
            _ => throw y.Error("missing", $"missing '{text}' must be error, clear or blocked"),
        };
    }

    /// <summary><c>mean_cloud_fraction: 0.4</c>, or a block of per-station values with an optional <c>default</c>.</summary>
    internal static IReadOnlyList<double> ReadCloudFractions(YamlFields y, IReadOnlyList<string> names)
    {
        var rule = SyntheticWeatherSettings.CloudFraction;
        if (!y.IsMap(rule.Key))
        {
            var p = y.RequiredDouble(rule.Key, rule.Valid, rule.Rule);
            return names.Select(_ => p).ToList();
        }

        var m = y.RequiredMap(rule.Key);
        foreach (var key in m.Keys)
            if (key != "default" && !names.Contains(key))
                throw m.Error(key, $"'{key}' is not a station of the stations file (or use 'default')");
        double? fallback = m.Has("default") ? m.RequiredDouble("default", rule.Valid, rule.Rule) : null;
        var result = names.Select(n => m.Has(n) ? m.RequiredDouble(n, rule.Valid, rule.Rule)
            : fallback ?? throw new InputException(m.File, m.Line, $"mean_cloud_fraction has no value for station '{n}'; add it or a 'default'")).ToList();
        m.RejectUnknownKeys();
        return result;
    }
}
