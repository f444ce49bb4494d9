using System.Globalization;
using QkdScheduler.Core;

namespace QkdScheduler.Orbits.Tle;

/// <summary>Which element set of a file to use, and why (shown to the user).</summary>
public sealed record TleChoice(TwoLineElements Set, int Candidates, double DaysFromStart)
{
    public string Describe() =>
        $"element set of {Set.Name} ({Set.SatelliteNumber}), epoch {Set.EpochUtc:yyyy-MM-dd HH:mm:ss} UTC ({Set.Source})"
        + (Candidates == 1 ? "" : $": the closest of {Candidates} sets")
        + $", {DaysFromStart:+0.0;-0.0;0} days from the start of the period";
}

public static class TleSelection
{
    /// <summary>
    /// Picks the sets of one satellite (by NORAD number or name, case-insensitive; optional when the
    /// file holds one satellite) and, among them, the set whose epoch is closest to the start of the
    /// period: SGP4 errors grow with the distance from epoch, so this is standard practice.
    /// </summary>
    public static TleChoice Choose(IReadOnlyList<TwoLineElements> sets, string? satellite, DateTime periodStartUtc, string file)
    {
        IReadOnlyList<TwoLineElements> candidates;
        if (string.IsNullOrWhiteSpace(satellite))
        {
            var numbers = sets.Select(s => s.SatelliteNumber).Distinct().ToList();
            if (numbers.Count > 1)
                throw new InputException(file, null,
                    $"the file holds {numbers.Count} satellites ({string.Join(", ", numbers.Take(8))}{(numbers.Count > 8 ? ", …" : "")}); choose one with --satellite NAME_OR_NORAD");
            candidates = sets;
        }
        else
        {
            var key = satellite.Trim();
            candidates = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? sets.Where(s => s.SatelliteNumber == number).ToList()
                : sets.Where(s => s.Name.Contains(key, StringComparison.OrdinalIgnoreCase)).ToList();
            if (candidates.Count == 0)
                throw new InputException(file, null,
                    $"no element set for satellite '{key}'; the file has {string.Join(", ", sets.Select(s => $"{s.Name} ({s.SatelliteNumber})").Distinct().Take(8))}");
            if (candidates.Select(s => s.SatelliteNumber).Distinct().Count() > 1)
                throw new InputException(file, null,
                    $"'{key}' matches several satellites ({string.Join(", ", candidates.Select(s => s.SatelliteNumber).Distinct())}); give the NORAD number");
        }
        var startJd = Time.JulianDate.FromUtc(periodStartUtc);
        var best = candidates.MinBy(s => Math.Abs(s.EpochJd - startJd))!;
        return new TleChoice(best, candidates.Count, best.EpochJd - startJd);
    }
}
