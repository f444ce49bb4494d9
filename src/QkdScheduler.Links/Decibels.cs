namespace QkdScheduler.Links;

/// <summary>
/// Loss in decibels ↔ linear transmittance (power fraction that gets through). Loss is positive dB;
/// a blocked link has infinite loss and transmittance 0. Seed 000 eq. 5: η = 10^(−Λ/10).
/// </summary>
public static class Decibels
{
    public static double ToTransmittance(double lossDb) => double.IsPositiveInfinity(lossDb) ? 0.0 : Math.Pow(10.0, -lossDb / 10.0);

    public static double FromTransmittance(double transmittance) =>
        transmittance <= 0 ? double.PositiveInfinity : -10.0 * Math.Log10(transmittance);
}
