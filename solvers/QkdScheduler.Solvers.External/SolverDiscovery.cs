using QkdScheduler.Core;
using QkdScheduler.Core.IO;

namespace QkdScheduler.Solvers.External;

/// <summary>
/// Finds external solvers: a folder that holds a <c>solver.yaml</c>, or whose direct subfolders do, for
/// each folder it is given (the repository's <c>solvers/</c> and <c>solvers/examples/</c>, each entry of
/// <c>QKDSCHED_SOLVER_PATH</c>, each <c>--solver-path</c>).
/// </summary>
public static class SolverDiscovery
{
    /// <summary>The environment variable of extra solver folders, separated like PATH.</summary>
    public const string PathVariable = "QKDSCHED_SOLVER_PATH";

    /// <summary>
    /// The manifests under <paramref name="roots"/>, in the order found, each folder once. A root that
    /// the user named (<paramref name="required"/>) must exist; a manifest that does not parse is an
    /// <see cref="InputException"/> naming its file and line.
    /// </summary>
    public static IReadOnlyList<SolverManifest> Find(IEnumerable<string> roots, IEnumerable<string> required)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<SolverManifest>();
        var mustExist = required.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        foreach (var root in roots.Select(Path.GetFullPath))
        {
            if (!Directory.Exists(root))
            {
                if (mustExist.Contains(root)) throw new InputException(root, null, "solver folder not found (it should hold solver.yaml, or folders that do)");
                continue;
            }
            foreach (var folder in new[] { root }.Concat(Directory.GetDirectories(root).Order(StringComparer.Ordinal)))
            {
                var manifest = Path.Combine(folder, SolverManifest.FileName);
                if (File.Exists(manifest) && seen.Add(Path.GetFullPath(folder))) found.Add(SolverManifest.Read(manifest));
            }
        }

        var twice = found.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (twice != null)
            throw new InputException(twice.Last().Path, null, $"solver name '{twice.Key}' is also used by {twice.First().Path}; give each solver its own name");
        return found;
    }

    /// <summary>The entries of <c>QKDSCHED_SOLVER_PATH</c> (empty entries ignored).</summary>
    public static IReadOnlyList<string> FromEnvironment(string? value) =>
        (value ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// The repository's own solver folders, found by walking up from <paramref name="start"/> (the
    /// program's folder) to the checkout that holds QkdScheduler.sln; none for an installed copy.
    /// </summary>
    public static IReadOnlyList<string> RepositoryFolders(string start) =>
        Checkout.Root(start) is { } root ? [Path.Combine(root, "solvers"), Path.Combine(root, "solvers", "examples")] : [];
}
