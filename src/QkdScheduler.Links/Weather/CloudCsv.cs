using System.Globalization;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;

namespace QkdScheduler.Links.Weather;

/// <summary>
/// Weather from CSV files with one row per station and time, each value holding for one slot:
/// <list type="bullet">
/// <item><c>cloud-index-csv</c>: columns <c>time_utc,station,cloud_index</c>, the cloud optical
/// thickness index α (whole number 0–150) converted with seed 000 eq. 3; 150 means no link;</item>
/// <item><c>cloud-fraction-csv</c>: columns <c>time_utc,station,cloud_percent</c> (0–100); the link
/// is available (0 dB) when the cloud cover is below a threshold and blocked otherwise (the
/// availability model of Polnik et al. 2020's cloud data).</item>
/// </list>
/// Times are ISO 8601; without a zone they are read as UTC (the column says so). Rows for stations
/// outside the scenario are ignored, but every scenario station must have rows.
/// </summary>
public static class CloudCsv
{
    public const string IndexSourceName = "cloud-index-csv";
    public const string FractionSourceName = "cloud-fraction-csv";
    public static readonly ParameterRule Threshold = new("threshold_percent", 50, v => v is > 0 and <= 100, "within (0, 100] percent");

    public static SlotSeries ReadIndex(string path, IReadOnlyList<string> stations, TimeSpan slot, MissingWeather missing) =>
        Read(path, stations, slot, missing, "cloud_index", (row, text) =>
        {
            if (!TextFormat.TryParseDouble(text, out var alpha) || alpha != Math.Floor(alpha) || alpha is < 0 or > CloudLoss.Overcast)
                throw new InputException(path, row, $"cloud_index '{text}' must be a whole number 0..150 (Himawari-8 cloud optical thickness index: 0 clear, 150 overcast; not a fraction or a percentage)");
            return CloudLoss.FromIndexDb(alpha);
        }, $"{IndexSourceName} {path}");

    public static IWeatherSource ReadFraction(string path, IReadOnlyList<string> stations, TimeSpan slot, MissingWeather missing, double thresholdPercent)
    {
        Threshold.Check(thresholdPercent, path);
        return ReadCover(path, stations, slot, missing).Below(thresholdPercent);
    }

    /// <summary>A <c>cloud-fraction-csv</c> file as a cloud cover (fractions 0..1), for seed 004's dual-link weather.</summary>
    public static CloudCover ReadCover(string path, IReadOnlyList<string> stations, TimeSpan slot, MissingWeather missing)
    {
        var description = $"{FractionSourceName} {path}";
        var series = Read(path, stations, slot, missing, "cloud_percent", (row, text) =>
        {
            if (!TextFormat.TryParseDouble(text, out var percent) || !double.IsFinite(percent) || percent is < 0 or > 100)
                throw new InputException(path, row, $"cloud_percent '{text}' must be a number within 0..100 (percent of sky covered)");
            return percent / 100;
        }, description);
        return new CloudCover(series, description, slot);
    }

    private static SlotSeries Read(string path, IReadOnlyList<string> stations, TimeSpan slot, MissingWeather missing, string valueColumn,
        Func<int, string, double> lossDb, string description)
    {
        var (columns, rows) = CsvLines.ReadTable(path, ["time_utc", "station", valueColumn]);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < stations.Count; i++) index[stations[i]] = i;
        var series = stations.Select(_ => new List<(DateTime, double)>()).ToArray();
        var seen = new HashSet<(int, DateTime)>();
        var others = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var name = row.Fields[columns["station"]].Trim();
            if (!index.TryGetValue(name, out var s))
            {
                others.Add(name);
                continue;
            }

            var timeText = row.Fields[columns["time_utc"]].Trim();
            var time = ParseTime(path, row.Line, timeText);
            if (!seen.Add((s, time))) throw new InputException(path, row.Line, $"station '{name}' at {timeText} appears twice; give one value per station and time");
            series[s].Add((time, lossDb(row.Line, row.Fields[columns[valueColumn]].Trim())));
        }

        if (missing == MissingWeather.Error)
            for (var s = 0; s < stations.Count; s++)
                if (series[s].Count == 0)
                    throw new InputException(path, null,
                        $"has no rows for station '{stations[s]}'" + (others.Count > 0 ? $" (stations in the file: {string.Join(", ", others.Take(12))})" : "") +
                        "; the names must match the stations file");
        return new SlotSeries(description, path, stations, series, slot, missing);
    }

    private static readonly string[] NoZoneFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm"];

    private static DateTime ParseTime(string path, int line, string text)
    {
        if (TextFormat.TryParseUtc(text, out var utc)) return utc;
        if (DateTime.TryParseExact(text, NoZoneFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out utc))
            return utc;
        throw new InputException(path, line, $"time_utc '{text}' is not an ISO 8601 time such as 2016-09-19T00:00:00Z");
    }
}
