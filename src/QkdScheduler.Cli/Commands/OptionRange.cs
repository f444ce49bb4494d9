using System.CommandLine;

namespace QkdScheduler.Cli.Commands;

/// <summary>
/// Range checks on typed command-line options. The check runs only on a value that parsed: a
/// token that is not a number at all (<c>--threads abc</c>, <c>--threads 2147483648</c>) is left to
/// System.CommandLine, which reports it as a one-line parse error instead of throwing from here.
/// </summary>
public static class OptionRange
{
    public static void Require<T>(Option<T> option, Func<T, bool> valid, string message) => Require(option, valid, _ => message);

    /// <param name="message">The error for a value outside the range, given that value.</param>
    public static void Require<T>(Option<T> option, Func<T, bool> valid, Func<T, string> message)
    {
        option.Validators.Add(r =>
        {
            T value;
            try
            {
                value = r.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                return; // not convertible: the parser has its own error for it
            }

            if (!valid(value)) r.AddError(message(value));
        });
    }
}
