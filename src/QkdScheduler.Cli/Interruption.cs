using System.Runtime.InteropServices;

namespace QkdScheduler.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM. While a command runs cancellable work (a solve, a bench) the first
/// signal cancels it through <see cref="Token"/>: the solver stops, and its best schedule so far is
/// validated and written with status <c>cancelled</c>. A second signal, or the first while nothing
/// cancellable runs (precompute, import), exits at once. The exit code is 128 + the first signal:
/// 130 for SIGINT, 143 for SIGTERM. Every output is written as
/// one unit, so an exit at any moment leaves complete old or complete new files, and the temporary
/// ones are removed on the way out.
/// </summary>
public sealed class Interruption : IDisposable
{
    private const int SigintExit = 130, SigtermExit = 143;
    private readonly CancellationTokenSource _cancel = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly TextWriter _error;
    private int _signals;
    private int _cooperative;

    private Interruption(TextWriter error) => _error = error;

    /// <summary>An interruption that never fires (tests, embedding).</summary>
    public static Interruption None { get; } = new(TextWriter.Null);

    /// <summary>Listens to SIGINT and SIGTERM of this process.</summary>
    public static Interruption ForProcess(TextWriter error)
    {
        var i = new Interruption(error);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
            i._registrations.Add(PosixSignalRegistration.Create(signal, i.OnSignal));
        return i;
    }

    /// <summary>128 + the first signal received (130 before any).</summary>
    public int ExitCode { get; private set; } = SigintExit;

    public CancellationToken Token => _cancel.Token;
    public bool Requested => _cancel.IsCancellationRequested;

    /// <summary>Marks the span in which the first signal cancels instead of exiting; dispose it to end the span.</summary>
    public IDisposable Cooperate()
    {
        Interlocked.Increment(ref _cooperative);
        return new Span(this);
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // we decide how to end
        var first = Interlocked.Increment(ref _signals) == 1;
        if (first) ExitCode = context.Signal == PosixSignal.SIGTERM ? SigtermExit : SigintExit;
        if (!first || Volatile.Read(ref _cooperative) == 0)
        {
            _error.WriteLine("qkdsched: interrupted");
            Environment.Exit(ExitCode);
        }

        _error.WriteLine("qkdsched: interrupted; stopping the solver and writing its best schedule so far (again to stop at once)");
        _cancel.Cancel();
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _cancel.Dispose();
    }

    private sealed class Span(Interruption owner) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) Interlocked.Decrement(ref owner._cooperative);
        }
    }
}
