using System.Text;

namespace QkdScheduler.Core.IO;

/// <summary>
/// Writes a file through a temporary sibling and a rename, so a crash or a full disk never leaves
/// half a file where a reader expects a whole one. The path must be absent or a regular file: a
/// symbolic link is followed (the file it names is replaced, the link stays), while a folder, a
/// device such as /dev/null, a FIFO, a socket, a dangling link or a loop is refused before anything
/// is opened.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);
    private const string TemporaryPrefix = ".qkdsched-tmp-";

    /// <summary>Whether a file name is one of our temporaries (in an output folder they are ours to remove).</summary>
    internal static bool IsTemporary(string name) => name.StartsWith(TemporaryPrefix, StringComparison.Ordinal);

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
        var full = Target(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        lock (TemporaryPaths.Gate) WriteLocked(full, dir, write);
        AtomicFolder.Finished(full);
    }

    /// <summary>The file to replace: the path itself, or the file a symbolic link names.</summary>
    private static string Target(string path)
    {
        var full = Path.GetFullPath(path);
        var kind = FileKinds.Of(full);
        if (FileKinds.NotAFile(kind) is { } why) throw new InputException(path, null, $"{why}; give a new file or a regular file to replace");
        if (kind == FileKind.Missing) return full;
        var info = new FileInfo(full);
        return info.LinkTarget != null ? info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full : full;
    }

    private static void WriteLocked(string full, string dir, Action<Stream> write)
    {
        RemoveStale(dir);
        var temp = Path.Combine(dir, $"{TemporaryPrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        TemporaryPaths.Register(temp);
        try
        {
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    write(stream);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temp, full, overwrite: true);
            }
            catch (IOException e) when (e is not OutputException)
            {
                throw new OutputException(AtomicFolder.UserPath(full), e);
            }
            CrashPoint.Step($"wrote {Path.GetFileName(full)}");
        }
        finally
        {
            TemporaryPaths.Remove(temp); // gone already after the rename
        }
    }

    /// <summary>Temporaries left in this folder by killed writers (their process no longer runs).</summary>
    private static void RemoveStale(string dir)
    {
        foreach (var stale in Directory.EnumerateFiles(dir, TemporaryPrefix + "*"))
            if (!TemporaryPaths.IsLive(stale) && !AtomicFolder.OwnerRuns(Path.GetFileName(stale)[TemporaryPrefix.Length..]))
                TemporaryPaths.Remove(stale);
    }
}
