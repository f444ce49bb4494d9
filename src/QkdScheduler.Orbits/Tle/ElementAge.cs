using System.Globalization;
using QkdScheduler.Orbits.Sgp4;

namespace QkdScheduler.Orbits.Tle;

/// <summary>
/// How far a period lies from the epoch of the elements that propagate it. SGP4's error grows with the time from
/// epoch (element sets are fits meant for propagation near their epoch: Vallado et al. 2006, "Revisiting Spacetrack
/// Report #3", AIAA 2006-6753, §I), so element sets more than <see cref="WarnDays"/> from the period are worth a
/// warning and ones more than <see cref="RefuseDays"/> away are refused unless the user says they mean it (a policy,
/// not a formula). The age is the distance from the epoch to the farther end of the period.
/// </summary>
/// <param name="Kind">"TLE" or "orbit" (a synthetic element set), for the message.</param>
public sealed record ElementAge(string Satellite, string Kind, DateTime EpochUtc, double Days, string Relation)
{
    public const double WarnDays = 14;
    public const double RefuseDays = 365;

    public static ElementAge Of(string satellite, string kind, DateTime epochUtc, DateTime startUtc, DateTime endUtc)
    {
        var fromStart = (epochUtc - startUtc).TotalDays;
        var fromEnd = (epochUtc - endUtc).TotalDays;
        return Math.Abs(fromStart) >= Math.Abs(fromEnd)
            ? new(satellite, kind, epochUtc, Math.Abs(fromStart), fromStart >= 0 ? "after the period starts" : "before the period starts")
            : new(satellite, kind, epochUtc, Math.Abs(fromEnd), fromEnd >= 0 ? "after the period ends" : "before the period ends");
    }

    public bool NeedsWarning => Days > WarnDays;

    public bool TooOld => Days > RefuseDays;

    /// <summary>In plain words: "Micius TLE epoch 2016-12-18 is 90.9 days after the period starts".</summary>
    public string Text => string.Create(CultureInfo.InvariantCulture,
        $"{(Satellite.Equals(Kind, StringComparison.OrdinalIgnoreCase) ? "" : Satellite + " ")}{Kind} epoch {EpochUtc:yyyy-MM-dd} is {Days:0.0} days {Relation}");

    /// <summary>
    /// The first moment of the period (its start, its end, or a day boundary between them) at which SGP4 fails, with the
    /// reason (decay: the orbit fell below the Earth's surface); null when it propagates throughout.
    /// </summary>
    public static (DateTime Utc, Sgp4Error Error)? FirstFailure(MeanElements elements, DateTime startUtc, DateTime endUtc)
    {
        var propagator = new Sgp4Propagator(elements);
        for (var t = startUtc; ; t = t.AddDays(1))
        {
            var at = t < endUtc ? t : endUtc;
            var error = propagator.PropagateJd(Time.JulianDate.FromUtc(at), out _, out _);
            if (error != Sgp4Error.None) return (at, error);
            if (at == endUtc) return null;
        }
    }
}
