namespace QkdScheduler.Core;

/// <summary>
/// A problem with something the user gave us (a file, an option). The CLI prints it as one line,
/// <c>file:line: reason</c>, and exits with code 2; it is never shown as a stack trace.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(string? file, int? line, string reason)
        : base(Format(file, line, OneLine(reason)))
    {
        File = file;
        Line = line;
        Reason = OneLine(reason);
    }

    /// <summary>A reason quotes the user's text, which may hold line breaks: show them, keep the message one line.</summary>
    private static string OneLine(string reason) => reason.Replace("\r", "\\r").Replace("\n", "\\n");

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
