using QkdScheduler.KeyRates.Entanglement;

namespace QkdScheduler.KeyRates.Tests.Entanglement;

public sealed class SkyBackgroundTests
{
    /// <summary>
    /// Eq. (10) by hand, H_b = 100 W/(m² sr µm), Δθ = 10 µrad, D_r = 1 m, λ = 810 nm, Δλ = 0.2 nm, Δt = 20 ps:
    ///   Ω = π(10⁻⁵)²/4 = 7.85398×10⁻¹¹ sr, area = π/4 = 0.785398 m², λ/(hc) = 810×10⁻⁹/1.98645×10⁻²⁵ = 4.07762×10¹⁸ J⁻¹
    ///   N_b = 100 · 7.85398×10⁻¹¹ · 0.785398 · 2×10⁻⁴ µm · 2×10⁻¹¹ s · 4.07762×10¹⁸ = 1.00612×10⁻⁴
    /// Eq. (9): Y₀ = N_b · 0.8 · 0.9 · 0.85 + 4 · 100 Hz · 2×10⁻¹¹ s = 6.15744×10⁻⁵ + 8×10⁻⁹ = 6.15824×10⁻⁵.
    /// </summary>
    [Fact]
    public void Sky_photons_and_background_probability_by_hand()
    {
        var b = new SkyBackground(QkdScheduler.Core.ParameterValues.Of(SkyBackground.Rules, new Dictionary<string, double> { ["sky_radiance"] = 100 }));
        Assert.Equal(1.00612e-4, b.SkyPhotons(1.0, 810), 9);
        Assert.Equal(6.15824e-5, b.BackgroundProbability(1.0, 810, 0.8, 0.85), 9);
    }
}
