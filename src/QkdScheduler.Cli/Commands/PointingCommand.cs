using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using QkdScheduler.Core;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.IO;
using QkdScheduler.Reporting.Plans;

namespace QkdScheduler.Cli.Commands;

/// <summary>
/// <c>qkdsched pointing SOLVE_DIR [--instance DIR] [--out FILE.csv]</c>: for a mount, one row per second of every contact in
/// which the satellite is above the station's mask: <c>utc,satellite,station,azimuth_deg,elevation_deg,range_km</c>, from the
/// orbit the instance records (its provenance), sorted by time, then station.
/// </summary>
public static class PointingCommand
{
    public static readonly string[] Header = ["utc", "satellite", "station", "azimuth_deg", "elevation_deg", "range_km"];

    public static Command Create(CliContext ctx)
    {
        var dir = new Argument<string>("SOLVE_DIR") { Description = "a solve folder (schedule.csv and result.json, from solve --out)" };
        var instance = new Option<string?>("--instance") { Description = "the instance folder (default: the one result.json names)" };
        var output = new Option<string?>("--out") { Description = "CSV file to write (atomically); default: standard output" };
        var cmd = new Command("pointing", "Azimuth, elevation and range per second of every contact of a solve, for the stations' mounts") { dir, instance, output };
        cmd.SetAction(parse =>
        {
            var solveDir = parse.GetValue(dir)!;
            var instanceDir = parse.GetValue(instance) ?? InstanceOf(solveDir);
            var problem = InstanceFiles.Read(instanceDir);
            var schedulePath = Path.Combine(solveDir, ScheduleFiles.ScheduleFileName);
            if (!File.Exists(schedulePath)) throw new InputException(solveDir, null, $"holds no {ScheduleFiles.ScheduleFileName}; give a folder written by solve --out");
            var schedule = ScheduleFiles.ReadSchedule(schedulePath, problem);
            var check = Validator.Check(problem, schedule);
            if (!check.IsValid) throw new InputException(schedulePath, null, $"is not a valid schedule of {problem.Name}: {check.Violation}");
            var pointing = Pointing.For(problem, Path.Combine(instanceDir, InstanceFiles.InstanceFileName))
                           ?? throw new InputException(Path.Combine(instanceDir, InstanceFiles.InstanceFileName), null,
                               "records no orbit (orbit_elements, station_coordinates in its provenance): it was not made by this version's precompute; precompute its scenario again");
            var plan = ContactPlan.Build(problem, schedule, null);
            var rows = new List<PointingRow>();
            foreach (var c in plan.Contacts)
            {
                var satellite = 0;
                if (c.Satellite != null) problem.Constellation!.TryGetSatelliteIndex(c.Satellite, out satellite);
                foreach (var station in c.Stations.Distinct(StringComparer.Ordinal))
                    rows.AddRange(pointing.Rows(satellite, station, c.StartUtc, c.EndUtc));
            }

            var inv = CultureInfo.InvariantCulture;
            var sb = new StringBuilder(string.Join(',', Header)).Append('\n');
            foreach (var r in rows.OrderBy(r => r.Utc).ThenBy(r => r.Station, StringComparer.Ordinal).ThenBy(r => r.Satellite, StringComparer.Ordinal))
                sb.Append(TextFormat.Utc(r.Utc)).Append(',').Append(TextFormat.CsvField(r.Satellite)).Append(',').Append(TextFormat.CsvField(r.Station)).Append(',')
                    .Append(r.AzimuthDeg.ToString("0.0000", inv)).Append(',').Append(r.ElevationDeg.ToString("0.0000", inv)).Append(',')
                    .Append(r.RangeKm.ToString("0.000", inv)).Append('\n');
            if (parse.GetValue(output) is { } path)
            {
                if (OutputFile.Write(ctx, path, sb.ToString()))
                    ctx.Error.WriteLine($"wrote {rows.Count:N0} pointing rows ({plan.Contacts.Count} contacts) to {path}");
            }
            else ctx.Out.Write(sb.ToString());

            return CliApp.Ok;
        });
        return cmd;
    }

    /// <summary>The instance folder a solve's result.json names.</summary>
    public static string InstanceOf(string solveDir)
    {
        var path = Path.Combine(solveDir, ScheduleFiles.ResultFileName);
        if (!File.Exists(path)) throw new InputException(solveDir, null, $"holds no {ScheduleFiles.ResultFileName}; give a folder written by solve --out, or --instance DIR");
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(InputFile.ReadAllText(path));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InputException(path, null, $"is not valid JSON ({e.Message})");
        }

        return json?["instance_dir"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? (string)json["instance_dir"]!
            : throw new InputException(path, null, "does not name its instance (instance_dir; written by this version's solve); give --instance DIR");
    }
}
