namespace QkdScheduler.Core.IO;

/// <summary>
/// Writes a folder of outputs (an instance, a solve, a bench) and touches nothing else in it. The rule, like git's
/// and rsync's: qkdsched writes only the files it owns.
/// <list type="bullet">
/// <item>A new folder is filled under a hidden temporary name beside it and renamed into place, so it appears whole
/// or not at all.</item>
/// <item>An existing folder must be empty or one qkdsched wrote: its manifest (<see cref="ManifestFileName"/>) lists
/// the files qkdsched put there. Besides those it may hold only the inputs this command reads (a scenario beside its
/// instance). Anything else — a user's notes, a mount, a FIFO — means the folder is not ours, and the write is refused
/// before anything is touched.</item>
/// <item>In an existing folder every new file is written beside its final name and renamed over the old one (each file
/// whole, old or new, at every moment), in the order the command wrote them, so the file that names the others
/// (instance.yaml with their hashes, result.json) comes last. Files of this kind of output that the new one lacks (an
/// old geometry.csv) are removed; nothing qkdsched did not list is ever copied, moved or deleted.</item>
/// </list>
/// A crash or kill -9 leaves only listed files and hidden temporaries, which the next write removes; an instance
/// caught between two files is refused by its hashes (<see cref="InstanceFiles"/>) until it is written again.
/// </summary>
public static class AtomicFolder
{
    /// <summary>The manifest: one file name per line, after a comment line.</summary>
    public const string ManifestFileName = ".qkdsched-files";

    private const string Marker = ".qkdsched-";
    private const string NewPrefix = Marker + "new-";
    private const string StagePrefix = Marker + "stage-";
    private const string ManifestComment = "# files qkdsched wrote in this folder; it replaces only these and never touches anything else";

    /// <summary>Files in the order AtomicFile finished them, per staging folder in progress.</summary>
    private static readonly Dictionary<string, List<string>> Order = new(StringComparer.Ordinal);

    /// <param name="owned">Whether a file name belongs to this kind of output (an old one the new output lacks is removed).</param>
    /// <param name="write">Writes the new files into the folder it is given.</param>
    /// <param name="handOver">The files become the user's (init's template): no manifest claims them, and the folder must be new or empty.</param>
    public static void Write(string directory, Func<string, bool> owned, Action<string> write, bool handOver = false)
    {
        if (string.IsNullOrWhiteSpace(directory)) throw new InputException(null, null, "the output folder name is empty; give a folder, e.g. --out out/run1");
        var target = Resolve(directory);
        var parent = Path.GetDirectoryName(target) ?? throw new InputException(directory, null, "cannot write into the root of the file system; give a folder");
        Directory.CreateDirectory(parent);

        // One write at a time in this process, and never while the exit handler removes temporaries.
        lock (TemporaryPaths.Gate)
        {
            try
            {
                if (Directory.Exists(target)) WriteExisting(directory, target, owned, write, handOver);
                else WriteNew(target, parent, write, handOver);
            }
            catch (IOException e) when (e is not OutputException)
            {
                throw new OutputException(target, e);
            }
        }
    }

    /// <summary>
    /// Refuses now, before the work, an output folder that <see cref="Write"/> would refuse at the end (a file, a loop, a
    /// folder with foreign content), so a long solve or bench never runs only to find it has nowhere to go. Commands call
    /// it once they have read their inputs (which may sit in the folder).
    /// </summary>
    public static void CheckUsable(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory)) throw new InputException(null, null, "the output folder name is empty; give a folder, e.g. --out out/run1");
        var target = Resolve(directory);
        if (Directory.Exists(target)) CheckOurs(directory, target, ReadManifest(target));
    }

    /// <summary>Where the output goes: the folder a symbolic link names; refused when the path is a file, a device, a dangling link or a loop.</summary>
    private static string Resolve(string directory)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var kind = FileKinds.Of(full);
        if (kind is FileKind.Regular or FileKind.Special) throw new InputException(directory, null, "is a file, not a folder; give a folder for the output");
        if (FileKinds.NotAFile(kind) is { } why && kind != FileKind.Directory) throw new InputException(directory, null, $"{why}; give a folder for the output");
        var info = new DirectoryInfo(full);
        return info.Exists && info.LinkTarget != null ? Path.TrimEndingDirectorySeparator(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full) : full;
    }

    private static void WriteNew(string target, string parent, Action<string> write, bool handOver)
    {
        RemoveStale(parent, NewPrefix);
        var staging = Path.Combine(parent, $"{NewPrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        TemporaryPaths.Register(staging);
        try
        {
            Directory.CreateDirectory(staging);
            var files = Fill(staging, target, write);
            if (!handOver) WriteManifest(staging, files);
            CrashPoint.Step("wrote the new folder");
            Directory.Move(staging, target);
            CrashPoint.Step("renamed the new folder into place");
        }
        finally
        {
            TemporaryPaths.Remove(staging); // gone already after the rename
        }
    }

    private static void WriteExisting(string given, string target, Func<string, bool> owned, Action<string> write, bool handOver)
    {
        var listed = ReadManifest(target);
        if (handOver && Directory.EnumerateFileSystemEntries(target).Any()) throw new InputException(given, null, "is not empty; give a new or empty folder");
        CheckOurs(given, target, listed);
        RemoveStale(target, StagePrefix);
        var staging = Path.Combine(target, $"{StagePrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        TemporaryPaths.Register(staging);
        try
        {
            Directory.CreateDirectory(staging);
            var files = Fill(staging, target, write);
            // Listed before they land, so a crash in between leaves only files the manifest names.
            if (!handOver) WriteManifest(target, listed.Union(files, StringComparer.Ordinal));
            foreach (var name in files)
            {
                File.Move(Path.Combine(staging, name), Path.Combine(target, name), overwrite: true);
                CrashPoint.Step($"put {name} in place");
            }

            var stale = listed.Where(n => owned(n) && !files.Contains(n, StringComparer.Ordinal)).ToList();
            foreach (var name in stale)
                if (FileKinds.Of(Path.Combine(target, name)) == FileKind.Regular) File.Delete(Path.Combine(target, name));
            if (!handOver)
                WriteManifest(target, listed.Except(stale, StringComparer.Ordinal).Union(files, StringComparer.Ordinal).Where(n => File.Exists(Path.Combine(target, n))));
        }
        finally
        {
            TemporaryPaths.Remove(staging);
        }
    }

    /// <summary>Runs the writer and returns the files it made, in the order it finished them; it may make no subfolders.</summary>
    private static List<string> Fill(string staging, string target, Action<string> write)
    {
        lock (Order)
        {
            Order[staging] = [];
            Targets[staging] = target;
        }

        try
        {
            write(staging);
            if (Directory.EnumerateDirectories(staging).Any()) throw new InvalidOperationException("an output folder's writer made a subfolder; outputs are flat");
            List<string> finished;
            lock (Order) finished = [.. Order[staging]];
            // Files not written through AtomicFile (none today) go first, in name order.
            var rest = Directory.EnumerateFiles(staging).Select(Path.GetFileName).OfType<string>().Except(finished, StringComparer.Ordinal).Order(StringComparer.Ordinal);
            return [.. rest, .. finished.Distinct(StringComparer.Ordinal)];
        }
        finally
        {
            lock (Order)
            {
                Order.Remove(staging);
                Targets.Remove(staging);
            }
        }
    }

    /// <summary>The path a user knows for a file being written: inside a staging folder, its place in the output folder.</summary>
    internal static string UserPath(string fullPath)
    {
        var dir = Path.GetDirectoryName(fullPath)!;
        lock (Order)
            if (Targets.TryGetValue(dir, out var target)) return Path.Combine(target, Path.GetFileName(fullPath));
        return fullPath;
    }

    /// <summary>The output folder of each staging folder in progress.</summary>
    private static readonly Dictionary<string, string> Targets = new(StringComparer.Ordinal);

    /// <summary>Called by <see cref="AtomicFile"/> when a file is complete: remembers the order inside a staging folder, and adds a single-file output to the manifest of a folder qkdsched wrote.</summary>
    internal static void Finished(string fullPath)
    {
        var dir = Path.GetDirectoryName(fullPath)!;
        var name = Path.GetFileName(fullPath);
        lock (Order)
        {
            if (Order.TryGetValue(dir, out var list))
            {
                list.Add(name);
                return;
            }
        }

        // A report or pointing file written into a solve folder is qkdsched's too: list it, so the next solve there is not refused.
        var manifest = Path.Combine(dir, ManifestFileName);
        if (name == ManifestFileName || FileKinds.Of(manifest) != FileKind.Regular) return;
        var listed = ReadManifest(dir);
        if (!listed.Contains(name, StringComparer.Ordinal)) WriteManifest(dir, listed.Append(name));
    }

    /// <summary>Refuses a folder that holds anything qkdsched did not write and this command does not read.</summary>
    private static void CheckOurs(string given, string target, IReadOnlyCollection<string> listed)
    {
        foreach (var entry in new DirectoryInfo(target).EnumerateFileSystemInfos())
        {
            var name = entry.Name;
            if (name == ManifestFileName || name.StartsWith(StagePrefix, StringComparison.Ordinal) || AtomicFile.IsTemporary(name)) continue;
            var isFile = entry is FileInfo && entry.LinkTarget == null && FileKinds.Of(entry.FullName) == FileKind.Regular;
            if (isFile && listed.Contains(name, StringComparer.Ordinal)) continue;
            if (isFile && InputFile.WasRead(entry.FullName)) continue;
            throw new InputException(given, null,
                $"--out names a folder that holds files qkdsched did not write (e.g. '{name}'); use an empty or new folder");
        }
    }

    private static IReadOnlyList<string> ReadManifest(string dir)
    {
        var path = Path.Combine(dir, ManifestFileName);
        return FileKinds.Of(path) == FileKind.Regular
            ? InputFile.Lines(path).Select(l => l.Text).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList()
            : [];
    }

    private static void WriteManifest(string dir, IEnumerable<string> names) =>
        AtomicFile.WriteAllText(Path.Combine(dir, ManifestFileName),
            ManifestComment + "\n" + string.Concat(names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(n => n + "\n")));

    /// <summary>Temporaries of writes killed before they finished (their process no longer runs); those of live processes stay.</summary>
    private static void RemoveStale(string dir, string prefix)
    {
        foreach (var stale in Directory.EnumerateDirectories(dir, prefix + "*"))
            if (!TemporaryPaths.IsLive(stale) && !OwnerRuns(Path.GetFileName(stale)[prefix.Length..]))
                TemporaryPaths.Remove(stale);
    }

    /// <summary>Whether the process that named a temporary "PID-…" still runs (another one than this).</summary>
    internal static bool OwnerRuns(string suffix)
    {
        var dash = suffix.IndexOf('-');
        if (dash <= 0 || !int.TryParse(suffix[..dash], out var pid)) return false;
        if (pid == Environment.ProcessId) return false; // ours would be live (checked before); this is an earlier process with our PID
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
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
}
