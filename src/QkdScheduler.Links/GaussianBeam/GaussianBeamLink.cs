using QkdScheduler.Core;

namespace QkdScheduler.Links.GaussianBeam;

/// <summary>
/// The seed 000 downlink model (Wang et al., "Exploiting potentialities for space-based quantum
/// communication network", section "Modelling loss as function of transmission length and
/// evaluation angle", Table 1 defaults):
/// <list type="bullet">
/// <item>geometric: Λ_G = 1 − exp(−D_r² / (2 ω_r²)) (eq. 1, a collected power fraction, reported
/// here as −10 log10 Λ_G dB) with ω_r = √((λ/(π φ))² + (φ L)²) (eq. 2); D_r is the receiver
/// <em>diameter</em>, as printed, φ the divergence, λ the wavelength, L the range;</item>
/// <item>atmospheric: Λ_A = Λ_A0 / sin θ dB (θ elevation; Λ_A0 "extinction coefficient", 2 dB);</item>
/// <item>pointing 2 dB, coupling 3 dB, detection 3 dB: fixed (Table 1);</item>
/// <item>cloud: from the weather source (eq. 3, <see cref="Weather.CloudLoss"/>).</item>
/// </list>
/// Table 2 of the paper does not follow from these formulas (e.g. 500 km, 10 µrad, zenith: eq. 1–2
/// give 15.5 dB geometric, 25.5 dB total, the table's minimum is 20.29 dB); we keep the formulas.
/// </summary>
public sealed record GaussianBeamLink : ILinkModel
{
    public const string ModelName = "gaussian-beam";

    public GaussianBeamLink(
        double? divergenceUrad = null,
        double? wavelengthNm = null,
        double? receiverDiameterM = null,
        double? atmosphericZenithDb = null,
        double? pointingDb = null,
        double? couplingDb = null,
        double? detectionDb = null)
    {
        DivergenceUrad = Divergence.Check(divergenceUrad);
        WavelengthNm = Wavelength.Check(wavelengthNm);
        ReceiverDiameterM = ReceiverDiameter.Check(receiverDiameterM);
        AtmosphericZenithDb = AtmosphericZenith.Check(atmosphericZenithDb);
        PointingDb = Pointing.Check(pointingDb);
        CouplingDb = Coupling.Check(couplingDb);
        DetectionDb = Detection.Check(detectionDb);
    }

    public static readonly ParameterRule Divergence = new("divergence_urad", 10, v => v > 0, "a positive angle in microradians (Micius: 10)");
    public static readonly ParameterRule Wavelength = new("wavelength_nm", 1550, v => v > 0, "a positive wavelength in nanometres");
    public static readonly ParameterRule ReceiverDiameter = new("receiver_diameter_m", 1.2, v => v > 0, "a positive diameter in metres");
    public static readonly ParameterRule AtmosphericZenith = new("atmospheric_zenith_db", 2, v => v >= 0, "0 dB or more");
    public static readonly ParameterRule Pointing = new("pointing_db", 2, v => v >= 0, "0 dB or more");
    public static readonly ParameterRule Coupling = new("coupling_db", 3, v => v >= 0, "0 dB or more");
    public static readonly ParameterRule Detection = new("detection_db", 3, v => v >= 0, "0 dB or more");

    /// <summary>Every parameter rule, in the order of the constructor; the defaults are seed 000 Table 1.</summary>
    public static IReadOnlyList<ParameterRule> Rules { get; } = [Divergence, Wavelength, ReceiverDiameter, AtmosphericZenith, Pointing, Coupling, Detection];

    /// <summary>The link from parameters given by name (a scenario's link block, CLI options).</summary>
    public static GaussianBeamLink From(ParameterValues v) => new(
        divergenceUrad: v[Divergence], wavelengthNm: v[Wavelength], receiverDiameterM: v[ReceiverDiameter], atmosphericZenithDb: v[AtmosphericZenith],
        pointingDb: v[Pointing], couplingDb: v[Coupling], detectionDb: v[Detection]);

    public string Name => ModelName;

    public string Description => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{ModelName}: divergence {DivergenceUrad} urad, wavelength {WavelengthNm} nm, receiver {ReceiverDiameterM} m, atmosphere {AtmosphericZenithDb} dB at zenith, pointing {PointingDb} dB, coupling {CouplingDb} dB, detection {DetectionDb} dB");

    public double DivergenceUrad { get; }
    public double WavelengthNm { get; }
    public double ReceiverDiameterM { get; }
    public double AtmosphericZenithDb { get; }
    public double PointingDb { get; }
    public double CouplingDb { get; }
    public double DetectionDb { get; }

    /// <summary>The same link with another divergence (the sweep of seed 000 Table 2).</summary>
    public GaussianBeamLink WithDivergence(double divergenceUrad) =>
        new(divergenceUrad, WavelengthNm, ReceiverDiameterM, AtmosphericZenithDb, PointingDb, CouplingDb, DetectionDb);

    /// <summary>Received beam radius ω_r in metres at range L (seed 000 eq. 2).</summary>
    public double BeamRadiusM(double rangeKm)
    {
        var phi = DivergenceUrad * 1e-6;
        var lambda = WavelengthNm * 1e-9;
        var l = rangeKm * 1e3;
        var diffraction = lambda / (Math.PI * phi);
        var spread = phi * l;
        return Math.Sqrt(diffraction * diffraction + spread * spread);
    }

    /// <summary>Geometric loss in dB: −10 log10 of seed 000 eq. 1.</summary>
    public double GeometricDb(double rangeKm)
    {
        var w = BeamRadiusM(rangeKm);
        var collected = -double.ExpM1(-ReceiverDiameterM * ReceiverDiameterM / (2 * w * w));
        return Decibels.FromTransmittance(collected);
    }

    /// <summary>Atmospheric loss Λ_A0 / sin θ in dB (seed 000, path elongation at low elevation).</summary>
    public double AtmosphericDb(double elevationDeg) => AtmosphericZenithDb / Math.Sin(elevationDeg * Math.PI / 180.0);

    /// <summary>The whole budget at a range, elevation and cloud loss (dB, +∞ when blocked).</summary>
    public LinkBudget Budget(double rangeKm, double elevationDeg, double cloudDb = 0.0)
    {
        if (!(rangeKm > 0) || !double.IsFinite(rangeKm)) throw new ArgumentOutOfRangeException(nameof(rangeKm), rangeKm, "range must be a positive number of km");
        if (!(elevationDeg > 0) || elevationDeg > 90) throw new ArgumentOutOfRangeException(nameof(elevationDeg), elevationDeg, "elevation must be within (0, 90] degrees");
        return new LinkBudget(GeometricDb(rangeKm), AtmosphericDb(elevationDeg), PointingDb, CouplingDb, DetectionDb, cloudDb);
    }
}
