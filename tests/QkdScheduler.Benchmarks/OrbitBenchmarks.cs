using BenchmarkDotNet.Attributes;
using QkdScheduler.Orbits.Frames;
using QkdScheduler.Orbits.Passes;
using QkdScheduler.Orbits.Sgp4;
using QkdScheduler.Orbits.Stations;
using QkdScheduler.Orbits.Tle;
using QkdScheduler.Testing;

namespace QkdScheduler.Benchmarks;

/// <summary>
/// SGP4 throughput (one call = 1000 propagations at distinct times, so the reported time per
/// operation is per propagation) and pass finding for the Micius week and year over the 11 cities
/// of seed 000. Near-Earth SGP4 is the baseline of the ratio column. Targets: SGP4 ≥ 2
/// million propagations/s on one core; the week's passes ≤ 0.3 s; a year ≤ 10 s.
/// </summary>
[MemoryDiagnoser]
public class OrbitBenchmarks
{
    private const int Propagations = 1000;
    private static readonly DateTime From = new(2016, 9, 19, 0, 0, 0, DateTimeKind.Utc);
    private Sgp4Propagator _micius = null!;
    private Sgp4Propagator _molniya = null!;
    private IReadOnlyList<GroundStation> _stations = null!;

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(RepositoryPaths.Root(), "instances", "micius2016-china11");
        var tle = Path.Combine(folder, "micius-41731.tle");
        _micius = new Sgp4Propagator(TleSelection.Choose(TleReader.ReadFile(tle), null, From, tle).Set.ToMeanElements());
        _stations = StationFile.Read(Path.Combine(folder, "china11.csv"));
        // A 12-hour resonant deep-space case from the AIAA 2006-6753 verification set (08195, Molniya).
        _molniya = new Sgp4Propagator(TleReader.Parse("bench", [
            "1 08195U 75081A   06176.33215444  .00000099  00000-0  11873-3 0   813",
            "2 08195  64.1586 279.0717 6877146 264.7651  20.2257  2.00491383225656"], TleReadOptions.Strict)[0].ToMeanElements());
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Propagations)]
    public double Sgp4NearEarth() => Sweep(_micius);

    [Benchmark(OperationsPerInvoke = Propagations)]
    public double Sdp4DeepSpaceResonant() => Sweep(_molniya);

    [Benchmark]
    public int PassesMiciusWeek11Stations() =>
        new PassFinder(_micius, new PassSearch(10, NightRule.CivilTwilight), "bench").Find(_stations, From, From.AddDays(7)).Count;

    [Benchmark]
    public int PassesMiciusYear11Stations() =>
        new PassFinder(_micius, new PassSearch(10, NightRule.CivilTwilight), "bench").Find(_stations, From, From.AddDays(365)).Count;

    private static double Sweep(Sgp4Propagator sat)
    {
        // One day ahead in 1.44-minute steps: distinct times, as a pass finder or key-matrix builder uses them.
        var sum = 0.0;
        for (var i = 0; i < Propagations; i++)
        {
            sat.Propagate(i * 1.44, out var r, out _);
            sum += r.X;
        }
        return sum;
    }
}
