using System.Collections.Concurrent;

namespace QkdScheduler.Core.IO;

/// <summary>
/// Temporary files and folders of writes in progress. They are removed when the write ends, and
/// also when the process exits through <see cref="Environment.Exit(int)"/> (for instance the second
/// Ctrl-C), so no temporary outlives a command. A hard kill (SIGKILL, power loss) cannot clean up:
/// the next write into the same folder removes what such a run left (<see cref="AtomicFolder"/>).
/// This is process-wide by nature: there is one process exit.
/// </summary>
public static class TemporaryPaths
{
    private static readonly ConcurrentDictionary<string, byte> Live = new(StringComparer.Ordinal);

    /// <summary>
    /// Held by every write in progress and by the exit handler, so an exit (a second Ctrl-C) never
    /// removes a staging folder while a write is still filling or swapping it: the exit waits for it.
    /// </summary>
    public static readonly object Gate = new();

    static TemporaryPaths() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        lock (Gate)
            foreach (var path in Live.Keys) Remove(path);
    };

    public static void Register(string path) => Live[path] = 0;

    public static bool IsLive(string path) => Live.ContainsKey(path);

    public static void Remove(string path)
    {
        Live.TryRemove(path, out _);
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else if (File.Exists(path)) File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort at exit; the next write into the folder removes stale temporaries.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>
/// A fault-injection point for the crash tests of atomic writes: with the environment variable
/// <c>QKDSCHED_CRASH_AT_STEP=N</c> the process dies (<see cref="Environment.FailFast(string)"/>, no
/// cleanup, like a kill -9) at the N-th write step. Unset, it does nothing.
/// </summary>
public static class CrashPoint
{
    public const string Variable = "QKDSCHED_CRASH_AT_STEP";
    private static readonly int CrashAt = int.TryParse(Environment.GetEnvironmentVariable(Variable), out var n) ? n : 0;
    private static int _steps;

    public static void Step(string what)
    {
        if (CrashAt > 0 && Interlocked.Increment(ref _steps) == CrashAt) Environment.FailFast($"{Variable}={CrashAt}: crashed at '{what}'");
    }
}
