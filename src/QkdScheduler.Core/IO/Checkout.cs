namespace QkdScheduler.Core.IO;

/// <summary>The QkdScheduler checkout a program runs from, if any: what <c>solvers/</c> and <c>instances/best-known.csv</c> are relative to.</summary>
public static class Checkout
{
    public const string SolutionFileName = "QkdScheduler.sln";

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds QkdScheduler.sln; null for an installed copy.</summary>
    public static string? Root(string start)
    {
        for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName))) return dir.FullName;
        return null;
    }
}
