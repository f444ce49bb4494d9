using QkdScheduler.Core.IO;

namespace QkdScheduler.Core;

/// <summary>One model a scenario section can name: its name, its parameters and how to build it from them.</summary>
public sealed record ModelEntry<T>(string Name, IReadOnlyList<ParameterRule> Rules, Func<ParameterValues, T> Create);

/// <summary>
/// The models of one kind (link, protocol, fibre coupling …) that a scenario section selects with
/// <c>model: NAME</c> and configures by parameter name. Adding a model is one class plus one entry
/// in the catalog where the kind is registered; the reader, the error messages and the list of
/// names follow.
/// </summary>
public sealed class ModelCatalog<T>(string kind, IReadOnlyList<ModelEntry<T>> entries)
{
    public string Kind { get; } = kind;
    public IReadOnlyList<ModelEntry<T>> Entries { get; } = entries;

    public ModelEntry<T> Get(string name, string? file = null, int? line = null) =>
        Entries.FirstOrDefault(e => e.Name == name)
        ?? throw new InputException(file, line, $"{Kind} model '{name}' is not known; this version has: {string.Join(", ", Entries.Select(e => e.Name))}");

    /// <summary>Reads <c>model:</c> (default: the first entry) and that model's parameters from a section; unknown keys are errors.</summary>
    public T Read(YamlFields section)
    {
        var name = section.OptionalString("model", Entries[0].Name);
        var entry = section.Has("model") ? Get(name, section.File, section.Line) : Entries[0];
        var values = section.Parameters(entry.Rules);
        section.RejectUnknownKeys();
        try
        {
            return entry.Create(values);
        }
        catch (InputException e) when (e.File == null)
        {
            throw new InputException(section.File, section.Line, e.Reason);
        }
    }
}
