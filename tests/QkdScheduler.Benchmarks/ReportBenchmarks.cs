using QkdScheduler.Solvers.Lagrange;
using BenchmarkDotNet.Attributes;
using QkdScheduler.Core.Benchmarking;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Reporting.Html;
using QkdScheduler.Solvers.Exact;
using QkdScheduler.Solvers.Greedy;
using QkdScheduler.Testing;

namespace QkdScheduler.Benchmarks;

/// <summary>
/// The HTML report of the Micius week (target: ≤ 2 s, under 5 MB): its instance section, a td solve, and a
/// bench of dp, greedy and lagrange on gd/pd/td, all rendered to one page. Inputs are loaded and solved once in the
/// setup; the instance section alone is the baseline of the ratio column.
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private ReportInput[] _instanceOnly = null!;
    private ReportInput[] _full = null!;

    [GlobalSetup]
    public void Setup()
    {
        var dir = Path.Combine(RepositoryPaths.Root(), "instances", "micius-china11-2016w38");
        var instance = (InstanceInput)ReportInputs.Load(dir);
        var problem = instance.Problem;
        var td = SolverRunner.Run(new DpSolver(), problem, new SolverOptions(Strategy.Td));
        var solve = new SolveInput("solve", td.Schedule, problem.Name, td.Solver, Strategy.Td, SolverOptions.DefaultShareTolerance, td.Status.ToName(),
            td.Message, td.Bound, td.Gap, td.WallSeconds, td.Result.History);
        var reports = (from strategy in new[] { Strategy.Gd, Strategy.Pd, Strategy.Td }
                       from solver in new ISolver[] { new DpSolver(), new GreedySolver(), new LagrangeSolver() }
                       select SolverRunner.Run(solver, problem, new SolverOptions(strategy))).ToList();
        var bench = new BenchInput("bench", BenchSummary.FromReports(reports, new HashSet<string> { "dp", "greedy", "lagrange" }, DateTime.UtcNow, "benchmark"));
        _instanceOnly = [instance];
        _full = [instance, solve, bench];
    }

    [Benchmark(Baseline = true)]
    public int InstanceSection() => ReportBuilder.Build(_instanceOnly, DateTime.UnixEpoch).Length;

    [Benchmark]
    public int WholeReport() => ReportBuilder.Build(_full, DateTime.UnixEpoch).Length;
}
