using System.Diagnostics;
using System.Runtime.InteropServices;

namespace QkdScheduler.Core.IO;

/// <summary>
/// Writes a folder of outputs as one unit (an instance, a solve, a bench): everything is written into
/// a hidden sibling, the entries of the old folder that this output does not own (a scenario file, a
/// README) are copied in, and the new folder is swapped in whole. On Linux the swap is one atomic
/// <c>renameat2(RENAME_EXCHANGE)</c>, so a reader, or a crash at any moment, finds either the complete
/// old folder or the complete new one. Elsewhere it is two renames (old aside, new in place) with a
/// rollback if the second fails; a crash between them leaves the old folder aside, and the next write
/// puts it back before anything else. Outputs of an earlier run that this one does not write (an old
/// geometry.csv) go with the old folder: nothing stale stays beside new files.
/// <para>
/// Where a folder cannot be swapped — a mount point, a folder whose parent is not writable, one
/// holding device files — the files are replaced one by one in place (each still atomically), and
/// owned files the new output lacks are removed. A symbolic link given as the folder is followed, so
/// outputs land where it points; symbolic links inside are carried over as links. (A FIFO inside an
/// output folder is not supported: copying it would block.)
/// </para>
/// </summary>
public static partial class AtomicFolder
{
    private const string Marker = ".qkdsched-";
    private const string Aside = "old-";

    /// <param name="owned">Whether an entry name of the old folder belongs to this kind of output (it is then not carried over).</param>
    /// <param name="write">Writes the new files into the folder it is given.</param>
    public static void Write(string directory, Func<string, bool> owned, Action<string> write)
    {
        if (string.IsNullOrWhiteSpace(directory)) throw new InputException(null, null, "the output folder name is empty; give a folder, e.g. --out out/run1");
        var target = Resolve(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        if (File.Exists(target)) throw new InputException(directory, null, "is a file, not a folder; give a folder for the output");
        var parent = Path.GetDirectoryName(target) ?? throw new InputException(directory, null, "cannot write into the root of the file system; give a folder");
        var name = Path.GetFileName(target);
        Directory.CreateDirectory(parent);

        // One write at a time in this process, and never while the exit handler removes temporaries.
        lock (TemporaryPaths.Gate)
        {
            RecoverOrRemoveStale(parent, name, target);
            var staging = Path.Combine(parent, $".{name}{Marker}{Environment.ProcessId}-{Guid.NewGuid():N}");
            TemporaryPaths.Register(staging);
            try
            {
                Directory.CreateDirectory(staging);
                var inPlace = Directory.Exists(target) && !Swappable(target);
                if (Directory.Exists(target) && !inPlace) CarryOver(target, staging, owned);
                CrashPoint.Step("carried over the old folder's other files");
                write(staging);
                CrashPoint.Step("wrote the new files");
                if (inPlace || !Swap(staging, target, parent, name)) ReplaceInPlace(staging, target, owned);
                CrashPoint.Step("swapped the new folder in");
            }
            finally
            {
                TemporaryPaths.Remove(staging); // after an exchange it holds the old folder
            }
        }
    }

    /// <summary>A symbolic link as the output folder is followed to the folder it names.</summary>
    private static string Resolve(string path)
    {
        var info = new DirectoryInfo(path);
        return info.Exists && info.LinkTarget != null ? Path.TrimEndingDirectorySeparator(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path) : path;
    }

    /// <summary>
    /// A folder set aside by a run killed between its two renames is put back if the folder is missing;
    /// temporaries of writes whose process no longer runs are removed. Those of live processes are left.
    /// </summary>
    private static void RecoverOrRemoveStale(string parent, string name, string target)
    {
        foreach (var stale in Directory.EnumerateFileSystemEntries(parent, $".{name}{Marker}*"))
        {
            if (TemporaryPaths.IsLive(stale) || OwnerRuns(Path.GetFileName(stale)[(name.Length + 1 + Marker.Length)..])) continue;
            if (!Directory.Exists(target) && Path.GetFileName(stale).Contains(Marker + Aside, StringComparison.Ordinal))
                Directory.Move(stale, target);
            else
                TemporaryPaths.Remove(stale);
        }
    }

    /// <summary>Whether the process that named a temporary "PID-…" (or "old-PID-…") still runs (another one than this).</summary>
    internal static bool OwnerRuns(string suffix)
    {
        if (suffix.StartsWith(Aside, StringComparison.Ordinal)) suffix = suffix[Aside.Length..];
        var dash = suffix.IndexOf('-');
        if (dash <= 0 || !int.TryParse(suffix[..dash], out var pid)) return false;
        if (pid == Environment.ProcessId) return false; // ours would be live (checked before); this is an earlier process with our PID
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Folders holding device files (which cannot be copied into a new folder) are written in place.</summary>
    private static bool Swappable(string target) =>
        !new DirectoryInfo(target).EnumerateFileSystemInfos("*", SearchOption.AllDirectories)
            .Any(e => e.LinkTarget == null && e is FileInfo && (e.Attributes & FileAttributes.Device) != 0);

    private static void CarryOver(string from, string to, Func<string, bool> owned)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(to, File.GetUnixFileMode(from));
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            if (owned(entry.Name)) continue;
            Copy(entry, Path.Combine(to, entry.Name));
        }
    }

    private static void Copy(FileSystemInfo entry, string destination)
    {
        if (entry.LinkTarget is { } link)
        {
            if (entry is DirectoryInfo) Directory.CreateSymbolicLink(destination, link);
            else File.CreateSymbolicLink(destination, link);
            return;
        }

        if (entry is FileInfo file)
        {
            file.CopyTo(destination);
            return;
        }

        Directory.CreateDirectory(destination);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(destination, File.GetUnixFileMode(entry.FullName));
        foreach (var child in ((DirectoryInfo)entry).EnumerateFileSystemInfos()) Copy(child, Path.Combine(destination, child.Name));
    }

    /// <summary>Puts the new folder in place; false when the folder cannot be swapped (then the caller writes in place).</summary>
    private static bool Swap(string staging, string target, string parent, string name)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return true;
        }

        if (OperatingSystem.IsLinux())
        {
            var exchanged = Exchange(staging, target);
            if (exchanged is { } done) return done;
        }

        var aside = Path.Combine(parent, $".{name}{Marker}{Aside}{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.Move(target, aside);
        }
        catch (IOException)
        {
            return false; // busy (a mount point) or not ours to rename
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        try
        {
            Directory.Move(staging, target);
        }
        catch
        {
            Directory.Move(aside, target); // roll back: the old folder stays as it was
            throw;
        }

        TemporaryPaths.Register(aside);
        TemporaryPaths.Remove(aside);
        return true;
    }

    /// <summary>The fallback where a folder cannot be swapped: each new file replaces its old one atomically, owned leftovers go.</summary>
    private static void ReplaceInPlace(string staging, string target, Func<string, bool> owned)
    {
        var written = new HashSet<string>(Directory.EnumerateFiles(staging).Select(Path.GetFileName)!, StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(staging))
            File.Move(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        foreach (var old in Directory.EnumerateFiles(target))
            if (owned(Path.GetFileName(old)) && !written.Contains(Path.GetFileName(old))) File.Delete(old);
    }

    private const int AtCurrentDirectory = -100;
    private const uint RenameExchange = 2;
    private const int NoSuchCall = 38, InvalidArgument = 22, NotSupported = 95, Busy = 16, CrossDevice = 18, Denied = 13;

    [LibraryImport("libc", EntryPoint = "renameat2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);

    /// <summary>
    /// Atomic exchange of two paths (Linux 3.15+): true when done; false when the folder cannot be swapped
    /// (busy mount point, another device, no permission on the parent); null where the kernel, libc or
    /// file system lacks the call. Any other failure is an error.
    /// </summary>
    private static bool? Exchange(string a, string b)
    {
        try
        {
            if (RenameAt2(AtCurrentDirectory, a, AtCurrentDirectory, b, RenameExchange) == 0) return true;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno switch
        {
            NoSuchCall or InvalidArgument or NotSupported => null,
            Busy or CrossDevice or Denied => false,
            _ => throw new IOException($"cannot swap {b} into place: {Marshal.GetPInvokeErrorMessage(errno)}"),
        };
    }
}
