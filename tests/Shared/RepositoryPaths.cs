namespace QkdScheduler.Testing;

public static class RepositoryPaths
{
    /// <summary>Test reference data copied next to the test binaries.</summary>
    public static string ReferenceData(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "ReferenceData", .. parts]);

    /// <summary>The repository root (the folder holding QkdScheduler.sln), found from the test binaries.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "QkdScheduler.sln"))) return dir.FullName;
        throw new InvalidOperationException("QkdScheduler.sln not found above the test binaries");
    }
}
