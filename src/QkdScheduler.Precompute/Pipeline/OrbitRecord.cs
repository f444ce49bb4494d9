using System.Text.Json;
using System.Text.Json.Nodes;
using QkdScheduler.Core;
using QkdScheduler.Core.Model;
using QkdScheduler.Orbits.Sgp4;
using QkdScheduler.Orbits.Stations;

namespace QkdScheduler.Precompute.Pipeline;

/// <summary>A station as the pointing needs it: where it is and the mask it sees above (the scenario's and its own rules).</summary>
/// <param name="Horizon">The station's horizon points (azimuth °, minimum elevation °), sorted; empty for none.</param>
public sealed record PointingStation(GroundStation Site, double MinElevationDeg, IReadOnlyList<(double AzimuthDeg, double ElevationDeg)> Horizon)
{
    private readonly Scenarios.StationRule _mask = new(MinElevationDeg, Horizon, []);

    /// <summary>Whether the satellite at this elevation and azimuth is above the station's mask.</summary>
    public bool Sees(double elevationDeg, double azimuthDeg) => _mask.Clears(elevationDeg, azimuthDeg);
}

/// <summary>
/// The orbit and the stations an instance was computed from, kept in its provenance (<c>orbit_elements</c>: each
/// satellite's SGP4 mean elements; <c>station_coordinates</c>: each station's position and mask, both as JSON), so a
/// solve folder can be turned into pointing angles and contact azimuths without the scenario, and its files, at hand.
/// Numbers are written with round-trip precision, so the propagation is the precompute's, bit for bit.
/// </summary>
public static class OrbitRecord
{
    public const string ElementsKey = "orbit_elements";
    public const string StationsKey = "station_coordinates";

    /// <summary>The provenance entries for satellites (id → elements; a one-satellite instance's id is null) and stations.</summary>
    public static Dictionary<string, string> Entries(IEnumerable<(string? Id, MeanElements Elements)> satellites, IEnumerable<PointingStation> stations)
    {
        var elements = new JsonArray(satellites.Select(s => (JsonNode)new JsonObject
        {
            ["satellite"] = s.Id,
            ["name"] = s.Elements.Name,
            ["norad"] = s.Elements.SatelliteNumber,
            ["epoch_jd"] = s.Elements.EpochJd,
            ["bstar"] = s.Elements.Bstar,
            ["eccentricity"] = s.Elements.Eccentricity,
            ["inclination_rad"] = s.Elements.InclinationRad,
            ["raan_rad"] = s.Elements.RaanRad,
            ["arg_perigee_rad"] = s.Elements.ArgPerigeeRad,
            ["mean_anomaly_rad"] = s.Elements.MeanAnomalyRad,
            ["mean_motion_rad_per_min"] = s.Elements.MeanMotionRadPerMin,
        }).ToArray());
        var sites = new JsonArray(stations.Select(s => (JsonNode)new JsonObject
        {
            ["id"] = s.Site.Name,
            ["latitude_deg"] = s.Site.LatitudeDeg,
            ["longitude_deg"] = s.Site.LongitudeDeg,
            ["altitude_m"] = s.Site.AltitudeM,
            ["min_elevation_deg"] = s.MinElevationDeg,
            ["horizon"] = new JsonArray(s.Horizon.Select(h => (JsonNode)new JsonArray(h.AzimuthDeg, h.ElevationDeg)).ToArray()),
        }).ToArray());
        return new Dictionary<string, string>
        {
            [ElementsKey] = elements.ToJsonString(),
            [StationsKey] = sites.ToJsonString(),
        };
    }

    /// <summary>The stations of a scenario with their effective masks (the scenario's minimum, raised by a station's own).</summary>
    public static IEnumerable<PointingStation> Stations(Scenarios.Scenario s) => s.Stations.Select(g =>
    {
        var rule = s.StationRules.GetValueOrDefault(g.Name);
        return new PointingStation(g, Math.Max(s.Visibility.MinElevationDeg, rule?.MinElevationDeg ?? double.NegativeInfinity), rule?.Horizon ?? []);
    });

    /// <summary>Whether the instance records its orbit (instances from older versions or imports do not).</summary>
    public static bool Has(Problem problem) => problem.Provenance.ContainsKey(ElementsKey) && problem.Provenance.ContainsKey(StationsKey);

    /// <summary>
    /// The recorded satellites (by satellite index: one entry for a one-satellite instance) and stations (by id); an
    /// instance without the record, or with a broken one, is an input error naming <paramref name="path"/>.
    /// </summary>
    public static (IReadOnlyList<MeanElements> Satellites, IReadOnlyDictionary<string, PointingStation> Stations) Read(Problem problem, string path)
    {
        if (!Has(problem))
            throw new InputException(path, null,
                $"records no orbit ({ElementsKey}, {StationsKey} in its provenance): it was not made by this version's precompute; precompute its scenario again");
        try
        {
            var elements = JsonNode.Parse(problem.Provenance[ElementsKey])!.AsArray().Select(e => (
                Id: (string?)e!["satellite"],
                Elements: new MeanElements((string)e["name"]!, (int)e["norad"]!, (double)e["epoch_jd"]!, (double)e["bstar"]!, (double)e["eccentricity"]!,
                    (double)e["inclination_rad"]!, (double)e["raan_rad"]!, (double)e["arg_perigee_rad"]!, (double)e["mean_anomaly_rad"]!,
                    (double)e["mean_motion_rad_per_min"]!))).ToList();
            var satellites = new List<MeanElements>();
            for (var s = 0; s < problem.SatelliteCount; s++)
            {
                var id = problem.SatelliteId(s);
                satellites.Add(elements.FirstOrDefault(e => e.Id == id).Elements
                               ?? throw new InputException(path, null, $"{ElementsKey} has no elements for satellite '{id}'; precompute its scenario again"));
            }

            var stations = JsonNode.Parse(problem.Provenance[StationsKey])!.AsArray().Select(x => new PointingStation(
                    new GroundStation((string)x!["id"]!, (double)x["latitude_deg"]!, (double)x["longitude_deg"]!, (double)x["altitude_m"]!),
                    (double)x["min_elevation_deg"]!,
                    x["horizon"]!.AsArray().Select(h => ((double)h![0]!, (double)h[1]!)).ToList()))
                .ToDictionary(x => x.Site.Name, StringComparer.Ordinal);
            foreach (var g in problem.Nodes.SelectMany(n => n.Stations))
                if (!stations.ContainsKey(g)) throw new InputException(path, null, $"{StationsKey} has no coordinates for station '{g}'; precompute its scenario again");
            return (satellites, stations);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NullReferenceException or InvalidCastException or ArgumentException)
        {
            throw new InputException(path, null, $"its {ElementsKey} or {StationsKey} cannot be read ({e.Message.ReplaceLineEndings(" ")}); precompute its scenario again");
        }
    }
}
