using QkdScheduler.Core.IO;

namespace QkdScheduler.Cli.Commands;

/// <summary>A file <c>--out</c>: <c>-</c> is standard output; anything else is written atomically (<see cref="AtomicFile"/>: absent or a regular file, links followed).</summary>
internal static class OutputFile
{
    public const string StandardOutput = "-";

    /// <summary>Writes <paramref name="text"/> where <paramref name="path"/> says; true when that was a file.</summary>
    public static bool Write(CliContext ctx, string path, string text)
    {
        if (path == StandardOutput)
        {
            ctx.Out.Write(text);
            return false;
        }

        AtomicFile.WriteAllText(path, text);
        return true;
    }
}
