using QkdScheduler.Orbits.Frames;

namespace QkdScheduler.Orbits.Sun;

/// <summary>
/// Cylindrical Earth-shadow model (Vallado, 4th ed., Sec. 5.3, "cylindrical shadow"): a satellite
/// is in shadow when it is on the night side (r·ŝ &lt; 0) and within one Earth radius of the
/// Earth–Sun line. It ignores the penumbra and the umbra's taper, which shifts shadow entry and
/// exit of a LEO satellite by a few seconds.
/// </summary>
public static class EarthShadow
{
    /// <summary>Radius of the shadow cylinder, km (WGS-84 equatorial radius).</summary>
    public const double RadiusKm = Wgs84.EquatorialRadiusKm;

    /// <summary>
    /// A continuous margin, km: negative inside the shadow, positive in sunlight (distance from
    /// the shadow cylinder's surface on the night side; that plus the distance from the terminator
    /// plane on the day side, so it is continuous). The pass finder root-finds its zero crossings.
    /// </summary>
    public static double Margin(Vec3 satellite, Vec3 sunDirectionUnit)
    {
        var along = Vec3.Dot(satellite, sunDirectionUnit);
        if (along >= 0) return satellite.Norm - RadiusKm + along;
        var perpendicular = (satellite - along * sunDirectionUnit).Norm;
        return perpendicular - RadiusKm;
    }

    public static bool InShadow(Vec3 satellite, Vec3 sun) => Margin(satellite, (1.0 / sun.Norm) * sun) < 0;
}
