using System.Collections.Concurrent;
using QkdScheduler.Precompute.Pairs;
using QkdScheduler.Testing;

namespace QkdScheduler.Validation.Tests;

/// <summary>
/// Seed 004 Table 1 from our own orbits: the four shipped scenarios, one year each. The paper prints one
/// significant digit; where our value rounds to the paper's digit the test asks for that, and where it does
/// not (losses and pair counts of the relay and HAP rows, by the optics of the relays) the README explains the
/// difference, and the test holds our value in a band: those bands are NON-REGRESSION bands drawn around
/// our own 2026 results (88.1 / 87.3 / 63.9 dB; 8.8×10³ / 6.0×10³ / 1.1×10⁸ pairs), not reference values.
/// </summary>
public sealed class EntanglementTable1Tests
{
    // Each year is computed once per test run and shared by the tests that read its row.
    private static readonly ConcurrentDictionary<string, Lazy<PairLinkSummary>> Rows = new();

    private static PairLinkSummary Row(string name) => Rows.GetOrAdd(name, n => new Lazy<PairLinkSummary>(() =>
        PairPrecompute.Run(PairScenarioFile.Read(Path.Combine(RepositoryPaths.Root(), "instances", n, "scenario.yaml"))).Links.Single())).Value;

    private static double OneDigit(double v) => Math.Round(v / Math.Pow(10, Math.Floor(Math.Log10(v)))) * Math.Pow(10, Math.Floor(Math.Log10(v)));

    /// <summary>Table 1 "Total Access Time Per Year": 2×10⁶, 5×10⁵, 3×10⁵, 5×10⁵ s.</summary>
    [Theory]
    [InlineData("transatlantic-meo", 2e6)]
    [InlineData("transatlantic-3leo-3planes", 5e5)]
    [InlineData("transatlantic-3leo-1plane", 3e5)]
    [InlineData("transatlantic-leo-2hap", 5e5)]
    public void Access_time_per_year(string scenario, double paper)
    {
        var r = Row(scenario);
        Assert.Equal(paper, OneDigit(r.PerYear(r.AccessSeconds)));
    }

    /// <summary>
    /// MEO row: 74 dB, 8×10⁷ aperture pairs, 8×10⁵ SMF pairs, 6×10⁴ key bits, Bell 2.53 (±0.01, the paper truncates).
    /// Our 8.2×10⁵ pairs give 6.6×10⁴ key bits by eq. (11) (the paper's rounded 8×10⁵ give 6.4×10⁴, a KeyRates test),
    /// so the key is held to 5–7×10⁴.
    /// </summary>
    [Fact]
    public void Meo_row()
    {
        var r = Row("transatlantic-meo");
        Assert.Equal(74, r.MeanDualLossDb, 1.0);
        Assert.Equal(8e7, OneDigit(r.PerYear(r.AperturePairs)));
        Assert.Equal(8e5, OneDigit(r.PerYear(r.CoupledPairs)));
        Assert.InRange(r.SecretBitsReferencePerYear, 5e4, 7e4);
        Assert.Equal(2.53, r.BellReference!.Value.SMinus3DeltaS, 0.011);
    }

    /// <summary>
    /// LEO constellations: "do not receive a sufficient number of photon pairs after SMF coupling to generate a
    /// non-zero secret key" (0 in Table 1) but violate the Bell inequality (2.43, 2.38). Our losses are 3–5 dB
    /// below the paper's 92 dB (README), so the pair counts are within a factor 3 above its 4×10³ / 3×10³.
    /// The loss band 85–92 dB and the pair band are non-regression bands around our own results.
    /// </summary>
    [Theory]
    [InlineData("transatlantic-3leo-3planes", 4e3, 2.43)]
    [InlineData("transatlantic-3leo-1plane", 3e3, 2.38)]
    public void Leo_constellation_rows(string scenario, double paperPairs, double paperBell)
    {
        var r = Row(scenario);
        Assert.Equal(0, r.SecretBitsReferencePerYear);
        Assert.InRange(r.MeanDualLossDb, 85, 92);
        Assert.InRange(r.PerYear(r.CoupledPairs), paperPairs, 3 * paperPairs);
        Assert.Equal(paperBell, r.BellReference!.Value.SMinus3DeltaS, 0.06);
    }

    /// <summary>
    /// HAP row: 67 dB, 1×10⁸ aperture pairs, 5×10⁷ SMF pairs, 5×10⁶ key bits, Bell 2.54 (the reference, ±0.011).
    /// Our loss is about 3 dB lower (README); the loss, pair and key bands are non-regression bands around our own results.
    /// </summary>
    [Fact]
    public void Hap_row()
    {
        var r = Row("transatlantic-leo-2hap");
        Assert.InRange(r.MeanDualLossDb, 62, 67);
        Assert.InRange(r.PerYear(r.AperturePairs), 1e8, 3e8);
        Assert.InRange(r.SecretBitsReferencePerYear, 5e6, 1.5e7);
        Assert.Equal(2.54, r.BellReference!.Value.SMinus3DeltaS, 0.011);
    }
}
