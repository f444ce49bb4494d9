using QkdScheduler.Core;

namespace QkdScheduler.KeyRates.DecoyBb84;

/// <summary>
/// Decoy-state BB84 with a signal intensity μ, a weak decoy ν and the vacuum, asymptotic GLLP key
/// rate. Seed 000 eq. 4: R = q {−f_e Q_μ h₂(E_μ) + Q₁ [1 − h₂(e₁)]} per pulse, times the
/// repetition rate for bits per second. Q₁ and e₁ are the vacuum + weak decoy bounds of X. Ma,
/// B. Qi, Y. Zhao, H.-K. Lo, "Practical decoy state for quantum key distribution", PRA 72, 012326
/// (2005), section "vacuum + weak decoy state":
/// <list type="bullet">
/// <item>gains and errors of the standard channel model: Q_x = Y₀ + 1 − e^(−η x),
/// E_x Q_x = e₀ Y₀ + e_d (1 − e^(−η x)) for x = μ, ν (η: whole transmittance, detector included);</item>
/// <item>Y₁ ≥ Y₁ᴸ = μ/(μν − ν²) · (Q_ν e^ν − Q_μ e^μ ν²/μ² − (μ² − ν²)/μ² · Y₀);</item>
/// <item>Q₁ᴸ = Y₁ᴸ μ e^(−μ);</item>
/// <item>e₁ ≤ e₁ᵁ = (E_ν Q_ν e^ν − e₀ Y₀) / (Y₁ᴸ ν).</item>
/// </list>
/// Table 1 of seed 000 gives the defaults: μ 0.5, ν 0.08, 200 MHz, e_d 0.015, e₀ 0.5 ("error
/// probability of dark counts"), Y₀ 3×10⁻⁶ ("background rate"), f_e 1.16; q = 1/2 (standard BB84).
/// The rate is never negative: where the bound terms do not pay for error correction it is 0.
/// </summary>
public sealed record DecoyBb84Protocol : IKeyRateModel
{
    public const string ModelName = "decoy-bb84";
    public static readonly ParameterRule Signal = new("signal_intensity", 0.5, v => v > 0, "a positive mean photon number (Micius: 0.5)");
    public static readonly ParameterRule Decoy = new("decoy_intensity", 0.08, v => v > 0, "a positive mean photon number below signal_intensity (Micius: 0.08)");
    public static readonly ParameterRule Repetition = new("repetition_rate_mhz", 200, v => v > 0, "a positive rate in MHz");
    public static readonly ParameterRule Misalignment = new("misalignment_error", 0.015, v => v is >= 0 and <= 0.5, "a probability within 0..0.5");
    public static readonly ParameterRule DarkCountError = new("dark_count_error", 0.5, v => v is >= 0 and <= 1, "a probability within 0..1 (0.5 for random dark counts)");
    public static readonly ParameterRule Background = new("background_yield", 3e-6, v => v is >= 0 and < 1, "a yield per pulse within [0, 1)");
    public static readonly ParameterRule ErrorCorrection = new("error_correction_efficiency", 1.16, v => v >= 1, "1 (Shannon limit) or more");
    public static readonly ParameterRule BasisFactor = new("basis_factor", 0.5, v => v is > 0 and <= 1, "within (0, 1]: 0.5 for standard BB84, about 1 for efficient BB84");

    public static IReadOnlyList<ParameterRule> Rules { get; } = [Signal, Decoy, Repetition, Misalignment, DarkCountError, Background, ErrorCorrection, BasisFactor];

    public DecoyBb84Protocol(
        double? signalIntensity = null,
        double? decoyIntensity = null,
        double? repetitionRateMhz = null,
        double? misalignmentError = null,
        double? darkCountError = null,
        double? backgroundYield = null,
        double? errorCorrectionEfficiency = null,
        double? basisFactor = null)
    {
        SignalIntensity = Signal.Check(signalIntensity);
        DecoyIntensity = Decoy.Check(decoyIntensity);
        if (DecoyIntensity >= SignalIntensity)
            throw new InputException(null, null, $"decoy_intensity {DecoyIntensity} must be below signal_intensity {SignalIntensity} (the weak decoy bound needs ν < μ)");
        RepetitionRateMhz = Repetition.Check(repetitionRateMhz);
        MisalignmentError = Misalignment.Check(misalignmentError);
        DarkCountErrorProbability = DarkCountError.Check(darkCountError);
        BackgroundYield = Background.Check(backgroundYield);
        ErrorCorrectionEfficiency = ErrorCorrection.Check(errorCorrectionEfficiency);
        BasisSiftFactor = BasisFactor.Check(basisFactor);
    }

    /// <summary>The protocol from parameters given by name (a scenario's protocol block, CLI options).</summary>
    public static DecoyBb84Protocol From(ParameterValues v) => new(
        signalIntensity: v[Signal], decoyIntensity: v[Decoy], repetitionRateMhz: v[Repetition], misalignmentError: v[Misalignment],
        darkCountError: v[DarkCountError], backgroundYield: v[Background], errorCorrectionEfficiency: v[ErrorCorrection], basisFactor: v[BasisFactor]);

    public string Name => ModelName;

    public string Description => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{ModelName} (GLLP, vacuum + weak decoy): mu {SignalIntensity}, nu {DecoyIntensity}, {RepetitionRateMhz} MHz, e_d {MisalignmentError}, e_0 {DarkCountErrorProbability}, Y_0 {BackgroundYield}, f_e {ErrorCorrectionEfficiency}, q {BasisSiftFactor}");

    public double SignalIntensity { get; }
    public double DecoyIntensity { get; }
    public double RepetitionRateMhz { get; }
    public double MisalignmentError { get; }
    public double DarkCountErrorProbability { get; }
    public double BackgroundYield { get; }
    public double ErrorCorrectionEfficiency { get; }
    public double BasisSiftFactor { get; }

    /// <summary>Every quantity of the rate at one transmittance η (0..1, detector efficiency included).</summary>
    public DecoyBb84Point Evaluate(double transmittance)
    {
        if (!(transmittance >= 0) || transmittance > 1) throw new ArgumentOutOfRangeException(nameof(transmittance), transmittance, "transmittance must be within 0..1");
        double mu = SignalIntensity, nu = DecoyIntensity, y0 = BackgroundYield, e0 = DarkCountErrorProbability, ed = MisalignmentError;

        // Channel model (Ma et al. 2005): gain and error-weighted gain of a coherent state of intensity x.
        var clickMu = -double.ExpM1(-transmittance * mu);
        var clickNu = -double.ExpM1(-transmittance * nu);
        var qMu = y0 + clickMu;
        var qNu = y0 + clickNu;
        var eMu = (e0 * y0 + ed * clickMu) / qMu;
        var eNu = (e0 * y0 + ed * clickNu) / qNu;

        // Vacuum + weak decoy bounds (Ma et al. 2005).
        var y1 = mu / (mu * nu - nu * nu) * (qNu * Math.Exp(nu) - qMu * Math.Exp(mu) * nu * nu / (mu * mu) - (mu * mu - nu * nu) / (mu * mu) * y0);
        var q1 = Math.Max(y1, 0) * mu * Math.Exp(-mu);
        var e1 = y1 > 0 ? Math.Clamp((eNu * qNu * Math.Exp(nu) - e0 * y0) / (y1 * nu), 0, 0.5) : 0.5;

        // Seed 000 eq. 4.
        var perPulse = BasisSiftFactor * (-ErrorCorrectionEfficiency * qMu * BinaryEntropy(eMu) + q1 * (1 - BinaryEntropy(e1)));
        perPulse = Math.Max(perPulse, 0);
        return new DecoyBb84Point(transmittance, qMu, eMu, qNu, eNu, y1, q1, e1, perPulse, perPulse * RepetitionRateMhz * 1e6);
    }

    /// <summary>Secret bits per second at transmittance η.</summary>
    public double BitsPerSecond(double transmittance) => Evaluate(transmittance).BitsPerSecond;

    /// <summary>h₂(x) = −x log₂ x − (1 − x) log₂(1 − x), with h₂(x) = 1 for x ≥ 1/2 (a conservative cap).</summary>
    public static double BinaryEntropy(double x)
    {
        if (x <= 0) return 0;
        if (x >= 0.5) return 1;
        return -x * Math.Log2(x) - (1 - x) * Math.Log2(1 - x);
    }
}

/// <summary>The decoy-state quantities at one transmittance (per pulse unless named otherwise).</summary>
public readonly record struct DecoyBb84Point(
    double Transmittance,
    double SignalGain,
    double SignalErrorRate,
    double DecoyGain,
    double DecoyErrorRate,
    double SinglePhotonYieldLower,
    double SinglePhotonGainLower,
    double SinglePhotonErrorUpper,
    double SecretBitsPerPulse,
    double BitsPerSecond);
