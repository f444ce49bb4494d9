namespace QkdScheduler.Links.Weather;

/// <summary>
/// Seed 000 eq. 3: the loss through cloud of optical-thickness index α (Himawari-8 cloud statistics,
/// integers 0 = cloudless … 150 = overcast): Λ_C = −10 log10((150 − α)/150) dB for 0 ≤ α &lt; 150;
/// α = 150 blocks the link (+∞ dB).
/// </summary>
public static class CloudLoss
{
    public const int Overcast = 150;

    public static double FromIndexDb(double alpha)
    {
        if (!(alpha >= 0) || alpha > Overcast) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "cloud index must be within 0..150");
        return alpha >= Overcast ? double.PositiveInfinity : alpha == 0 ? 0.0 : -10.0 * Math.Log10((Overcast - alpha) / Overcast);
    }
}
