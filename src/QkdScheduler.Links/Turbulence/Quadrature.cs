namespace QkdScheduler.Links.Turbulence;

/// <summary>Adaptive Simpson quadrature with Richardson correction (Lyness 1969).</summary>
public static class Quadrature
{
    private const int MaxDepth = 50;

    public static double AdaptiveSimpson(Func<double, double> f, double a, double b, double relativeTolerance)
    {
        if (b <= a) return 0;
        double fa = f(a), fb = f(b), fm = f((a + b) / 2);
        var whole = (b - a) / 6 * (fa + 4 * fm + fb);
        // A first estimate sets the absolute target, so pieces where f is negligible stop early.
        var coarse = Math.Abs(whole);
        for (var i = 1; i < 16; i++) coarse = Math.Max(coarse, Math.Abs(f(a + (b - a) * i / 16)) * (b - a));
        return Recurse(f, a, b, fa, fm, fb, whole, Math.Max(coarse * relativeTolerance, double.Epsilon), MaxDepth);
    }

    private static double Recurse(Func<double, double> f, double a, double b, double fa, double fm, double fb, double whole, double tolerance, int depth)
    {
        var m = (a + b) / 2;
        double lm = (a + m) / 2, rm = (m + b) / 2;
        double flm = f(lm), frm = f(rm);
        var left = (m - a) / 6 * (fa + 4 * flm + fm);
        var right = (b - m) / 6 * (fm + 4 * frm + fb);
        var delta = left + right - whole;
        if (depth <= 0 || Math.Abs(delta) <= 15 * tolerance) return left + right + delta / 15;
        return Recurse(f, a, m, fa, flm, fm, left, tolerance / 2, depth - 1) + Recurse(f, m, b, fm, frm, fb, right, tolerance / 2, depth - 1);
    }
}
