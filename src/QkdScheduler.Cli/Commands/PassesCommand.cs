using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;
using QkdScheduler.Orbits.Passes;
using QkdScheduler.Orbits.Sgp4;
using QkdScheduler.Orbits.Stations;
using QkdScheduler.Orbits.Synthetic;
using QkdScheduler.Orbits.Tle;
using QkdScheduler.Precompute.Scenarios;
using Spectre.Console;

namespace QkdScheduler.Cli.Commands;

/// <summary>
/// <c>qkdsched passes</c>: visibility windows of one satellite (TLE + SGP4) over a stations file,
/// with the elevation mask and darkness rule, as a table, CSV or JSON.
/// </summary>
public static class PassesCommand
{
    public const string CsvHeader = "station,aos_utc,los_utc,duration_s,max_elevation_deg,max_elevation_utc,min_range_km";

    public static Command Create(CliContext ctx)
    {
        var tle = new Option<string?>("--tle") { Description = "TLE file (2- or 3-line sets)" };
        var orbit = new Option<string?>("--orbit")
        {
            Description = "a synthetic orbit instead of --tle: altitude_km=500,inclination_deg=97.4[,eccentricity=0,raan_deg=0,arg_perigee_deg=0,mean_anomaly_deg=0,epoch=ISO_UTC (default --from)]",
        };
        var satellite = new Option<string?>("--satellite") { Description = "satellite NORAD number or name (needed when the file holds several satellites)" };
        var stations = new Option<string>("--stations") { Description = "stations CSV: name,latitude_deg,longitude_deg,altitude_m", Required = true };
        var from = new Option<string>("--from") { Description = "start, ISO 8601 UTC, e.g. 2016-09-19T00:00:00Z", Required = true };
        var to = new Option<string>("--to") { Description = "end, ISO 8601 UTC", Required = true };
        var mask = new Option<double>("--min-elevation-deg") { Description = "elevation mask, degrees", DefaultValueFactory = _ => 10.0 };
        var night = new Option<string>("--night") { Description = "darkness rule: sun-below:DEG (Sun below DEG at the station), shadow (satellite eclipsed) or none", DefaultValueFactory = _ => "sun-below:-6" };
        var format = new Option<string>("--format") { Description = "table, csv or json", DefaultValueFactory = _ => "table" };
        var output = new Option<string?>("--out") { Description = "write to this file (atomically) instead of the console" };
        var noChecksum = new Option<bool>("--no-checksum") { Description = "accept TLE lines with wrong checksums, with a warning per line (only for deliberately broken test sets)" };
        var allowOld = new Option<bool>("--allow-old-elements")
        {
            Description = $"use elements whose epoch is more than {ElementAge.RefuseDays:0} days from the period (more than {ElementAge.WarnDays:0} days gets a warning either way)",
        };
        var cmd = new Command("passes", "Visibility passes of a satellite over ground stations (SGP4, elevation mask, darkness rule)")
        {
            tle, orbit, satellite, stations, from, to, mask, night, format, output, noChecksum, allowOld,
        };
        cmd.SetAction(parse =>
        {
            var fromUtc = ParseUtc(parse.GetValue(from)!, "--from");
            var toUtc = ParseUtc(parse.GetValue(to)!, "--to");
            if (toUtc <= fromUtc) throw new InputException(null, null, $"--to {TextFormat.Utc(toUtc)} must be after --from {TextFormat.Utc(fromUtc)}");
            var elevation = parse.GetValue(mask);
            if (!double.IsFinite(elevation) || elevation is < -5 or >= 90)
                throw new InputException(null, null, $"--min-elevation-deg {elevation} must be within -5..90 degrees");
            var rule = NightRule.Parse(parse.GetValue(night)!, "--night");
            var fmt = parse.GetValue(format)!.Trim().ToLowerInvariant();
            if (fmt is not ("table" or "csv" or "json"))
                throw new InputException(null, null, $"--format '{fmt}' is not one of table, csv, json");

            var (elements, source, describe) = (parse.GetValue(tle), parse.GetValue(orbit)) switch
            {
                ({ } tlePath, null) => FromTle(tlePath, parse.GetValue(satellite), fromUtc, !parse.GetValue(noChecksum), w => ctx.Error.WriteLine($"warning: {w}")),
                (null, { } spec) when parse.GetValue(satellite) == null && !parse.GetValue(noChecksum) => FromOrbit(spec, fromUtc),
                (null, not null) => throw new InputException(null, null, "--satellite and --no-checksum apply to --tle only, not to --orbit"),
                _ => throw new InputException(null, null, "give the satellite as either --tle FILE or --orbit KEY=VALUE,... (one of them)"),
            };
            var sites = StationFile.Read(parse.GetValue(stations)!);

            var propagator = new Sgp4Propagator(elements);
            if (propagator.InitError != Sgp4Error.None)
                throw new InputException(source, null, $"SGP4 rejects these elements at epoch: {Sgp4ErrorText.Describe(propagator.InitError)}");
            var age = ElementAge.Of(elements.Name, parse.GetValue(tle) != null ? "TLE" : "orbit", elements.EpochUtc, fromUtc, toUtc);
            if (age.TooOld && !parse.GetValue(allowOld))
                throw new InputException(source, null,
                    $"{age.Text}, more than {ElementAge.RefuseDays:0} days: SGP4 is not meant to propagate that far; use elements near the period, or add --allow-old-elements");
            if (ElementAge.FirstFailure(elements, fromUtc, toUtc) is { } failure)
                throw new InputException(source, null, $"SGP4 cannot propagate {elements.Name} at {TextFormat.Utc(failure.Utc)}: {Sgp4ErrorText.Describe(failure.Error)}; use elements near the period");
            if (age.NeedsWarning) ctx.Error.WriteLine($"warning: {age.Text}");
            var search = new PassSearch(elevation, rule);
            var passes = new PassFinder(propagator, search, source).Find(sites, fromUtc, toUtc);
            var report = new PassReport(elements, source, describe, sites, fromUtc, toUtc, search, passes);

            var text = fmt switch
            {
                "csv" => report.ToCsv(),
                "json" => ScheduleFiles.ToJson(report.ToJson()) + "\n",
                _ => null,
            };
            var outPath = parse.GetValue(output);
            if (text == null)
            {
                if (outPath != null) throw new InputException(null, null, "--out needs --format csv or json");
                report.WriteTable(ctx.Console);
            }
            else if (outPath != null)
            {
                if (OutputFile.Write(ctx, outPath, text))
                    ctx.Error.WriteLine($"{passes.Count} passes written to {outPath}; using the {describe}");
            }
            else
            {
                ctx.Out.Write(text);
                // Keep stdout pure CSV/JSON; say which element set was used on stderr.
                if (fmt == "csv") ctx.Error.WriteLine($"using the {describe}");
            }
            return CliApp.Ok;
        });
        return cmd;
    }

    private static (MeanElements, string Source, string Describe) FromTle(string path, string? satellite, DateTime fromUtc, bool checksums, Action<string> warn)
    {
        var choice = TleSelection.Choose(TleReader.ReadFile(path, new TleReadOptions(VerifyChecksums: checksums, Warn: warn)), satellite, fromUtc, path);
        return (choice.Set.ToMeanElements(), choice.Set.Source, choice.Describe());
    }

    /// <summary>Parses --orbit KEY=VALUE,... into a synthetic orbit, with the keys and ranges of a scenario's orbit block.</summary>
    private static (MeanElements, string Source, string Describe) FromOrbit(string spec, DateTime fromUtc)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !OrbitSpec.Keys.Contains(kv[0]))
                throw new InputException(null, null, $"--orbit: '{part}' is not KEY=VALUE with KEY one of {string.Join(", ", OrbitSpec.Keys)}");
            if (!values.TryAdd(kv[0], kv[1])) throw new InputException(null, null, $"--orbit: {kv[0]} is given twice");
        }
        var orbit = OrbitSpec.Parse(key => values.GetValueOrDefault(key), (_, reason) => new InputException(null, null, $"--orbit: {reason}"), fromUtc, "--orbit");
        return (orbit.Elements, orbit.Source, orbit.Description);
    }

    private static DateTime ParseUtc(string text, string option) =>
        TextFormat.TryParseUtc(text, out var utc)
            ? utc
            : throw new InputException(null, null, $"{option} '{text}' is not an ISO 8601 UTC time like 2016-09-19T00:00:00Z (state the zone: Z or +hh:mm)");

    /// <summary>The passes with per-station totals and the union, in the three output forms.</summary>
    private sealed record PassReport(MeanElements Elements, string Source, string Describe, IReadOnlyList<GroundStation> Stations, DateTime From, DateTime To,
        PassSearch Search, IReadOnlyList<Pass> Passes)
    {
        private IEnumerable<(GroundStation Station, int Count, double Seconds)> Totals() =>
            Stations.Select(s =>
            {
                var mine = Passes.Where(p => p.Station == s.Name).ToList();
                return (s, mine.Count, mine.Sum(p => p.DurationSeconds));
            });

        private double UnionSeconds => PassFinder.UnionSeconds(Passes);

        private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

        public string ToCsv()
        {
            var sb = new StringBuilder(CsvHeader).Append('\n');
            foreach (var p in Passes)
                sb.Append(CsvField(p.Station)).Append(',').Append(TextFormat.Utc(p.Aos)).Append(',').Append(TextFormat.Utc(p.Los)).Append(',')
                  .Append(F(p.DurationSeconds, "F3")).Append(',').Append(F(p.MaxElevationDeg, "F3")).Append(',')
                  .Append(TextFormat.Utc(p.MaxElevationUtc)).Append(',').Append(F(p.MinRangeKm, "F3")).Append('\n');
            return sb.ToString();
        }

        /// <summary>Quotes a field that holds a comma or a quote (RFC 4180), as station names from a spreadsheet may.</summary>
        private static string CsvField(string text) =>
            text.IndexOfAny([',', '"']) < 0 ? text : "\"" + text.Replace("\"", "\"\"") + "\"";

        public JsonObject ToJson() => new()
        {
            ["satellite"] = new JsonObject
            {
                ["name"] = Elements.Name,
                ["norad"] = Elements.SatelliteNumber,
                ["epoch_utc"] = TextFormat.Utc(Elements.EpochUtc),
                ["source"] = Source,
                ["choice"] = Describe,
            },
            ["from_utc"] = TextFormat.Utc(From),
            ["to_utc"] = TextFormat.Utc(To),
            ["min_elevation_deg"] = Search.MinElevationDeg,
            ["night"] = Search.NightRule.ToString(),
            ["passes"] = new JsonArray(Passes.Select(p => (JsonNode)new JsonObject
            {
                ["station"] = p.Station,
                ["aos_utc"] = TextFormat.Utc(p.Aos),
                ["los_utc"] = TextFormat.Utc(p.Los),
                ["duration_s"] = Math.Round(p.DurationSeconds, 3),
                ["max_elevation_deg"] = Math.Round(p.MaxElevationDeg, 3),
                ["max_elevation_utc"] = TextFormat.Utc(p.MaxElevationUtc),
                ["min_range_km"] = Math.Round(p.MinRangeKm, 3),
            }).ToArray()),
            ["stations"] = new JsonArray(Totals().Select(t => (JsonNode)new JsonObject
            {
                ["station"] = t.Station.Name,
                ["passes"] = t.Count,
                ["total_s"] = Math.Round(t.Seconds, 3),
            }).ToArray()),
            ["union_s"] = Math.Round(UnionSeconds, 3),
        };

        public void WriteTable(IAnsiConsole console)
        {
            console.WriteLine($"Using the {Describe}.");
            console.WriteLine($"{TextFormat.Utc(From)} to {TextFormat.Utc(To)}, elevation >= {F(Search.MinElevationDeg, "0.###")} deg, night rule {Search.NightRule}.");
            var table = new Table().AddColumns("station", "AOS (UTC)", "LOS (UTC)", "duration s", "max el deg", "max el at (UTC)", "min range km");
            foreach (var p in Passes)
                table.AddRow(Markup.Escape(p.Station), TextFormat.Utc(p.Aos), TextFormat.Utc(p.Los), F(p.DurationSeconds, "F1"),
                    F(p.MaxElevationDeg, "F2"), TextFormat.Utc(p.MaxElevationUtc), F(p.MinRangeKm, "F1"));
            console.Write(table);
            var totals = new Table().AddColumns("station", "passes", "total s");
            foreach (var t in Totals())
                totals.AddRow(Markup.Escape(t.Station.Name), t.Count.ToString(CultureInfo.InvariantCulture), F(t.Seconds, "F1"));
            totals.AddRow("[bold]any station (union)[/]", Passes.Count.ToString(CultureInfo.InvariantCulture), $"[bold]{F(UnionSeconds, "F1")}[/]");
            console.Write(totals);
        }
    }
}
