using System.Globalization;
using Calendar = Ical.Net.Calendar;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;

namespace QkdScheduler.Precompute.Scenarios;

/// <summary>A time a station cannot be used (maintenance, weather closure, a booked telescope), [Start, End) in UTC.</summary>
public readonly record struct Outage(DateTime StartUtc, DateTime EndUtc);

/// <summary>
/// One station's own visibility rules (scenario <c>stations: rules: {ID: {...}}</c>): a minimum elevation of its own, a
/// terrain horizon, and outages. The satellite is visible from the station when its elevation is at or above the scenario's
/// minimum, the station's minimum and the horizon at its azimuth; an integration sample (one second at the default step)
/// that overlaps an outage is removed whole. Stations without rules are untouched.
/// </summary>
/// <param name="Horizon">(azimuth °, minimum elevation °) points, sorted by azimuth; the mask is linear between neighbours and
/// wraps from the last point to the first through 360°. Empty: no horizon.</param>
/// <param name="Outages">Sorted by start and disjoint (<see cref="Read"/> merges the ones that overlap or touch).</param>
public sealed record StationRule(double? MinElevationDeg, IReadOnlyList<(double AzimuthDeg, double ElevationDeg)> Horizon, IReadOnlyList<Outage> Outages)
{
    /// <summary>The horizon's minimum elevation at <paramref name="azimuthDeg"/>; −90 without a horizon.</summary>
    public double HorizonDeg(double azimuthDeg)
    {
        if (Horizon.Count == 0) return -90;
        if (Horizon.Count == 1) return Horizon[0].ElevationDeg;
        var az = ((azimuthDeg % 360) + 360) % 360;
        for (var i = 0; i < Horizon.Count; i++)
        {
            var (a0, e0) = Horizon[i];
            var (a1, e1) = i + 1 < Horizon.Count ? Horizon[i + 1] : (Horizon[0].AzimuthDeg + 360, Horizon[0].ElevationDeg);
            // The wrap segment also covers azimuths below the first point (shifted up by a turn).
            var x = i + 1 == Horizon.Count && az < Horizon[0].AzimuthDeg ? az + 360 : az;
            if (x >= a0 && x <= a1) return e0 + (e1 - e0) * (x - a0) / (a1 - a0);
        }

        // Below the first point without a wrap segment to hold it cannot happen: the wrap covers [last, first + 360].
        throw new InvalidOperationException("horizon interpolation found no segment");
    }

    /// <summary>Whether the satellite at (<paramref name="elevationDeg"/>, <paramref name="azimuthDeg"/>) clears the station's own mask.</summary>
    public bool Clears(double elevationDeg, double azimuthDeg) =>
        elevationDeg >= (MinElevationDeg ?? double.NegativeInfinity) && elevationDeg >= HorizonDeg(azimuthDeg);

    /// <summary>Whether [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) overlaps an outage (<see cref="Outages"/> sorted and disjoint).</summary>
    public bool IsOut(DateTime fromUtc, DateTime toUtc)
    {
        // The last outage that starts before toUtc is the only one that can overlap: the ones before it end before it starts.
        int lo = 0, hi = Outages.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Outages[mid].StartUtc < toUtc) lo = mid + 1; else hi = mid;
        }

        return lo > 0 && fromUtc < Outages[lo - 1].EndUtc;
    }

    public string Describe() => string.Join(", ", new[]
    {
        MinElevationDeg is { } m ? string.Create(CultureInfo.InvariantCulture, $"elevation >= {m} deg") : null,
        Horizon.Count > 0 ? $"horizon of {Horizon.Count} points" : null,
        Outages.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"{Outages.Count} outages ({Outages.Sum(o => (o.EndUtc - o.StartUtc).TotalHours):0.#} h)") : null,
    }.OfType<string>());

    /// <summary>
    /// The <c>rules:</c> block under <c>stations:</c>: for each named station (it must be in the stations file)
    /// <c>min_elevation_deg</c>, <c>horizon: [[azimuth_deg, min_elevation_deg], ...]</c>, <c>outages: [{start, end}]</c> and
    /// <c>outages_file</c> (an iCalendar file, whose events and their RRULE repetitions are outages, or a CSV with
    /// <c>start_utc,end_utc</c> and any other columns). Outages outside the period are dropped.
    /// </summary>
    public static IReadOnlyDictionary<string, StationRule> Read(YamlFields y, IReadOnlyCollection<string> stations, string dir, DateTime startUtc, DateTime endUtc)
    {
        var rules = new Dictionary<string, StationRule>(StringComparer.Ordinal);
        foreach (var id in y.Keys)
        {
            if (!stations.Contains(id))
                throw y.Error(id, $"station '{id}' is not in the stations file; known: {string.Join(", ", stations)}");
            var r = y.RequiredMap(id);
            var min = r.Has("min_elevation_deg") ? r.RequiredDouble("min_elevation_deg", v => v is >= -5 and < 90, "within -5..90 degrees") : (double?)null;
            var horizon = new List<(double, double)>();
            if (r.Has("horizon"))
            {
                foreach (var row in r.NumberRows("horizon", 2))
                {
                    if (row[0] is < 0 or >= 360) throw r.Error("horizon", $"horizon azimuth {row[0].ToString(CultureInfo.InvariantCulture)} must be within 0 (north) to below 360 degrees");
                    if (row[1] is < -5 or >= 90) throw r.Error("horizon", $"horizon elevation {row[1].ToString(CultureInfo.InvariantCulture)} must be within -5..90 degrees");
                    horizon.Add((row[0], row[1]));
                }

                if (horizon.Count == 0) throw r.Error("horizon", "horizon must list at least one [azimuth_deg, min_elevation_deg] point");
                horizon.Sort();
                for (var i = 1; i < horizon.Count; i++)
                    if (horizon[i].Item1 == horizon[i - 1].Item1)
                        throw r.Error("horizon", $"horizon azimuth {horizon[i].Item1.ToString(CultureInfo.InvariantCulture)} is given twice");
            }

            var outages = new List<Outage>();
            if (r.Has("outages"))
                foreach (var o in r.MapList("outages"))
                {
                    var (from, to) = (o.RequiredUtc("start"), o.RequiredUtc("end"));
                    if (to <= from) throw o.Error("end", $"outage end {TextFormat.Utc(to)} must be after its start {TextFormat.Utc(from)}");
                    o.RejectUnknownKeys();
                    outages.Add(new Outage(from, to));
                }

            if (r.Has("outages_file"))
                outages.AddRange(ReadOutages(ScenarioFile.ExistingFile(r, "outages_file", dir, "outages file"), startUtc, endUtc));
            r.RejectUnknownKeys();
            if (min == null && horizon.Count == 0 && outages.Count == 0 && !r.Has("outages_file") && !r.Has("outages"))
                throw y.Error(id, $"station '{id}' has no rules; give min_elevation_deg, horizon, outages or outages_file");
            rules[id] = new StationRule(min, horizon, Merge(outages.Where(o => o.EndUtc > startUtc && o.StartUtc < endUtc)));
        }

        y.RejectUnknownKeys();
        return rules;
    }

    /// <summary>The outages sorted, with overlapping or touching ones joined.</summary>
    private static List<Outage> Merge(IEnumerable<Outage> outages)
    {
        var merged = new List<Outage>();
        foreach (var o in outages.OrderBy(o => o.StartUtc))
            if (merged.Count > 0 && o.StartUtc <= merged[^1].EndUtc)
                merged[^1] = merged[^1] with { EndUtc = o.EndUtc > merged[^1].EndUtc ? o.EndUtc : merged[^1].EndUtc };
            else merged.Add(o);
        return merged;
    }

    /// <summary>Outages from a <c>.ics</c> (RFC 5545, through Ical.Net: events, RRULE repetitions, time zones) or a <c>.csv</c> file.</summary>
    public static IReadOnlyList<Outage> ReadOutages(string path, DateTime startUtc, DateTime endUtc) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".ics" or ".ical" or ".ifb" => ReadCalendar(path, startUtc, endUtc),
            ".csv" => ReadCsv(path),
            var other => throw new InputException(path, null, $"outages_file must be an iCalendar file (.ics) or a CSV (.csv) with start_utc,end_utc; '{other}' is neither"),
        };

    private static List<Outage> ReadCsv(string path)
    {
        var (columns, rows) = CsvLines.ReadTable(path, ["start_utc", "end_utc"]);
        var result = new List<Outage>();
        foreach (var row in rows)
        {
            DateTime Time(string column)
            {
                var text = row.Fields[columns[column]].Trim();
                return TextFormat.TryParseUtc(text, out var utc)
                    ? utc
                    : throw new InputException(path, row.Line, $"{column} '{text}' is not an ISO 8601 UTC time such as 2016-09-19T12:00:00Z");
            }

            var (from, to) = (Time("start_utc"), Time("end_utc"));
            if (to <= from) throw new InputException(path, row.Line, $"end_utc {TextFormat.Utc(to)} must be after start_utc {TextFormat.Utc(from)}");
            result.Add(new Outage(from, to));
        }

        return result;
    }

    /// <summary>A calendar time in UTC: with a time zone converted, floating (no zone) and all-day times read as UTC, never as this machine's zone.</summary>
    private static DateTime Utc(Ical.Net.DataTypes.CalDateTime t) =>
        t.IsUtc || t.TzId != null ? DateTime.SpecifyKind(t.AsUtc, DateTimeKind.Utc) : DateTime.SpecifyKind(t.Value, DateTimeKind.Utc);

    /// <summary>The longest outage an event may describe: occurrences that began this long before the period can still reach into it.</summary>
    private static readonly TimeSpan LongestEvent = TimeSpan.FromDays(366);

    private static List<Outage> ReadCalendar(string path, DateTime startUtc, DateTime endUtc)
    {
        Calendar? calendar;
        try
        {
            calendar = Calendar.Load(InputFile.ReadAllText(path));
        }
        catch (Exception e) when (e is not IOException and not UnauthorizedAccessException)
        {
            throw new InputException(path, null, $"is not a valid iCalendar (RFC 5545) file: {e.Message.ReplaceLineEndings(" ")}");
        }

        if (calendar == null) throw new InputException(path, null, "holds no VCALENDAR; an outages calendar needs BEGIN:VCALENDAR with one VEVENT per outage");
        var result = new List<Outage>();
        try
        {
            foreach (var e in calendar.Events)
                if (e.DtStart == null) throw new InputException(path, null, $"event '{e.Summary ?? e.Uid}' has no DTSTART");
            var from = new Ical.Net.DataTypes.CalDateTime(startUtc - LongestEvent, "UTC");
            foreach (var occurrence in calendar.GetOccurrences(from, null))
            {
                var start = Utc(occurrence.Period.StartTime);
                if (start >= endUtc) break;
                var end = occurrence.Period.EffectiveEndTime is { } e ? Utc(e) : start;
                if (end <= start)
                    throw new InputException(path, null, $"the event '{(occurrence.Source as Ical.Net.CalendarComponents.CalendarEvent)?.Summary}' at {TextFormat.Utc(start)} has no length; give DTEND or DURATION");
                if (end > startUtc) result.Add(new Outage(DateTime.SpecifyKind(start, DateTimeKind.Utc), DateTime.SpecifyKind(end, DateTimeKind.Utc)));
            }
        }
        catch (Exception e) when (e is not InputException and not IOException)
        {
            throw new InputException(path, null, $"its events cannot be expanded: {e.Message.ReplaceLineEndings(" ")}");
        }

        return result;
    }
}
