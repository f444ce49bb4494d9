using QkdScheduler.Core;
using QkdScheduler.Precompute.Pairs;
using QkdScheduler.Testing;

namespace QkdScheduler.Precompute.Tests.Pairs;

/// <summary>Pair scenarios with several sources.</summary>
public sealed class PairConstellationTests
{
    private static string Instances(params string[] parts) => Path.Combine([RepositoryPaths.Root(), "instances", .. parts]);

    /// <summary>
    /// transatlantic-3src-3pairs's first source (meo-a) is the one source of transatlantic-meo-3pairs (same orbit, aperture,
    /// stations, pairs and models): its rows, cut to the first day, equal that scenario's, entry for entry; the nodes are
    /// the same station pairs, and they take a receiver at both stations.
    /// </summary>
    [Fact]
    public void A_sources_rows_equal_its_own_one_source_precompute()
    {
        string[] day = ["period.end=2026-03-17T00:00:00Z"];
        var fleet = PairConstellation.Run(PairScenarioFile.Read(Instances("transatlantic-3src-3pairs", "scenario.yaml"), day)).Problem;
        var single = PairPrecompute.Run(PairScenarioFile.Read(Instances("transatlantic-meo-3pairs", "scenario.yaml"), day)).Problem;
        Assert.Equal(["meo-a", "meo-b", "meo-c"], fleet.Constellation!.Satellites);
        Assert.Equal(single.Keys.Entries(), fleet.KeysOf(0).Entries());
        Assert.Equal(single.Nodes.Select(n => n.Stations), fleet.Nodes.Select(n => n.Stations));
        Assert.Equal(3, fleet.Constellation.StationSwitchIntervals);
    }

    [Fact]
    public void Relays_with_several_sources_are_refused_in_one_line()
    {
        var dir = Directory.CreateTempSubdirectory("qkdsched-pairs-").FullName;
        try
        {
            var text = File.ReadAllText(Instances("transatlantic-3src-3pairs", "scenario.yaml")).Replace("../transatlantic2026/", Instances("transatlantic2026") + "/")
                       + "relays:\n  kind: haps\n";
            var path = Path.Combine(dir, "s.yaml");
            File.WriteAllText(path, text);
            var e = Assert.Throws<InputException>(() => PairScenarioFile.Read(path));
            Assert.Contains("several sources", e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
