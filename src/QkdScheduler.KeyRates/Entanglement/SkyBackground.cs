using QkdScheduler.Core;

namespace QkdScheduler.KeyRates.Entanglement;

/// <summary>
/// Background detection probability per coincidence window at one receiver, seed 004 eq. (9)–(10):
/// <code>
/// N_b = H_b Ω_FOV π (D_r/2)² λ Δλ Δt / (h c),   Ω_FOV = π Δθ² / 4
/// Y₀ = N_b η_rx η_spec η_d + 4 f_dark Δt
/// </code>
/// with H_b the sky radiance in W m⁻² sr⁻¹ µm⁻¹ (so Δλ enters in µm), Δθ the full field of view,
/// four detectors' dark counts. The paper gives no field of view for its SMF-coupled receivers
/// (only that SMF narrows it by 1–7 orders of magnitude against free-space detectors); the
/// default 10 µrad is our choice, about ten diffraction limits λ/D of a 1 m telescope at 810 nm.
/// </summary>
public sealed class SkyBackground
{
    private const double PlanckJs = 6.62607015e-34;
    private const double LightSpeedMs = 299_792_458.0;

    public static readonly ParameterRule SkyRadiance = new("sky_radiance", 1, v => v >= 0, "0 or more, in W/(m² sr µm) (seed 004 Table 3: 1–100)");
    public static readonly ParameterRule FieldOfView = new("field_of_view_urad", 10, v => v > 0, "a positive full angle in microradians");
    public static readonly ParameterRule FilterBandwidth = new("filter_bandwidth_nm", 0.2, v => v > 0, "a positive bandwidth in nanometres (seed 004 Table 3: 0.2)");
    public static readonly ParameterRule FilterEfficiency = new("filter_efficiency", 0.9, v => v is > 0 and <= 1, "a transmittance within (0, 1] (seed 004 Table 3: 0.9)");
    public static readonly ParameterRule DarkCounts = new("dark_count_hz", 100, v => v >= 0, "0 or more counts per second per detector (seed 004 Table 3: 100)");
    public static readonly ParameterRule CoincidenceWindow = new("coincidence_window_ps", 20, v => v > 0, "a positive window in picoseconds (seed 004: 20)");

    public static IReadOnlyList<ParameterRule> Rules { get; } = [SkyRadiance, FieldOfView, FilterBandwidth, FilterEfficiency, DarkCounts, CoincidenceWindow];

    public SkyBackground(ParameterValues? values = null)
    {
        values ??= ParameterValues.Of(Rules);
        SkyRadianceWm2SrUm = values[SkyRadiance];
        FieldOfViewUrad = values[FieldOfView];
        FilterBandwidthNm = values[FilterBandwidth];
        FilterTransmittance = values[FilterEfficiency];
        DarkCountHz = values[DarkCounts];
        CoincidenceWindowPs = values[CoincidenceWindow];
    }

    public double SkyRadianceWm2SrUm { get; }
    public double FieldOfViewUrad { get; }
    public double FilterBandwidthNm { get; }
    public double FilterTransmittance { get; }
    public double DarkCountHz { get; }
    public double CoincidenceWindowPs { get; }

    /// <summary>N_b of eq. (10): sky photons entering an aperture of <paramref name="apertureM"/> per window.</summary>
    public double SkyPhotons(double apertureM, double wavelengthNm)
    {
        var theta = FieldOfViewUrad * 1e-6;
        var solidAngle = Math.PI * theta * theta / 4;
        var area = Math.PI * apertureM * apertureM / 4;
        var lambda = wavelengthNm * 1e-9;
        var bandwidthUm = FilterBandwidthNm * 1e-3;
        var window = CoincidenceWindowPs * 1e-12;
        return SkyRadianceWm2SrUm * solidAngle * area * lambda * bandwidthUm * window / (PlanckJs * LightSpeedMs);
    }

    /// <summary>Y₀ of eq. (9), with η_rx the receiver optics and η_d the detector efficiency.</summary>
    public double BackgroundProbability(double apertureM, double wavelengthNm, double receiverTransmittance, double detectorEfficiency) =>
        Math.Min(1, SkyPhotons(apertureM, wavelengthNm) * receiverTransmittance * FilterTransmittance * detectorEfficiency
                    + 4 * DarkCountHz * CoincidenceWindowPs * 1e-12);
}
