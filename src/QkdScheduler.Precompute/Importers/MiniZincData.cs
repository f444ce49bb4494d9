using QkdScheduler.Core.IO;
using QkdScheduler.Core;

namespace QkdScheduler.Precompute.Importers;

/// <summary>
/// The assignments of a MiniZinc data file (<c>name = value;</c>), kept as raw text with the line
/// each starts on, plus the few value forms such files use: numbers, strings, <c>a..b</c> ranges,
/// <c>[ … ]</c> arrays, <c>{ … }</c> sets and <c>[| … | … |]</c> 2-D arrays.
/// </summary>
public sealed class MiniZincData
{
    private readonly Dictionary<string, (string Value, int Line)> _items;

    private MiniZincData(string file, Dictionary<string, (string, int)> items)
    {
        File = file;
        _items = items;
    }

    public string File { get; }

    public static MiniZincData Load(string path)
    {
        if (!System.IO.File.Exists(path)) throw new InputException(path, null, "file not found");
        var text = Blank(InputFile.ReadAllText(path), path);
        var items = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        var line = 1;
        var pos = 0;
        while (pos < text.Length)
        {
            var end = StatementEnd(text, pos);
            var statement = end < 0 ? text[pos..] : text[pos..end];
            var startLine = line + LeadingNewlines(statement);
            if (statement.Trim().Length > 0)
            {
                if (end < 0) throw new InputException(path, startLine, "statement does not end with ';' (file truncated?)");
                var eq = statement.IndexOf('=');
                if (eq < 0) throw new InputException(path, startLine, "expected 'name = value;'");
                var name = statement[..eq].Trim();
                if (!items.TryAdd(name, (statement[(eq + 1)..].Trim(), startLine)))
                    throw new InputException(path, startLine, $"'{name}' is assigned twice");
            }

            line += statement.Count(c => c == '\n');
            pos = end < 0 ? text.Length : end + 1;
        }

        return new MiniZincData(path, items);
    }

    /// <summary>
    /// The text with MiniZinc comments (<c>% …</c> to the end of the line, <c>/* … */</c>) replaced by
    /// spaces, line breaks kept so line numbers stay right; a <c>%</c> or <c>;</c> inside a string is text.
    /// </summary>
    private static string Blank(string text, string path)
    {
        var chars = text.ToCharArray();
        var inString = false;
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                else if (c == '\n') throw new InputException(path, 1 + text[..i].Count(x => x == '\n'), "a string is not closed before the end of the line");
                continue;
            }

            if (c == '"') inString = true;
            else if (c == '%')
                for (; i < chars.Length && chars[i] != '\n'; i++) chars[i] = ' ';
            else if (c == '/' && i + 1 < chars.Length && chars[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (close < 0) throw new InputException(path, 1 + text[..i].Count(x => x == '\n'), "a /* comment is not closed");
                for (var j = i; j < close + 2; j++)
                    if (chars[j] != '\n') chars[j] = ' ';
                i = close + 1;
            }
        }

        return new string(chars);
    }

    /// <summary>The next ';' outside a string, or −1.</summary>
    private static int StatementEnd(string text, int from)
    {
        var inString = false;
        for (var i = from; i < text.Length; i++)
        {
            if (inString)
            {
                if (text[i] == '\\') i++;
                else if (text[i] == '"') inString = false;
            }
            else if (text[i] == '"') inString = true;
            else if (text[i] == ';') return i;
        }

        return -1;
    }

    public int LineOf(string name) => _items.TryGetValue(name, out var v) ? v.Line : 1;

    public InputException Error(string name, string reason) => new(File, LineOf(name), reason);

    public string Raw(string name) =>
        _items.TryGetValue(name, out var v) ? v.Value : throw new InputException(File, null, $"'{name}' is missing");

    public string String(string name)
    {
        var raw = Raw(name);
        if (raw.Length < 2 || raw[0] != '"' || raw[^1] != '"') throw Error(name, $"{name} must be a quoted string");
        return raw[1..^1];
    }

    public double Number(string name) => ParseNumber(name, Raw(name));

    public (int From, int To) Range(string name)
    {
        var parts = Raw(name).Split("..");
        if (parts.Length != 2) throw Error(name, $"{name} must be a range 'a..b'");
        return ((int)ParseNumber(name, parts[0]), (int)ParseNumber(name, parts[1]));
    }

    public IReadOnlyList<string> Set(string name)
    {
        var raw = Raw(name);
        if (!raw.StartsWith('{') || !raw.EndsWith('}')) throw Error(name, $"{name} must be a set '{{ a, b }}'");
        return Split(raw[1..^1]);
    }

    public double[] Array(string name)
    {
        var raw = Raw(name);
        if (!raw.StartsWith('[') || !raw.EndsWith(']') || raw.StartsWith("[|")) throw Error(name, $"{name} must be an array '[ … ]'");
        return Split(raw[1..^1]).Select(s => ParseNumber(name, s)).ToArray();
    }

    public double[][] Array2D(string name)
    {
        var raw = Raw(name);
        if (!raw.StartsWith("[|") || !raw.EndsWith("|]")) throw Error(name, $"{name} must be a 2-D array '[| … | … |]'");
        return raw[2..^2].Split('|').Select(row => Split(row).Select(s => ParseNumber(name, s)).ToArray()).ToArray();
    }

    private double ParseNumber(string name, string text)
    {
        if (!Core.IO.TextFormat.TryParseDouble(text.Trim(), out var v) || !double.IsFinite(v))
            throw Error(name, $"{name} holds '{Shorten(text.Trim())}', which is not a number");
        return v;
    }

    private static List<string> Split(string list) =>
        list.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    private static int LeadingNewlines(string s)
    {
        var n = 0;
        foreach (var c in s)
        {
            if (c == '\n') n++;
            else if (!char.IsWhiteSpace(c)) break;
        }

        return n;
    }

    private static string Shorten(string s) => s.Length <= 30 ? s : s[..30] + "…";
}
