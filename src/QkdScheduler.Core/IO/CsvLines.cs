namespace QkdScheduler.Core.IO;

/// <summary>
/// Reads the project's simple CSV files (no quoting: ids never contain commas or quotes) line by
/// line with line numbers, checking the header, the column count and that the file does not end
/// in the middle of a row.
/// </summary>
public static class CsvLines
{
    /// <summary>One data row: its 1-based line number in the file and its fields.</summary>
    public readonly record struct Row(int Line, string[] Fields);

    public static IEnumerable<Row> Read(string path, IReadOnlyList<string> header, int minimumFields = -1)
    {
        if (!File.Exists(path)) throw new InputException(path, null, "file not found");
        var text = File.ReadAllText(path);
        if (text.Length == 0) throw new InputException(path, 1, $"file is empty; expected the header '{string.Join(',', header)}'");
        var lines = text.Split('\n');
        // A file that does not end with a newline was most likely cut off mid-row.
        if (lines[^1].Length != 0)
            throw new InputException(path, lines.Length, "the last line does not end with a newline: the file looks truncated; regenerate it");

        // Optional trailing columns (minimumFields < header.Count) may be left out of the header too.
        var need = minimumFields < 0 ? header.Count : minimumFields;
        var first = lines[0].TrimEnd('\r');
        var given = first.Split(',');
        if (given.Length < need || given.Length > header.Count || !given.SequenceEqual(header.Take(given.Length)))
            throw new InputException(path, 1, $"header is '{first}'; expected '{string.Join(',', header)}'");

        for (var i = 1; i < lines.Length - 1; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length < need || fields.Length > header.Count)
                throw new InputException(path, i + 1, $"expected {header.Count} comma-separated fields ({string.Join(',', header)}), found {fields.Length}");
            yield return new Row(i + 1, fields);
        }
    }

    public static int ParseInt(string path, Row row, int column, string name)
    {
        var text = row.Fields[column].Trim();
        if (!TextFormat.TryParseInt(text, out var v))
            throw new InputException(path, row.Line, $"{name} '{text}' is not a whole number");
        return v;
    }

    public static double ParseFiniteDouble(string path, Row row, int column, string name)
    {
        var text = row.Fields[column].Trim();
        if (!TextFormat.TryParseDouble(text, out var v) || !double.IsFinite(v))
            throw new InputException(path, row.Line, $"{name} '{text}' is not a finite number (use '.' as the decimal point)");
        return v;
    }
}
