using System.Runtime.InteropServices;

namespace QkdScheduler.Core.IO;

/// <summary>What a path names once symbolic links are followed.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,

    /// <summary>A device, FIFO or socket: never opened, since reading or writing one can block forever or damage the system.</summary>
    Special,

    /// <summary>A symbolic link whose target does not exist.</summary>
    DanglingLink,

    /// <summary>A symbolic link that leads back to itself (ELOOP).</summary>
    LinkLoop,
}

/// <summary>
/// Tells the kind of a path without opening it (opening a FIFO blocks until the other end opens). .NET reports a FIFO,
/// socket or device as an ordinary file on Unix, so this asks the kernel: <c>statx(2)</c> on Linux (its struct has one
/// layout on every architecture), <c>stat(2)</c> on macOS; on Windows the attributes say Device.
/// </summary>
public static partial class FileKinds
{
    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsLinux()) return Statx(path, followLinks: true) is { } mode ? FromMode(mode) : AfterFailure(path);
        if (OperatingSystem.IsMacOS()) return MacStat(path) is { } mode ? FromMode(mode) : AfterFailure(path);
        if (Directory.Exists(path)) return FileKind.Directory;
        if (!File.Exists(path)) return IsLink(path) ? FileKind.DanglingLink : FileKind.Missing;
        return (File.GetAttributes(path) & FileAttributes.Device) != 0 ? FileKind.Special : FileKind.Regular;
    }

    /// <summary>Why a path that should be a file or be absent cannot be written or read, in words; null for a regular file or a missing one.</summary>
    public static string? NotAFile(FileKind kind) => kind switch
    {
        FileKind.Directory => "is a folder, not a file",
        FileKind.Special => "is not a regular file (a device, FIFO or socket); qkdsched reads and writes only regular files",
        FileKind.DanglingLink => "is a symbolic link to a file that does not exist",
        FileKind.LinkLoop => "is a symbolic link that leads back to itself (a loop)",
        _ => null,
    };

    private const int SymlinkMode = 0xA000;

    private static FileKind FromMode(int mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        _ => FileKind.Special,
    };

    /// <summary>stat failed: the path is missing, or a link points nowhere, or links loop.</summary>
    private static FileKind AfterFailure(string path)
    {
        var errno = Marshal.GetLastPInvokeError();
        if (errno == LoopErrno) return FileKind.LinkLoop;
        return IsLink(path) ? FileKind.DanglingLink : FileKind.Missing;
    }

    private static int LoopErrno => OperatingSystem.IsMacOS() ? 62 : 40;

    private static bool IsLink(string path)
    {
        if (OperatingSystem.IsLinux()) return Statx(path, followLinks: false) is { } mode && (mode & 0xF000) == SymlinkMode;
        try
        {
            return new FileInfo(path).LinkTarget != null;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private const int AtCurrentDirectory = -100;
    private const int NoFollow = 0x100;
    private const uint StatxType = 1;

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int StatxCall(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int StatCall(string path, byte* buffer);

    /// <summary>stx_mode, the 16-bit field at byte 28 of struct statx (linux/stat.h); null when the call fails.</summary>
    private static unsafe int? Statx(string path, bool followLinks)
    {
        var buffer = stackalloc byte[256];
        if (StatxCall(AtCurrentDirectory, path, followLinks ? 0 : NoFollow, StatxType, buffer) != 0) return null;
        return *(ushort*)(buffer + 28);
    }

    /// <summary>st_mode, the 16-bit field at byte 4 of macOS's struct stat (sys/stat.h, 64-bit inodes); null when the call fails.</summary>
    private static unsafe int? MacStat(string path)
    {
        var buffer = stackalloc byte[512];
        if (StatCall(path, buffer) != 0) return null;
        return *(ushort*)(buffer + 4);
    }
}

