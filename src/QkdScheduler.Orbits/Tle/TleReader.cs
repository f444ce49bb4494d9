using System.Globalization;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;

namespace QkdScheduler.Orbits.Tle;

/// <summary>How strictly to read a TLE file.</summary>
/// <param name="VerifyChecksums">Reject lines whose mod-10 checksum (column 69) is wrong. Turn off only
/// for files with deliberately broken sets, such as the SGP4 verification file of AIAA 2006-6753.</param>
/// <param name="IgnoreTextAfterColumn69">Accept text after column 69 (the verification file puts
/// start/stop/step times there). Otherwise a line longer than 69 characters is an error.</param>
/// <param name="Warn">With <paramref name="VerifyChecksums"/> off, told of each wrong checksum (file:line and what is
/// wrong) instead of nothing, so an accepted bad line is still reported.</param>
public sealed record TleReadOptions(bool VerifyChecksums = true, bool IgnoreTextAfterColumn69 = false, Action<string>? Warn = null)
{
    public static readonly TleReadOptions Strict = new();
}

/// <summary>
/// Reads 2-line and 3-line (name line first) element-set files holding any number of sets. Field
/// columns follow the NORAD format (CelesTrak, T. S. Kelso, "NORAD Two-Line Element Set Format").
/// Lines starting with '#' and blank lines are skipped. Every error names the file and line.
/// </summary>
public static class TleReader
{
    public static IReadOnlyList<TwoLineElements> ReadFile(string path, TleReadOptions? options = null)
    {
        if (!File.Exists(path)) throw new InputException(path, null, "TLE file not found");
        var lines = InputFile.ReadAllText(path).Split('\n');
        var sets = Parse(path, lines, options ?? TleReadOptions.Strict);
        if (sets.Count == 0) throw new InputException(path, null, "no element sets found (expected lines starting with '1 ' and '2 ')");
        return sets;
    }

    public static IReadOnlyList<TwoLineElements> Parse(string file, IReadOnlyList<string> lines, TleReadOptions options)
    {
        var sets = new List<TwoLineElements>();
        string? name = null;
        var nameLine = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].TrimEnd('\r', ' ', '\t');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith("1 ", StringComparison.Ordinal))
            {
                var j = i + 1;
                while (j < lines.Count && lines[j].Trim().Length == 0) j++;
                if (j >= lines.Count || !lines[j].StartsWith("2 ", StringComparison.Ordinal))
                    throw new InputException(file, i + 1, "line 1 of an element set is not followed by its line 2 (starting '2 ')");
                var line2 = lines[j].TrimEnd('\r', ' ', '\t');
                sets.Add(ParseSet(file, i + 1, line, j + 1, line2, name, options));
                name = null;
                i = j;
            }
            else if (line.StartsWith("2 ", StringComparison.Ordinal))
            {
                throw new InputException(file, i + 1, "line 2 of an element set without a line 1 before it");
            }
            else
            {
                if (name != null)
                    throw new InputException(file, nameLine, $"'{Clip(name)}' is neither a name line followed by a TLE nor a TLE line (lines 1 and 2 start with '1 ' and '2 ')");
                // 3-line format: a name line, optionally prefixed "0 ".
                name = line.StartsWith("0 ", StringComparison.Ordinal) ? line[2..].Trim() : line.Trim();
                nameLine = i + 1;
                // The name is the satellite's in contacts.csv, the calendars and the JSON files.
                if (!InstanceFiles.IsFormulaSafe(name))
                    throw new InputException(file, nameLine, $"satellite name '{Clip(name)}' {InstanceFiles.FormulaRule}; rename it in the file");
            }
        }
        if (name != null)
            throw new InputException(file, nameLine, $"name line '{Clip(name)}' is not followed by an element set");
        return sets;
    }

    /// <summary>Parses one element set; <paramref name="n1"/> and <paramref name="n2"/> are the line numbers used in errors.</summary>
    public static TwoLineElements ParseSet(string file, int n1, string line1, int n2, string line2, string? name,
        TleReadOptions options)
    {
        line1 = CheckLine(file, n1, line1, '1', options);
        line2 = CheckLine(file, n2, line2, '2', options);

        var sat1 = SatelliteNumber(file, n1, line1);
        var sat2 = SatelliteNumber(file, n2, line2);
        if (sat1 != sat2)
            throw new InputException(file, n2, $"satellite number {sat2} on line 2 differs from {sat1} on line 1");

        var yy = Int(file, n1, line1, 19, 20, "epoch year");
        var eccentricity = ImpliedDecimal(file, n2, line2, 27, 33, "eccentricity");
        var meanMotion = Real(file, n2, line2, 53, 63, "mean motion (rev/day)");
        if (!(meanMotion > 0))
            throw new InputException(file, n2, $"mean motion {meanMotion} rev/day must be positive (columns 53-63)");
        var inclination = Real(file, n2, line2, 9, 16, "inclination (deg)");
        if (inclination is < 0 or > 180)
            throw new InputException(file, n2, $"inclination {inclination}° must be within 0-180° (columns 9-16)");
        var epochDay = Real(file, n1, line1, 21, 32, "epoch day of year");
        if (epochDay is < 1 or >= 367)
            throw new InputException(file, n1, $"epoch day {epochDay} must be within 1-366.99999999 (columns 21-32)");

        return new TwoLineElements
        {
            Name = string.IsNullOrWhiteSpace(name) ? sat1.ToString(CultureInfo.InvariantCulture) : name,
            SatelliteNumber = sat1,
            Classification = line1[7],
            InternationalDesignator = line1[9..17].Trim(),
            EpochYear = yy < 57 ? 2000 + yy : 1900 + yy,
            EpochDay = epochDay,
            MeanMotionDot = Real(file, n1, line1, 34, 43, "first derivative of mean motion"),
            MeanMotionDdot = Exponential(file, n1, line1, 45, 52, "second derivative of mean motion"),
            Bstar = Exponential(file, n1, line1, 54, 61, "B* drag term"),
            EphemerisType = OptionalInt(file, n1, line1, 63, 63, "ephemeris type"),
            ElementSetNumber = OptionalInt(file, n1, line1, 65, 68, "element set number"),
            InclinationDeg = inclination,
            RaanDeg = Angle(file, n2, line2, 18, 25, "right ascension of the ascending node (deg)"),
            Eccentricity = eccentricity,
            ArgPerigeeDeg = Angle(file, n2, line2, 35, 42, "argument of perigee (deg)"),
            MeanAnomalyDeg = Angle(file, n2, line2, 44, 51, "mean anomaly (deg)"),
            MeanMotionRevPerDay = meanMotion,
            RevolutionNumber = OptionalInt(file, n2, line2, 64, 68, "revolution number"),
            Line1 = line1,
            Line2 = line2,
            Source = $"{file}:{n1}",
        };
    }

    /// <summary>An angle of line 2 (RAAN, argument of perigee, mean anomaly): the format writes them within 0-360°.</summary>
    private static double Angle(string file, int lineNumber, string line, int from, int to, string what)
    {
        var v = Real(file, lineNumber, line, from, to, what);
        if (v is < 0 or > 360) throw new InputException(file, lineNumber, $"{what} is {v}; it must be within 0-360° (columns {from}-{to})");
        return v;
    }

    /// <summary>The standard TLE checksum: digits summed, '-' counts 1, everything else 0, modulo 10.</summary>
    public static int Checksum(string line)
    {
        var sum = 0;
        for (var i = 0; i < 68 && i < line.Length; i++)
        {
            var c = line[i];
            if (c is >= '0' and <= '9') sum += c - '0';
            else if (c == '-') sum += 1;
        }
        return sum % 10;
    }

    private static string CheckLine(string file, int n, string line, char number, TleReadOptions options)
    {
        if (line.Length < 69)
            throw new InputException(file, n, $"TLE line {number} has {line.Length} characters; it must have 69 (is it cut or wrapped?)");
        if (line.Length > 69)
        {
            if (!options.IgnoreTextAfterColumn69)
                throw new InputException(file, n, $"TLE line {number} has {line.Length} characters; it must have 69 (remove the text after column 69)");
            line = line[..69];
        }
        var expected = Checksum(line);
        if (line[68] - '0' != expected)
        {
            var what = $"TLE line {number} checksum is '{line[68]}' but the line sums to {expected}";
            if (options.VerifyChecksums) throw new InputException(file, n, what + ": the line is corrupted or edited");
            options.Warn?.Invoke($"{file}:{n}: {what} (accepted: checksums not verified)");
        }

        return line;
    }

    /// <summary>Columns 3-7: five digits, or Alpha-5 (a letter A-Z without I and O, then four digits).</summary>
    private static int SatelliteNumber(string file, int n, string line)
    {
        var text = line[2..7].Trim();
        if (text.Length == 5 && char.IsAsciiLetterUpper(text[0]) && text[0] is not ('I' or 'O')
            && int.TryParse(text[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var rest))
        {
            var letter = text[0] - 'A' + 10;
            if (text[0] > 'I') letter--;
            if (text[0] > 'O') letter--;
            return letter * 10000 + rest;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            throw new InputException(file, n, $"satellite number '{text}' (columns 3-7) is not a number");
        return v;
    }

    private static string Field(string line, int from, int to) => line[(from - 1)..to];

    private static double Real(string file, int n, string line, int from, int to, string what)
    {
        var text = Field(line, from, to).Trim();
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v))
            throw new InputException(file, n, $"{what} '{text}' (columns {from}-{to}) is not a number");
        return v;
    }

    private static int Int(string file, int n, string line, int from, int to, string what)
    {
        var text = Field(line, from, to).Trim();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            throw new InputException(file, n, $"{what} '{text}' (columns {from}-{to}) is not a whole number");
        return v;
    }

    private static int OptionalInt(string file, int n, string line, int from, int to, string what) =>
        Field(line, from, to).Trim().Length == 0 ? 0 : Int(file, n, line, from, to, what);

    /// <summary>Digits with an implied leading decimal point, e.g. "0013200" = 0.0013200.</summary>
    private static double ImpliedDecimal(string file, int n, string line, int from, int to, string what)
    {
        var text = Field(line, from, to).Trim();
        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
            throw new InputException(file, n, $"{what} '{text}' (columns {from}-{to}) must be digits with an implied leading '0.' (so it is always < 1)");
        return double.Parse("0." + text, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Mantissa with implied leading decimal point and a signed power of ten, e.g. "-11606-4" =
    /// −0.11606e-4 and " 00000+0" = 0.
    /// </summary>
    private static double Exponential(string file, int n, string line, int from, int to, string what)
    {
        var raw = Field(line, from, to);
        var text = raw.Trim();
        var bad = new InputException(file, n,
            $"{what} '{text}' (columns {from}-{to}) must look like ' 12345-4' (sign, 5 digits with implied '0.', exponent sign and digit)");
        if (text.Length < 3) throw bad;
        var sign = 1.0;
        if (text[0] is '-' or '+')
        {
            if (text[0] == '-') sign = -1.0;
            text = text[1..];
        }
        var expSign = text[^2];
        var expDigit = text[^1];
        var mantissa = text[..^2].Trim();
        if (expSign is not ('-' or '+') || !char.IsAsciiDigit(expDigit) || mantissa.Length == 0
            || !mantissa.All(char.IsAsciiDigit))
            throw bad;
        var m = double.Parse("0." + mantissa, CultureInfo.InvariantCulture);
        var e = (expDigit - '0') * (expSign == '-' ? -1 : 1);
        return sign * m * Math.Pow(10, e);
    }

    private static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
