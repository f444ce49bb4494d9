using QkdScheduler.Core;
using QkdScheduler.Core.IO;

namespace QkdScheduler.Orbits.Stations;

/// <summary>
/// Reads a stations CSV: header with at least <c>name,latitude_deg,longitude_deg,altitude_m</c>
/// (other columns, e.g. weight, share or source notes, are allowed and ignored here). Latitude
/// within ±90°, longitude within −180°..360° (east positive), altitude in metres within
/// −500..9000 m, names unique.
/// </summary>
public static class StationFile
{
    public static readonly string[] RequiredColumns = ["name", "latitude_deg", "longitude_deg", "altitude_m"];

    public static IReadOnlyList<GroundStation> Read(string path)
    {
        var (columns, rows) = CsvLines.ReadTable(path, RequiredColumns);
        var stations = new List<GroundStation>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var name = row.Fields[columns["name"]].Trim();
            if (name.Length == 0) throw new InputException(path, row.Line, "station name is empty");
            if (!seen.Add(name)) throw new InputException(path, row.Line, $"station '{name}' is listed twice; names must be unique");
            if (!InstanceFiles.IsFormulaSafe(name)) throw new InputException(path, row.Line, $"station name '{name}' {InstanceFiles.FormulaRule}");
            var lat = CsvLines.ParseFiniteDouble(path, row, columns["latitude_deg"], "latitude_deg");
            var lon = CsvLines.ParseFiniteDouble(path, row, columns["longitude_deg"], "longitude_deg");
            var alt = CsvLines.ParseFiniteDouble(path, row, columns["altitude_m"], "altitude_m");
            if (lat is < -90 or > 90)
                throw new InputException(path, row.Line, $"latitude_deg {lat} of '{name}' must be within -90..90 (degrees, north positive)");
            if (lon is < -180 or > 360)
                throw new InputException(path, row.Line, $"longitude_deg {lon} of '{name}' must be within -180..360 (degrees, east positive)");
            if (alt is < -500 or > 9000)
                throw new InputException(path, row.Line, $"altitude_m {alt} of '{name}' must be within -500..9000 (metres above the ellipsoid; is it in feet or km?)");
            stations.Add(new GroundStation(name, lat, lon, alt));
        }
        if (stations.Count == 0) throw new InputException(path, null, "no stations listed");
        return stations;
    }
}
