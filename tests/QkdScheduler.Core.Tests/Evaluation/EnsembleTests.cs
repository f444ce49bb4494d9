using FsCheck;
using FsCheck.Fluent;
using QkdScheduler.Core;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Strategies;
using QkdScheduler.Testing;

namespace QkdScheduler.Core.Tests.Evaluation;

/// <summary>Weather scenarios: the risk measures, the scenario file reader and a schedule's score, against hand values.</summary>
public sealed class EnsembleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qkdsched-ensemble-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_risk_measures_of_hand_worked_values()
    {
        // Values 10, 40, 20, 30 with probabilities 0.1, 0.2, 0.3, 0.4: expected 1 + 8 + 6 + 12 = 27, worst 10.
        double[] v = [10, 40, 20, 30], p = [0.1, 0.2, 0.3, 0.4];
        Assert.Equal(27, RiskMeasure.Expected.Of(v, p), 9);
        Assert.Equal(10, RiskMeasure.Worst.Of(v, p));
        // cvar:0.25: the worst 25 % is 10 (mass 0.1) and 0.15 of the 20s: (1 + 3) / 0.25 = 16.
        Assert.Equal(16, new RiskMeasure("cvar", 0.25).Of(v, p), 9);
        // cvar:1 is the mean; cvar of the first scenario's mass alone is the worst.
        Assert.Equal(27, new RiskMeasure("cvar", 1).Of(v, p), 9);
        Assert.Equal(10, new RiskMeasure("cvar", 0.1).Of(v, p), 9);
        // Lower quantiles: cumulative 0.1 (10), 0.4 (20), 0.8 (30), 1 (40).
        Assert.Equal(10, RiskMeasure.Quantile(v, p, 0.1));
        Assert.Equal(30, RiskMeasure.Quantile(v, p, 0.5));
        Assert.Equal(40, RiskMeasure.Quantile(v, p, 0.9));
    }

    /// <summary>
    /// Property: CVaR by sorting equals Rockafellar and Uryasev's max_t t − (1/α) Σ p_k (t − V_k)⁺, whose maximum over t
    /// (a concave piecewise-linear function) lies at one of the V_k, so the test evaluates it there.
    /// </summary>
    [Fact]
    public void Cvar_by_sorting_equals_the_rockafellar_uryasev_formula() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var rng = new Random(seed);
            var w = rng.Next(1, 12);
            var v = Enumerable.Range(0, w).Select(_ => (double)rng.Next(0, 1000)).ToArray();
            var raw = Enumerable.Range(0, w).Select(_ => rng.NextDouble() + 0.01).ToArray();
            var p = raw.Select(x => x / raw.Sum()).ToArray();
            var alpha = rng.Next(1, 101) / 100.0;
            var formula = v.Max(t => t - v.Select((x, k) => p[k] * Math.Max(0, t - x)).Sum() / alpha);
            var sorted = new RiskMeasure("cvar", alpha).Of(v, p);
            return Math.Abs(formula - sorted) <= 1e-9 * Math.Max(1, Math.Abs(formula));
        }).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData("expected", "expected")]
    [InlineData("worst", "worst")]
    [InlineData("cvar:0.2", "cvar:0.2")]
    public void Risk_measures_parse_by_name(string text, string name) => Assert.Equal(name, RiskMeasure.TryParse(text, out _)!.Name);

    [Theory]
    [InlineData("cvar:0", "must be a number in (0, 1]")]
    [InlineData("cvar:1.5", "must be a number in (0, 1]")]
    [InlineData("mean", "is not a risk measure")]
    public void Bad_risk_measures_say_why(string text, string expected)
    {
        Assert.Null(RiskMeasure.TryParse(text, out var why));
        Assert.Contains(expected, why);
    }

    private string File(string text)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".csv");
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>
    /// AThenB (K[m,A] = m + 1 for m &lt; 8, K[m,B] = 5 for m ≥ 4) served A in 0..3 and B in 5..9. Two scenarios: in 0 every
    /// key is doubled, in 1 there is none at B. By hand: scenario 0 delivers 2·(1+2+3+4) + 2·5·5 = 70, scenario 1 delivers
    /// 10; with probabilities 0.25 and 0.75 the mean is 25, the worst 10, and per node A 0.25·20 + 0.75·10 = 12.5, B 12.5.
    /// </summary>
    [Fact]
    public void A_schedule_is_scored_in_every_scenario_by_hand()
    {
        var problem = TestProblems.AThenB();
        var rows = new List<string> { "scenario,interval,node,bits" };
        for (var m = 0; m < 10; m++)
        {
            if (m < 8) rows.Add($"0,{m},A,{2 * (m + 1)}");
            if (m >= 4) rows.Add($"0,{m},B,10");
            if (m < 8) rows.Add($"1,{m},A,{m + 1}");
        }
        var ensemble = EnsembleFiles.Read(File(string.Join('\n', rows) + "\n"), problem, [0.25, 0.75]);
        var schedule = new Schedule([new Contact("A", 0, 3), new Contact("B", 5, 9)]);
        var score = EnsembleEvaluation.Score(problem, schedule, ensemble, Strategy.Td, RiskMeasure.Worst, 0.05);
        Assert.Equal([70.0, 10.0], score.PerScenario);
        Assert.Equal(10, score.Value);
        Assert.Equal(25, score.Mean, 9);
        Assert.Equal([12.5, 12.5], score.ExpectedPerNode);
        Assert.True(score.ShareRuleMet);
        // pd: the weights are 1/2 each, so every value halves.
        Assert.Equal([35.0, 5.0], EnsembleEvaluation.Score(problem, schedule, ensemble, Strategy.Pd, RiskMeasure.Expected, 0.05).PerScenario);
    }

    [Theory]
    [InlineData("scenario,interval,node,bits\n0,0,A,1\n0,0,A,2\n", ":3: scenario 0, interval 0, node 'A' appears twice")]
    [InlineData("scenario,interval,node,bits\n0,99,A,1\n", ":2: interval 99 is outside 0..9")]
    [InlineData("scenario,interval,node,bits\n0,0,Z,1\n", ":2: unknown node 'Z'")]
    [InlineData("scenario,interval,node,bits\n-1,0,A,1\n", ":2: scenario -1 must be from 0 to 9999")]
    [InlineData("scenario,interval,node,bits\n0,0,A,-3\n", ":2: bits is -3")]
    [InlineData("scenario,interval,satellite,node,bits\n0,0,s,A,1\n", ":1: header 'scenario,interval,satellite,node,bits' has a satellite column but the instance has one satellite")]
    [InlineData("scenario,interval,node,bits\n", "holds no scenario rows")]
    public void Bad_scenario_files_are_refused_in_one_line(string text, string expected)
    {
        var e = Assert.Throws<InputException>(() => EnsembleFiles.Read(File(text), TestProblems.AThenB()));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Probabilities_must_add_up_to_one_and_name_the_scenarios_they_cover()
    {
        Assert.Contains("add up to 0.9", Assert.Throws<InputException>(() => EnsembleFiles.CheckProbabilities([0.5, 0.4], "--probabilities")).Message);
        Assert.Contains("is not within 0..1", Assert.Throws<InputException>(() => EnsembleFiles.CheckProbabilities([1.5, -0.5], "--probabilities")).Message);
        var e = Assert.Throws<InputException>(() => EnsembleFiles.Read(File("scenario,interval,node,bits\n2,0,A,1\n"), TestProblems.AThenB(), [0.5, 0.5]));
        Assert.Contains(":2: scenario 2 is outside 0..1 (2 probabilities are given)", e.Message);
        // A scenario with no row has no key anywhere (a week of cloud).
        var ensemble = EnsembleFiles.Read(File("scenario,interval,node,bits\n0,0,A,1\n"), TestProblems.AThenB(), [0.5, 0.5]);
        Assert.Equal(0, ensemble.Keys(1, 0).NonZeroCount);
    }

    [Fact]
    public void An_instance_s_own_scenarios_must_average_to_its_keys()
    {
        var problem = TestProblems.AThenB();
        var keys = problem.Keys.Entries().ToList();
        // Scenario 0 holds K, scenario 1 holds 3K: their mean 2K is not keys.csv (K).
        var text = "scenario,interval,node,bits\n" + string.Concat(keys.Select(e => $"0,{e.Interval},{problem.Nodes[e.Node].Id},{e.Bits}\n"))
                   + string.Concat(keys.Select(e => $"1,{e.Interval},{problem.Nodes[e.Node].Id},{3 * e.Bits}\n"));
        var path = File(text);
        Assert.Contains("keys.csv must be the scenarios' mean", Assert.Throws<InputException>(() => EnsembleFiles.Read(path, problem, mustAverageToKeys: true)).Message);
        // With probabilities 1 and 0 the mean is K.
        Assert.Equal(2, EnsembleFiles.Read(path, problem, [1.0, 0.0], mustAverageToKeys: true).Count);
    }
}
