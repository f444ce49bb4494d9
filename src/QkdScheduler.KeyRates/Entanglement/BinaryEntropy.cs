namespace QkdScheduler.KeyRates.Entanglement;

/// <summary>
/// h(x) = −x log₂ x − (1 − x) log₂(1 − x) for x ≤ 1/2 and 1 otherwise, as seed 004 defines it
/// under eq. (11).
/// </summary>
public static class BinaryEntropy
{
    public static double Of(double x)
    {
        if (x <= 0) return 0;
        if (x > 0.5) return 1;
        return -x * Math.Log2(x) - (1 - x) * Math.Log2(1 - x);
    }
}
