using System.Globalization;
using QkdScheduler.Core;

namespace QkdScheduler.Orbits.Passes;

public enum NightRuleKind
{
    /// <summary>No darkness condition: every moment above the mask counts.</summary>
    None,
    /// <summary>The Sun's centre is below an elevation threshold at the station (−6° = civil twilight).</summary>
    SunBelow,
    /// <summary>The satellite is in the Earth's (cylindrical) shadow.</summary>
    Shadow,
}

/// <summary>When a station may be served: the darkness rule of a pass search.</summary>
public sealed record NightRule(NightRuleKind Kind, double SunElevationDeg = -6.0)
{
    public static readonly NightRule None = new(NightRuleKind.None);
    public static readonly NightRule CivilTwilight = new(NightRuleKind.SunBelow, -6.0);
    public static readonly NightRule Shadow = new(NightRuleKind.Shadow);

    /// <summary>Parses <c>none</c>, <c>shadow</c>, <c>sun-below</c> (−6°) or <c>sun-below:DEG</c>.</summary>
    public static NightRule Parse(string text, string? source = null)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t == "none") return None;
        if (t == "shadow") return Shadow;
        if (t == "sun-below") return CivilTwilight;
        if (t.StartsWith("sun-below:", StringComparison.Ordinal)
            && double.TryParse(t["sun-below:".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var deg)
            && double.IsFinite(deg) && deg is >= -90 and <= 90)
            return new NightRule(NightRuleKind.SunBelow, deg);
        throw new InputException(source, null,
            $"night rule '{text}' is not one of: none, shadow, sun-below:DEG (Sun elevation threshold in degrees, e.g. sun-below:-6)");
    }

    public override string ToString() => Kind switch
    {
        NightRuleKind.None => "none",
        NightRuleKind.Shadow => "shadow",
        _ => $"sun-below:{SunElevationDeg.ToString(CultureInfo.InvariantCulture)}",
    };
}
