using System.Text;

namespace QkdScheduler.Core.IO;

/// <summary>
/// Writes a file through a temporary sibling and a rename, so a crash or a full disk never leaves
/// half a file where a reader expects a whole one.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    public static void WriteAllText(string path, string contents) =>
        Write(path, stream =>
        {
            var bytes = Utf8NoBom.GetBytes(contents);
            stream.Write(bytes, 0, bytes.Length);
        });

    public static void Write(string path, Action<TextWriter> write) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8NoBom, 1 << 16, leaveOpen: true) { NewLine = "\n" };
            write(writer);
        });

    public static void Write(string path, Action<Stream> write)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new InputException(null, null, "the output file name is empty; give a file, e.g. --out results.csv");
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        lock (TemporaryPaths.Gate) WriteLocked(full, dir, write);
    }

    private static void WriteLocked(string full, string dir, Action<Stream> write)
    {
        RemoveStale(dir, Path.GetFileName(full));
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        TemporaryPaths.Register(temp);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
            CrashPoint.Step($"wrote {Path.GetFileName(full)}");
        }
        finally
        {
            TemporaryPaths.Remove(temp); // gone already after the rename
        }
    }

    /// <summary>Temporaries of this file left by killed writers (their process no longer runs).</summary>
    private static void RemoveStale(string dir, string name)
    {
        foreach (var stale in Directory.EnumerateFiles(dir, $".{name}.*.tmp"))
            if (!TemporaryPaths.IsLive(stale) && !AtomicFolder.OwnerRuns(Path.GetFileName(stale)[(name.Length + 2)..]))
                TemporaryPaths.Remove(stale);
    }
}
