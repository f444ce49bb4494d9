using QkdScheduler.KeyRates.Entanglement;

namespace QkdScheduler.KeyRates.Tests.Entanglement;

/// <summary>Seed 004 eq. (11) with the paper's parameters (P_X = P_Y = ½, ξ = 1.16, ε = 10⁻¹⁰, q = 1).</summary>
public sealed class FiniteKeyTests
{
    private static readonly FiniteKey Paper = new();

    /// <summary>
    /// Hand calculation, N = 8×10⁵ pairs at Q = 5 % (seed 004 Table 1, MEO row: 8×10⁵ SMF-coupled pairs):
    ///   n = k = N/4 = 2×10⁵; μ = √((n + k)/(nk) · (k + 1)/k · ln(2×10¹⁰)) = √(10⁻⁵ · 1.000005 · 23.71899) = 0.0154010
    ///   h(0.0654010) = 0.0654010·3.93456 + 0.934599·0.0975775 = 0.257329 + 0.091196 = 0.348526 (to 5 digits)
    ///   Leak = 1.16 · 2×10⁵ · h(0.05) = 1.16 · 2×10⁵ · 0.286397 = 66 444.1
    ///   log₂(2/(10⁻²⁰·10⁻¹⁰)) = 1 + 30 log₂ 10 = 100.657843
    ///   l = 2×10⁵ (1 − 0.348526) − 66 444.1 − 100.66 ≈ 63 750 — Table 1 prints 6×10⁴.
    /// </summary>
    [Fact]
    public void Meo_row_of_table_1_from_its_own_pair_count()
    {
        var p = Paper.Evaluate(8e5, 0.05);
        Assert.Equal(2e5, p.SiftedPairs);
        Assert.Equal(0.0154010, p.StatisticalDeviation, 6);
        Assert.Equal(100.657843, p.PrivacyCost, 5);
        Assert.Equal(66444.1, p.ErrorCorrectionLeak, 0);
        Assert.InRange(p.Length, 63700, 63800);
        Assert.Equal(6e4, RoundToOneSignificantDigit(p.Length));
    }

    /// <summary>Table 1: the LEO constellations (4×10³ and 3×10³ SMF pairs) give no key; HAP (5×10⁷) gives 5×10⁶.</summary>
    [Theory]
    [InlineData(4e3, 0)]
    [InlineData(3e3, 0)]
    [InlineData(5e7, 5e6)]
    public void Other_rows_of_table_1(double pairs, double paperKey) =>
        Assert.Equal(paperKey, RoundToOneSignificantDigit(Paper.SecretBits(pairs, 0.05)));

    /// <summary>
    /// Fig. 7(a): "approximately 2×10⁴ detected photon pairs are required" at 5 %. By hand: N = 10⁴
    /// (n = k = 2500, μ = 0.137778, h(0.187778) = 0.696 …) gives l = −173; N = 2×10⁴ (μ = 0.0974140)
    /// gives l = +222. The threshold eq. (11) gives is 1.49×10⁴, read off a log plot as "about 2×10⁴".
    /// </summary>
    [Fact]
    public void Minimum_pairs_for_a_key_at_five_percent()
    {
        Assert.InRange(Paper.Evaluate(1e4, 0.05).Length, -174, -172);
        Assert.InRange(Paper.Evaluate(2e4, 0.05).Length, 221, 222);
        var min = Paper.MinimumPairs(0.05);
        Assert.NotNull(min);
        Assert.InRange(min.Value, 1e4, 2e4);
        Assert.True(Paper.Evaluate(min.Value, 0.05).Length > 0);
        Assert.True(Paper.Evaluate(min.Value * 0.999, 0.05).Length <= 0);
    }

    /// <summary>
    /// "The secret key length becomes zero above a QBER of approximately 9 %": asymptotically l/n → 1 − 2.16 h(Q),
    /// zero at h(Q) = 1/2.16, Q = 9.98 %; at 9.5 % a key needs about 10⁸ pairs, at 10 % none suffices.
    /// </summary>
    [Fact]
    public void No_key_above_about_ten_percent()
    {
        Assert.NotNull(Paper.MinimumPairs(0.09));
        Assert.Null(Paper.MinimumPairs(0.10));
    }

    [Fact]
    public void Key_never_negative_and_grows_with_pairs()
    {
        var previous = 0.0;
        for (var n = 1e3; n <= 1e9; n *= 1.5)
        {
            var bits = Paper.SecretBits(n, 0.03);
            Assert.True(bits >= previous);
            previous = bits;
        }
    }

    [Fact]
    public void Bad_inputs_are_input_errors()
    {
        Assert.Throws<QkdScheduler.Core.InputException>(() => Paper.Evaluate(1e4, 0.5));
        Assert.Throws<QkdScheduler.Core.InputException>(() => Paper.Evaluate(double.NaN, 0.05));
        Assert.Throws<QkdScheduler.Core.InputException>(() => Paper.Evaluate(-1, 0.05));
    }

    internal static double RoundToOneSignificantDigit(double v)
    {
        if (v == 0) return 0;
        var scale = Math.Pow(10, Math.Floor(Math.Log10(v)));
        return Math.Round(v / scale) * scale;
    }
}
