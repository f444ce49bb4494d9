using QkdScheduler.Orbits.Frames;

namespace QkdScheduler.Orbits.Stations;

/// <summary>An optical ground station: WGS-84 geodetic latitude and longitude (degrees) and altitude (metres).</summary>
public sealed record GroundStation(string Name, double LatitudeDeg, double LongitudeDeg, double AltitudeM)
{
    public Geodetic Geodetic => new(LatitudeDeg, LongitudeDeg, AltitudeM / 1000.0);
}
