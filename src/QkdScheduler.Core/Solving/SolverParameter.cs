using System.Globalization;

namespace QkdScheduler.Core.Solving;

/// <summary>
/// A setting a solver declares for <c>--solver-option KEY=VALUE</c>: a number checked by a
/// <see cref="ParameterRule"/> (the mechanism scenario files use; whole numbers when
/// <see cref="Whole"/>), or one of a few names. Every solver lists its settings in
/// <see cref="ISolver.Parameters"/>; <see cref="SolverParameters.Check"/> rejects unknown keys and
/// bad values before a solve starts, and <c>qkdsched solvers --options</c> prints the lists.
/// </summary>
public sealed record SolverParameter
{
    private SolverParameter(string key, string defaultText, string rule, string description, ParameterRule? number, bool whole, IReadOnlyList<string>? choices)
    {
        Key = key;
        DefaultText = defaultText;
        Rule = rule;
        Description = description;
        NumberRule = number;
        Whole = whole;
        Choices = choices;
    }

    public string Key { get; }
    public string DefaultText { get; }

    /// <summary>What a valid value is, for messages and listings.</summary>
    public string Rule { get; }

    public string Description { get; }
    public ParameterRule? NumberRule { get; }
    public bool Whole { get; }
    public IReadOnlyList<string>? Choices { get; }

    public static SolverParameter Number(ParameterRule rule, string description, bool whole = false) =>
        new(rule.Key, rule.Default.ToString(CultureInfo.InvariantCulture), (whole ? "a whole number, " : "") + rule.Rule, description, rule, whole, null);

    public static SolverParameter Choice(string key, string defaultValue, IReadOnlyList<string> choices, string description) =>
        new(key, defaultValue, "one of " + string.Join(", ", choices), description, null, false, choices);

    /// <summary>Null when <paramref name="text"/> is a valid value, otherwise why not.</summary>
    public string? Problem(string text)
    {
        if (Choices != null) return Choices.Contains(text) ? null : $"it must be {Rule}";
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !NumberRule!.Accepts(v) || (Whole && v != Math.Floor(v)))
            return $"it must be {Rule}";
        return null;
    }
}

/// <summary>Checks and reads the <c>--solver-option</c> values a solver declared.</summary>
public static class SolverParameters
{
    /// <summary>
    /// Every given key must be one the solver declares, with a valid value; otherwise an
    /// <see cref="InputException"/> naming the option and what to give.
    /// </summary>
    public static void Check(ISolver solver, IReadOnlyDictionary<string, string>? given)
    {
        foreach (var (key, value) in given ?? new Dictionary<string, string>())
        {
            var declared = solver.Parameters.FirstOrDefault(p => p.Key == key)
                ?? throw new InputException(null, null, solver.Parameters.Count == 0
                    ? $"--solver-option {key}: {solver.Name} takes no solver options"
                    : $"--solver-option {key}: {solver.Name} knows {string.Join(", ", solver.Parameters.Select(p => p.Key))} (see 'qkdsched solvers --options')");
            if (declared.Problem(value) is { } problem) throw new InputException(null, null, $"--solver-option {key}={value}: {problem}");
        }
    }

    /// <summary>The keys of <paramref name="given"/> that this solver declares (a bench hands each solver its own).</summary>
    public static IReadOnlyDictionary<string, string> For(ISolver solver, IReadOnlyDictionary<string, string>? given) =>
        (given ?? new Dictionary<string, string>()).Where(kv => solver.Parameters.Any(p => p.Key == kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);

    /// <summary>A declared number, given or default (call after <see cref="Check"/>).</summary>
    public static double Number(this SolverOptions options, SolverParameter parameter) =>
        double.Parse(options.GetParameter(parameter.Key, parameter.DefaultText), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static int WholeNumber(this SolverOptions options, SolverParameter parameter) => checked((int)options.Number(parameter));

    /// <summary>A declared choice, given or default.</summary>
    public static string Choice(this SolverOptions options, SolverParameter parameter) => options.GetParameter(parameter.Key, parameter.DefaultText);
}
