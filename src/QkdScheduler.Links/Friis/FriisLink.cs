using QkdScheduler.Core;
using QkdScheduler.Links.GaussianBeam;
using QkdScheduler.Links.Turbulence;

namespace QkdScheduler.Links.Friis;

/// <summary>
/// The seed 004 free-space link (Mohammadi, Godin, Jennewein, section III.1), one hop from a
/// transmitter of aperture D_t to a receiver of aperture D_r over a slant range L:
/// <list type="bullet">
/// <item>Gaussian beam parameters Θ₀ = 1, Λ₀ = 2L/(kW₀²), Θ = Θ₀/(Θ₀² + Λ₀²), Λ = Λ₀/(Θ₀² + Λ₀²),
/// W₀ = D_t/√8 (eq. 1);</item>
/// <item>η_FS = G_tx η_p η_BS η_atm η_turb G_rx with G_tx = 8(πW₀/λ)², G_rx = (πD_r/λ)²,
/// η_p = 1/((2πW₀/λ)² σ_p² + 1), η_BS = (λ/(4πL))², η_atm = η_zen^(1/sin θ), η_turb = 1/(1 + T)
/// (eq. 3); eq. (3) writes η_atm = 10^(log(η_zen) sec(π/2 − θ)), the same thing;</item>
/// <item>T = 4.35 μ₂ Λ⁵ᐟ⁶ k⁷ᐟ⁶ (L − h₀)⁵ᐟ⁶ sec(π/2 − θ)¹¹ᐟ⁶ (eq. 4) with L there the transmitter's
/// altitude ("L is the orbital altitude") and μ₂ from <see cref="HufnagelValley"/>;</item>
/// <item>the Fried parameter at the receiver, r₀ = 2.1 ρ₀, ρ₀ = [sin θ / (1.455 k² (μ₁ + 0.622 μ₂ Λ¹¹ᐟ⁶))]³ᐟ⁵,
/// μ₁ = Θ ∫C_n² + (1 − Θ) ∫C_n² (1 − x)⁵ᐟ³ (eq. 13), for the fibre coupling.</item>
/// </list>
/// Friis' equation holds only in the far field (footnote 4: Λ₀ ≫ 1); every hop reports Λ₀ and
/// <see cref="HopBudget.FarField"/> so callers can warn when it does not hold. A vacuum hop
/// (between satellites, or a satellite and a HAP above the weather) has no atmosphere and no
/// turbulence. A full-capture hop (a HAP 20 km above its station with an aperture that collects
/// the whole beam, section III.1 under eq. 4) replaces G_tx η_p η_BS G_rx by 1.
/// The paper gives no zenith transmittance η_zen: the default 0.8 (about 1 dB) is our assumption
/// for a clear sky at 810 nm; set <c>atmosphere_zenith_transmittance</c> per scenario.
/// <para>Units, as every link model's: ranges, altitudes and heights in kilometres, apertures, waists and
/// r₀ in metres, angles in degrees; the formulas are evaluated in SI inside.</para>
/// <para>As a station scenario's <c>link: {model: friis}</c> (<see cref="ILinkModel"/>) it is one downlink from a
/// satellite of aperture <c>transmitter_aperture_m</c> to a station of aperture <c>receiver_aperture_m</c>,
/// with the budget's terms: geometric G_tx η_BS G_rx, atmospheric η_atm η_turb, pointing η_p; no coupling or
/// detection term (the station scenario's protocol carries the detector). The satellite's altitude, which
/// eq. (4) needs, follows from the range and elevation on a sphere: (R + h)² = R² + L² + 2RL sin θ (the law of
/// cosines in the triangle Earth centre, station, satellite), R the mean Earth radius, the station at h₀ = 0.</para>
/// </summary>
public sealed class FriisLink : ILinkModel
{
    public const string ModelName = "friis";

    /// <summary>Mean Earth radius (IUGG R₁), km: the sphere of the altitude in <see cref="Budget"/>.</summary>
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>Below this Λ₀ a hop is not "far field" (Λ₀ ≫ 1): the budget is still given, with a warning.</summary>
    public const double FarFieldMinimum = 10;

    public static readonly ParameterRule Wavelength = new("wavelength_nm", 810, v => v > 0 && v < 1e6, "a positive wavelength in nanometres (seed 004: 810)");
    public static readonly ParameterRule PointingError = new("pointing_error_urad", 0.4, v => v >= 0 && v < 1e6, "0 or more microradians rms (seed 004 Table 3: 0.4)");
    public static readonly ParameterRule AtmosphereZenith = new("atmosphere_zenith_transmittance", 0.8, v => v is > 0 and <= 1, "a transmittance within (0, 1] (our default 0.8; the paper gives none)");

    public static readonly ParameterRule TransmitterAperture = new("transmitter_aperture_m", 0.5, v => v > 0 && v <= 100, "a positive diameter in metres (seed 004 Table 3: 0.5)");
    public static readonly ParameterRule ReceiverAperture = new("receiver_aperture_m", 1.0, v => v > 0 && v <= 100, "a positive diameter in metres (seed 004: 1.0)");

    /// <summary>The rules of a pair scenario's <c>link:</c> block (its apertures are the source's and the stations' own).</summary>
    public static IReadOnlyList<ParameterRule> Rules { get; } = [Wavelength, PointingError, AtmosphereZenith, .. HufnagelValley.Rules];

    /// <summary>The rules of a station scenario's <c>link: {model: friis}</c>: <see cref="Rules"/> and both apertures.</summary>
    public static IReadOnlyList<ParameterRule> StationRules { get; } = [.. Rules, TransmitterAperture, ReceiverAperture];

    public FriisLink(ParameterValues? values = null)
    {
        values ??= ParameterValues.Of(StationRules);
        WavelengthNm = values[Wavelength];
        PointingErrorUrad = values[PointingError];
        ZenithTransmittance = values[AtmosphereZenith];
        Profile = new HufnagelValley(values);
        TransmitterApertureM = values.TryGet(TransmitterAperture, out var t) ? t : TransmitterAperture.Default;
        ReceiverApertureM = values.TryGet(ReceiverAperture, out var r) ? r : ReceiverAperture.Default;
    }

    public string Name => ModelName;

    public string Description => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{ModelName}: wavelength {WavelengthNm} nm, pointing error {PointingErrorUrad} urad, zenith transmittance {ZenithTransmittance}, H-V 5/7 Cn2(0) {Profile.GroundCn2M23}, wind {Profile.WindSpeedMs} m/s, apertures {TransmitterApertureM} m to {ReceiverApertureM} m");

    /// <summary>The satellite's aperture in <see cref="Budget"/>.</summary>
    public double TransmitterApertureM { get; }

    /// <summary>The station's aperture in <see cref="Budget"/>.</summary>
    public double ReceiverApertureM { get; }

    /// <summary>Altitude above the station of a satellite at slant range <paramref name="rangeKm"/> and elevation <paramref name="elevationDeg"/>, on a sphere of <see cref="EarthRadiusKm"/>.</summary>
    public static double AltitudeKm(double rangeKm, double elevationDeg)
    {
        var r = EarthRadiusKm;
        return Math.Sqrt(r * r + rangeKm * rangeKm + 2 * r * rangeKm * Math.Sin(elevationDeg * Math.PI / 180)) - r;
    }

    /// <summary>The downlink budget of eq. (3) in decibels, the cloud loss added; η_FS is capped at 1 as in <see cref="HopBudget.Transmittance"/>.</summary>
    public LinkBudget Budget(double rangeKm, double elevationDeg, double cloudDb = 0.0)
    {
        var hop = Downlink(rangeKm, elevationDeg, AltitudeKm(rangeKm, elevationDeg), 0, TransmitterApertureM, ReceiverApertureM);
        var geometric = Math.Min(1, hop.TxGain * hop.Spreading * hop.RxGain);
        return new LinkBudget(Decibels.FromTransmittance(geometric), Decibels.FromTransmittance(hop.Atmosphere * hop.Turbulence),
            Decibels.FromTransmittance(hop.Pointing), 0, 0, cloudDb);
    }

    public double WavelengthNm { get; }
    public double PointingErrorUrad { get; }
    public double ZenithTransmittance { get; }
    public HufnagelValley Profile { get; }

    public double WaveNumber => 2 * Math.PI / (WavelengthNm * 1e-9);

    /// <summary>A hop through the atmosphere to a receiver at <paramref name="receiverHeightKm"/> seeing the transmitter at <paramref name="elevationDeg"/>.</summary>
    public HopBudget Downlink(double rangeKm, double elevationDeg, double transmitterAltitudeKm, double receiverHeightKm, double transmitterApertureM, double receiverApertureM)
    {
        CheckElevation(elevationDeg);
        var beam = Beam(rangeKm, transmitterApertureM);
        var free = FreeSpace(rangeKm * 1e3, transmitterApertureM, receiverApertureM);
        var (atm, turb, t, r0) = Atmosphere(beam, elevationDeg, transmitterAltitudeKm, receiverHeightKm);
        return new HopBudget(free.TxGain, free.RxGain, free.Pointing, free.Spreading, atm, turb, beam.Lambda0, t, r0);
    }

    /// <summary>A hop above the atmosphere (eq. 3 with η_atm = η_turb = 1).</summary>
    public HopBudget Vacuum(double rangeKm, double transmitterApertureM, double receiverApertureM)
    {
        var beam = Beam(rangeKm, transmitterApertureM);
        var free = FreeSpace(rangeKm * 1e3, transmitterApertureM, receiverApertureM);
        return new HopBudget(free.TxGain, free.RxGain, free.Pointing, free.Spreading, 1, 1, beam.Lambda0, 0, double.PositiveInfinity);
    }

    /// <summary>A full-capture hop (G_tx η_p η_BS G_rx ≈ 1): only atmosphere and turbulence remain.</summary>
    public HopBudget FullCapture(double rangeKm, double elevationDeg, double transmitterAltitudeKm, double receiverHeightKm, double transmitterApertureM)
    {
        CheckElevation(elevationDeg);
        var beam = Beam(rangeKm, transmitterApertureM);
        var (atm, turb, t, r0) = Atmosphere(beam, elevationDeg, transmitterAltitudeKm, receiverHeightKm);
        return new HopBudget(1, 1, 1, 1, atm, turb, beam.Lambda0, t, r0);
    }

    /// <summary>Eq. (1) for a transmitter of aperture D_t (W₀ = D_t/√8) at range L.</summary>
    public BeamParameters Beam(double rangeKm, double transmitterApertureM)
    {
        if (!(rangeKm > 0) || !double.IsFinite(rangeKm)) throw new ArgumentOutOfRangeException(nameof(rangeKm), rangeKm, "range must be a positive number of kilometres");
        if (!(transmitterApertureM > 0)) throw new ArgumentOutOfRangeException(nameof(transmitterApertureM), transmitterApertureM, "aperture must be positive");
        var w0 = transmitterApertureM / Math.Sqrt(8);
        return BeamParameters.For(rangeKm, w0, WaveNumber);
    }

    /// <summary>T of eq. (4) for a beam, elevation and path from h₀ up to the transmitter altitude (heights in km, evaluated in metres).</summary>
    public double TurbulenceT(BeamParameters beam, double elevationDeg, double transmitterAltitudeKm, double receiverHeightKm)
    {
        var (receiverHeightM, transmitterAltitudeM) = (receiverHeightKm * 1e3, transmitterAltitudeKm * 1e3);
        var mu2 = Profile.Integrals(receiverHeightM, transmitterAltitudeM).Mu2;
        var sec = 1 / Math.Sin(elevationDeg * Math.PI / 180);
        var k = WaveNumber;
        return 4.35 * mu2 * Math.Pow(beam.Lambda, 5.0 / 6) * Math.Pow(k, 7.0 / 6) * Math.Pow(transmitterAltitudeM - receiverHeightM, 5.0 / 6) * Math.Pow(sec, 11.0 / 6);
    }

    /// <summary>r₀ of eq. (13) at the receiver, metres.</summary>
    public double FriedParameterM(BeamParameters beam, double elevationDeg, double transmitterAltitudeKm, double receiverHeightKm)
    {
        var i = Profile.Integrals(receiverHeightKm * 1e3, transmitterAltitudeKm * 1e3);
        var mu1 = beam.Theta * i.Cn2 + (1 - beam.Theta) * i.GroundWeighted;
        var k = WaveNumber;
        var denominator = 1.455 * k * k * (mu1 + 0.622 * i.Mu2 * Math.Pow(beam.Lambda, 11.0 / 6));
        var rho0 = Math.Pow(Math.Sin(elevationDeg * Math.PI / 180) / denominator, 3.0 / 5);
        return 2.1 * rho0;
    }

    private (double Atm, double Turb, double T, double R0) Atmosphere(BeamParameters beam, double elevationDeg, double transmitterAltitudeKm, double receiverHeightKm)
    {
        var sin = Math.Sin(elevationDeg * Math.PI / 180);
        var atm = Math.Pow(ZenithTransmittance, 1 / sin);
        var t = TurbulenceT(beam, elevationDeg, transmitterAltitudeKm, receiverHeightKm);
        return (atm, 1 / (1 + t), t, FriedParameterM(beam, elevationDeg, transmitterAltitudeKm, receiverHeightKm));
    }

    private (double TxGain, double RxGain, double Pointing, double Spreading) FreeSpace(double rangeM, double transmitterApertureM, double receiverApertureM)
    {
        if (!(receiverApertureM > 0)) throw new ArgumentOutOfRangeException(nameof(receiverApertureM), receiverApertureM, "aperture must be positive");
        var lambda = WavelengthNm * 1e-9;
        var w0 = transmitterApertureM / Math.Sqrt(8);
        var txGain = 8 * Square(Math.PI * w0 / lambda);
        var rxGain = Square(Math.PI * receiverApertureM / lambda);
        var pointing = 1 / (Square(2 * Math.PI * w0 / lambda) * Square(PointingErrorUrad * 1e-6) + 1);
        var spreading = Square(lambda / (4 * Math.PI * rangeM));
        return (txGain, rxGain, pointing, spreading);
    }

    private static void CheckElevation(double elevationDeg)
    {
        if (!(elevationDeg > 0) || elevationDeg > 90) throw new ArgumentOutOfRangeException(nameof(elevationDeg), elevationDeg, "elevation must be within (0, 90] degrees");
    }

    private static double Square(double x) => x * x;
}

/// <summary>Gaussian beam parameters of seed 004 eq. (1) at the receiver plane.</summary>
public readonly record struct BeamParameters(double WaistM, double Lambda0, double Theta, double Lambda)
{
    /// <summary>Λ₀ = 2L/(kW₀²) and Θ, Λ at range <paramref name="rangeKm"/> for a waist in metres and k in 1/m.</summary>
    public static BeamParameters For(double rangeKm, double waistM, double waveNumber)
    {
        var lambda0 = 2 * (rangeKm * 1e3) / (waveNumber * waistM * waistM);
        var d = 1 + lambda0 * lambda0;
        return new BeamParameters(waistM, lambda0, 1 / d, lambda0 / d);
    }
}

/// <summary>
/// The factors of η_FS for one hop (seed 004 eq. 3), each a linear transmittance or gain, plus
/// Λ₀, the turbulence parameter T and the Fried parameter r₀ at the receiver (∞ above the air).
/// </summary>
public readonly record struct HopBudget(double TxGain, double RxGain, double Pointing, double Spreading, double Atmosphere, double Turbulence, double Lambda0, double T, double FriedParameterM)
{
    public double Transmittance => Math.Min(1, TxGain * RxGain * Pointing * Spreading * Atmosphere * Turbulence);
    public double LossDb => Decibels.FromTransmittance(Transmittance);
    public bool FarField => Lambda0 >= FriisLink.FarFieldMinimum || (TxGain == 1 && RxGain == 1);
}
