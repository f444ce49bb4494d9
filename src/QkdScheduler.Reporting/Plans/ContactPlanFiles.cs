using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using QkdScheduler.Core.IO;

namespace QkdScheduler.Reporting.Plans;

/// <summary>
/// The contact plan on disk: <c>contacts.csv</c>, <c>contacts.json</c> and one iCalendar file per station
/// (<c>contacts-&lt;station&gt;.ics</c>, only for stations with a contact: RFC 5545 §3.4 wants at least one
/// component in a calendar).
/// </summary>
public static class ContactPlanFiles
{
    public const string CsvFileName = "contacts.csv";
    public const string JsonFileName = "contacts.json";

    /// <summary>
    /// One row per contact. <c>satellite</c> is the constellation's satellite id, or the recorded element set's name (empty
    /// when the instance records no orbit). <c>stations</c> and the geometry columns hold one value per station of the
    /// node, separated by ';' in the same order (a pair node has two); from the recorded orbit second by second, else
    /// from geometry.csv (no times then), empty where neither tells or the station saw nothing. <c>keys</c> is in the
    /// instance's key unit (contacts.json says which).
    /// </summary>
    public static readonly string[] CsvHeader =
        ["satellite", "node", "stations", "first_interval", "last_interval", "start_utc", "end_utc", "duration_s", "keys", "max_elevation_deg", "min_range_km",
         "aos_azimuth_deg", "los_azimuth_deg", "max_elevation_utc"];

    /// <summary>Whether a file name belongs to a contact plan (for replacing an old plan as a whole).</summary>
    public static bool Owns(string fileName) =>
        fileName is CsvFileName or JsonFileName || (fileName.StartsWith("contacts-", StringComparison.Ordinal) && fileName.EndsWith(".ics", StringComparison.Ordinal));

    /// <summary>Writes every file of the plan into <paramref name="directory"/>; <paramref name="createdUtc"/> is each event's DTSTAMP.</summary>
    public static IReadOnlyList<string> Write(string directory, ContactPlan plan, DateTime createdUtc)
    {
        var written = new List<string> { Path.Combine(directory, CsvFileName), Path.Combine(directory, JsonFileName) };
        AtomicFile.WriteAllText(written[0], Csv(plan));
        AtomicFile.WriteAllText(written[1], Json(plan).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
        foreach (var (file, station) in CalendarFiles(plan))
        {
            var path = Path.Combine(directory, file);
            AtomicFile.WriteAllText(path, ContactCalendar.Render(plan, station, createdUtc));
            written.Add(path);
        }

        return written;
    }

    public static string Csv(ContactPlan plan)
    {
        var sb = new StringBuilder(string.Join(',', CsvHeader)).Append('\n');
        foreach (var c in plan.Contacts)
        {
            var geometry = c.Stations.Select(s => c.Geometry?.FirstOrDefault(g => g.Station == s)).ToList();
            string Each(Func<StationPass, string> value) => string.Join(';', geometry.Select(g => g == null ? "" : value(g)));
            sb.Append(TextFormat.CsvField(c.SatelliteName ?? "")).Append(',');
            sb.AppendJoin(',',
                TextFormat.CsvField(c.Node),
                TextFormat.CsvField(string.Join(';', c.Stations)),
                TextFormat.Number(c.FirstInterval),
                TextFormat.Number(c.LastInterval),
                TextFormat.Utc(c.StartUtc),
                TextFormat.Utc(c.EndUtc),
                TextFormat.Number(c.DurationSeconds),
                TextFormat.Number(c.Keys),
                Each(g => Round(g.MaxElevationDeg)),
                Each(g => Round(g.MinRangeKm)),
                Each(g => g.AosAzimuthDeg is { } a ? Round(a) : ""),
                Each(g => g.LosAzimuthDeg is { } b ? Round(b) : ""),
                Each(g => g.MaxElevationUtc is { } t ? TextFormat.Utc(t) : "")).Append('\n');
        }

        return sb.ToString();
    }

    public static JsonObject Json(ContactPlan plan) => new()
    {
        ["instance"] = plan.Instance,
        ["key_unit"] = plan.KeyUnit,
        ["interval_seconds"] = plan.IntervalSeconds,
        ["contacts"] = new JsonArray(plan.Contacts.Select(c => (JsonNode)WithoutNullSatellite(new JsonObject
        {
            ["satellite"] = c.SatelliteName,
            ["node"] = c.Node,
            ["stations"] = new JsonArray(c.Stations.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
            ["first_interval"] = c.FirstInterval,
            ["last_interval"] = c.LastInterval,
            ["start_utc"] = TextFormat.Utc(c.StartUtc),
            ["end_utc"] = TextFormat.Utc(c.EndUtc),
            ["duration_s"] = c.DurationSeconds,
            ["keys"] = c.Keys,
            ["geometry"] = c.Geometry == null
                ? null
                : new JsonArray(c.Geometry.Select(g => (JsonNode)new JsonObject
                {
                    ["station"] = g.Station,
                    ["max_elevation_deg"] = g.MaxElevationDeg,
                    ["min_range_km"] = g.MinRangeKm,
                    ["aos_azimuth_deg"] = g.AosAzimuthDeg,
                    ["los_azimuth_deg"] = g.LosAzimuthDeg,
                    ["aos_utc"] = g.AosUtc is { } a ? TextFormat.Utc(a) : null,
                    ["los_utc"] = g.LosUtc is { } b ? TextFormat.Utc(b) : null,
                    ["max_elevation_utc"] = g.MaxElevationUtc is { } t ? TextFormat.Utc(t) : null,
                }).ToArray()),
        })).ToArray()),
    };

    /// <summary>A contact of an instance that names no satellite has no satellite key.</summary>
    private static JsonObject WithoutNullSatellite(JsonObject contact)
    {
        if (contact["satellite"] == null) contact.Remove("satellite");
        return contact;
    }

    /// <summary>
    /// (file name, station) per station with a contact, in the plan's order; names keep letters and digits of any script,
    /// '-' and '_'. Two stations whose names map to one file name (case-insensitively, for file systems that ignore case)
    /// get -2, -3, … in the order of their ids, so the names do not depend on the order of the nodes.
    /// </summary>
    public static IReadOnlyList<(string File, string Station)> CalendarFiles(ContactPlan plan)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var station in plan.Stations.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var stem = ContactCalendar.Token(station);
            var file = $"contacts-{stem}.ics";
            for (var k = 2; !used.Add(file); k++) file = $"contacts-{stem}-{k}.ics";
            names[station] = file;
        }

        return plan.Stations.Distinct(StringComparer.Ordinal).Select(s => (names[s], s)).ToList();
    }

    private static string Round(double v) => Math.Round(v, 4).ToString("0.####", CultureInfo.InvariantCulture);
}
