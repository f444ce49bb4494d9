using QkdScheduler.Core;
using QkdScheduler.Links.Friis;

namespace QkdScheduler.Links.Tests.Friis;

public sealed class FriisLinkTests
{
    private static readonly FriisLink Table3 = new();

    /// <summary>
    /// Seed 004 Appendix B: "the Fried parameter varies from r₀ = 5.8 cm at a 30° elevation angle to
    /// r₀ = 8.8 cm near zenith" (C_n²(0) = 1.7×10⁻¹⁴, v = 21 m/s, 810 nm). Eq. (13) gives 5.85 and 8.86 cm:
    /// the paper prints two digits and 8.86 appears as 8.8 (truncated), so the tolerance is ±0.1 cm.
    /// A LEO source at 1200 km with a 50 cm aperture (Λ₀ ≈ 10); station at sea level.
    /// </summary>
    [Theory]
    [InlineData(30, 0.058)]
    [InlineData(90, 0.088)]
    public void Fried_parameter_at_30_degrees_and_zenith(double elevationDeg, double paperM)
    {
        var range = 1200 / Math.Sin(elevationDeg * Math.PI / 180);
        var beam = Table3.Beam(range, 0.5);
        Assert.Equal(paperM, Table3.FriedParameterM(beam, elevationDeg, 1200, 0), 0.001);
    }

    /// <summary>
    /// Eq. (1)–(3) by hand for 15 000 km, 50 cm → 1 m, at zenith, σ_p = 0.4 µrad, η_zen = 0.8:
    ///   W₀ = 0.5/√8 = 0.176777 m; G_tx = 8(π W₀/λ)² = (π·0.5/810 nm)² = (1.939255×10⁶)² = 3.76071×10¹² (125.753 dB)
    ///   G_rx = (π·1/810 nm)² = 1.50428×10¹³ (131.773 dB); η_BS = (810 nm/(4π·1.5×10⁷ m))² = 1.84658×10⁻²⁹ (−287.336 dB)
    ///   η_p = 1/((2π W₀/λ)² (0.4 µrad)² + 1) = 1/(1.880354×10¹² · 1.6×10⁻¹³ + 1) = 1/1.300857 = 0.768724 (−1.142 dB)
    ///   η_atm = 0.8 (−0.969 dB); total = −125.753 − 131.773 + 287.336 + 1.142 + 0.969 = 31.92 dB before
    ///   turbulence, which is ≪ 0.01 dB here (μ₂ ~ 10⁻¹⁸).
    /// </summary>
    [Fact]
    public void Meo_zenith_hop_by_hand()
    {
        var hop = Table3.Downlink(15_000, 90, 15_000, 0, 0.5, 1.0);
        Assert.Equal(3.76071e12, hop.TxGain, 3.76071e12 * 1e-5);
        Assert.Equal(1.50428e13, hop.RxGain, 1.50428e13 * 1e-5);
        Assert.Equal(1.84658e-29, hop.Spreading, 1.84658e-29 * 1e-5);
        Assert.Equal(0.768724, hop.Pointing, 5);
        Assert.Equal(0.8, hop.Atmosphere, 12);
        Assert.True(hop.T < 1e-4);
        Assert.Equal(31.92, hop.LossDb, 2);
        Assert.True(hop.FarField);
    }

    [Fact]
    public void Atmosphere_scales_with_air_mass() =>
        Assert.Equal(0.8 * 0.8, Table3.Downlink(2000, 30, 1200, 0, 0.5, 1).Atmosphere, 12);

    [Fact]
    public void Vacuum_hop_has_no_atmosphere_and_near_field_is_flagged()
    {
        var isl = Table3.Vacuum(4000, 0.5, 0.5);
        Assert.Equal(1, isl.Atmosphere);
        Assert.Equal(1, isl.Turbulence);
        Assert.True(isl.FarField);
        // 20 km from a 20 cm aperture: Λ₀ = 2·2×10⁴/(k·0.0707²) = 1.03, not ≫ 1.
        Assert.False(Table3.Vacuum(20, 0.2, 0.3).FarField);
    }

    /// <summary>
    /// Eq. (5): "the minimum beam waist at the receiver is obtained W_L = 10.5 cm, which corresponds to
    /// W₀ = 7.0 cm" for a HAP 20 km up with C_n²(0) = 1.7×10⁻¹⁵. Without turbulence the minimum of
    /// W₀ √(1 + Λ₀²) is at W₀ = √(2L/k) = 7.18 cm with W_L = √2·7.18 = 10.16 cm; turbulence widens it.
    /// Tolerance: the paper's one decimal (±0.05 cm), plus 0.2 cm on W₀ because W_L is flat near its minimum.
    /// </summary>
    [Fact]
    public void Hap_long_term_waist_minimum()
    {
        var link = new FriisLink(ParameterValues.Of(FriisLink.Rules, new Dictionary<string, double> { ["ground_cn2"] = 1.7e-15 }));
        var (w0, wl) = LongTermBeam.Optimum(link, 20, 20, 0);
        Assert.Equal(0.105, wl, 0.0005);
        Assert.Equal(0.070, w0, 0.002);
    }

    /// <summary>
    /// As a station link (<see cref="ILinkModel"/>), the same MEO zenith hop by hand (above): geometric
    /// −10 log10(G_tx η_BS G_rx) = −(125.753 + 131.773 − 287.336) = 29.810 dB, pointing 1.142 dB, atmospheric
    /// 0.969 dB (turbulence ≪ 0.01 dB), no coupling or detection term, the cloud loss added as given; at zenith the
    /// altitude is the range, so the budget equals <see cref="FriisLink.Downlink"/>'s.
    /// </summary>
    [Fact]
    public void Station_link_budget_is_the_hop_in_decibels()
    {
        var budget = Table3.Budget(15_000, 90, cloudDb: 2.5);
        Assert.Equal(29.810, budget.GeometricDb, 2);
        Assert.Equal(1.142, budget.PointingDb, 3);
        Assert.Equal(0.969, budget.AtmosphericDb, 2);
        Assert.Equal(0, budget.CouplingDb);
        Assert.Equal(0, budget.DetectionDb);
        Assert.Equal(2.5, budget.CloudDb);
        Assert.Equal(31.92 + 2.5, budget.TotalDb, 2);
    }

    /// <summary>
    /// (R + h)² = R² + L² + 2RL sin θ with R = 6371.0088 km, by hand: L = 1000 km on the horizon,
    /// h = √(40 589 753.13 + 1 000 000) − 6371.0088 = 6449.0118 − 6371.0088 = 78.0030 km; at 30° (2RL sin θ = 6 371 008.8),
    /// h = √47 960 761.93 − 6371.0088 = 6925.3709 − 6371.0088 = 554.3621 km;
    /// at zenith h = L.
    /// </summary>
    [Theory]
    [InlineData(1000, 0, 78.0030)]
    [InlineData(1000, 30, 554.3621)]
    [InlineData(500, 90, 500)]
    public void Altitude_from_range_and_elevation(double rangeKm, double elevationDeg, double altitudeKm) =>
        Assert.Equal(altitudeKm, FriisLink.AltitudeKm(rangeKm, elevationDeg), 3);

    [Fact]
    public void Apertures_are_parameters_of_the_station_link_only()
    {
        var link = new FriisLink(ParameterValues.Of(FriisLink.StationRules, new Dictionary<string, double> { ["receiver_aperture_m"] = 0.6 }));
        Assert.Equal(0.6, link.ReceiverApertureM);
        Assert.Equal(0.5, link.TransmitterApertureM);
        Assert.Throws<InputException>(() => ParameterValues.Of(FriisLink.Rules, new Dictionary<string, double> { ["receiver_aperture_m"] = 0.6 }));
    }
}
