using System.CommandLine;
using System.Reflection;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;

namespace QkdScheduler.Cli.Commands;

/// <summary>
/// <c>qkdsched init DIR</c>: a planner's starting point, a folder with a commented scenario (every section explained), a
/// TLE file, a station CSV with two stations, an hourly cloud-cover CSV and a README of next steps; it precomputes and
/// solves as written (a test runs it). DIR must be new or empty.
/// </summary>
public static class InitCommand
{
    private const string Prefix = "template/";

    /// <summary>The template's files (name → text), from the resources the CLI carries.</summary>
    public static IReadOnlyDictionary<string, string> Files()
    {
        var assembly = typeof(InitCommand).Assembly;
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            files[name[Prefix.Length..]] = reader.ReadToEnd();
        }

        return files;
    }

    public static Command Create(CliContext ctx)
    {
        var dir = new Argument<string>("DIR") { Description = "a new (or empty) folder for the template" };
        var cmd = new Command("init", "Start your own plan: a folder with a commented scenario, a TLE, two stations, a cloud-cover CSV and the next steps") { dir };
        cmd.SetAction(parse =>
        {
            var target = parse.GetValue(dir)!;
            if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
                throw new InputException(target, null, "is not empty; give a new folder for the template (init never writes over files)");
            var files = Files();
            if (files.Count == 0) throw new InvalidOperationException("the CLI was built without its template");
            AtomicFolder.Write(target, files.ContainsKey, staging =>
            {
                foreach (var (name, text) in files) AtomicFile.WriteAllText(Path.Combine(staging, name), text);
            }, handOver: true);
            ctx.Out.WriteLine($"wrote {string.Join(", ", files.Keys)} to {target}; next: cd {target} and follow README.md (qkdsched precompute scenario.yaml --out instance)");
            return CliApp.Ok;
        });
        return cmd;
    }
}
