using System.Globalization;

namespace QkdScheduler.Core.IO;

/// <summary>One row of geometry.csv: means over the visible samples of one interval and station.</summary>
/// <param name="LossDb">Mean total link loss in dB (+∞ when cloud blocked the link in any sample).</param>
/// <param name="CloudLossDb">Mean cloud loss in dB (+∞ likewise).</param>
public sealed record GeometryRow(int Interval, string Station, double ElevationDeg, double RangeKm, double LossDb, double CloudLossDb);

/// <summary>
/// <c>geometry.csv</c> of an instance (docs/architecture.md, optional, from precompute): header
/// <c>interval,station,elevation_deg,range_km,loss_db,cloud_loss_db</c>, sorted by interval then
/// station order, one row per interval and station with any visible sample (also when cloud
/// blocked it, so K = 0). Infinite losses are written <c>inf</c>.
/// </summary>
public static class GeometryFiles
{
    public const string FileName = "geometry.csv";
    public static readonly string[] Header = ["interval", "station", "elevation_deg", "range_km", "loss_db", "cloud_loss_db"];

    public static void Write(string directory, IEnumerable<GeometryRow> rows) =>
        AtomicFile.Write(Path.Combine(directory, FileName), w =>
        {
            w.WriteLine(string.Join(',', Header));
            foreach (var r in rows)
                w.WriteLine(string.Join(',', TextFormat.Number(r.Interval), r.Station, F(r.ElevationDeg), F(r.RangeKm), F(r.LossDb), F(r.CloudLossDb)));
        });

    public static IReadOnlyList<GeometryRow> Read(string path) =>
        CsvLines.Read(path, Header).Select(row => new GeometryRow(
            CsvLines.ParseInt(path, row, 0, "interval"), row.Fields[1].Trim(),
            ParseNumber(path, row, 2), ParseNumber(path, row, 3), ParseNumber(path, row, 4), ParseNumber(path, row, 5))).ToList();

    private static string F(double v) => double.IsPositiveInfinity(v) ? "inf" : v.ToString("0.####", CultureInfo.InvariantCulture);

    private static double ParseNumber(string path, CsvLines.Row row, int column) =>
        row.Fields[column].Trim() == "inf" ? double.PositiveInfinity : CsvLines.ParseFiniteDouble(path, row, column, Header[column]);
}
