namespace QkdScheduler.Core.IO;

/// <summary>
/// An output could not be written (the disk is full, the folder is read-only): names the file the user asked for, not
/// the hidden temporary it was being written through, and says that the old file, if any, is unchanged.
/// <see cref="DiskFull"/> tells a full disk or quota (the work ran but its result has nowhere to go) from the rest.
/// </summary>
public sealed class OutputException : IOException
{
    private const int NoSpace = 28, QuotaExceeded = 122;

    public OutputException(string path, IOException cause)
        : base($"{path}: cannot be written: {Reason(cause)}; nothing was replaced", cause)
    {
        Path = path;
        DiskFull = IsDiskFull(cause);
    }

    /// <summary>For a writer that reports in its own terms (SQLite): the reason in words, and whether the disk was full.</summary>
    public OutputException(string path, string reason, bool diskFull)
        : base($"{path}: cannot be written: {reason}")
    {
        Path = path;
        DiskFull = diskFull;
    }

    public string Path { get; }

    public bool DiskFull { get; }

    /// <summary>ENOSPC or EDQUOT (on Unix .NET keeps the errno in HResult), or the Windows codes for a full disk.</summary>
    public static bool IsDiskFull(IOException e) =>
        e.HResult is NoSpace or QuotaExceeded || (e.HResult & 0xFFFF) is 0x70 or 0x27;

    private static string Reason(IOException e) => IsDiskFull(e) ? "the disk is full (no space left on device)" : e.Message.Split(" : '")[0];
}
