namespace QkdScheduler.Orbits.Time;

/// <summary>
/// UTC calendar date ↔ Julian date. The formula is Vallado, "Fundamentals of Astrodynamics and
/// Applications" (4th ed.), Algorithm 14 (JD), valid 1900 March 1 – 2100 February 28; it is the
/// <c>jday</c> routine that ships with AIAA 2006-6753. UTC is used for UT1 (|UT1 − UTC| &lt; 0.9 s,
/// about 0.004° of Earth rotation, far below what visibility needs).
/// </summary>
public static class JulianDate
{
    /// <summary>Julian date of 2000 January 1 12:00 (J2000.0).</summary>
    public const double J2000 = 2451545.0;

    public static double FromCalendar(int year, int month, int day, int hour, int minute, double second) =>
        367.0 * year
        - Math.Floor(7 * (year + Math.Floor((month + 9) / 12.0)) * 0.25)
        + Math.Floor(275 * month / 9.0)
        + day + 1721013.5
        + ((second / 60.0 + minute) / 60.0 + hour) / 24.0;

    public static double FromUtc(DateTime utc)
    {
        if (utc.Kind == DateTimeKind.Local) utc = utc.ToUniversalTime();
        var seconds = utc.Second + (utc.Ticks % TimeSpan.TicksPerSecond) / (double)TimeSpan.TicksPerSecond;
        return FromCalendar(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, seconds);
    }

    /// <summary>The UTC instant of a Julian date, rounded to the nearest 100 ns tick.</summary>
    public static DateTime ToUtc(double jd)
    {
        var unixEpochJd = 2440587.5;
        var ticks = (long)Math.Round((jd - unixEpochJd) * TimeSpan.TicksPerDay);
        return DateTime.UnixEpoch.AddTicks(ticks);
    }
}
