namespace QkdScheduler.Links.Friis;

/// <summary>
/// The long-term beam waist of seed 004 eq. (5), W_L = W₀ √(Θ₀² + Λ₀²) (1 + T)³ᐟ⁵, for the
/// HAP-to-ground hop where Friis does not apply, and the W₀ that minimises it (dW_L/dW₀ = 0,
/// found by golden-section search on ln W₀). The paper's example: a HAP 20 km above its station,
/// C_n²(0) = 1.7×10⁻¹⁵, gives W_L = 10.5 cm at W₀ = 7.0 cm.
/// </summary>
public static class LongTermBeam
{
    /// <summary>W_L in metres for a waist W₀ in metres over a path of <paramref name="pathLengthKm"/> (heights in km, as every link model's).</summary>
    public static double WaistM(FriisLink link, double transmitterWaistM, double pathLengthKm, double transmitterAltitudeKm, double receiverHeightKm, double elevationDeg = 90)
    {
        var beam = BeamParameters.For(pathLengthKm, transmitterWaistM, link.WaveNumber);
        var t = link.TurbulenceT(beam, elevationDeg, transmitterAltitudeKm, receiverHeightKm);
        return transmitterWaistM * Math.Sqrt(1 + beam.Lambda0 * beam.Lambda0) * Math.Pow(1 + t, 3.0 / 5);
    }

    /// <summary>(W₀, W_L) at the minimum of W_L over W₀ in [1 mm, 10 m], W₀ to 10⁻⁹ relative.</summary>
    public static (double TransmitterWaistM, double LongTermWaistM) Optimum(FriisLink link, double pathLengthKm, double transmitterAltitudeKm, double receiverHeightKm, double elevationDeg = 90)
    {
        double F(double lnW) => WaistM(link, Math.Exp(lnW), pathLengthKm, transmitterAltitudeKm, receiverHeightKm, elevationDeg);
        double a = Math.Log(1e-3), b = Math.Log(10);
        var phi = (Math.Sqrt(5) - 1) / 2;
        double c = b - phi * (b - a), d = a + phi * (b - a);
        double fc = F(c), fd = F(d);
        while (b - a > 1e-9)
        {
            if (fc < fd) { b = d; d = c; fd = fc; c = b - phi * (b - a); fc = F(c); }
            else { a = c; c = d; fc = fd; d = a + phi * (b - a); fd = F(d); }
        }

        var w0 = Math.Exp((a + b) / 2);
        return (w0, WaistM(link, w0, pathLengthKm, transmitterAltitudeKm, receiverHeightKm, elevationDeg));
    }
}
