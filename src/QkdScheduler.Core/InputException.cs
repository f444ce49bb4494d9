namespace QkdScheduler.Core;

/// <summary>
/// A problem with something the user gave us (a file, an option). The CLI prints it as one line,
/// <c>file:line: reason</c>, and exits with code 2; it is never shown as a stack trace.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(string? file, int? line, string reason)
        : base(Format(file, line, reason))
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    public string? File { get; }
    public int? Line { get; }
    public string Reason { get; }

    private static string Format(string? file, int? line, string reason) => (file, line) switch
    {
        (null, _) => reason,
        (_, null) => $"{file}: {reason}",
        _ => $"{file}:{line}: {reason}",
    };
}
