using System.Globalization;

namespace QkdScheduler.Core.IO;

/// <summary>Culture-invariant number and time formatting shared by every writer, so files diff cleanly.</summary>
public static class TextFormat
{
    /// <summary>A CSV field as RFC 4180 wants it: quoted (with doubled quotes) when it holds a comma, quote or line break.</summary>
    public static string CsvField(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 UTC with milliseconds, e.g. 2018-01-01T23:00:00.000Z.</summary>
    public static string Utc(DateTime time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static bool TryParseDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static bool TryParseInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses an ISO 8601 time that states its offset (Z or ±hh:mm) and returns it in UTC.</summary>
    public static bool TryParseUtc(string text, out DateTime utc)
    {
        utc = default;
        var t = text.Trim();
        var hasOffset = t.EndsWith('Z') || t.EndsWith('z') ||
                        (t.Length > 6 && (t[^6] == '+' || t[^6] == '-') && t[^3] == ':');
        if (!hasOffset) return false;
        if (!DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto)) return false;
        utc = dto.UtcDateTime;
        return true;
    }
}
