using System.Runtime.InteropServices;

namespace QkdScheduler.Solvers.Mip.Cbc;

/// <summary>
/// CBC installs its own SIGINT handler when a solve starts (CbcMain1), which swallows Ctrl-C: the
/// process's handler (the .NET runtime's, which cancels the solve) never hears it, and CBC itself
/// only looks at its flag between branch-and-bound nodes, not inside the first LP. So the caller
/// saves the SIGINT action before the native solve and puts it back while it waits
/// (<see cref="CbcBackend"/>). The action is copied as opaque bytes through sigaction(2), so its
/// flags and mask stay exactly as the runtime set them. Unix only; elsewhere it does nothing.
/// </summary>
internal static unsafe partial class InterruptHandler
{
    private const int Sigint = 2;
    private const int ActionBytes = 512; // larger than struct sigaction on every Unix .NET runs on

    [LibraryImport("libc", EntryPoint = "sigaction", SetLastError = true)]
    private static partial int SigAction(int signal, byte* action, byte* old);

    /// <summary>
    /// The runtime's SIGINT action, read once before any CBC solve of this process can have replaced
    /// it (a later read could capture CBC's handler from an abandoned solve).
    /// </summary>
    public static byte[]? Runtime { get; } = Save();

    /// <summary>The current SIGINT action, or null where it cannot be read.</summary>
    private static byte[]? Save()
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return null;
        var saved = new byte[ActionBytes];
        try
        {
            fixed (byte* p = saved) return SigAction(Sigint, null, p) == 0 ? saved : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    public static void Restore(byte[]? saved)
    {
        if (saved == null) return;
        fixed (byte* p = saved) SigAction(Sigint, p, null);
    }
}
