using QkdScheduler.Core;
using QkdScheduler.KeyRates.Entanglement;

namespace QkdScheduler.KeyRates.Tests.Entanglement;

public sealed class SpdcSourceTests
{
    private static readonly SpdcSource Table3 = new();

    /// <summary>Eq. (20) is a distribution with mean 2λ′ = μ′ (the paper's "μ′ is the mean photon-pair number").</summary>
    [Fact]
    public void Pair_statistics_sum_to_one_with_mean_mu()
    {
        double sum = 0, mean = 0;
        for (var n = 0; n < 200; n++)
        {
            sum += Table3.PairProbability(n);
            mean += n * Table3.PairProbability(n);
        }

        Assert.Equal(1, sum, 12);
        Assert.Equal(0.1, mean, 12);
        // Appendix D: "the probability of generating a double-pair event remains on the order of 10⁻²"
        // (P(2) = 3·0.05²/1.05⁴ = 6.17×10⁻³; with P(1) = 2·0.05/1.05³ = 0.0864 it is of that order).
        Assert.Equal(3 * 0.0025 / Math.Pow(1.05, 4), Table3.PairProbability(2), 12);
    }

    /// <summary>
    /// Eq. (21) is eq. (7)–(8) in the limit η ≪ 1 without background: at η_A = η_B = 10⁻⁶ and Y₀ = 0 the
    /// full QBER equals (e_d + λ′ + e_d λ′)/(1 + 3λ′) = (0.01 + 0.05 + 0.0005)/1.15 = 0.0526087.
    /// </summary>
    [Fact]
    public void Full_model_reduces_to_eq_21_at_low_transmission()
    {
        Assert.Equal(0.0526087, Table3.SourceQber, 6);
        Assert.Equal(Table3.SourceQber, Table3.Evaluate(1e-6, 1e-6, 0, 0).Qber, 5);
    }

    /// <summary>Appendix D: μ′ = 0.02 (1 GHz of pairs from a 50 GHz pump) with e_d = 1 % keeps the source QBER below 2 %.</summary>
    [Fact]
    public void Fifty_gigahertz_pump_keeps_source_qber_below_two_percent()
    {
        var source = new SpdcSource(ParameterValues.Of(SpdcSource.Rules, new Dictionary<string, double> { ["mean_pair_number"] = 0.02 }));
        Assert.Equal(50e9, source.PulseRateHz, 3);
        Assert.InRange(source.SourceQber, 0.019, 0.02);
    }

    /// <summary>Background pushes the QBER towards e₀ = ½ when it dominates the coincidences.</summary>
    [Fact]
    public void Background_raises_qber_towards_one_half()
    {
        var clean = Table3.Evaluate(1e-4, 1e-4, 0, 0).Qber;
        var noisy = Table3.Evaluate(1e-4, 1e-4, 1e-4, 1e-4).Qber;
        var drowned = Table3.Evaluate(1e-6, 1e-6, 1e-2, 1e-2).Qber;
        Assert.True(noisy > clean);
        Assert.InRange(drowned, 0.49, 0.5);
    }
}
