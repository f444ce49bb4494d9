using QkdScheduler.Core;
using QkdScheduler.KeyRates.DecoyBb84;

namespace QkdScheduler.KeyRates.Tests.DecoyBb84;

public sealed class DecoyBb84ProtocolTests
{
    private static readonly DecoyBb84Protocol Table1 = new();

    /// <summary>
    /// Hand calculation at 30 dB (η = 1e-3) with seed 000 Table 1 (μ 0.5, ν 0.08, Y₀ 3e-6, e₀ 0.5, e_d 0.015,
    /// f_e 1.16, q 0.5, 200 MHz) and the formulas of Ma, Qi, Zhao, Lo, PRA 72, 012326 (2005):
    ///   1 − e^(−ημ) = 1 − e^(−5e-4) = 4.99875e-4    → Q_μ = 3e-6 + 4.99875e-4 = 5.02875e-4
    ///   E_μ = (0.5·3e-6 + 0.015·4.99875e-4)/Q_μ = (1.5e-6 + 7.49813e-6)/5.02875e-4 = 0.0178934
    ///   1 − e^(−ην) = 7.99968e-5                     → Q_ν = 8.29968e-5, E_ν = (1.5e-6 + 1.19995e-6)/Q_ν = 0.0325308
    ///   Y₁ᴸ = μ/(μν − ν²)·(Q_ν e^ν − Q_μ e^μ ν²/μ² − (μ² − ν²)/μ²·Y₀)
    ///       = 0.5/0.0336·(8.99097e-5 − 5.02875e-4·1.648721·0.0256 − 0.9744·3e-6) = 14.8810·6.57617e-5 = 9.78589e-4
    ///   Q₁ᴸ = Y₁ᴸ μ e^(−μ) = 9.78589e-4·0.5·0.606531 = 2.96772e-4
    ///   e₁ᵁ = (E_ν Q_ν e^ν − e₀Y₀)/(Y₁ᴸ ν) = (2.92590e-6 − 1.5e-6)/(7.82871e-5) = 0.0182000
    ///   R = 0.5·(−1.16·5.02875e-4·h₂(0.0178934) + 2.96772e-4·(1 − h₂(0.0182000))) = 9.11618e-5 per pulse → 18 232.4 bit/s
    /// </summary>
    [Fact]
    public void Decoy_bounds_and_rate_at_30_dB()
    {
        var p = Table1.Evaluate(1e-3);
        Assert.Equal(5.02875e-4, p.SignalGain, 9);
        Assert.Equal(0.0178934, p.SignalErrorRate, 6);
        Assert.Equal(8.29968e-5, p.DecoyGain, 9);
        Assert.Equal(0.0325308, p.DecoyErrorRate, 6);
        Assert.Equal(9.78589e-4, p.SinglePhotonYieldLower, 9);
        Assert.Equal(2.96772e-4, p.SinglePhotonGainLower, 9);
        Assert.Equal(0.0182000, p.SinglePhotonErrorUpper, 6);
        Assert.Equal(9.11618e-5, p.SecretBitsPerPulse, 9);
        Assert.Equal(18232.4, p.BitsPerSecond, 0);
    }

    [Fact]
    public void Efficient_bb84_doubles_the_rate() =>
        Assert.Equal(2 * Table1.BitsPerSecond(1e-3), new DecoyBb84Protocol(basisFactor: 1.0).BitsPerSecond(1e-3), 6);

    /// <summary>
    /// Past the cut-off the background dominates: at 60 dB ημ = 5e-7 is six times below Y₀ = 3e-6, so
    /// E_μ ≈ (0.5·3e-6 + 0.015·5e-7)/3.5e-6 ≈ 0.43, h₂(E_μ) ≈ 0.99, and error correction costs
    /// f_e Q_μ h₂ ≈ 1.16·3.5e-6·0.99 ≈ 4.0e-6 per pulse, more than all single photons could give
    /// (Q₁ ≤ μe^(−μ)(Y₀ + η) ≈ 0.30·3.0e-6 = 9.1e-7). The rate must be exactly 0 there, never negative,
    /// and (docs) the Table 1 cut-off lies at 42.99 dB.
    /// </summary>
    [Theory]
    [InlineData(43.5)]
    [InlineData(50)]
    [InlineData(60)]
    [InlineData(100)]
    public void Rate_is_zero_past_the_cutoff(double lossDb) =>
        Assert.Equal(0.0, Table1.BitsPerSecond(Math.Pow(10, -lossDb / 10)));

    [Fact]
    public void Rate_is_positive_before_the_cutoff_and_never_increases_with_loss()
    {
        Assert.True(Table1.BitsPerSecond(Math.Pow(10, -42.9 / 10)) > 0);
        var previous = double.PositiveInfinity;
        for (var db = 0.0; db <= 80; db += 0.05)
        {
            var rate = Table1.BitsPerSecond(Math.Pow(10, -db / 10));
            Assert.True(rate >= 0 && rate <= previous * (1 + 1e-12), $"rate {rate} at {db} dB");
            previous = rate;
        }
    }

    [Fact]
    public void No_transmission_no_key() => Assert.Equal(0.0, Table1.BitsPerSecond(0));

    [Fact]
    public void Binary_entropy_hand_values()
    {
        Assert.Equal(1.0, DecoyBb84Protocol.BinaryEntropy(0.5));
        Assert.Equal(0.0, DecoyBb84Protocol.BinaryEntropy(0));
        // h₂(0.11) = −0.11 log₂ 0.11 − 0.89 log₂ 0.89 = 0.350287 + 0.149631 = 0.499916
        Assert.Equal(0.499916, DecoyBb84Protocol.BinaryEntropy(0.11), 5);
    }

    [Theory]
    [InlineData(0.08, 0.5)] // decoy above signal
    [InlineData(0.5, 0.5)]
    public void Decoy_must_be_weaker_than_signal(double signal, double decoy) =>
        Assert.Contains("must be below signal_intensity", Assert.Throws<InputException>(() => new DecoyBb84Protocol(signal, decoy)).Message);

    [Fact]
    public void Rejects_out_of_range_parameters()
    {
        Assert.Contains("basis_factor", Assert.Throws<InputException>(() => new DecoyBb84Protocol(basisFactor: 1.5)).Message);
        Assert.Contains("error_correction_efficiency", Assert.Throws<InputException>(() => new DecoyBb84Protocol(errorCorrectionEfficiency: 0.9)).Message);
        Assert.Contains("repetition_rate_mhz", Assert.Throws<InputException>(() => new DecoyBb84Protocol(repetitionRateMhz: double.NaN)).Message);
    }
}
