namespace QkdScheduler.Core;

/// <summary>
/// A named numeric parameter, its default and the range it must lie in, e.g. <c>divergence_urad &gt; 0</c>.
/// Models declare their rules once; the scenario reader, the CLI options and the model's own
/// constructor all check against the same rule, so the messages agree everywhere.
/// </summary>
public sealed record ParameterRule(string Key, double Default, Func<double, bool> Valid, string Rule)
{
    public bool Accepts(double value) => double.IsFinite(value) && Valid(value);

    /// <summary>Throws an <see cref="InputException"/> naming the key when the value is out of range.</summary>
    public double Check(double? value, string? source = null) => CheckValue(value ?? Default, source);

    private double CheckValue(double value, string? source) =>
        Accepts(value) ? value : throw new InputException(source, null, $"{Key} is {value}; it must be {Rule}");
}
