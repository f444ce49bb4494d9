using System.Text;
using QkdScheduler.Core.Model;

namespace QkdScheduler.Core.IO;

/// <summary>
/// Reads and writes an instance folder (docs/architecture.md, "Instance format"):
/// <c>instance.yaml</c> (metadata and nodes) and <c>keys.csv</c> (sparse K, header
/// <c>interval,node,bits</c>, 0-based intervals, nodes by id). A constellation instance lists
/// <c>satellites</c> (and optionally <c>stations</c> with receivers and <c>station_switch_intervals</c>)
/// in instance.yaml, and its keys.csv has the header <c>interval,satellite,node,bits</c>; a file in one
/// form with the other's header is refused. <c>min_contact_intervals</c> (optional, default 1) is the minimum contact length L.
/// </summary>
public static class InstanceFiles
{
    public const string Format = "qkdsched-instance/1";
    public const string InstanceFileName = "instance.yaml";
    public const string KeysFileName = "keys.csv";
    public static readonly string[] KeysHeader = ["interval", "node", "bits"];
    public static readonly string[] ConstellationKeysHeader = ["interval", "satellite", "node", "bits"];

    public static Problem Read(string directory) => Read(directory, checkData: true);

    /// <param name="checkData">Whether the data files must match the hashes and non-zero count instance.yaml records (false only for <see cref="Rehash"/>).</param>
    private static Problem Read(string directory, bool checkData)
    {
        if (!Directory.Exists(directory))
            throw new InputException(directory, null, "instance folder not found (it should hold instance.yaml and keys.csv)");
        var yamlPath = Path.Combine(directory, InstanceFileName);
        var y = YamlFields.Load(yamlPath);
        CheckComplete(y, yamlPath);

        var format = y.RequiredString("format");
        if (format != Format) throw y.Error("format", $"format is '{format}'; this version reads '{Format}'");
        var name = y.RequiredString("name");
        if (!IsValidId(name)) throw y.Error("name", $"name '{name}' {IdRule}");
        var description = y.OptionalString("description", "");
        var provenance = y.OptionalMap("provenance")?.ScalarEntries() ?? new Dictionary<string, string>();
        var start = y.RequiredUtc("start");
        var intervalSeconds = y.RequiredDouble("interval_seconds", v => v is > 0 and <= Limits.MaxIntervalSeconds, "a positive number of seconds, at most 86400 (a day)");
        var intervals = y.RequiredInt("intervals", v => v is > 0 and <= Limits.MaxIntervals, $"from 1 to {Limits.MaxIntervals}");
        if (Limits.PeriodProblem(start, intervalSeconds, intervals) is { } period) throw y.Error("start", period);
        var switchIntervals = y.RequiredInt("switch_intervals", v => v >= 0, "0 or more");
        var keyUnit = y.OptionalString("key_unit", "bits");
        var minContact = y.OptionalInt("min_contact_intervals", v => v is >= 1 and <= Limits.MaxIntervals, $"a whole number of intervals from 1 (no rule) to {Limits.MaxIntervals}") ?? 1;
        var nonZeros = y.OptionalInt("nonzeros", v => v >= 0, "0 or more");
        var nodes = ReadNodes(y);
        var finiteKey = y.OptionalMap("finite_key") is { } fk ? ReadNumbers(fk) : null;
        var fleet = ReadFleet(y, nodes);
        var scenarios = ReadScenarios(y, directory);
        var hashes = ReadHashes(y);
        y.RejectUnknownKeys();
        if (checkData) CheckHashes(directory, hashes);

        var keysPath = Path.Combine(directory, KeysFileName);
        var keys = ReadKeys(keysPath, intervals, nodes, fleet?.Satellites);
        var total = keys.Sum(k => k.NonZeroCount);
        if (checkData && nonZeros is { } expected && total != expected)
            throw new InputException(keysPath, null,
                $"holds {total} non-zero rows but {InstanceFileName} says nonzeros: {expected}; the file is incomplete or was edited");

        var constellation = fleet is { } f ? new Constellation(f.Satellites, keys, f.Stations, f.Slew) : null;
        return new Problem(name, start, intervalSeconds, switchIntervals, nodes, keys[0], description, keyUnit, provenance, finiteKey, constellation, minContact, scenarios);
    }

    /// <summary>
    /// <c>scenarios: {count: W, probabilities: [p_0, …]}</c> (probabilities optional: equally likely): the instance has a
    /// weather ensemble in scenario_keys.csv, which must be there. Null without the block.
    /// </summary>
    private static ScenarioSpec? ReadScenarios(YamlFields y, string directory)
    {
        if (y.OptionalMap("scenarios") is not { } block) return null;
        var count = block.RequiredInt("count", v => v is >= 1 and <= Limits.MaxScenarios, $"from 1 to {Limits.MaxScenarios}");
        IReadOnlyList<double> probabilities = Ensemble.Uniform(count);
        if (block.Has("probabilities"))
        {
            var given = block.StringList("probabilities").Select(t => TextFormat.TryParseDouble(t, out var v) ? v
                : throw block.Error("probabilities", $"probability '{t}' is not a number")).ToList();
            if (given.Count != count) throw block.Error("probabilities", $"lists {given.Count} probabilities for count: {count}; give one per scenario");
            if (EnsembleFiles.ProbabilityProblem(given) is { } reason) throw block.Error("probabilities", reason);
            probabilities = given;
        }

        block.RejectUnknownKeys();
        if (!File.Exists(Path.Combine(directory, EnsembleFiles.FileName)))
            throw y.Error("scenarios", $"scenarios are declared but {EnsembleFiles.FileName} is missing; add it or remove the scenarios block");
        return new ScenarioSpec(count, probabilities);
    }

    /// <summary><c>satellites</c>, <c>stations</c> and <c>station_switch_intervals</c>; null for a one-satellite instance (none of them given).</summary>
    private static (IReadOnlyList<string> Satellites, IReadOnlyList<StationReceivers> Stations, int Slew)? ReadFleet(YamlFields y, IReadOnlyList<Node> nodes)
    {
        if (!y.Has("satellites"))
        {
            foreach (var key in new[] { "stations", "station_switch_intervals" })
                if (y.Has(key)) throw y.Error(key, $"{key} belongs to a constellation instance, which lists its satellites: add satellites: [{{id: ...}}] or remove {key}");
            return null;
        }

        var satellites = new List<string>();
        foreach (var e in y.MapList("satellites"))
        {
            var id = e.RequiredString("id");
            if (!IsValidId(id)) throw e.Error("id", $"satellite id '{id}' {IdRule}");
            if (satellites.Contains(id)) throw e.Error("id", $"satellite id '{id}' is used twice");
            e.RejectUnknownKeys();
            satellites.Add(id);
        }

        if (satellites.Count == 0) throw y.Error("satellites", "satellites must list at least one satellite (or leave the key out for a one-satellite instance)");
        var known = nodes.SelectMany(n => n.Stations).ToHashSet(StringComparer.Ordinal);
        var stations = new List<StationReceivers>();
        foreach (var e in y.Has("stations") ? y.MapList("stations") : [])
        {
            var id = e.RequiredString("id");
            if (!known.Contains(id)) throw e.Error("id", $"station '{id}' is not a station of any node; known: {string.Join(", ", known.Order(StringComparer.Ordinal))}");
            if (stations.Any(g => g.Id == id)) throw e.Error("id", $"station '{id}' is listed twice");
            var receivers = e.OptionalInt("receivers", v => v is >= 1 and <= 1000, "a whole number from 1 to 1000") ?? 1;
            e.RejectUnknownKeys();
            stations.Add(new StationReceivers(id, receivers));
        }

        var slew = y.OptionalInt("station_switch_intervals", v => v >= 0, "0 or more") ?? 0;
        return (satellites, stations, slew);
    }

    /// <summary>The data files whose SHA-256 instance.yaml records under <c>files:</c>.</summary>
    public static readonly string[] HashedFiles = [KeysFileName, GeometryFiles.FileName, EnsembleFiles.FileName];

    private const string FilesKey = "files";

    private static Dictionary<string, string> ReadHashes(YamlFields y)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (y.OptionalMap(FilesKey) is not { } block) return hashes;
        foreach (var name in block.Keys)
        {
            if (!HashedFiles.Contains(name)) throw block.Error(name, $"'{name}' is not a data file of an instance; {FilesKey} lists {string.Join(" and ", HashedFiles)}");
            var hash = block.RequiredString(name);
            if (!hash.StartsWith("sha256:", StringComparison.Ordinal) || hash.Length != 7 + 64) throw block.Error(name, $"the hash of {name} must be 'sha256:' and 64 hex digits");
            hashes[name] = hash;
        }

        return hashes;
    }

    /// <summary>
    /// Every data file instance.yaml names under <c>files:</c> must exist and match its SHA-256 (<see cref="DataHash"/>):
    /// an edited value, a file cut short, or one left from another run is refused. Hand-written instances without the block load as before.
    /// </summary>
    private static void CheckHashes(string directory, IReadOnlyDictionary<string, string> hashes)
    {
        foreach (var (name, hash) in hashes)
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
                throw new InputException(path, null, $"is missing, but {InstanceFileName} records its hash; regenerate the instance");
            if (DataHash.Of(path) != hash)
                throw new InputException(path, null,
                    $"does not match the SHA-256 that {InstanceFileName} records (edited, cut short, or left by an interrupted write); regenerate the instance, or accept a deliberate edit with: qkdsched rehash {directory}");
        }
    }

    /// <summary>
    /// Accepts deliberate edits of the data files: reads the folder (every value checked as usual, but not against the old
    /// hashes) and writes instance.yaml again with the hashes and non-zero count of the files as they are now, and a
    /// provenance line saying when the data were rehashed. Only instance.yaml is replaced. Returns the instance.
    /// </summary>
    public static Problem Rehash(string directory, DateTime nowUtc)
    {
        var problem = Read(directory, checkData: false);
        var geometry = Path.Combine(directory, GeometryFiles.FileName);
        if (File.Exists(geometry)) _ = GeometryFiles.Read(geometry);
        var yaml = InstanceYaml(problem, Hashes(directory), new Dictionary<string, string> { ["hashed_utc"] = TextFormat.Utc(nowUtc) });
        AtomicFile.WriteAllText(Path.Combine(directory, InstanceFileName), yaml);
        return problem;
    }

    /// <summary>The hashes of the data files present in a folder.</summary>
    private static Dictionary<string, string> Hashes(string directory) =>
        HashedFiles.Where(n => File.Exists(Path.Combine(directory, n))).ToDictionary(n => n, n => DataHash.Of(Path.Combine(directory, n)), StringComparer.Ordinal);

    public const string ChecksumKey = "checksum";

    /// <summary>
    /// instance.yaml ends with <c>checksum: "sha256:…"</c> of everything above it. A file that has the line
    /// must match it; a file that qkdsched wrote (provenance.generator) must have it, so a copy cut short
    /// (a node's share truncated from 0.25 to 0) does not load. Hand-written files need neither.
    /// </summary>
    private static void CheckComplete(YamlFields y, string path)
    {
        var text = InputFile.ReadAllText(path).Replace("\r\n", "\n"); // a checkout may have converted line ends
        if (y.Has(ChecksumKey))
        {
            var at = text.LastIndexOf("\n" + ChecksumKey + ":", StringComparison.Ordinal);
            var stated = y.RequiredString(ChecksumKey);
            if (at < 0 || stated != Checksum(text[..(at + 1)]))
                throw y.Error(ChecksumKey, "instance.yaml does not match its checksum (changed or cut after it was written): regenerate it, or after editing by hand delete the checksum line and provenance.generator");
            return;
        }

        var generator = y.OptionalMap("provenance")?.ScalarEntries().GetValueOrDefault("generator");
        if (generator != null && generator.StartsWith("qkdsched", StringComparison.Ordinal))
            throw new InputException(path, null, "qkdsched wrote this instance.yaml (provenance.generator) but its last line, the checksum, is missing: the file is incomplete; regenerate it");
    }

    private static string Checksum(string text) => "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static Dictionary<string, double> ReadNumbers(YamlFields block)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var key in block.Keys) result[key] = block.RequiredDouble(key);
        return result;
    }

    private static List<Node> ReadNodes(YamlFields y)
    {
        var entries = y.MapList("nodes");
        if (entries.Count == 0) throw y.Error("nodes", "nodes must list at least one node");
        var raw = new List<(string Id, IReadOnlyList<string> Stations, double Weight, double Share, double? Qber)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            var id = e.RequiredString("id");
            if (!IsValidId(id)) throw e.Error("id", $"node id '{id}' {IdRule}");
            if (!seen.Add(id)) throw e.Error("id", $"node id '{id}' is used twice");
            var stations = e.Has("stations") ? e.StringList("stations") : [id];
            foreach (var station in stations)
                if (!IsValidId(station)) throw e.Error("stations", $"station '{station}' of node '{id}' {IdRule}");
            var weight = e.RequiredDouble("weight", Limits.IsWeight, "0 or more, at most 1e15");
            var share = e.RequiredDouble("share", Limits.IsWeight, "0 or more, at most 1e15");
            double? qber = e.Has("qber") ? e.RequiredDouble("qber", v => v is >= 0 and < 0.5, "a QBER within [0, 0.5)") : null;
            e.RejectUnknownKeys();
            raw.Add((id, stations, weight, share, qber));
        }

        var weightSum = raw.Sum(r => r.Weight);
        var shareSum = raw.Sum(r => r.Share);
        if (weightSum <= 0) throw y.Error("nodes", "the node weights add up to 0; give at least one node a positive weight");
        if (shareSum <= 0) throw y.Error("nodes", "the node shares add up to 0; give at least one node a positive share");
        // docs/architecture.md: weights and shares are normalised to sum to 1.
        return raw.Select(r => new Node(r.Id, r.Stations, r.Weight / weightSum, r.Share / shareSum, r.Qber)).ToList();
    }

    /// <summary>
    /// Whether an id (node, station, satellite, instance name) can stand in every file we write: not empty, no surrounding
    /// spaces, no commas, double quotes or line breaks (CSV cells), and no leading '=', '+', '-', '@' or tab, which a
    /// spreadsheet opening contacts.csv would run as a formula (OWASP, "CSV Injection"). Refused at input, so no writer
    /// ever sees one.
    /// </summary>
    public static bool IsValidId(string id) =>
        id.Trim().Length > 0 && id.Trim() == id && id.IndexOfAny([',', '"', '\n', '\r']) < 0 && IsFormulaSafe(id);

    /// <summary>
    /// The part of <see cref="IsValidId"/> for names that are not ids (a station of <c>passes</c>, a TLE's name line):
    /// they may hold commas, which the CSV writers quote, but must not start like a formula.
    /// </summary>
    public static bool IsFormulaSafe(string name) => name.Length == 0 || name[0] is not ('=' or '+' or '-' or '@' or '\t');

    /// <summary>What <see cref="IsFormulaSafe"/> asks, for messages: "station name 'x' " + this.</summary>
    public const string FormulaRule = "must not start with =, +, - or @ (a spreadsheet opening a CSV we write would run it as a formula)";

    /// <summary>What <see cref="IsValidId"/> asks, for messages: "node id 'x' " + this.</summary>
    public const string IdRule = "must be non-empty, hold no commas, double quotes or line breaks, and not start with =, +, - or @ (a spreadsheet would run it as a formula)";

    /// <summary>
    /// keys.csv: one key matrix, or for a constellation (<paramref name="satellites"/> given) one per satellite in their
    /// order. The header says which form the file is; a form that is not the instance's is refused on line 1.
    /// </summary>
    public static IReadOnlyList<KeyMatrix> ReadKeys(string path, int intervalCount, IReadOnlyList<Node> nodes, IReadOnlyList<string>? satellites = null)
    {
        var (one, fleet) = (string.Join(',', KeysHeader), string.Join(',', ConstellationKeysHeader));
        var header = CsvLines.HeaderLine(path, satellites == null ? one : fleet);
        if (satellites != null && header == one)
            throw new InputException(path, 1, $"header '{header}' has no satellite column but {InstanceFileName} lists satellites: use '{fleet}'");
        if (satellites == null && header == fleet)
            throw new InputException(path, 1, $"header '{fleet}' has a satellite column but {InstanceFileName} lists no satellites: add satellites: [{{id: ...}}] there, or use '{one}'");

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++) index[nodes[i].Id] = i;
        var satelliteIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < (satellites?.Count ?? 0); s++) satelliteIndex[satellites![s]] = s;
        // The satellite column, when there is one, sits after the interval and moves the others one to the right.
        var at = satellites == null ? 0 : 1;
        var entries = Enumerable.Range(0, satellites?.Count ?? 1).Select(_ => new List<KeyEntry>()).ToList();
        var seen = new HashSet<(int, int, int)>();
        foreach (var row in CsvLines.Read(path, satellites == null ? KeysHeader : ConstellationKeysHeader))
        {
            var interval = CsvLines.ParseInt(path, row, 0, "interval");
            if (interval < 0 || interval >= intervalCount)
                throw new InputException(path, row.Line, $"interval {interval} is outside 0..{intervalCount - 1} (intervals in {InstanceFileName})");
            var satellite = 0;
            var satelliteId = satellites == null ? "" : row.Fields[1].Trim();
            if (satellites != null && !satelliteIndex.TryGetValue(satelliteId, out satellite))
                throw new InputException(path, row.Line, $"unknown satellite '{satelliteId}'; add it to the satellites of {InstanceFileName} or fix the id");
            var id = row.Fields[at + 1].Trim();
            if (!index.TryGetValue(id, out var node))
                throw new InputException(path, row.Line, $"unknown node '{id}'; add it to the nodes of {InstanceFileName} or fix the id");
            var bits = CsvLines.ParseFiniteDouble(path, row, at + 2, "bits");
            if (!Limits.IsKeyValue(bits)) throw new InputException(path, row.Line, $"bits is {row.Fields[at + 2].Trim()}; key values must be 0 or more and at most 1e10 per interval");
            if (!seen.Add((interval, satellite, node)))
                throw new InputException(path, row.Line, satellites == null
                    ? $"interval {interval}, node '{id}' appears twice; give each pair once"
                    : $"interval {interval}, satellite '{satelliteId}', node '{id}' appears twice; give each once");
            entries[satellite].Add(new KeyEntry(interval, node, bits));
        }

        return entries.Select(e => KeyMatrix.FromEntries(intervalCount, nodes.Count, e)).ToList();
    }

    /// <summary>
    /// Writes the instance folder as one unit (<see cref="AtomicFolder"/>): instance.yaml, keys.csv and,
    /// when given, geometry.csv replace the old ones together; an old geometry.csv goes when the new
    /// instance has none; any other file in the folder (a scenario, a README) stays.
    /// </summary>
    public static void Write(Problem problem, string directory, IReadOnlyList<GeometryRow>? geometry = null)
    {
        // Never write what the reader would refuse (a scenario with a huge pair rate, say).
        for (var s = 0; s < problem.SatelliteCount; s++)
            foreach (var e in problem.KeysOf(s).Entries())
                if (!Limits.IsKeyValue(e.Bits))
                    throw new InputException(directory, null, $"K = {e.Bits} for node '{problem.Nodes[e.Node].Id}' in interval {e.Interval} is above the limit of 1e10 per interval; lower the rate or shorten the intervals");
        WriteFolder(problem, directory, geometry);
    }

    private static void WriteFolder(Problem problem, string directory, IReadOnlyList<GeometryRow>? geometry) =>
        AtomicFolder.Write(directory, name => name is InstanceFileName or KeysFileName or GeometryFiles.FileName, staging =>
        {
            AtomicFile.Write(Path.Combine(staging, KeysFileName), w => WriteKeys(problem, w));
            if (geometry != null) GeometryFiles.Write(staging, geometry, problem.IsConstellation);
            AtomicFile.WriteAllText(Path.Combine(staging, InstanceFileName), InstanceYaml(problem, Hashes(staging)));
        });

    private static void WriteKeys(Problem problem, TextWriter w)
    {
        if (problem.Constellation is { } constellation)
        {
            // Sorted by interval, then satellite (in list order), then node.
            w.WriteLine(string.Join(',', ConstellationKeysHeader));
            var rows = Enumerable.Range(0, constellation.Satellites.Count)
                .SelectMany(s => constellation.Keys[s].Entries().Select(e => (Satellite: s, Entry: e)))
                .OrderBy(x => x.Entry.Interval).ThenBy(x => x.Satellite).ThenBy(x => x.Entry.Node);
            foreach (var (s, e) in rows)
                w.WriteLine($"{TextFormat.Number(e.Interval)},{constellation.Satellites[s]},{problem.Nodes[e.Node].Id},{TextFormat.Number(e.Bits)}");
            return;
        }

        w.WriteLine(string.Join(',', KeysHeader));
        foreach (var e in problem.Keys.Entries())
        {
            w.Write(TextFormat.Number(e.Interval));
            w.Write(',');
            w.Write(problem.Nodes[e.Node].Id);
            w.Write(',');
            w.WriteLine(TextFormat.Number(e.Bits));
        }
    }

    private static string InstanceYaml(Problem p, IReadOnlyDictionary<string, string> hashes, IReadOnlyDictionary<string, string>? moreProvenance = null)
    {
        var sb = new StringBuilder();
        sb.Append("format: ").AppendLine(Format);
        sb.Append("name: ").AppendLine(Quote(p.Name));
        if (p.Description.Length > 0) sb.Append("description: ").AppendLine(Quote(p.Description));
        var provenance = new Dictionary<string, string>(p.Provenance, StringComparer.Ordinal);
        foreach (var (k, v) in moreProvenance ?? new Dictionary<string, string>()) provenance[k] = v;
        if (provenance.Count > 0)
        {
            sb.AppendLine("provenance:");
            foreach (var (k, v) in provenance.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                sb.Append("  ").Append(k).Append(": ").AppendLine(Quote(v));
        }

        sb.Append("start: ").AppendLine(TextFormat.Utc(p.StartUtc));
        sb.Append("interval_seconds: ").AppendLine(TextFormat.Number(p.IntervalSeconds));
        sb.Append("intervals: ").AppendLine(TextFormat.Number(p.IntervalCount));
        sb.Append("switch_intervals: ").AppendLine(TextFormat.Number(p.SwitchIntervals));
        sb.Append("key_unit: ").AppendLine(Quote(p.KeyUnit));
        if (p.MinContactIntervals > 1) sb.Append("min_contact_intervals: ").AppendLine(TextFormat.Number(p.MinContactIntervals));
        sb.Append("nonzeros: ").AppendLine(TextFormat.Number(Enumerable.Range(0, p.SatelliteCount).Sum(s => p.KeysOf(s).NonZeroCount)));
        if (p.Constellation is { } constellation)
        {
            sb.AppendLine("satellites:");
            foreach (var id in constellation.Satellites) sb.Append("  - id: ").AppendLine(Quote(id));
            if (constellation.Stations.Count > 0)
            {
                sb.AppendLine("stations:");
                foreach (var g in constellation.Stations)
                    sb.Append("  - id: ").AppendLine(Quote(g.Id)).Append("    receivers: ").AppendLine(TextFormat.Number(g.Receivers));
            }

            sb.Append("station_switch_intervals: ").AppendLine(TextFormat.Number(constellation.StationSwitchIntervals));
        }
        sb.AppendLine("nodes:");
        foreach (var n in p.Nodes)
        {
            sb.Append("  - id: ").AppendLine(Quote(n.Id));
            sb.Append("    stations: [").Append(string.Join(", ", n.Stations.Select(Quote))).AppendLine("]");
            sb.Append("    weight: ").AppendLine(TextFormat.Number(n.Weight));
            sb.Append("    share: ").AppendLine(TextFormat.Number(n.Share));
            if (n.Qber is { } q) sb.Append("    qber: ").AppendLine(TextFormat.Number(q));
        }

        // The block goes with its file: rehash keeps both; a new folder (an external solver's copy) gets keys.csv, the mean, alone.
        if (p.Scenarios is { } scenarios && hashes.ContainsKey(EnsembleFiles.FileName))
        {
            sb.AppendLine("scenarios:");
            sb.Append("  count: ").AppendLine(TextFormat.Number(scenarios.Count));
            sb.Append("  probabilities: [").Append(string.Join(", ", scenarios.Probabilities.Select(v => TextFormat.Number(v)))).AppendLine("]");
        }

        if (p.FiniteKey.Count > 0)
        {
            sb.AppendLine("finite_key:");
            foreach (var (k, v) in p.FiniteKey.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                sb.Append("  ").Append(k).Append(": ").AppendLine(TextFormat.Number(v));
        }

        if (hashes.Count > 0)
        {
            sb.AppendLine(FilesKey + ":");
            foreach (var name in HashedFiles.Where(hashes.ContainsKey)) sb.Append("  ").Append(name).Append(": ").AppendLine(Quote(hashes[name]));
        }

        var body = sb.ToString().Replace("\r\n", "\n");
        return body + ChecksumKey + ": \"" + Checksum(body) + "\"\n";
    }

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Quote(string s) =>
        "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t") + "\"";
}
