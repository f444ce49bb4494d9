using System.Text.Json;
using System.Text.Json.Nodes;
using QkdScheduler.Core;
using QkdScheduler.Core.Benchmarking;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.KeyRates;
using QkdScheduler.Precompute.Pairs;
using QkdScheduler.Precompute.Scenarios;
using QkdScheduler.Reporting.Exporters;

namespace QkdScheduler.Reporting.Html;

/// <summary>A folder the report is made of: an instance, a solve or a bench.</summary>
public abstract record ReportInput(string Dir);

/// <summary>An instance folder (precompute output): the problem, its geometry if any, and its key rate model if its scenario is at hand.</summary>
/// <param name="ProtocolNote">Why there is no protocol model (null when there is one).</param>
public sealed record InstanceInput(string Dir, Problem Problem, IReadOnlyList<GeometryRow>? Geometry, IKeyRateModel? Protocol, string? ProtocolNote) : ReportInput(Dir);

/// <summary>
/// A solve folder: its schedule and what the report takes from result.json (the instance comes from an
/// <see cref="InstanceInput"/> of the same name; metrics are recomputed from the schedule).
/// </summary>
public sealed record SolveInput(
    string Dir,
    Schedule Schedule,
    string Instance,
    string Solver,
    Strategy Strategy,
    double ShareTolerance,
    string Status,
    string? Message,
    double? Bound,
    double? Gap,
    double WallSeconds,
    IReadOnlyList<ProgressPoint>? History) : ReportInput(Dir)
{
    /// <summary>The instance folder result.json names (solves of this version record it); null for older ones.</summary>
    public string? InstanceDir { get; init; }

    /// <summary>The minimum contact length the solve ran under (result.json's); null when it does not say.</summary>
    public int? MinContactIntervals { get; init; }

    /// <summary>The objective result.json states (only checked, never shown: the report recomputes it).</summary>
    public double? ClaimedObjective { get; init; }
}

/// <summary>A bench folder: its results.json.</summary>
public sealed record BenchInput(string Dir, BenchSummary Summary) : ReportInput(Dir);

/// <summary>A sweep folder: its results.json (the sweep's name, columns and one row of cells per point).</summary>
public sealed record SweepInput(string Dir, string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportInput(Dir)
{
    public int Column(string name) => Columns.ToList().IndexOf(name);
}

/// <summary>An entanglement folder (<c>qkdsched entanglement --out</c>): its seed 004 Table 1 rows and its best-pass files.</summary>
public sealed record EntanglementInput(string Dir, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<string> BestPassFiles) : ReportInput(Dir);

/// <summary>Recognises and reads the folders a report is made of.</summary>
public static class ReportInputs
{
    public const string BenchFileName = "results.json";

    /// <summary>The table an entanglement folder holds (written by <c>qkdsched entanglement --out</c>).</summary>
    public const string EntanglementTableFileName = "table1.csv";

    /// <summary>The prefix of its best-pass files.</summary>
    public const string BestPassPrefix = "best-pass-";

    /// <summary>
    /// The folders, and before the first solve whose instance is not among them the instance folder its result.json
    /// names, so <c>report SOLVE_DIR</c> alone works.
    /// </summary>
    public static IReadOnlyList<ReportInput> LoadAll(IEnumerable<string> dirs)
    {
        var inputs = dirs.Select(Load).ToList();
        var added = new List<ReportInput>();
        foreach (var solve in inputs.OfType<SolveInput>())
        {
            if (inputs.Concat(added).OfType<InstanceInput>().Any(i => ReportBuilder.Serves(i, solve))) continue;
            if (solve.InstanceDir is { } dir && File.Exists(Path.Combine(dir, InstanceFiles.InstanceFileName))) added.Add(LoadInstance(dir));
        }

        return [.. added, .. inputs];
    }

    public static ReportInput Load(string dir)
    {
        if (!Directory.Exists(dir)) throw new InputException(dir, null, "does not exist; give an instance, solve or bench folder");
        if (File.Exists(Path.Combine(dir, InstanceFiles.InstanceFileName))) return LoadInstance(dir);
        if (File.Exists(Path.Combine(dir, ScheduleFiles.ScheduleFileName)) && File.Exists(Path.Combine(dir, ScheduleFiles.ResultFileName)))
        {
            var schedule = ScheduleFiles.ReadSchedule(Path.Combine(dir, ScheduleFiles.ScheduleFileName));
            return ReadResult(Path.Combine(dir, ScheduleFiles.ResultFileName), dir, schedule);
        }

        if (File.Exists(Path.Combine(dir, EntanglementTableFileName))) return ReadEntanglement(dir);
        if (File.Exists(Path.Combine(dir, BenchFileName)) && ReadSweep(dir) is { } sweep) return sweep;
        if (File.Exists(Path.Combine(dir, BenchFileName))) return new BenchInput(dir, JsonBenchReader.Read(Path.Combine(dir, BenchFileName)));
        throw new InputException(dir, null,
            $"is not an instance, solve, bench, sweep or entanglement folder (expected {InstanceFiles.InstanceFileName} + {InstanceFiles.KeysFileName}, {ScheduleFiles.ScheduleFileName} + {ScheduleFiles.ResultFileName}, {BenchFileName} or {EntanglementTableFileName})");
    }

    /// <summary>A sweep's results.json (it has a "sweep" name), or null for another results.json.</summary>
    private static SweepInput? ReadSweep(string dir)
    {
        var path = Path.Combine(dir, BenchFileName);
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(InputFile.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InputException(path, null, $"is not valid JSON: {e.Message.Split('\n')[0]}");
        }

        if (json is not JsonObject o || o["sweep"] is null) return null;
        string Text(JsonNode? node, string what) => node is JsonValue v && v.TryGetValue<string>(out var text)
            ? text
            : throw new InputException(path, null, $"a sweep's {what} must be text; rerun the sweep");
        var name = Text(o["sweep"], "name");
        if (o["columns"] is not JsonArray columns || o["rows"] is not JsonArray rows)
            throw new InputException(path, null, "a sweep's results.json needs columns and rows; rerun the sweep");
        var names = columns.Select(c => Text(c, "column names")).ToList();
        var cells = rows.Select(r => (IReadOnlyList<string>)(r as JsonArray ?? throw new InputException(path, null, "a row is not a list of cells"))
            .Select(c => Text(c, "cells")).ToList()).ToList();
        if (cells.Any(r => r.Count != names.Count)) throw new InputException(path, null, $"a row does not have the {names.Count} cells of the columns; rerun the sweep");
        return new SweepInput(dir, name, names, cells);
    }

    private static EntanglementInput ReadEntanglement(string dir)
    {
        var path = Path.Combine(dir, EntanglementTableFileName);
        var lines = InputFile.Lines(path).Select(l => l.Text).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0) throw new InputException(path, null, "is empty; rerun qkdsched entanglement --out");
        var columns = CsvLines.SplitQuoted(path, 1, lines[0]);
        var rows = new List<IReadOnlyList<string>>();
        for (var i = 1; i < lines.Count; i++)
        {
            var cells = CsvLines.SplitQuoted(path, i + 1, lines[i]);
            if (cells.Length != columns.Length) throw new InputException(path, i + 1, $"has {cells.Length} cells, the header {columns.Length}; rerun qkdsched entanglement --out");
            rows.Add(cells);
        }

        var passes = Directory.GetFiles(dir, BestPassPrefix + "*.csv").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        return new EntanglementInput(dir, columns, rows, passes);
    }

    private static SolveInput ReadResult(string path, string dir, Schedule schedule)
    {
        var r = JsonInput.Object(path, "the result.json a solve --out wrote");
        var strategyName = JsonInput.Text(r, "strategy", path);
        if (!StrategyNames.TryParse(strategyName, out var strategy)) throw new InputException(path, null, $"strategy '{strategyName}' is not gd, pd or td");
        return new SolveInput(dir, schedule, JsonInput.Text(r, "instance", path), JsonInput.Text(r, "solver", path), strategy,
            JsonInput.Number(r, "share_tolerance", path) ?? 0, JsonInput.Text(r, "status", path), JsonInput.OptionalText(r, "message", path),
            JsonInput.Number(r, "bound", path), JsonInput.Number(r, "gap", path), JsonInput.Number(r, "wall_seconds", path) ?? 0,
            JsonInput.Guard(path, () => ScheduleFiles.ReadHistory(r["history"], path)))
        {
            InstanceDir = JsonInput.OptionalText(r, "instance_dir", path),
            ClaimedObjective = JsonInput.Number(r, "objective", path),
            MinContactIntervals = JsonInput.Number(r, "min_contact_intervals", path) is { } l && l >= 1 && l == Math.Floor(l) && l <= int.MaxValue ? (int)l : null,
        };
    }

    private static InstanceInput LoadInstance(string dir)
    {
        var problem = InstanceFiles.Read(dir);
        var geometryPath = Path.Combine(dir, GeometryFiles.FileName);
        var geometry = File.Exists(geometryPath) ? GeometryFiles.Read(geometryPath) : null;
        var (protocol, note) = Protocol(dir, problem);
        return new InstanceInput(dir, problem, geometry, protocol, note);
    }

    /// <summary>
    /// The key rate model of the scenario the instance was made from: <c>scenario.yaml</c> beside it, or the scenario
    /// its provenance names if that file still has the recorded SHA-256 (so the curve is the model that made K).
    /// </summary>
    private static (IKeyRateModel?, string?) Protocol(string dir, Problem problem)
    {
        if (problem.KeyUnit == PairPrecompute.KeyUnit) return (null, "an entanglement instance: its pairs follow the dual-link model, not a key rate curve");
        var candidates = new List<string> { Path.Combine(dir, "scenario.yaml") };
        if (problem.Provenance.TryGetValue("scenario", out var named)) candidates.Add(named);
        var sha = problem.Provenance.GetValueOrDefault("scenario_sha256");
        foreach (var path in candidates.Where(File.Exists))
        {
            Scenario scenario;
            try
            {
                scenario = ScenarioFile.Read(path);
            }
            catch (InputException e)
            {
                return (null, $"its scenario {path} could not be read as a station scenario ({e.Reason})");
            }

            if (sha != null && !string.Equals(scenario.Sha256, sha, StringComparison.OrdinalIgnoreCase))
                return (null, $"its scenario {path} has changed since the instance was made (SHA-256 differs)");
            return (scenario.Protocol, null);
        }

        return (null, "no scenario.yaml beside the instance and none at the path its provenance names");
    }
}
