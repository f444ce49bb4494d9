using System.Collections.Concurrent;
using System.Text;

namespace QkdScheduler.Core.IO;

/// <summary>
/// The one way a file we are given is read. It must be a regular file (a device such as /dev/zero, a FIFO or a
/// socket is refused before it is opened) of at most <see cref="MaxBytes"/>; text is decoded by its byte-order mark
/// (UTF-8 otherwise), and a file that is UTF-16 without a mark, or has old-Mac CR-only line ends, is refused in words
/// that say so. Every file read is remembered for the command's lifetime, so an output folder may hold the inputs of
/// the command writing it (a scenario beside its instance, <see cref="AtomicFolder"/>).
/// </summary>
public static class InputFile
{
    /// <summary>The largest input file: 2 GiB (a year of 1-second keys for 500 nodes is well below it; docs/commands.md, "Limits").</summary>
    public const long MaxBytes = 2L << 30;

    private static readonly ConcurrentDictionary<string, byte> ReadSoFar = new(StringComparer.Ordinal);

    /// <summary>Whether this process has read the file (by its full path, links followed) as an input.</summary>
    public static bool WasRead(string fullPath) => ReadSoFar.ContainsKey(fullPath);

    /// <summary>Checks that <paramref name="path"/> is a regular file within the size cap and returns its length.</summary>
    public static long Check(string path)
    {
        var kind = FileKinds.Of(path);
        if (kind == FileKind.Missing) throw new InputException(path, null, "file not found");
        if (FileKinds.NotAFile(kind) is { } why) throw new InputException(path, null, $"{why}; give a file");
        var info = new FileInfo(path);
        var length = info.Length;
        if (length > MaxBytes)
            throw new InputException(path, null, $"is {length / (double)(1L << 30):0.0} GiB; input files are at most {MaxBytes >> 30} GiB");
        ReadSoFar[Path.GetFullPath(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName)] = 0;
        return length;
    }

    public static Stream OpenRead(string path)
    {
        Check(path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }

    public static byte[] ReadAllBytes(string path)
    {
        using var stream = OpenRead(path);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The whole text of a (small) file, checked for the two encodings a reader would otherwise misread.</summary>
    public static string ReadAllText(string path)
    {
        using var reader = OpenText(path);
        var text = reader.ReadToEnd();
        CheckText(path, text);
        return text;
    }

    /// <summary>A reader of the file's text (BOM-detected, UTF-8 otherwise); <see cref="Lines"/> checks the text as it goes.</summary>
    public static StreamReader OpenText(string path) => new(OpenRead(path), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, 1 << 16);

    /// <summary>
    /// The lines of a file, streamed: each with its 1-based number and whether a line feed ended it (a file whose last
    /// line lacks one was most likely cut off). A trailing CR (CRLF files) is removed.
    /// </summary>
    public static IEnumerable<(int Number, string Text, bool Ended)> Lines(string path)
    {
        using var reader = OpenText(path);
        var line = new StringBuilder();
        var buffer = new char[1 << 16];
        var number = 1;
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var from = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == '\0') throw Nul(path, number);
                if (buffer[i] != '\n') continue;
                line.Append(buffer, from, i - from);
                from = i + 1;
                yield return (number, Finish(path, number, line), true);
                line.Clear();
                number++;
            }

            line.Append(buffer, from, read - from);
            if (line.Length > MaxLineChars) throw new InputException(path, number, $"line {number} is longer than {MaxLineChars / 1_000_000} million characters; is this the right file?");
        }

        if (line.Length > 0) yield return (number, Finish(path, number, line), false);
    }

    /// <summary>No line of our formats comes near this; a longer one is a binary or damaged file.</summary>
    private const int MaxLineChars = 16_000_000;

    private static string Finish(string path, int number, StringBuilder line)
    {
        var end = line.Length > 0 && line[^1] == '\r' ? line.Length - 1 : line.Length;
        for (var i = 0; i < end; i++)
            if (line[i] == '\r') throw CrOnly(path, number);
        return line.ToString(0, end);
    }

    private static void CheckText(string path, string text)
    {
        var nul = text.IndexOf('\0');
        if (nul >= 0) throw Nul(path, 1 + text.AsSpan(0, nul).Count('\n'));
        if (text.Contains('\r') && !text.Contains('\n')) throw CrOnly(path, 1);
    }

    private static InputException Nul(string path, int line) =>
        new(path, line, "holds NUL characters: it looks like UTF-16 without a byte-order mark (or a binary file); save it as UTF-8");

    private static InputException CrOnly(string path, int line) =>
        new(path, line, "has CR line ends (carriage returns without line feeds, old Mac style); save it with LF or CRLF line ends");
}
