using System.Globalization;
using System.Text;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Calendar = Ical.Net.Calendar;

namespace QkdScheduler.Reporting.Plans;

/// <summary>
/// One station's contacts as an iCalendar object (RFC 5545), written with Ical.Net (which folds lines at 75 octets and
/// escapes TEXT values, §3.1 and §3.3.11): one VEVENT per contact in UTC, in words an operator reads at a glance, the
/// station, the satellite, AOS and LOS with their azimuths, the highest elevation and the expected key with its unit.
/// </summary>
public static class ContactCalendar
{
    public const string ProductId = "-//QkdScheduler//qkdsched contact plan//EN";

    public static string Render(ContactPlan plan, string station, DateTime createdUtc)
    {
        var calendar = new Calendar { ProductId = ProductId, Scale = "GREGORIAN" };
        calendar.AddProperty("X-WR-CALNAME", $"QKD contacts {station} ({plan.Instance})");
        foreach (var c in plan.Contacts.Where(c => c.Stations.Contains(station, StringComparer.Ordinal)))
        {
            var pass = c.Geometry?.FirstOrDefault(g => g.Station == station);
            var satellite = c.SatelliteName ?? "the satellite";
            calendar.Events.Add(new CalendarEvent
            {
                // One UID per station and contact: a pair's contact is one event in each of its two stations' calendars.
                Uid = $"{Token(plan.Instance)}-{(c.Satellite != null ? Token(c.Satellite) + "-" : "")}{Token(c.Node)}-{c.FirstInterval}-{c.LastInterval}-{Token(station)}@qkdsched",
                DtStamp = new CalDateTime(Floor(createdUtc), "UTC"),
                // Whole seconds: the start rounded down and the end up, so the event covers the contact.
                DtStart = new CalDateTime(Floor(c.StartUtc), "UTC"),
                DtEnd = new CalDateTime(Ceiling(c.EndUtc), "UTC"),
                Summary = $"QKD {station} ← {satellite}: {Key(c.Keys, plan.KeyUnit)}",
                Description = Describe(c, station, satellite, pass, plan.KeyUnit),
                Location = station,
                Transparency = "OPAQUE",
            });
        }

        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>The event's text: what to track, when and where to point, what it brings.</summary>
    private static string Describe(PlannedContact c, string station, string satellite, StationPass? pass, string unit)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"{station} tracks {satellite} from {Clock(c.StartUtc)} to {Clock(c.EndUtc)} UTC ({Duration(c.DurationSeconds)}).");
        var partners = c.Stations.Where(s => s != station).ToList();
        if (partners.Count > 0) sb.Append(inv, $" A dual downlink together with {string.Join(" and ", partners)}.");
        if (pass != null)
        {
            sb.Append('\n');
            sb.Append(pass.AosUtc is { } aos ? $"AOS {Clock(aos)} UTC" : "AOS");
            if (pass.AosAzimuthDeg is { } a) sb.Append(inv, $" at azimuth {a:0}°");
            sb.Append(inv, $", highest elevation {pass.MaxElevationDeg:0.0}°");
            if (pass.MaxElevationUtc is { } top) sb.Append(inv, $" at {Clock(top)} UTC");
            sb.Append(pass.LosUtc is { } los ? $", LOS {Clock(los)} UTC" : ", LOS");
            if (pass.LosAzimuthDeg is { } b) sb.Append(inv, $" at azimuth {b:0}°");
            sb.Append(inv, $"; closest range {pass.MinRangeKm:0} km.");
        }

        sb.Append('\n').Append(inv, $"Expected key: {Key(c.Keys, unit)}.");
        return sb.ToString();
    }

    /// <summary>The key with its unit, and for bits a readable multiple: "1,238,400 bits (1.24 Mbit)".</summary>
    public static string Key(double keys, string unit)
    {
        var inv = CultureInfo.InvariantCulture;
        var whole = keys.ToString("N0", inv) + " " + unit;
        if (unit != "bits" || keys < 1000) return whole;
        var (value, prefix) = keys >= 1e9 ? (keys / 1e9, "Gbit") : keys >= 1e6 ? (keys / 1e6, "Mbit") : (keys / 1e3, "kbit");
        return $"{whole} ({value.ToString("0.##", inv)} {prefix})";
    }

    private static string Clock(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Duration(double seconds)
    {
        var s = (long)Math.Round(seconds);
        return s < 60 ? $"{s} s" : s % 60 == 0 ? $"{s / 60} min" : $"{s / 60} min {s % 60} s";
    }

    /// <summary>A name reduced to ASCII letters, digits, '-' and '_' (any other character becomes '-'): for UIDs and file names.</summary>
    /// <summary>An id as a file-name and UID token: letters and digits of any script (北京 stays 北京), '-' and '_'; anything else becomes '-'.</summary>
    public static string Token(string s) => new(s.Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' ? ch : '-').ToArray());

    private static DateTime Floor(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static DateTime Ceiling(DateTime t) => t.Ticks % TimeSpan.TicksPerSecond == 0 ? t : Floor(t).AddSeconds(1);
}
