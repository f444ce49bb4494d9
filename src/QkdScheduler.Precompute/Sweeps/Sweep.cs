using System.Security.Cryptography;
using QkdScheduler.Core;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Precompute.Pairs;

namespace QkdScheduler.Precompute.Sweeps;

/// <summary>One point of a sweep: its index in the full enumeration and its scenario overrides (KEY.PATH, VALUE), in key order.</summary>
public sealed record SweepPoint(int Index, IReadOnlyList<(string Key, string Value)> Overrides)
{
    public IReadOnlyList<string> AsSetArguments => Overrides.Select(o => $"{o.Key}={o.Value}").ToList();
}

/// <summary>Solves to run on each point's instance: every solver × strategy.</summary>
public sealed record SweepSolve(IReadOnlyList<string> Solvers, IReadOnlyList<Strategy> Strategies);

/// <summary>
/// A parameter sweep (<c>qkdsched-sweep/1</c>): a base scenario (station or pair), fixed overrides, and the points, a
/// grid (every combination, the first key outermost) or an explicit list; optionally solves per point.
/// <see cref="Sha256"/> covers the sweep file and the base scenario, so parts of a sweep whose definition changed
/// between shards are not merged.
/// </summary>
public sealed record Sweep(
    string Path,
    string Name,
    string Description,
    string ScenarioPath,
    bool IsPairScenario,
    IReadOnlyList<string> Fixed,
    IReadOnlyList<string> Keys,
    IReadOnlyList<SweepPoint> Points,
    SweepSolve? Solve,
    string Sha256)
{
    /// <summary>
    /// The points shard <paramref name="index"/> of <paramref name="count"/> runs: those whose index k has k mod count =
    /// index. Every shard enumerates the full list the same way, so the shards are disjoint and cover it.
    /// </summary>
    public IReadOnlyList<SweepPoint> Shard(int index, int count) => Shards.Cases(Points.Count, index, count).Select(k => Points[k]).ToList();
}

public static class SweepFile
{
    public const string Format = "qkdsched-sweep/1";

    /// <summary>The largest sweep: more points than this is almost surely a typo in a grid.</summary>
    public const int MaxPoints = 100_000;

    public static Sweep Read(string path)
    {
        var y = YamlFields.Load(path);
        y.Allow("format", "name", "description", "scenario", "set", "grid", "points", "solve");
        if (y.RequiredString("format") != Format) throw y.Error("format", $"is not {Format}; this file is not a sweep");
        var name = y.RequiredString("name");
        var scenario = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!, y.RequiredString("scenario"));
        if (!File.Exists(scenario)) throw y.Error("scenario", $"names {scenario}, which does not exist");
        var fixedSet = y.Has("set") ? y.StringList("set") : [];
        foreach (var f in fixedSet)
            if (!f.Contains('=', StringComparison.Ordinal)) throw y.Error("set", $"'{f}' is not KEY.PATH=VALUE");

        IReadOnlyList<string> keys;
        List<IReadOnlyList<(string, string)>> combos;
        if (y.Has("grid") == y.Has("points")) throw y.Error("grid", "a sweep needs either grid (every combination) or points (a list), not both or neither");
        if (y.OptionalMap("grid") is { } grid)
        {
            keys = grid.Keys;
            if (keys.Count == 0) throw y.Error("grid", "is empty; give at least one KEY.PATH: [values]");
            combos = [[]];
            foreach (var key in keys)
            {
                var values = grid.StringList(key);
                if (values.Count == 0) throw grid.Error(key, "has no values");
                combos = combos.SelectMany(c => values.Select(v => (IReadOnlyList<(string, string)>)[.. c, (key, v)])).ToList();
                if (combos.Count > MaxPoints) throw y.Error("grid", $"has more than {MaxPoints:N0} points");
            }
        }
        else
        {
            var list = y.MapList("points");
            if (list.Count == 0) throw y.Error("points", "is empty");
            keys = list[0].Keys;
            combos = [];
            foreach (var p in list)
            {
                if (!p.Keys.SequenceEqual(keys)) throw p.Error(keys[0], $"every point must set the same keys in the same order ({string.Join(", ", keys)})");
                combos.Add(keys.Select(k => (k, p.RequiredString(k))).ToList());
            }
        }

        SweepSolve? solve = null;
        if (y.OptionalMap("solve") is { } s)
        {
            s.Allow("solvers", "strategies");
            var strategies = s.StringList("strategies").Select(t => StrategyNames.TryParse(t, out var v) ? v : throw s.Error("strategies", $"'{t}' is not gd, pd or td")).ToList();
            solve = new SweepSolve(s.StringList("solvers"), strategies);
        }

        y.RejectUnknownKeys();
        var points = combos.Select((c, i) => new SweepPoint(i, c)).ToList();
        var bytes = InputFile.ReadAllBytes(path).Concat(InputFile.ReadAllBytes(scenario)).ToArray();
        return new Sweep(System.IO.Path.GetFullPath(path), name, y.OptionalString("description", ""), scenario, PairScenarioFile.IsPairScenario(scenario),
            fixedSet, keys, points, solve, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
