using QkdScheduler.Core;
using QkdScheduler.Core.IO;
using QkdScheduler.Orbits.Stations;

namespace QkdScheduler.Precompute.Scenarios;

/// <summary>What a weather section is read against: the scenario's folder, stations and period.</summary>
public sealed record WeatherContext(string Dir, IReadOnlyList<GroundStation> Stations, DateTime StartUtc, DateTime EndUtc)
{
    public IReadOnlyList<string> Names => Stations.Select(s => s.Name).ToList();
}

/// <summary>A weather source a scenario names with <c>source: NAME</c>, and the reader of its section.</summary>
public sealed record WeatherEntry<T>(string Name, Func<YamlFields, WeatherContext, T> Read);

/// <summary>
/// The weather sources of one kind of scenario, registered in <see cref="Models"/>: a new source is one
/// class plus one entry there. <see cref="Read"/> picks the entry, reads its section and rejects keys
/// it did not use.
/// </summary>
public sealed class WeatherCatalog<T>(IReadOnlyList<WeatherEntry<T>> entries)
{
    public IReadOnlyList<WeatherEntry<T>> Entries { get; } = entries;

    public T Read(YamlFields section, WeatherContext context)
    {
        var name = section.RequiredString("source");
        var entry = Entries.FirstOrDefault(e => e.Name == name)
            ?? throw section.Error("source", $"weather source '{name}' is not one of: {string.Join(", ", Entries.Select(e => e.Name))}");
        var weather = entry.Read(section, context);
        section.RejectUnknownKeys();
        return weather;
    }
}
