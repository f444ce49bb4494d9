using QkdScheduler.Core;
using QkdScheduler.Orbits.Tle;

namespace QkdScheduler.Orbits.Tests;

public sealed class TleReaderTests
{
    // Micius, from instances/micius2016-china11/micius-41731.tle (checksums valid).
    private const string L1 = "1 41731U 16051A   16353.90152003  .00000364  00000-0  17957-4 0  9993";
    private const string L2 = "2 41731  97.3699 267.4500 0013200 178.5836 246.0824 15.23915303 19063";

    private static IReadOnlyList<TwoLineElements> Parse(params string[] lines) =>
        TleReader.Parse("test.tle", lines, TleReadOptions.Strict);

    private static InputException Rejects(params string[] lines) => Assert.Throws<InputException>(() => Parse(lines));

    [Fact]
    public void Every_field_is_decoded_with_implied_decimals_and_exponents()
    {
        // Decoded by hand from the columns of the NORAD format (CelesTrak, "NORAD Two-Line Element Set Format").
        var t = Assert.Single(Parse("QSS (MICIUS)", L1, L2));
        Assert.Equal("QSS (MICIUS)", t.Name);
        Assert.Equal(41731, t.SatelliteNumber);
        Assert.Equal('U', t.Classification);
        Assert.Equal("16051A", t.InternationalDesignator);
        Assert.Equal(2016, t.EpochYear);
        Assert.Equal(353.90152003, t.EpochDay);
        Assert.Equal(0.00000364, t.MeanMotionDot);
        Assert.Equal(0.0, t.MeanMotionDdot);
        Assert.Equal(0.17957e-4, t.Bstar, 15);
        Assert.Equal(0, t.EphemerisType);
        Assert.Equal(999, t.ElementSetNumber);
        Assert.Equal(97.3699, t.InclinationDeg);
        Assert.Equal(267.45, t.RaanDeg);
        Assert.Equal(0.00132, t.Eccentricity, 12);
        Assert.Equal(178.5836, t.ArgPerigeeDeg);
        Assert.Equal(246.0824, t.MeanAnomalyDeg);
        Assert.Equal(15.23915303, t.MeanMotionRevPerDay);
        Assert.Equal(1906, t.RevolutionNumber);
        // Day 353 of leap year 2016 is December 18; 0.90152003 d = 21:38:11.33.
        Assert.Equal(new DateTime(2016, 12, 18, 21, 38, 11, 330, DateTimeKind.Utc), t.EpochUtc, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void Negative_exponent_fields_and_two_line_files_and_several_sets()
    {
        // From the Vallado verification file (AIAA 2006-6753): ndot -.00001273, B* -13525-3.
        var a = "1 21897U 92011A   06176.02341244 -.00001273  00000-0 -13525-3 0  3044";
        var b = "2 21897  62.1749 198.0096 7421690 253.0462  20.1561  2.01269994104880";
        var sets = Parse(L1, L2, "", a, b);
        Assert.Equal(2, sets.Count);
        Assert.Equal("41731", sets[0].Name);
        Assert.Equal(-0.00001273, sets[1].MeanMotionDot);
        Assert.Equal(-0.13525e-3, sets[1].Bstar, 15);
        Assert.Equal(0.742169, sets[1].Eccentricity, 12);
        Assert.Equal(2006, sets[1].EpochYear);
    }

    [Fact]
    public void Checksum_is_the_digit_sum_with_minus_as_one()
    {
        // Hand calculation for Micius line 1, columns 1-68: the digits sum to 141 and there are two '-'
        // (each counts 1), 143 mod 10 = 3, the digit in column 69.
        Assert.Equal(3, TleReader.Checksum(L1));
        Assert.Equal(3, TleReader.Checksum(L2));
        Assert.Equal(0, TleReader.Checksum("11111-----")); // 5 + 5 = 10
    }

    [Theory]
    [InlineData("cut", "has 68 characters; it must have 69")]
    [InlineData("checksum", "checksum is '4' but the line sums to 3")]
    [InlineData("letters", "inclination (deg) '97.3x99' (columns 9-16) is not a number")]
    [InlineData("eccentricity", "eccentricity '1.00000' (columns 27-33) must be digits with an implied leading '0.'")]
    [InlineData("orphan", "line 1 of an element set is not followed by its line 2")]
    [InlineData("angle", "mean anomaly (deg) is 400.1; it must be within 0-360° (columns 44-51)")]
    public void Bad_tles_are_rejected_with_file_line_and_reason(string how, string expected)
    {
        var l1 = L1;
        var l2 = L2;
        string[] lines;
        switch (how)
        {
            case "cut": l2 = L2[..68]; lines = [l1, l2]; break;
            case "checksum": l1 = L1[..68] + "4"; lines = [l1, l2]; break;
            case "letters": l2 = WithChecksum(L2.Replace("97.3699", "97.3x99")); lines = [l1, l2]; break;
            case "eccentricity": l2 = WithChecksum(L2.Replace("0013200", "1.00000")); lines = [l1, l2]; break;
            case "angle": l2 = WithChecksum(L2[..43] + "400.1000" + L2[51..]); lines = [l1, l2]; break;
            default: lines = ["", l1]; break;
        }
        var e = Rejects(lines);
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("test.tle:", e.Message);
    }

    [Fact]
    public void Bad_checksums_pass_with_the_explicit_opt_out()
    {
        var bad = L1[..68] + "4";
        Assert.Single(TleReader.Parse("v.tle", [bad, L2], new TleReadOptions(VerifyChecksums: false)));
        // Accepted, but reported: the file, the line and what is wrong.
        var warnings = new List<string>();
        Assert.Single(TleReader.Parse("v.tle", [bad, L2], new TleReadOptions(VerifyChecksums: false, Warn: warnings.Add)));
        var warning = Assert.Single(warnings);
        Assert.StartsWith("v.tle:1: TLE line 1 checksum is '4' but the line sums to", warning);
        Assert.Empty(TleReader.Parse("v.tle", [L1, L2], new TleReadOptions(VerifyChecksums: false, Warn: warnings.Add)).Skip(1));
        Assert.Single(warnings);
    }

    [Fact]
    public void The_set_closest_to_the_start_of_the_period_is_chosen()
    {
        var path = Path.Combine(Testing.RepositoryPaths.Root(), "instances", "micius2016-china11", "micius-41731.tle");
        var sets = TleReader.ReadFile(path);
        Assert.Equal(5, sets.Count);
        var choice = TleSelection.Choose(sets, "41731", new DateTime(2016, 9, 19, 0, 0, 0, DateTimeKind.Utc), path);
        Assert.Equal(2016, choice.Set.EpochYear);
        Assert.Equal(90.9, choice.DaysFromStart, 1);
        Assert.Contains("closest of 5 sets", choice.Describe());
        var later = TleSelection.Choose(sets, "micius", new DateTime(2021, 5, 1, 0, 0, 0, DateTimeKind.Utc), path);
        Assert.Equal(2021, later.Set.EpochYear);
        Assert.Throws<InputException>(() => TleSelection.Choose(sets, "25544", DateTime.UtcNow, path));
    }

    private static string WithChecksum(string line) => line[..68] + TleReader.Checksum(line);
}
