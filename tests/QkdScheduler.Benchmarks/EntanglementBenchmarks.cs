using BenchmarkDotNet.Attributes;
using QkdScheduler.Precompute.Pairs;
using QkdScheduler.Testing;

namespace QkdScheduler.Benchmarks;

/// <summary>
/// Seed 004's Table 1 rows: one year of each shipped pair scenario (windows from the pass finder,
/// then both arms' budgets at every 1-s step inside the dual-visibility windows), one thread. The MEO
/// year is the baseline of the ratio column. Targets: the MEO year ≤ 10 s; all four rows
/// ≤ 60 s. Scenario parsing is done once in the setup.
/// </summary>
[MemoryDiagnoser]
public class EntanglementBenchmarks
{
    private readonly Dictionary<string, PairScenario> _scenarios = new();

    [Params("transatlantic-meo", "transatlantic-3leo-3planes", "transatlantic-3leo-1plane", "transatlantic-leo-2hap")]
    public string Scenario { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _scenarios[Scenario] = PairScenarioFile.Read(Path.Combine(RepositoryPaths.Root(), "instances", Scenario, "scenario.yaml"));

    [Benchmark]
    public double YearOfDualLinks() => PairPrecompute.Run(_scenarios[Scenario]).Links[0].CoupledPairs;
}
