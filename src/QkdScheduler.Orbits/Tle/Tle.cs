using QkdScheduler.Orbits.Sgp4;
using QkdScheduler.Orbits.Time;

namespace QkdScheduler.Orbits.Tle;

/// <summary>
/// One two-line element set with every field decoded (implied decimal points and exponents
/// applied), in the units printed in the TLE. Format: CelesTrak, "NORAD Two-Line Element Set
/// Format" (T. S. Kelso), as also described in AIAA 2006-6753, Appendix.
/// </summary>
public sealed record TwoLineElements
{
    public required string Name { get; init; }
    public required int SatelliteNumber { get; init; }
    public required char Classification { get; init; }
    public required string InternationalDesignator { get; init; }
    /// <summary>Four-digit epoch year (two-digit years 57–99 are 1957–1999, 00–56 are 2000–2056).</summary>
    public required int EpochYear { get; init; }
    /// <summary>Day of the year with fraction; 1.0 is January 1 00:00 UTC.</summary>
    public required double EpochDay { get; init; }
    /// <summary>First derivative of mean motion divided by 2, rev/day².</summary>
    public required double MeanMotionDot { get; init; }
    /// <summary>Second derivative of mean motion divided by 6, rev/day³.</summary>
    public required double MeanMotionDdot { get; init; }
    /// <summary>B* drag term, inverse earth radii.</summary>
    public required double Bstar { get; init; }
    public required int EphemerisType { get; init; }
    public required int ElementSetNumber { get; init; }
    public required double InclinationDeg { get; init; }
    public required double RaanDeg { get; init; }
    public required double Eccentricity { get; init; }
    public required double ArgPerigeeDeg { get; init; }
    public required double MeanAnomalyDeg { get; init; }
    /// <summary>Mean motion, revolutions per day.</summary>
    public required double MeanMotionRevPerDay { get; init; }
    public required int RevolutionNumber { get; init; }
    public required string Line1 { get; init; }
    public required string Line2 { get; init; }
    /// <summary>Where line 1 was read from, "file:line".</summary>
    public required string Source { get; init; }

    /// <summary>Epoch as a UTC Julian date (Vallado jday of January 1 plus the day of year − 1).</summary>
    public double EpochJd => JulianDate.FromCalendar(EpochYear, 1, 1, 0, 0, 0) + (EpochDay - 1.0);

    public DateTime EpochUtc => JulianDate.ToUtc(EpochJd);

    /// <summary>The SGP4 inputs: radians and radians per minute (AIAA 2006-6753, twoline2rv).</summary>
    public MeanElements ToMeanElements()
    {
        const double deg = Math.PI / 180.0;
        const double revPerDayToRadPerMin = 2 * Math.PI / 1440.0;
        return new MeanElements(Name, SatelliteNumber, EpochJd, Bstar, Eccentricity,
            InclinationDeg * deg, RaanDeg * deg, ArgPerigeeDeg * deg, MeanAnomalyDeg * deg,
            MeanMotionRevPerDay * revPerDayToRadPerMin);
    }
}
