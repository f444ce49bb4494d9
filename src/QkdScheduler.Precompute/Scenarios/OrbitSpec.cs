using System.Globalization;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;
using QkdScheduler.Orbits.Sgp4;
using QkdScheduler.Orbits.Synthetic;

namespace QkdScheduler.Precompute.Scenarios;

/// <summary>
/// The synthetic orbit of a scenario's <c>orbit:</c> block and of <c>passes --orbit KEY=VALUE,...</c>: one key set and
/// one range table for both (SGP4 mean elements, see <see cref="KeplerianOrbit"/>). Every value must be finite and
/// in its range; exactly one of altitude_km and semi_major_axis_km is given. <c>sun_synchronous: true</c> derives the
/// inclination from the altitude (<see cref="SunSynchronous"/>), and then <c>ltan: "HH:MM"</c> the RAAN from the local
/// time of the ascending node at the epoch.
/// </summary>
public static class OrbitSpec
{
    /// <summary>One element: its key, the default when it may be left out (null: required), and its range.</summary>
    private sealed record Rule(string Key, double? Default, Func<double, bool> Valid, string Range);

    /// <summary>Lowest altitude accepted: below it the orbit decays within days.</summary>
    public const double MinAltitudeKm = 100;

    /// <summary>Highest altitude accepted: past the Moon's distance SGP4's Earth-centred model means nothing.</summary>
    public const double MaxAltitudeKm = 400_000;

    private static readonly Rule[] Rules =
    [
        new("altitude_km", null, v => v is >= MinAltitudeKm and <= MaxAltitudeKm, $"within {MinAltitudeKm}..{MaxAltitudeKm:0} km"),
        new("semi_major_axis_km", null, v => v >= GravityModelRadiusKm + MinAltitudeKm && v <= GravityModelRadiusKm + MaxAltitudeKm,
            $"within {GravityModelRadiusKm + MinAltitudeKm:0.###}..{GravityModelRadiusKm + MaxAltitudeKm:0.###} km (100 km altitude and up)"),
        new("inclination_deg", null, v => v is >= 0 and <= 180, "within 0..180 degrees"),
        new("eccentricity", 0, v => v is >= 0 and < 1, "within [0, 1)"),
        new("raan_deg", 0, v => v is >= -360 and <= 360, "within -360..360 degrees"),
        new("arg_perigee_deg", 0, v => v is >= -360 and <= 360, "within -360..360 degrees"),
        new("mean_anomaly_deg", 0, v => v is >= -360 and <= 360, "within -360..360 degrees"),
    ];

    private static double GravityModelRadiusKm => GravityModel.Wgs72.RadiusKm;

    public const string EpochKey = "epoch";
    public const string SunSynchronousKey = "sun_synchronous";
    public const string LtanKey = "ltan";

    /// <summary>Every key an orbit takes.</summary>
    public static IReadOnlyList<string> Keys { get; } = [.. Rules.Select(r => r.Key), EpochKey, SunSynchronousKey, LtanKey];

    /// <summary>
    /// The orbit from its values: <paramref name="value"/> gives a key's text or null when it is absent, and
    /// <paramref name="fail"/> turns a key and a reason into the caller's error (file and line, or the option).
    /// The epoch defaults to <paramref name="defaultEpoch"/>.
    /// </summary>
    public static SatelliteSpec Parse(Func<string, string?> value, Func<string, string, InputException> fail, DateTime defaultEpoch, string source)
    {
        var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var rule in Rules)
        {
            var text = value(rule.Key);
            if (text is null)
            {
                if (rule.Default is { } d) numbers[rule.Key] = d;
                continue;
            }
            if (!TextFormat.TryParseDouble(text.Trim(), out var v) || !double.IsFinite(v))
                throw fail(rule.Key, $"{rule.Key} '{text}' is not a finite number (use '.' as the decimal point)");
            if (!rule.Valid(v)) throw fail(rule.Key, $"{rule.Key} is {text}; it must be {rule.Range}");
            numbers[rule.Key] = v;
        }

        if (numbers.ContainsKey("altitude_km") == numbers.ContainsKey("semi_major_axis_km"))
            throw fail("altitude_km", "an orbit needs exactly one of altitude_km and semi_major_axis_km");
        var epoch = defaultEpoch;
        if (value(EpochKey) is { } epochText && !TextFormat.TryParseUtc(epochText, out epoch))
            throw fail(EpochKey, $"epoch '{epochText}' is not an ISO 8601 UTC time such as 2016-09-19T00:00:00Z");

        var a = numbers.TryGetValue("altitude_km", out var altitude) ? KeplerianOrbit.SemiMajorAxisForAltitude(altitude) : numbers["semi_major_axis_km"];
        var sunSynchronous = value(SunSynchronousKey) switch
        {
            null or "false" => false,
            "true" => true,
            var other => throw fail(SunSynchronousKey, $"sun_synchronous is '{other}'; write true or false"),
        };
        var ltanText = value(LtanKey);
        if (sunSynchronous)
        {
            if (value("inclination_deg") != null) throw fail("inclination_deg", "sun_synchronous: true derives inclination_deg from the altitude; leave inclination_deg out");
            try
            {
                numbers["inclination_deg"] = SunSynchronous.InclinationDeg(a - GravityModelRadiusKm, numbers["eccentricity"]);
            }
            catch (InputException ex)
            {
                throw fail("altitude_km", ex.Reason);
            }

            if (ltanText != null)
            {
                if (value("raan_deg") != null) throw fail("raan_deg", "ltan sets the RAAN; give raan_deg or ltan, not both");
                var hours = SunSynchronous.ParseLtan(ltanText) ?? throw fail(LtanKey, $"ltan '{ltanText}' is not a local time HH:MM such as \"22:30\"");
                numbers["raan_deg"] = SunSynchronous.RaanDeg(hours, epoch);
            }
        }
        else if (ltanText != null) throw fail(LtanKey, "ltan is the local time of the ascending node of a sun-synchronous orbit; add sun_synchronous: true");

        if (!numbers.ContainsKey("inclination_deg")) throw fail("inclination_deg", "an orbit needs inclination_deg (or sun_synchronous: true)");
        var (e, i, raan, argp, m) = (numbers["eccentricity"], numbers["inclination_deg"], numbers["raan_deg"], numbers["arg_perigee_deg"], numbers["mean_anomaly_deg"]);
        MeanElements elements;
        try
        {
            elements = new KeplerianOrbit("orbit", a, e, i, raan, argp, m, epoch).ToMeanElements();
        }
        catch (InputException ex)
        {
            throw fail("altitude_km", ex.Reason);
        }

        return new SatelliteSpec(elements, source, string.Create(CultureInfo.InvariantCulture,
            $"synthetic orbit a = {a:0.###} km, e = {e}, i = {i}°, RAAN = {raan}°, ω = {argp}°, M = {m}° (SGP4 mean elements, epoch {TextFormat.Utc(epoch)})"));
    }
}
