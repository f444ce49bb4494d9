using System.Text;

namespace QkdScheduler.Cli;

/// <summary>
/// Standard output or error as the caller left it, possibly closed (<c>2&gt;&amp;-</c>): the runtime then hands the
/// descriptor to a pipe of its own, and every write fails. A failed write to standard error is dropped (there is
/// nowhere to report it, and the work and its files must not die of a lost message); one to standard output becomes
/// an <see cref="IOException"/> that says so, and the command ends with the usual one-line error.
/// </summary>
public sealed class StandardStream(TextWriter inner, string name, bool dropFailures) : TextWriter
{
    private bool _broken;

    public override Encoding Encoding => inner.Encoding;

    public override string NewLine
    {
        get => inner.NewLine;
#pragma warning disable CS8765 // the base setter takes a nullable string
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    public override void Write(char value) => Guard(() => inner.Write(value));

    public override void Write(string? value) => Guard(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    public override void WriteLine() => Guard(inner.WriteLine);

    public override void Flush() => Guard(inner.Flush);

    private void Guard(Action write)
    {
        if (_broken && dropFailures) return;
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _broken = true;
            if (!dropFailures) throw new IOException($"cannot write to {name} (is it closed?): {e.Message}", e);
        }
    }
}
