using System.Globalization;
using System.Text;
using QkdScheduler.Core.IO;

namespace QkdScheduler.Reporting.Plans;

/// <summary>
/// One station's contacts as an iCalendar object (RFC 5545): one VEVENT per contact in UTC ("Z" form,
/// §3.3.5), with the expected key in the description. Content lines end in CRLF and are folded at 75
/// octets (§3.1); TEXT values escape backslash, ';', ',' and newlines (§3.3.11).
/// </summary>
public static class ICalendar
{
    public const string ProductId = "-//QkdScheduler//qkdsched contact plan//EN";

    public static string Render(ContactPlan plan, string station, DateTime createdUtc)
    {
        var sb = new StringBuilder();
        void Line(string name, string value) => Fold(sb, name + ":" + value);
        Line("BEGIN", "VCALENDAR");
        Line("VERSION", "2.0");
        Line("PRODID", ProductId);
        Line("CALSCALE", "GREGORIAN");
        Line("X-WR-CALNAME", Text($"QKD contacts {station} ({plan.Instance})"));
        foreach (var c in plan.Contacts.Where(c => c.Stations.Contains(station, StringComparer.Ordinal)))
        {
            var partners = c.Stations.Where(s => s != station).ToList();
            var geometry = c.Geometry?.FirstOrDefault(g => g.Station == station);
            var description = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"Serve node {c.Node}")
                .Append(c.Satellite != null ? $" from satellite {c.Satellite}" : "")
                .Append(partners.Count > 0 ? $" together with {string.Join(" and ", partners)}" : "")
                .Append(CultureInfo.InvariantCulture, $". Expected key: {c.Keys:N0} {plan.KeyUnit} over {c.DurationSeconds:0.###} s")
                .Append(CultureInfo.InvariantCulture, $" (intervals {c.FirstInterval}-{c.LastInterval} of {plan.Instance}, {TextFormat.Utc(c.StartUtc)} to {TextFormat.Utc(c.EndUtc)}).")
                .Append(geometry != null ? string.Create(CultureInfo.InvariantCulture, $"\nMax elevation {geometry.MaxElevationDeg:0.0} deg, min range {geometry.MinRangeKm:0} km.") : "")
                .ToString();
            Line("BEGIN", "VEVENT");
            // One UID per station and contact: a pair's contact is one event in each of its two stations' calendars.
            Line("UID", $"{Token(plan.Instance)}-{(c.Satellite != null ? Token(c.Satellite) + "-" : "")}{Token(c.Node)}-{c.FirstInterval}-{c.LastInterval}-{Token(station)}@qkdsched");
            Line("DTSTAMP", Utc(createdUtc, "yyyyMMdd'T'HHmmss'Z'"));
            // Whole seconds: the start rounded down and the end up, so the event covers the contact.
            Line("DTSTART", Utc(Floor(c.StartUtc), "yyyyMMdd'T'HHmmss'Z'"));
            Line("DTEND", Utc(Ceiling(c.EndUtc), "yyyyMMdd'T'HHmmss'Z'"));
            Line("SUMMARY", Text(c.Satellite != null ? $"QKD {c.Node} via {c.Satellite}: {c.Keys:N0} {plan.KeyUnit}" : $"QKD {c.Node}: {c.Keys:N0} {plan.KeyUnit}"));
            Line("DESCRIPTION", Text(description));
            Line("LOCATION", Text(station));
            Line("TRANSP", "OPAQUE");
            Line("END", "VEVENT");
        }

        Line("END", "VCALENDAR");
        return sb.ToString();
    }

    /// <summary>TEXT escaping, RFC 5545 §3.3.11.</summary>
    public static string Text(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Appends one content line, folded so no line exceeds 75 octets of UTF-8 (RFC 5545 §3.1), never inside a character.</summary>
    public static void Fold(StringBuilder sb, string line)
    {
        var octets = 0;
        const int limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                sb.Append("\r\n ");
                octets = 1;
            }

            sb.Append(rune.ToString());
            octets += size;
        }

        sb.Append("\r\n");
    }

    /// <summary>A name reduced to ASCII letters, digits, '-' and '_' (any other character becomes '-'): for UIDs and file names.</summary>
    public static string Token(string s) => new(s.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '-').ToArray());

    private static string Utc(DateTime t, string format) => t.ToUniversalTime().ToString(format, CultureInfo.InvariantCulture);

    private static DateTime Floor(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static DateTime Ceiling(DateTime t) => t.Ticks % TimeSpan.TicksPerSecond == 0 ? t : Floor(t).AddSeconds(1);
}
