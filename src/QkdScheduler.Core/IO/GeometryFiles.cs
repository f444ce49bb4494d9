using System.Globalization;

namespace QkdScheduler.Core.IO;

/// <summary>One row of geometry.csv: means over the visible samples of one interval and station.</summary>
/// <param name="LossDb">Mean total link loss in dB (+∞ when cloud blocked the link in any sample).</param>
/// <param name="CloudLossDb">Mean cloud loss in dB (+∞ likewise).</param>
/// <param name="Satellite">The satellite seen, in a constellation instance; null for one satellite.</param>
/// <param name="AzimuthDeg">Mean azimuth (circular mean, degrees from north through east, 0..360); null in files written before it was kept.</param>
public sealed record GeometryRow(int Interval, string Station, double ElevationDeg, double RangeKm, double LossDb, double CloudLossDb, string? Satellite = null,
    double? AzimuthDeg = null);

/// <summary>
/// <c>geometry.csv</c> of an instance (docs/architecture.md, optional, from precompute): header
/// <c>interval,station,elevation_deg,range_km,loss_db,cloud_loss_db,azimuth_deg</c> (files without the last column still
/// read, with no azimuths), sorted by interval then
/// station order, one row per interval and station with any visible sample (also when cloud
/// blocked it, so K = 0). Infinite losses are written <c>inf</c>. A constellation's file has a satellite column
/// after the interval (<c>interval,satellite,station,...</c>), one row per interval, satellite and station.
/// </summary>
public static class GeometryFiles
{
    public const string FileName = "geometry.csv";
    public static readonly string[] Header = ["interval", "station", "elevation_deg", "range_km", "loss_db", "cloud_loss_db", "azimuth_deg"];
    public static readonly string[] ConstellationHeader = ["interval", "satellite", .. Header[1..]];

    /// <summary>Writes the rows; <paramref name="satellites"/> (a constellation's) picks the header with the satellite column, rows or none.</summary>
    public static void Write(string directory, IReadOnlyList<GeometryRow> rows, bool satellites = false) =>
        AtomicFile.Write(Path.Combine(directory, FileName), w =>
        {
            w.WriteLine(string.Join(',', satellites ? ConstellationHeader : Header));
            foreach (var r in rows)
                w.WriteLine(string.Join(',', satellites
                    ? [TextFormat.Number(r.Interval), r.Satellite ?? "", r.Station, F(r.ElevationDeg), F(r.RangeKm), F(r.LossDb), F(r.CloudLossDb), A(r.AzimuthDeg)]
                    : new[] { TextFormat.Number(r.Interval), r.Station, F(r.ElevationDeg), F(r.RangeKm), F(r.LossDb), F(r.CloudLossDb), A(r.AzimuthDeg) }));
        });

    /// <summary>Either form; <see cref="HasSatellites"/> tells which a file is.</summary>
    public static IReadOnlyList<GeometryRow> Read(string path)
    {
        var satellites = HasSatellites(path);
        var header = satellites ? ConstellationHeader : Header;
        // The satellite column, when there is one, sits after the interval and moves the others one to the right.
        var at = satellites ? 1 : 0;
        // azimuth_deg, the last column, is optional: older files end at cloud_loss_db.
        return CsvLines.Read(path, header, header.Length - 1).Select(row =>
        {
            string? satellite = null;
            if (satellites)
            {
                satellite = row.Fields[1].Trim();
                if (satellite.Length == 0) throw new InputException(path, row.Line, "satellite is empty; every row of a constellation's geometry names its satellite");
            }

            return new GeometryRow(CsvLines.ParseInt(path, row, 0, "interval"), row.Fields[at + 1].Trim(),
                ParseNumber(path, row, at + 2, header), ParseNumber(path, row, at + 3, header), ParseNumber(path, row, at + 4, header),
                ParseNumber(path, row, at + 5, header), satellite,
                row.Fields.Length > at + 6 && row.Fields[at + 6].Trim().Length > 0 ? Azimuth(path, row, at + 6) : null);
        }).ToList();
    }

    /// <summary>Whether the file's header has the satellite column of a constellation's geometry.</summary>
    public static bool HasSatellites(string path) => CsvLines.HeaderLine(path, string.Join(',', Header)).StartsWith("interval,satellite,", StringComparison.Ordinal);

    private static string A(double? azimuth) => azimuth is { } a ? a.ToString("0.##", CultureInfo.InvariantCulture) : "";

    private static double Azimuth(string path, CsvLines.Row row, int column)
    {
        var a = CsvLines.ParseFiniteDouble(path, row, column, "azimuth_deg");
        return a is >= 0 and <= 360 ? a : throw new InputException(path, row.Line, $"azimuth_deg {a} is outside 0..360 degrees");
    }

    private static string F(double v) => double.IsPositiveInfinity(v) ? "inf" : v.ToString("0.####", CultureInfo.InvariantCulture);

    private static double ParseNumber(string path, CsvLines.Row row, int column, string[] header) =>
        row.Fields[column].Trim() == "inf" ? double.PositiveInfinity : CsvLines.ParseFiniteDouble(path, row, column, header[column]);
}
