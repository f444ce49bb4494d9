using System.Globalization;

namespace QkdScheduler.Core;

/// <summary>
/// The one documented range of every number that enters an instance (docs/commands.md, "Limits"), checked
/// where it enters (instance files, importers, options). Inside them every total stays finite, every
/// date representable and no native solver is handed a value its LP code aborts on.
/// </summary>
public static class Limits
{
    /// <summary>Largest K[m,n]: 10¹⁰ per interval (a 1 Gbit/s link for 10 s); with at most <see cref="MaxIntervals"/> intervals totals stay below 10¹⁸.</summary>
    public const double MaxKeyPerInterval = 1e10;

    /// <summary>Longest interval: one day.</summary>
    public const double MaxIntervalSeconds = 86_400;

    /// <summary>Most intervals in an instance (a year of 1-second intervals is 3.2×10⁷).</summary>
    public const int MaxIntervals = 100_000_000;

    /// <summary>Most weather scenarios of an ensemble (a scenario file names them 0..this − 1).</summary>
    public const int MaxScenarios = 10_000;

    /// <summary>Largest weight or share before normalising (so their sum is finite and no normalised value underflows to 0).</summary>
    public const double MaxWeight = 1e15;

    /// <summary>Instances lie within the range of the time formulas (Julian dates, GMST): 1900-03-01 to 2100-02-28.</summary>
    public static readonly DateTime EarliestUtc = new(1900, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly DateTime LatestUtc = new(2100, 2, 28, 0, 0, 0, DateTimeKind.Utc);

    public static bool IsKeyValue(double v) => v >= 0 && v <= MaxKeyPerInterval;

    public static bool IsWeight(double v) => v >= 0 && v <= MaxWeight;

    /// <summary>Null when a period of <paramref name="intervals"/> × <paramref name="intervalSeconds"/> from <paramref name="start"/> fits the range, otherwise why not.</summary>
    public static string? PeriodProblem(DateTime start, double intervalSeconds, long intervals)
    {
        if (start < EarliestUtc || start > LatestUtc)
            return $"start {start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} must lie within {EarliestUtc:yyyy-MM-dd} and {LatestUtc:yyyy-MM-dd}";
        var seconds = intervalSeconds * intervals;
        if (seconds > (LatestUtc - start).TotalSeconds)
            return string.Create(CultureInfo.InvariantCulture, $"the period ({intervals} intervals of {intervalSeconds} s) must end by {LatestUtc:yyyy-MM-dd}");
        return null;
    }
}
