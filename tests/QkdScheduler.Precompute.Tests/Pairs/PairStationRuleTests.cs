using QkdScheduler.Precompute.Pairs;
using QkdScheduler.Testing;

namespace QkdScheduler.Precompute.Tests.Pairs;

/// <summary>Station rules in a pair scenario: a station's outage and mask change only the pairs it is in.</summary>
public sealed class PairStationRuleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-pair-rules-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Scenario(string rules)
    {
        var root = Path.Combine(RepositoryPaths.Root(), "instances");
        var text = File.ReadAllText(Path.Combine(root, "transatlantic-meo-3pairs", "scenario.yaml"))
            .Replace("../transatlantic2026/", Path.Combine(root, "transatlantic2026") + "/")
            .Replace("  night: none                 # Sec. II: day and night", "  night: none\n" + rules);
        var path = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>
    /// Berlin out for the whole day: Waterloo|Berlin gets nothing, the other two pairs keep every bit; Madrid's mask
    /// raised to 89.9° (a zenith pass at most) leaves Waterloo|Madrid at most what it had.
    /// </summary>
    [Fact]
    public void Only_the_pairs_of_a_ruled_station_change()
    {
        string[] day = ["period.end=2026-03-17T00:00:00Z"];
        var plain = PairPrecompute.Run(PairScenarioFile.Read(Scenario(""), day)).Problem;
        var ruled = PairPrecompute.Run(PairScenarioFile.Read(Scenario("""
              rules:
                Berlin:
                  outages: [{start: 2026-03-16T00:00:00Z, end: 2026-03-17T00:00:00Z}]
                Madrid:
                  min_elevation_deg: 60
            """), day)).Problem;
        var before = plain.Keys.TotalPerNode();
        var after = ruled.Keys.TotalPerNode();
        int Node(string id) => plain.Nodes.ToList().FindIndex(n => n.Id == id);
        Assert.True(before[Node("Waterloo|Berlin")] > 0);
        Assert.Equal(0, after[Node("Waterloo|Berlin")]);
        Assert.Equal(before[Node("Ottawa|London")], after[Node("Ottawa|London")]);
        Assert.True(after[Node("Waterloo|Madrid")] <= before[Node("Waterloo|Madrid")]);
        Assert.Contains("Berlin: 1 outages", ruled.Provenance["station_rules"]);
    }
}
