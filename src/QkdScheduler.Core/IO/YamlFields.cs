using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QkdScheduler.Core.IO;

/// <summary>
/// A YAML mapping read with line numbers, for files users write by hand (instance.yaml,
/// scenario.yaml). Every accessor reports problems as <c>file:line: reason</c>, and
/// <see cref="RejectUnknownKeys"/> turns a typo into an error instead of a silently ignored key.
/// </summary>
public sealed class YamlFields
{
    private readonly YamlMappingNode _map;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<YamlNode, string> _overrides;

    private YamlFields(string file, YamlMappingNode map, IReadOnlyDictionary<YamlNode, string> overrides)
    {
        File = file;
        _map = map;
        _overrides = overrides;
    }

    public string File { get; }
    public int Line => LineOf(_map);

    public static YamlFields Load(string path) => Load(path, []);

    /// <summary>
    /// Loads a file and then applies <c>KEY.PATH=VALUE</c> overrides (e.g. <c>link.divergence_urad=3</c>
    /// from a command line): a value replaces the scalar at that path or is added to the block that
    /// path names; <c>name[i]</c> steps into entry i (from 0) of a list of blocks. Problems with an
    /// overridden value name the override instead of a line.
    /// </summary>
    public static YamlFields Load(string path, IReadOnlyList<string> overrides)
    {
        var text = InputFile.ReadAllText(path);
        var stream = new YamlStream();
        try
        {
            CheckDepth(path, text);
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new InputException(path, (int)e.Start.Line, $"not valid YAML: {FirstLine(e.InnerException?.Message ?? e.Message)}");
        }
        catch (ArgumentException e)
        {
            // YamlDotNet's representation model rejects some valid YAML it does not support (e.g. an alias in a key).
            throw new InputException(path, null, $"YAML this reader does not support (anchors, aliases or tags?): {FirstLine(e.Message)}");
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner reports some unterminated constructs (e.g. "[a") this way, without a position.
            throw new InputException(path, null, $"not valid YAML (an unclosed bracket or quote?): {FirstLine(e.Message)}");
        }

        if (stream.Documents.Count == 0) throw new InputException(path, 1, "file is empty");
        if (stream.Documents[0].RootNode is not YamlMappingNode map)
            throw new InputException(path, LineOf(stream.Documents[0].RootNode), "expected a mapping of 'key: value' lines at the top level");
        var origins = new Dictionary<YamlNode, string>(ReferenceEqualityComparer.Instance);
        foreach (var o in overrides) origins[Override(map, o)] = o;
        return new YamlFields(path, map, origins);
    }

    /// <summary>How deep blocks and lists may nest; our files need four or five levels.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Streams the events once before loading: the representation model loads nested blocks
    /// recursively, and a file nested tens of thousands deep would overflow the stack.
    /// </summary>
    private static void CheckDepth(string path, string text)
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                    if (++depth > MaxDepth)
                        throw new InputException(path, (int)parser.Current.Start.Line, $"blocks and lists are nested more than {MaxDepth} deep here; these files need only a few levels");
                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    depth--;
                    break;
            }
        }
    }

    private static YamlNode Override(YamlMappingNode root, string text)
    {
        var eq = text.IndexOf('=');
        var keys = eq > 0 ? text[..eq].Trim().Split('.') : [];
        if (eq <= 0 || keys.Any(k => k.Length == 0))
            throw new InputException(null, null, $"--set '{text}' is not KEY.PATH=VALUE, e.g. link.divergence_urad=3");
        var map = root;
        foreach (var key in keys[..^1])
        {
            // "name[i]" steps into entry i (from 0) of the list 'name', e.g. relays.satellites[1].orbit.raan_deg=50.
            var bracket = key.IndexOf('[');
            var name = bracket > 0 && key.EndsWith(']') ? key[..bracket] : key;
            if (!map.Children.TryGetValue(new YamlScalarNode(name), out var child))
                throw new InputException(null, null, $"--set '{text}': there is no block '{name}' to set a value in");
            if (bracket > 0 && key.EndsWith(']'))
            {
                if (!int.TryParse(key[(bracket + 1)..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                    throw new InputException(null, null, $"--set '{text}': '{key}' needs a list position from 0, e.g. {name}[0]");
                if (child is not YamlSequenceNode list)
                    throw new InputException(null, null, $"--set '{text}': '{name}' is not a list");
                if (index >= list.Children.Count)
                    throw new InputException(null, null, $"--set '{text}': '{name}' has {list.Children.Count} entries, counted from 0");
                child = list.Children[index];
            }

            map = child as YamlMappingNode ?? throw new InputException(null, null, $"--set '{text}': there is no block '{key}' to set a value in");
        }

        var value = new YamlScalarNode(text[(eq + 1)..].Trim());
        var last = new YamlScalarNode(keys[^1]);
        if (map.Children.TryGetValue(last, out var old) && old is not YamlScalarNode)
            throw new InputException(null, null, $"--set '{text}': '{keys[^1]}' is a list or block, not a single value");
        map.Children[last] = value;
        return value;
    }

    public bool Has(string key) => Find(key) != null;

    /// <summary>True when the key holds a block of 'key: value' lines (not a single value or a list).</summary>
    public bool IsMap(string key) => Find(key) is YamlMappingNode;

    /// <summary>The keys of this block in file order (for free-form maps such as per-station values).</summary>
    public IReadOnlyList<string> Keys => _map.Children.Keys.Select(k => (k as YamlScalarNode)?.Value ?? "").ToList();

    public InputException Error(string key, string reason) =>
        Find(key) is { } n ? Fail(n, reason) : new InputException(File, Line, reason);

    /// <summary>An error at a node: its line, or the override that set it.</summary>
    private InputException Fail(YamlNode node, string reason) =>
        _overrides.TryGetValue(node, out var origin)
            ? new InputException(File, null, $"{reason} (from --set {origin})")
            : new InputException(File, LineOf(node), reason);

    public string RequiredString(string key) => Scalar(Required(key), key);

    public string OptionalString(string key, string fallback) =>
        Find(key) is { } n ? Scalar(n, key) : fallback;

    public double RequiredDouble(string key, Func<double, bool>? valid = null, string rule = "") =>
        ParseDouble(Required(key), key, valid, rule);

    public double OptionalDouble(string key, double fallback, Func<double, bool>? valid = null, string rule = "") =>
        Find(key) is { } n ? ParseDouble(n, key, valid, rule) : fallback;

    /// <summary>An optional number checked against a model's declared rule (key, range and message).</summary>
    public double Parameter(ParameterRule rule) => OptionalDouble(rule.Key, rule.Default, rule.Valid, rule.Rule);

    /// <summary>Every rule's value from this block (its default where the key is absent), by name.</summary>
    public ParameterValues Parameters(IEnumerable<ParameterRule> rules)
    {
        var list = rules.ToList();
        return ParameterValues.Of(list, list.ToDictionary(r => r.Key, Parameter), File);
    }

    public int RequiredInt(string key, Func<int, bool>? valid = null, string rule = "") =>
        ParseInt(Required(key), key, valid, rule);

    public int? OptionalInt(string key, Func<int, bool>? valid = null, string rule = "") =>
        Find(key) is { } n ? ParseInt(n, key, valid, rule) : null;

    public DateTime RequiredUtc(string key)
    {
        var node = Required(key);
        var text = Scalar(node, key);
        if (!TextFormat.TryParseUtc(text, out var utc))
            throw Fail(node, $"{key} '{text}' is not an ISO 8601 UTC time such as 2016-09-19T00:00:00Z");
        return utc;
    }

    public IReadOnlyList<string> StringList(string key)
    {
        var node = Required(key);
        if (node is YamlScalarNode s) return [s.Value ?? ""];
        if (node is not YamlSequenceNode seq) throw Fail(node, $"{key} must be a list");
        return seq.Children.Select(c => Scalar(c, key)).ToList();
    }

    /// <summary>A list of rows of <paramref name="width"/> finite numbers each, e.g. <c>horizon: [[0, 10], [90, 15]]</c>; each error names its line.</summary>
    public IReadOnlyList<double[]> NumberRows(string key, int width)
    {
        var node = Required(key);
        if (node is not YamlSequenceNode seq) throw Fail(node, $"{key} must be a list of [{width} numbers] entries");
        var rows = new List<double[]>();
        foreach (var c in seq.Children)
        {
            if (c is not YamlSequenceNode row || row.Children.Count != width)
                throw Fail(c, $"each {key} entry must be a list of {width} numbers, e.g. [{string.Join(", ", Enumerable.Range(1, width).Select(i => i * 10))}]");
            rows.Add(row.Children.Select(x => ParseDouble(x, key, double.IsFinite, "a finite number")).ToArray());
        }

        return rows;
    }

    public YamlFields? OptionalMap(string key) => Find(key) is { } n ? AsMap(n, key) : null;

    public YamlFields RequiredMap(string key) => AsMap(Required(key), key);

    public IReadOnlyList<YamlFields> MapList(string key)
    {
        var node = Required(key);
        if (node is not YamlSequenceNode seq) throw Fail(node, $"{key} must be a list of entries ('- key: value')");
        return seq.Children.Select(c => AsMap(c, key)).ToList();
    }

    /// <summary>All keys with scalar values, e.g. a free-form provenance block.</summary>
    public IReadOnlyDictionary<string, string> ScalarEntries()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in _map.Children)
        {
            var key = ((YamlScalarNode)k).Value ?? "";
            _used.Add(key);
            result[key] = Scalar(v, key);
        }

        return result;
    }

    /// <summary>Fails on the first key that no accessor asked for (most often a typo).</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (k, v) in _map.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            if (_used.Contains(key)) continue;
            var reason = $"unknown key '{key}' (check its spelling; allowed here: {string.Join(", ", _used.Order())})";
            throw _overrides.ContainsKey(v) ? Fail(v, reason) : new InputException(File, LineOf(k), reason);
        }
    }

    /// <summary>Declares keys as allowed without reading them (for the error message of <see cref="RejectUnknownKeys"/>).</summary>
    public void Allow(params string[] keys)
    {
        foreach (var k in keys) _used.Add(k);
    }

    private YamlNode Required(string key)
    {
        if (Find(key) is { } node) return node;
        // A missing key is most often a misspelt one: point at the look-alike if there is one.
        foreach (var (k, _) in _map.Children)
        {
            var other = (k as YamlScalarNode)?.Value ?? "";
            if (!_used.Contains(other) && EditDistance(other, key) <= 2)
                throw new InputException(File, LineOf(k), $"unknown key '{other}'; did you mean '{key}'?");
        }

        throw new InputException(File, Line, $"missing required key '{key}'");
    }

    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }

    private YamlNode? Find(string key)
    {
        _used.Add(key);
        return _map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;
    }

    private YamlFields AsMap(YamlNode node, string key) =>
        node is YamlMappingNode m
            ? new YamlFields(File, m, _overrides)
            : throw Fail(node, $"{key} must be a block of 'key: value' lines");

    private string Scalar(YamlNode node, string key) =>
        node is YamlScalarNode s
            ? s.Value ?? ""
            : throw Fail(node, $"{key} must be a single value, not a list or block");

    private double ParseDouble(YamlNode node, string key, Func<double, bool>? valid, string rule)
    {
        var text = Scalar(node, key);
        if (!TextFormat.TryParseDouble(text, out var v) || !double.IsFinite(v))
            throw Fail(node, $"{key} '{text}' is not a finite number");
        if (valid != null && !valid(v)) throw Fail(node, $"{key} is {text}; it must be {rule}");
        return v;
    }

    private int ParseInt(YamlNode node, string key, Func<int, bool>? valid, string rule)
    {
        var text = Scalar(node, key);
        if (!TextFormat.TryParseInt(text, out var v))
            throw Fail(node, $"{key} '{text}' is not a whole number");
        if (valid != null && !valid(v)) throw Fail(node, $"{key} is {text}; it must be {rule}");
        return v;
    }

    private static int LineOf(YamlNode node) => (int)node.Start.Line;

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
