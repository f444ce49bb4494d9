namespace QkdScheduler.Orbits.Sgp4;

/// <summary>
/// Earth constants used by SGP4. Vallado, Crawford, Hujsak, Kelso, "Revisiting Spacetrack
/// Report #3", AIAA 2006-6753, Sec. "Gravitational constants": SGP4 element sets are fitted with
/// WGS-72, so WGS-72 is the only correct choice for propagating TLEs.
/// </summary>
public sealed record GravityModel(string Name, double Mu, double RadiusKm, double J2, double J3, double J4)
{
    /// <summary>WGS-72 (AIAA 2006-6753, Table "getgravconst", wgs72).</summary>
    public static readonly GravityModel Wgs72 = new("WGS-72", 398600.8, 6378.135, 0.001082616, -0.00000253881, -0.00000165597);

    /// <summary>Square root of mu in earth radii^1.5 per minute: xke = 60 / sqrt(R^3 / mu).</summary>
    public double Xke => 60.0 / Math.Sqrt(RadiusKm * RadiusKm * RadiusKm / Mu);
    public double J3OverJ2 => J3 / J2;
}
