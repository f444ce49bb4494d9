using System.CommandLine;
using QkdScheduler.Core;

namespace QkdScheduler.Cli.Commands;

/// <summary>
/// Command-line options made from a model's <see cref="ParameterRule"/>s: <c>divergence_urad</c>
/// becomes <c>--divergence-urad</c>, with the model's default and the same range check and message
/// as in scenario files.
/// </summary>
public sealed class ParameterOptions
{
    private readonly List<(ParameterRule Rule, Option<double> Option)> _options = [];

    public ParameterOptions(IEnumerable<ParameterRule> rules)
    {
        foreach (var rule in rules)
        {
            var fallback = rule.Default;
            var option = new Option<double>("--" + rule.Key.Replace('_', '-'))
            {
                Description = $"{rule.Key}: {rule.Rule} (default {fallback.ToString(System.Globalization.CultureInfo.InvariantCulture)})",
                DefaultValueFactory = _ => fallback,
            };
            OptionRange.Require(option, rule.Accepts, v => $"{option.Name} is {v.ToString(System.Globalization.CultureInfo.InvariantCulture)}; it must be {rule.Rule}");
            _options.Add((rule, option));
        }
    }

    public void AddTo(Command command)
    {
        foreach (var (_, option) in _options) command.Options.Add(option);
    }

    /// <summary>Every rule's value, by name.</summary>
    public ParameterValues Read(ParseResult parse) =>
        ParameterValues.Of(_options.Select(o => o.Rule), _options.ToDictionary(o => o.Rule.Key, o => parse.GetValue(o.Option)));
}
