using QkdScheduler.Core;
using QkdScheduler.Core.IO;

namespace QkdScheduler.Cli.Commands;

/// <summary>
/// A number or a range given on the command line: <c>V</c>, <c>FROM:TO:STEP</c> (linear, TO included
/// when the steps land on it) or <c>FROM:TO:xF</c> (geometric, each value F times the last, F &gt; 1),
/// e.g. <c>--qber 0.01:0.09:0.01</c>, <c>--pairs 1e3:1e8:x10</c>. Every value must pass
/// <paramref name="valid"/>; errors name the option.
/// </summary>
public static class NumberRange
{
    public const int MaxPoints = 1_000_000;

    public static IReadOnlyList<double> Parse(string text, string option, Func<double, bool> valid, string rule)
    {
        var parts = text.Split(':');
        if (parts.Length is not (1 or 3))
            throw new InputException(null, null, $"{option} '{text}' must be one value, FROM:TO:STEP or FROM:TO:xFACTOR");
        var geometric = parts.Length == 3 && parts[2].Trim().StartsWith('x');
        var numbers = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var p = i == 2 && geometric ? parts[i].Trim()[1..] : parts[i].Trim();
            if (!TextFormat.TryParseDouble(p, out numbers[i]) || !double.IsFinite(numbers[i]))
                throw new InputException(null, null, $"{option} '{text}': '{parts[i]}' is not a number");
        }

        for (var i = 0; i < Math.Min(2, numbers.Length); i++)
            if (!valid(numbers[i])) throw new InputException(null, null, $"{option} '{text}': {parts[i].Trim()} is out of range; it must be {rule}");
        if (parts.Length == 1) return numbers;

        var (from, to, step) = (numbers[0], numbers[1], numbers[2]);
        if (to < from) throw new InputException(null, null, $"{option} '{text}': need FROM <= TO");
        long count;
        if (geometric)
        {
            if (!(step > 1)) throw new InputException(null, null, $"{option} '{text}': the factor after x must be above 1");
            if (!(from > 0)) throw new InputException(null, null, $"{option} '{text}': a geometric range needs FROM above 0");
            count = (long)Math.Floor(Math.Log(to / from) / Math.Log(step) + 1e-9) + 1;
        }
        else
        {
            if (!(step > 0)) throw new InputException(null, null, $"{option} '{text}': STEP must be above 0");
            count = (long)Math.Floor((to - from) / step + 1e-9) + 1;
        }

        if (count > MaxPoints) throw new InputException(null, null, $"{option} '{text}' makes {count} points; at most {MaxPoints}");
        // The 1e-9 slack that lets TO itself in must not carry a value past TO (0.4 + 0.1 is not 0.5 here).
        return Enumerable.Range(0, (int)count).Select(i => Math.Min(to, geometric ? from * Math.Pow(step, i) : from + i * step)).Distinct().ToList();
    }
}
