namespace QkdScheduler.Core.IO;

/// <summary>
/// Reads the project's CSV files line by line with line numbers. <see cref="Read"/> is for our own
/// files (fixed header, no quoting: ids never contain commas or quotes), checking the header, the
/// column count and that the file does not end in the middle of a row; <see cref="ReadTable"/> is
/// for hand-made files (named columns in any order, quoted fields).
/// </summary>
public static class CsvLines
{
    /// <summary>One data row: its 1-based line number in the file and its fields.</summary>
    public readonly record struct Row(int Line, string[] Fields);

    /// <summary>The lines of an existing, non-empty file (<see cref="InputFile.Lines"/>, streamed); <paramref name="expectedHeader"/> is named in the error for an empty one.</summary>
    private static IEnumerable<(int Number, string Text, bool Ended)> Lines(string path, string expectedHeader)
    {
        var any = false;
        foreach (var line in InputFile.Lines(path))
        {
            any = true;
            yield return line;
        }

        if (!any) throw new InputException(path, 1, $"file is empty; expected {expectedHeader}");
    }

    /// <summary>The header line of an existing, non-empty file (to tell a file's two forms apart before reading it).</summary>
    public static string HeaderLine(string path, string expectedHeader) => Lines(path, $"the header '{expectedHeader}'").First().Text;

    public static IEnumerable<Row> Read(string path, IReadOnlyList<string> header, int minimumFields = -1)
    {
        // Optional trailing columns (minimumFields < header.Count) may be left out of the header too.
        var need = minimumFields < 0 ? header.Count : minimumFields;
        foreach (var (number, line, ended) in Lines(path, $"the header '{string.Join(',', header)}'"))
        {
            // A file that does not end with a newline was most likely cut off mid-row.
            if (!ended) throw new InputException(path, number, "the last line does not end with a newline: the file looks truncated; regenerate it");
            if (number == 1)
            {
                var given = line.Split(',');
                if (given.Length < need || given.Length > header.Count || !given.SequenceEqual(header.Take(given.Length)))
                    throw new InputException(path, 1, $"header is '{line}'; expected '{string.Join(',', header)}'");
                continue;
            }

            if (line.Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length < need || fields.Length > header.Count)
                throw new InputException(path, number, $"expected {header.Count} comma-separated fields ({string.Join(',', header)}), found {fields.Length}");
            yield return new Row(number, fields);
        }
    }

    /// <summary>
    /// Reads a CSV file whose header must contain <paramref name="required"/> columns, in any order,
    /// possibly with others (ignored). Fields may be quoted ("a, b" with "" for a quote), as
    /// spreadsheets write them. Returns the column positions by name and the rows.
    /// </summary>
    public static (IReadOnlyDictionary<string, int> Columns, IReadOnlyList<Row> Rows) ReadTable(string path, IReadOnlyList<string> required)
    {
        string[]? header = null;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<Row>();
        foreach (var (number, line, _) in Lines(path, $"a header with the columns {string.Join(',', required)}"))
        {
            if (header == null)
            {
                header = SplitQuoted(path, 1, line).Select(h => h.Trim()).ToArray();
                for (var i = 0; i < header.Length; i++)
                    if (!columns.TryAdd(header[i], i)) throw new InputException(path, 1, $"column '{header[i]}' appears twice in the header");
                var missing = required.Where(r => !columns.ContainsKey(r)).ToList();
                if (missing.Count > 0)
                    throw new InputException(path, 1, $"header '{line}' lacks the column(s) {string.Join(", ", missing)}; expected at least {string.Join(',', required)}");
                continue;
            }

            if (line.Trim().Length == 0) continue;
            var fields = SplitQuoted(path, number, line);
            if (fields.Length != header.Length)
                throw new InputException(path, number, $"expected {header.Length} comma-separated fields like the header, found {fields.Length}");
            rows.Add(new Row(number, fields));
        }
        return (columns, rows);
    }

    /// <summary>Splits one CSV line, honouring double-quoted fields (RFC 4180, without line breaks inside quotes).</summary>
    public static string[] SplitQuoted(string path, int lineNumber, string line)
    {
        if (!line.Contains('"')) return line.Split(',');
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        if (quoted) throw new InputException(path, lineNumber, "a quoted field is not closed (missing '\"')");
        fields.Add(field.ToString());
        return fields.ToArray();
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
