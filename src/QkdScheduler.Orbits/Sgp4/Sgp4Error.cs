namespace QkdScheduler.Orbits.Sgp4;

/// <summary>SGP4 error codes, numbered as in AIAA 2006-6753 (sgp4 routine, "error" output).</summary>
public enum Sgp4Error
{
    None = 0,
    /// <summary>Mean eccentricity out of range (e &lt; 0 or e ≥ 1) or mean semi-major axis below 0.95 earth radii.</summary>
    MeanEccentricity = 1,
    /// <summary>Mean motion not positive.</summary>
    MeanMotion = 2,
    /// <summary>Perturbed eccentricity out of range (deep space, after lunar-solar periodics).</summary>
    PerturbedEccentricity = 3,
    /// <summary>Semi-latus rectum negative.</summary>
    SemiLatusRectum = 4,
    /// <summary>Epoch elements are sub-orbital (not returned by this implementation; kept for numbering).</summary>
    SubOrbital = 5,
    /// <summary>Satellite has decayed: radius below one earth radius.</summary>
    Decayed = 6,
}

public static class Sgp4ErrorText
{
    public static string Describe(Sgp4Error e) => e switch
    {
        Sgp4Error.None => "no error",
        Sgp4Error.MeanEccentricity => "mean eccentricity out of range or mean semi-major axis < 0.95 earth radii (error 1)",
        Sgp4Error.MeanMotion => "mean motion not positive (error 2)",
        Sgp4Error.PerturbedEccentricity => "perturbed eccentricity out of range (error 3)",
        Sgp4Error.SemiLatusRectum => "semi-latus rectum negative (error 4)",
        Sgp4Error.SubOrbital => "sub-orbital epoch elements (error 5)",
        Sgp4Error.Decayed => "satellite decayed: radius below one earth radius (error 6)",
        _ => e.ToString(),
    };
}
