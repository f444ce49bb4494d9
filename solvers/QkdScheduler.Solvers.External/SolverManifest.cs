using QkdScheduler.Core;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Solvers.External;

/// <summary>
/// A <c>solver.yaml</c>: an external solver, a program in any language (docs/writing-a-solver.md).
/// <c>format: qkdsched-solver/1</c>, <c>name</c>, <c>command: [argv...]</c> run in the manifest's folder,
/// <c>strategies: [gd, pd, td]</c>, and optionally a <c>description</c>, <c>uses_seed</c> and <c>min_contact</c>.
/// </summary>
/// <param name="Path">The solver.yaml file.</param>
/// <param name="Folder">Its folder: the command's working directory.</param>
/// <param name="Name">The name used with <c>--solver</c>.</param>
/// <param name="Description">One line for <c>qkdsched solvers</c>.</param>
/// <param name="Command">The program and its first arguments; the instance and output folders are appended.</param>
/// <param name="Strategies">The strategies the program solves; any other is refused before it runs.</param>
/// <param name="UsesSeed">Whether the seed changes its result (the bench runs seed-free solvers once).</param>
/// <param name="MinContact">Whether it honours <c>min_contact_intervals</c> of instance.yaml; if not, such instances are refused before it runs.</param>
public sealed record SolverManifest(
    string Path,
    string Folder,
    string Name,
    string Description,
    IReadOnlyList<string> Command,
    IReadOnlyList<Strategy> Strategies,
    bool UsesSeed,
    bool MinContact = false)
{
    public const string FileName = "solver.yaml";
    public const string Format = "qkdsched-solver/1";

    public static SolverManifest Read(string path)
    {
        var y = YamlFields.Load(path);
        var format = y.RequiredString("format");
        if (format != Format) throw y.Error("format", $"format is '{format}'; this version reads '{Format}'");
        var name = y.RequiredString("name");
        if (!IsValidName(name))
            throw y.Error("name", $"name '{name}' must be 1-40 lower-case letters, digits, '-' or '_', starting with a letter (it is typed as --solver NAME)");
        var description = y.OptionalString("description", $"external solver ({System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)))})");
        var command = y.StringList("command");
        if (command.Count == 0 || command[0].Trim().Length == 0)
            throw y.Error("command", "command must name the program to run, e.g. command: [python3, solve.py]");
        var strategies = new List<Strategy>();
        foreach (var s in y.StringList("strategies"))
        {
            if (!StrategyNames.TryParse(s, out var strategy)) throw y.Error("strategies", $"strategy '{s}' is not one of gd, pd, td");
            if (!strategies.Contains(strategy)) strategies.Add(strategy);
        }
        if (strategies.Count == 0) throw y.Error("strategies", "strategies must list at least one of gd, pd, td");
        bool Flag(string key) => y.OptionalString(key, "false") switch
        {
            "true" => true,
            "false" => false,
            var other => throw y.Error(key, $"{key} is '{other}'; write true or false"),
        };
        var usesSeed = Flag("uses_seed");
        var minContact = Flag("min_contact");
        y.RejectUnknownKeys();
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        return new SolverManifest(System.IO.Path.GetFullPath(path), folder, name, description, command, strategies, usesSeed, minContact);
    }

    private static bool IsValidName(string name) =>
        name.Length is >= 1 and <= 40 && char.IsAsciiLetterLower(name[0])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');
}
