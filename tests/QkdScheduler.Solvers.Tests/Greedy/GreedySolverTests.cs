using QkdScheduler.Core.Model;
using QkdScheduler.Core.Solving;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Solvers.Greedy;
using QkdScheduler.Testing;

namespace QkdScheduler.Solvers.Tests.Greedy;

public class GreedySolverTests
{
    [Fact]
    public void Solve_StaysOnCurrentNodeWhileItPays()
    {
        // A pays 1 in 0..3; B pays 5 in 1..3. Greedy starts on A (the only one paying) and stays.
        var k = new[] { new[] { 1.0, 0 }, [1.0, 5], [1.0, 5], [1.0, 5] };
        var r = SolverRunner.Run(new GreedySolver(), TestProblems.FromDense(k, 0), new SolverOptions(Strategy.Gd));
        Assert.Equal([new Contact("A", 0, 3)], r.Schedule.Contacts);
    }

    [Fact]
    public void Solve_WaitsSIntervalsBeforeSwitching()
    {
        // A pays in 0..1, B in 2..5; S = 2: B may start at 4 at the earliest.
        var k = new[] { new[] { 1.0, 0 }, [1.0, 0], [0.0, 3], [0.0, 3], [0.0, 3], [0.0, 3] };
        var r = SolverRunner.Run(new GreedySolver(), TestProblems.FromDense(k, 2), new SolverOptions(Strategy.Gd));
        Assert.Equal([new Contact("A", 0, 1), new Contact("B", 4, 5)], r.Schedule.Contacts);
        Assert.Equal(SolveStatus.Feasible, r.Status);
    }

    [Fact]
    public void Solve_Pd_PicksTheBestWeightedNode()
    {
        // Both pay in interval 0; B pays less but weighs 4 times as much.
        var k = new[] { new[] { 3.0, 1 } };
        var r = SolverRunner.Run(new GreedySolver(), TestProblems.FromDense(k, 0, weights: [0.1, 0.9]), new SolverOptions(Strategy.Pd));
        Assert.Equal([new Contact("B", 0, 0)], r.Schedule.Contacts);
    }
}
