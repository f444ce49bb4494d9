using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.Tests.Contract;
using QkdScheduler.Testing;

namespace QkdScheduler.Solvers.Tests.Mip;

/// <summary>
/// A td model that would not fit in memory is not built: mip and cpsat return the start (dp's td search) as a feasible
/// schedule and say why, instead of dying of out-of-memory. 400 000 entries × 25 kB (the measured peak per entry) is
/// about 9.3 GiB, above the largest cap (8 GiB) on any machine.
/// </summary>
public class ModelMemoryTests
{
    [Theory]
    [InlineData("mip")]
    [InlineData("cpsat")]
    public void A_td_model_beyond_the_memory_cap_is_not_built_and_the_start_stands(string solver)
    {
        var problem = TestProblems.Random(new Random(5), 400_000, 2, 1, 0.5);
        var dp = SolverRunner.Run(SolverContractTests.Catalog.Get("dp"), problem, new SolverOptions(Strategy.Td));
        Assert.Equal(SolveStatus.Feasible, dp.Status);
        var r = SolverRunner.Run(SolverContractTests.Catalog.Get(solver), problem, new SolverOptions(Strategy.Td));
        Assert.Equal(SolveStatus.Feasible, r.Status);
        Assert.Equal(dp.Objective, r.Objective);
        Assert.Contains("not built (--allow-long builds it), the start stands", r.Message);
    }
}
