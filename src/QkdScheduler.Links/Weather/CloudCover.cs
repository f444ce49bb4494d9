using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using QkdScheduler.Core;

namespace QkdScheduler.Links.Weather;

/// <summary>
/// Cloud cover as a fraction of the sky (0..1) per station and time, for seed 004's availability
/// model: a link needs less cloud than a threshold (20 %, or 50 % when a HAP can move over a gap;
/// seed 004 section III.1). Stations are addressed by scenario index.
/// </summary>
public sealed class CloudCover
{
    public const string SyntheticSourceName = "synthetic-cloud-fraction";
    public static readonly ParameterRule Correlation = new("correlation", 0.1, v => v is >= 0 and < 1, "within [0, 1): the latent correlation between every two stations (seed 004 Appendix C reports about 0.11)");
    public static readonly ParameterRule Persistence = new("persistence_hours", 24, v => v > 0, "a positive number of hours");

    private readonly SlotSeries _fractions;

    /// <param name="fractions">Per station the cloud fraction (0..1) of each slot; +∞ (a blocked gap) reads as 1.</param>
    public CloudCover(SlotSeries fractions, string description, TimeSpan slot)
    {
        _fractions = fractions;
        Description = description;
        Slot = slot;
    }

    public string Description { get; }
    public TimeSpan Slot { get; }

    public double Fraction(int station, DateTime utc)
    {
        var v = _fractions.CloudLossDb(station, utc);
        return double.IsPositiveInfinity(v) ? 1 : v;
    }

    /// <summary>The weather a link sees: clear (0 dB) below the threshold, blocked (+∞) at or above it.</summary>
    public IWeatherSource Below(double thresholdPercent) => new ThresholdWeather(this, thresholdPercent);

    /// <summary>
    /// A seeded synthetic cover: the latent AR(1) field of <see cref="SyntheticWeather"/> with the same
    /// correlation ρ between every two stations, and the cloud fraction f = u^γ of its uniform variate u,
    /// γ = (1 − m)/m, so that the long-run mean cloud fraction is E[u^γ] = 1/(1 + γ) = m.
    /// </summary>
    public static CloudCover Synthetic(int seed, IReadOnlyList<string> stations, IReadOnlyList<double> meanFraction, double persistenceHours, double correlation,
        TimeSpan slot, DateTime startUtc, DateTime endUtc)
    {
        var n = stations.Count;
        var sigma = Matrix<double>.Build.Dense(n, n, (i, j) => i == j ? 1.0 : correlation);
        var series = stations.Select(_ => new List<(DateTime, double)>()).ToArray();
        foreach (var (start, u) in SyntheticWeather.LatentUniforms(seed, sigma, persistenceHours, slot, startUtc, endUtc))
            for (var s = 0; s < n; s++)
                series[s].Add((start, FractionOf(u[s], meanFraction[s])));
        var description = string.Create(CultureInfo.InvariantCulture,
            $"{SyntheticSourceName} (seed {seed}, correlation {correlation}, τ {persistenceHours} h, {slot.TotalMinutes:0.##}-minute slots)");
        return new CloudCover(new SlotSeries(description, SyntheticSourceName, stations, series, slot, MissingWeather.Error), description, slot);
    }

    /// <summary>f = u^((1 − m)/m): 0 for m = 0, 1 for m = 1.</summary>
    public static double FractionOf(double u, double mean) => mean <= 0 ? 0 : mean >= 1 ? 1 : Math.Pow(u, (1 - mean) / mean);

    private sealed class ThresholdWeather(CloudCover cover, double thresholdPercent) : IWeatherSource
    {
        public string Description => string.Create(CultureInfo.InvariantCulture, $"{cover.Description} (link available below {thresholdPercent} % cloud)");

        public double CloudLossDb(int station, DateTime utc) => cover.Fraction(station, utc) * 100 < thresholdPercent ? 0 : double.PositiveInfinity;
    }
}

/// <summary>
/// Seed 004 Appendix C from a cloud cover: per UTC day each station's mean cloud fraction, a day
/// "clear" at a station when that mean is below the threshold; P(A), P(B), P(A ∩ B) as fractions of
/// days, the Pearson correlation of the two clear-day indicators
/// ρ = (P(A∩B) − P(A)P(B)) / √(P(A)(1 − P(A)) P(B)(1 − P(B))), and the days per year with both clear
/// (the paper's "dual link ... 29 days per year", 108 with HAPs at 50 %).
/// </summary>
public readonly record struct DualWeatherStatistics(int Days, double ClearA, double ClearB, double ClearBoth, double Pearson, double DualDaysPerYear)
{
    /// <summary>The Appendix C formula on given probabilities (NaN when a station is always or never clear).</summary>
    public static double PearsonOf(double pA, double pB, double pBoth) => (pBoth - pA * pB) / Math.Sqrt(pA * (1 - pA) * pB * (1 - pB));

    public static DualWeatherStatistics Compute(CloudCover cover, int a, int b, DateTime startUtc, DateTime endUtc, double thresholdPercent)
    {
        int days = 0, clearA = 0, clearB = 0, both = 0;
        for (var day = startUtc.Date; day < endUtc; day = day.AddDays(1))
        {
            double sumA = 0, sumB = 0;
            var count = 0;
            for (var t = day < startUtc ? startUtc : day; t < day.AddDays(1) && t < endUtc; t += cover.Slot)
            {
                sumA += cover.Fraction(a, t);
                sumB += cover.Fraction(b, t);
                count++;
            }

            if (count == 0) continue;
            days++;
            var okA = sumA / count * 100 < thresholdPercent;
            var okB = sumB / count * 100 < thresholdPercent;
            if (okA) clearA++;
            if (okB) clearB++;
            if (okA && okB) both++;
        }

        double pA = (double)clearA / days, pB = (double)clearB / days, pBoth = (double)both / days;
        return new DualWeatherStatistics(days, pA, pB, pBoth, PearsonOf(pA, pB, pBoth), both / ((endUtc - startUtc).TotalDays / 365.25));
    }
}
