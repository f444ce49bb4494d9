using System.CommandLine;
using QkdScheduler.Core.Model;

namespace QkdScheduler.Cli.Commands;

/// <summary>
/// <c>--min-contact-seconds X</c>: the minimum contact length for solve, bench, sweep and validate, declared once. It is
/// rounded up to whole intervals and replaces the instance's <c>min_contact_intervals</c> (0 = no rule).
/// </summary>
public static class MinContactOption
{
    /// <summary>The longest minimum contact: a day (a contact of a low orbit lasts minutes).</summary>
    public const double MaxSeconds = 86_400;

    public static Option<double?> Create()
    {
        var option = new Option<double?>("--min-contact-seconds")
        {
            Description = "every contact lasts at least this long, rounded up to whole intervals, and uses only intervals with key (overrides the instance's min_contact_intervals; 0 = no rule)",
        };
        OptionRange.Require(option, v => v is not { } s || s is >= 0 and <= MaxSeconds, $"--min-contact-seconds must be from 0 (no rule) to {MaxSeconds:0} seconds (a day)");
        return option;
    }

    /// <summary>
    /// The instance under the option's rule, or as it is when the option is not given. A rule that differs from the instance's
    /// renames it (<c>NAME@min-contact-L</c>): its optimum is another instance's, so a bench's best-known values and
    /// bounds never mix the two.
    /// </summary>
    public static Problem Apply(ParseResult parse, Option<double?> option, Problem problem)
    {
        if (parse.GetValue(option) is not { } seconds) return problem;
        var intervals = seconds == 0 ? 1 : Problem.IntervalsCovering(seconds, problem.IntervalSeconds);
        return problem.WithMinContactIntervals(intervals, $"{problem.Name}@min-contact-{intervals}");
    }
}
