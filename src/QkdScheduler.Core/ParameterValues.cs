namespace QkdScheduler.Core;

/// <summary>
/// Checked values of a model's parameters, looked up by rule (that is, by name), never by position:
/// a scenario section, a set of command-line options or a test builds one, and the model's factory
/// reads what it needs. Every value has passed its <see cref="ParameterRule"/>.
/// </summary>
public sealed class ParameterValues
{
    private readonly Dictionary<string, double> _values;

    private ParameterValues(Dictionary<string, double> values) => _values = values;

    /// <summary>The defaults of <paramref name="rules"/>, with <paramref name="given"/> (by key) checked and applied.</summary>
    public static ParameterValues Of(IEnumerable<ParameterRule> rules, IReadOnlyDictionary<string, double>? given = null, string? source = null)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var known = rules.ToList();
        foreach (var rule in known)
            values[rule.Key] = rule.Check(given != null && given.TryGetValue(rule.Key, out var v) ? v : null, source);
        if (given != null)
            foreach (var key in given.Keys)
                if (!values.ContainsKey(key))
                    throw new InputException(source, null, $"'{key}' is not a parameter here; known: {string.Join(", ", known.Select(r => r.Key))}");
        return new ParameterValues(values);
    }

    public double this[ParameterRule rule] => _values.TryGetValue(rule.Key, out var v)
        ? v
        : throw new ArgumentException($"parameter {rule.Key} was not declared for this model", nameof(rule));

    /// <summary>The value of a rule that a model takes only in some sections (e.g. the Friis link's apertures, given in a station scenario's link but not a pair scenario's).</summary>
    public bool TryGet(ParameterRule rule, out double value) => _values.TryGetValue(rule.Key, out value);

    public IReadOnlyDictionary<string, double> All => _values;
}
