using System.Text.Json;
using System.Text.Json.Nodes;
using QkdScheduler.Core;
using QkdScheduler.Core.Benchmarking;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.KeyRates;
using QkdScheduler.Precompute.Pairs;
using QkdScheduler.Precompute.Scenarios;
using QkdScheduler.Reporting.Exporters;

namespace QkdScheduler.Reporting.Html;

/// <summary>An instance folder (precompute output): the problem, its geometry if any, and its key rate model if its scenario is at hand.</summary>
/// <param name="ProtocolNote">Why there is no protocol model (null when there is one).</param>
public sealed record InstanceInput(string Dir, Problem Problem, IReadOnlyList<GeometryRow>? Geometry, IKeyRateModel? Protocol, string? ProtocolNote);

/// <summary>A solve folder: its schedule and result.json (the instance comes from an <see cref="InstanceInput"/> of the same name).</summary>
public sealed record SolveInput(string Dir, Schedule Schedule, JsonObject Result)
{
    public string Instance => (string?)Result["instance"] ?? "";
}

/// <summary>A bench folder: its results.json.</summary>
public sealed record BenchInput(string Dir, BenchSummary Summary);

/// <summary>Recognises and reads the folders a report is made of.</summary>
public static class ReportInputs
{
    public const string BenchFileName = "results.json";

    public static object Load(string dir)
    {
        if (!Directory.Exists(dir)) throw new InputException(dir, null, "does not exist; give an instance, solve or bench folder");
        if (File.Exists(Path.Combine(dir, InstanceFiles.InstanceFileName))) return LoadInstance(dir);
        if (File.Exists(Path.Combine(dir, ScheduleFiles.ScheduleFileName)) && File.Exists(Path.Combine(dir, ScheduleFiles.ResultFileName)))
        {
            var resultPath = Path.Combine(dir, ScheduleFiles.ResultFileName);
            JsonObject result;
            try
            {
                result = JsonNode.Parse(File.ReadAllText(resultPath)) as JsonObject ?? throw new InputException(resultPath, null, "is not a JSON object; give the result.json a solve wrote");
            }
            catch (JsonException e)
            {
                throw new InputException(resultPath, (int?)e.LineNumber + 1, $"is not valid JSON ({e.Message})");
            }

            if (result["instance"] is null || result["strategy"] is null)
                throw new InputException(resultPath, null, "has no \"instance\" or \"strategy\"; give the result.json a solve --out wrote");
            return new SolveInput(dir, ScheduleFiles.ReadSchedule(Path.Combine(dir, ScheduleFiles.ScheduleFileName)), result);
        }

        if (File.Exists(Path.Combine(dir, BenchFileName))) return new BenchInput(dir, JsonBenchReader.Read(Path.Combine(dir, BenchFileName)));
        throw new InputException(dir, null,
            $"is not an instance, solve or bench folder (expected {InstanceFiles.InstanceFileName} + {InstanceFiles.KeysFileName}, {ScheduleFiles.ScheduleFileName} + {ScheduleFiles.ResultFileName}, or {BenchFileName})");
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
