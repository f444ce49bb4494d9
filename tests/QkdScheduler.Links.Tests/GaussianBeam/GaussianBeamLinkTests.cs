using QkdScheduler.Core;
using QkdScheduler.Links.GaussianBeam;

namespace QkdScheduler.Links.Tests.GaussianBeam;

/// <summary>Seed 000 eq. 1–2 and the Λ_A0 / sin θ term, against hand calculations written out here.</summary>
public sealed class GaussianBeamLinkTests
{
    // Hand calculation, eq. 2: ω² = (λ/(πφ))² + (φL)²; eq. 1: Λ_G = 1 − exp(−D²/(2ω²)); dB = −10 log10 Λ_G.
    //  L = 500 km, φ = 10 µrad, λ = 1550 nm, D = 1.2 m:
    //    λ/(πφ) = 1.55e-6 / 3.14159e-5 = 0.0493380 m;  φL = 5 m;  ω² = 0.00243424 + 25 = 25.0024342 m²
    //    D²/(2ω²) = 1.44 / 50.0048685 = 0.0287972;  1 − e^−0.0287972 = 0.0283865;  −10 log10 → 15.4689 dB
    //  L = 1000 km, φ = 1 µrad: λ/(πφ) = 0.493380 m; φL = 1 m; ω² = 0.243424 + 1 = 1.243424 m²
    //    D²/(2ω²) = 1.44 / 2.486848 = 0.579046;  1 − e^−0.579046 = 0.439600;  → 3.5697 dB
    //  L = 35 863 km, φ = 3 µrad: λ/(πφ) = 0.164460 m; φL = 107.589 m; ω² = 11575.42 m²
    //    D²/(2ω²) = 1.44 / 23150.84 = 6.22008e-5;  1 − e^−x ≈ 6.21989e-5;  → 42.0622 dB
    [Theory]
    [InlineData(500, 10, 15.4689)]
    [InlineData(1000, 1, 3.5697)]
    [InlineData(35863, 3, 42.0622)]
    public void Geometric_loss_matches_eq_1_and_2(double rangeKm, double divergenceUrad, double expectedDb)
    {
        var link = new GaussianBeamLink(divergenceUrad: divergenceUrad);
        Assert.Equal(expectedDb, link.GeometricDb(rangeKm), 3);
    }

    [Fact]
    public void Receiver_size_enters_as_a_diameter()
    {
        // Doubling D quadruples D²/(2ω²); for a wide beam Λ_G ≈ D²/(2ω²), so the loss drops by 10 log10 4 = 6.02 dB.
        var small = new GaussianBeamLink(receiverDiameterM: 0.3).GeometricDb(1000);
        var large = new GaussianBeamLink(receiverDiameterM: 0.6).GeometricDb(1000);
        Assert.Equal(6.02, small - large, 2);
    }

    // Λ_A = Λ_A0 / sin θ with Λ_A0 = 2 dB: 2 / sin 10° = 2 / 0.173648 = 11.5175; 2 / sin 30° = 4; 2 / sin 90° = 2.
    [Theory]
    [InlineData(10, 11.5175)]
    [InlineData(30, 4.0)]
    [InlineData(90, 2.0)]
    public void Atmospheric_loss_grows_as_one_over_sine_elevation(double elevationDeg, double expectedDb) =>
        Assert.Equal(expectedDb, new GaussianBeamLink().AtmosphericDb(elevationDeg), 4);

    [Fact]
    public void Budget_reports_every_term_and_their_sum()
    {
        var b = new GaussianBeamLink().Budget(500, 90, cloudDb: 3.0103);
        Assert.Equal(15.4689, b.GeometricDb, 3);
        Assert.Equal(2.0, b.AtmosphericDb, 9);
        Assert.Equal(2.0, b.PointingDb); // Table 1
        Assert.Equal(3.0, b.CouplingDb);
        Assert.Equal(3.0, b.DetectionDb);
        Assert.Equal(3.0103, b.CloudDb);
        Assert.Equal(15.4689 + 2 + 2 + 3 + 3 + 3.0103, b.TotalDb, 3);
        Assert.Equal(Math.Pow(10, -b.TotalDb / 10), b.Transmittance, 12);
    }

    [Fact]
    public void Blocked_cloud_makes_the_whole_budget_infinite()
    {
        var b = new GaussianBeamLink().Budget(500, 45, double.PositiveInfinity);
        Assert.True(b.Blocked);
        Assert.Equal(0.0, b.Transmittance);
    }

    [Theory]
    [InlineData(0.0, 1.2)]
    [InlineData(-5.0, 1.2)]
    [InlineData(10.0, -1.2)]
    [InlineData(10.0, 0.0)]
    public void Rejects_zero_or_negative_divergence_and_diameter(double divergence, double diameter)
    {
        var e = Assert.Throws<InputException>(() => new GaussianBeamLink(divergenceUrad: divergence, receiverDiameterM: diameter));
        Assert.Contains(divergence <= 0 ? "divergence_urad" : "receiver_diameter_m", e.Message);
    }
}
