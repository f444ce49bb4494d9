using BenchmarkDotNet.Attributes;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.Exact;
using QkdScheduler.Solvers.Greedy;
using QkdScheduler.Testing;

namespace QkdScheduler.Benchmarks;

/// <summary>
/// Solver speed on the published Polnik et al. week (9 stations, 525 600 one-second intervals,
/// 41 833 non-zeros), single thread, after warm-up. Greedy gd is the baseline of the ratio column.
/// Target: dp gd ≤ 50 ms.
/// </summary>
[MemoryDiagnoser]
public class SolverBenchmarks
{
    private Problem _problem = null!;

    [GlobalSetup]
    public void Setup()
    {
        _problem = InstanceFiles.Read(Path.Combine(RepositoryPaths.Root(), "instances", "polnik2020-uk-week"));
    }

    [Benchmark(Baseline = true)]
    public Schedule GreedyGd() => new GreedySolver().Solve(_problem, new SolverOptions(Strategy.Gd), CancellationToken.None).Schedule;

    [Benchmark]
    public Schedule DpGd() => new DpSolver().Solve(_problem, new SolverOptions(Strategy.Gd), CancellationToken.None).Schedule;

    [Benchmark]
    public Schedule DpPd() => new DpSolver().Solve(_problem, new SolverOptions(Strategy.Pd), CancellationToken.None).Schedule;

    [Benchmark]
    public Schedule DpTd() => new DpSolver().Solve(_problem, new SolverOptions(Strategy.Td), CancellationToken.None).Schedule;
}
