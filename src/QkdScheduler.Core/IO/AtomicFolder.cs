using System.Runtime.InteropServices;

namespace QkdScheduler.Core.IO;

/// <summary>
/// Writes a folder of outputs as one unit (an instance, a solve, a bench): everything is written into
/// a hidden sibling, the entries of the old folder that this output does not own (a scenario file, a
/// README) are copied in, and the new folder is swapped in whole. On Linux the swap is one atomic
/// <c>renameat2(RENAME_EXCHANGE)</c>, so a reader, or a crash at any moment, finds either the complete
/// old folder or the complete new one. Elsewhere it is two renames (old aside, new in place), with a
/// moment in which the folder is missing. Outputs of an earlier run that this one does not write (an
/// old geometry.csv) go with the old folder: nothing stale stays beside new files.
/// </summary>
public static partial class AtomicFolder
{
    private const string Marker = ".qkdsched-";

    /// <param name="owned">Whether an entry name of the old folder belongs to this kind of output (it is then not carried over).</param>
    /// <param name="write">Writes the new files into the folder it is given.</param>
    public static void Write(string directory, Func<string, bool> owned, Action<string> write)
    {
        if (string.IsNullOrWhiteSpace(directory)) throw new InputException(null, null, "the output folder name is empty; give a folder, e.g. --out out/run1");
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        if (File.Exists(target)) throw new InputException(directory, null, "is a file, not a folder; give a folder for the output");
        var parent = Path.GetDirectoryName(target) ?? throw new InputException(directory, null, "cannot write into the root of the file system; give a folder");
        var name = Path.GetFileName(target);
        Directory.CreateDirectory(parent);
        RemoveStale(parent, name);

        var staging = Path.Combine(parent, $".{name}{Marker}{Environment.ProcessId}-{Guid.NewGuid():N}");
        TemporaryPaths.Register(staging);
        try
        {
            Directory.CreateDirectory(staging);
            if (Directory.Exists(target)) CarryOver(target, staging, owned);
            CrashPoint.Step("carried over the old folder's other files");
            write(staging);
            CrashPoint.Step("wrote the new files");
            Swap(staging, target);
            CrashPoint.Step("swapped the new folder in");
        }
        finally
        {
            TemporaryPaths.Remove(staging); // after an exchange it holds the old folder
        }
    }

    /// <summary>Temporaries of earlier runs into the same folder that were killed before they could clean up.</summary>
    private static void RemoveStale(string parent, string name)
    {
        foreach (var stale in Directory.EnumerateFileSystemEntries(parent, $".{name}{Marker}*"))
            if (!stale.Contains($"{Marker}{Environment.ProcessId}-", StringComparison.Ordinal))
                TemporaryPaths.Remove(stale);
    }

    private static void CarryOver(string from, string to, Func<string, bool> owned)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(from))
        {
            var entryName = Path.GetFileName(entry);
            if (owned(entryName)) continue;
            var destination = Path.Combine(to, entryName);
            if (Directory.Exists(entry)) CopyTree(entry, destination);
            else File.Copy(entry, destination);
        }
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.EnumerateDirectories(from)) CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    private static void Swap(string staging, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }

        if (OperatingSystem.IsLinux() && Exchange(staging, target)) return;
        var aside = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}{Marker}old-{Environment.ProcessId}-{Guid.NewGuid():N}");
        TemporaryPaths.Register(aside);
        Directory.Move(target, aside);
        Directory.Move(staging, target);
        TemporaryPaths.Remove(aside);
    }

    private const int AtCurrentDirectory = -100;
    private const uint RenameExchange = 2;

    [LibraryImport("libc", EntryPoint = "renameat2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);

    /// <summary>Atomic exchange of two paths (Linux 3.15+); false where the kernel, libc or file system lacks it.</summary>
    private static bool Exchange(string a, string b)
    {
        try
        {
            return RenameAt2(AtCurrentDirectory, a, AtCurrentDirectory, b, RenameExchange) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }
}
