using QkdScheduler.Links.Turbulence;

namespace QkdScheduler.Links.Tests.Turbulence;

public sealed class HufnagelValleyTests
{
    private static readonly HufnagelValley Table3 = new();

    /// <summary>C_n²(0) is the ground value plus the 2.7×10⁻¹⁶ term (the wind term is 0 at h = 0).</summary>
    [Fact]
    public void Ground_value() => Assert.Equal(1.7e-14 + 2.7e-16, Table3.Cn2(0), 1e-24);

    /// <summary>
    /// ∫₀^∞ C_n² dh in closed form: C_n²(0)·100 + 2.7×10⁻¹⁶·1500 + 0.00594 (21/27)² 10⁻⁵⁰ · 10! · 1000¹¹
    /// = 1.7×10⁻¹² + 4.05×10⁻¹³ + 1.30394×10⁻¹³ = 2.235394×10⁻¹² m¹ᐟ³ (Γ-function integral of h¹⁰e^(−h/1000)).
    /// </summary>
    [Fact]
    public void Column_integral_matches_closed_form()
    {
        var wind = 0.00594 * Math.Pow(21.0 / 27, 2) * 1e-50 * 3628800 * Math.Pow(1000, 11);
        var exact = 1.7e-14 * 100 + 2.7e-16 * 1500 + wind;
        Assert.Equal(exact, Table3.Integrals(0, 36_000_000).Cn2, exact * 1e-6);
    }

    [Fact]
    public void Weighted_integrals_are_bounded_by_the_column()
    {
        var i = Table3.Integrals(0, 1_200_000);
        Assert.True(i.GroundWeighted < i.Cn2);
        Assert.True(i.Mu2 < i.Cn2 * 1e-3); // x⁵ᐟ³ is tiny inside the atmosphere of a 1200 km path
    }
}
