using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using QkdScheduler.Core;
using QkdScheduler.Core.Evaluation;
using QkdScheduler.Core.IO;
using QkdScheduler.Core.Model;
using QkdScheduler.Core.Strategies;

namespace QkdScheduler.Cli.Commands;

/// <summary>
/// <c>qkdsched evaluate INSTANCE_DIR SCHEDULE</c>: a schedule scored over weather scenarios, the instance's own
/// <c>scenario_keys.csv</c> (in sample) or another ensemble in the same format (<c>--scenarios</c>, e.g. held-out
/// members), with a risk measure (<see cref="RiskMeasure"/>).
/// </summary>
public static class EvaluateCommand
{
    public static Command Create(CliContext ctx)
    {
        var dir = new Argument<string>("INSTANCE_DIR") { Description = "instance folder" };
        var file = new Argument<string>("SCHEDULE") { Description = "schedule.csv to score" };
        var scenarios = new Option<string?>("--scenarios") { Description = $"scenario file (scenario,interval[,satellite],node,bits); default: the instance's {EnsembleFiles.FileName}" };
        var probabilities = new Option<string?>("--probabilities") { Description = "the scenarios' probabilities, P0,P1,… adding up to 1 (default: those instance.yaml gives its own scenarios, else equally likely, as many as the file's highest scenario + 1)" };
        var risk = new Option<string>("--risk") { Description = "expected, worst or cvar:ALPHA (the mean of the worst ALPHA of outcomes)", DefaultValueFactory = _ => "expected" };
        var strategy = new Option<string>("--strategy") { Description = "gd or td (value = keys delivered) or pd (Σ w_n E_n); td also checks the share rule on the expected delivery", DefaultValueFactory = _ => "gd" };
        strategy.AcceptOnlyFromAmong("gd", "pd", "td");
        var tolerance = SolverOptionSet.CreateShareTolerance();
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var cmd = new Command("evaluate", "Score a schedule over weather scenarios: its value in each, a risk measure (expected, worst, CVaR), mean, worst and quantiles")
            { dir, file, scenarios, probabilities, risk, strategy, tolerance, format };
        cmd.SetAction(parse =>
        {
            var instanceDir = parse.GetValue(dir)!;
            var problem = InstanceFiles.Read(instanceDir);
            var schedule = ScheduleFiles.ReadSchedule(parse.GetValue(file)!, problem);
            var s = StrategyNames.Parse(parse.GetValue(strategy)!);
            var eps = parse.GetValue(tolerance);
            var measure = RiskMeasure.TryParse(parse.GetValue(risk)!, out var why) ?? throw new InputException(null, null, $"--risk: {why}");
            var check = Validator.Check(problem, schedule, Strategy.Gd, eps);
            if (!check.IsValid)
            {
                ctx.Error.WriteLine($"invalid: {check.Violation}");
                return CliApp.Failed;
            }

            IReadOnlyList<double>? given = null;
            if (parse.GetValue(probabilities) is { } text)
                given = EnsembleFiles.CheckProbabilities(text.Split(',').Select(x => TextFormat.TryParseDouble(x.Trim(), out var v) ? v
                    : throw new InputException(null, null, $"--probabilities: '{x.Trim()}' is not a number")).ToList(), "--probabilities");
            var own = parse.GetValue(scenarios) == null;
            var path = parse.GetValue(scenarios) ?? Path.Combine(instanceDir, EnsembleFiles.FileName);
            if (own && !File.Exists(path))
                throw new InputException(instanceDir, null, $"has no {EnsembleFiles.FileName}; give an ensemble with --scenarios FILE");
            // The instance's own scenarios must average to its keys.csv; another ensemble (held-out members) need not.
            var ensemble = EnsembleFiles.Read(path, problem, given ?? (own ? problem.Scenarios?.Probabilities : null), mustAverageToKeys: own);
            var score = EnsembleEvaluation.Score(problem, schedule, ensemble, s, measure, eps);
            Write(ctx, problem, ensemble, s, score, parse.GetValue(format) == "json");
            return CliApp.Ok;
        });
        return cmd;
    }

    private static void Write(CliContext ctx, Problem problem, Ensemble ensemble, Strategy strategy, EnsembleScore score, bool json)
    {
        if (json)
        {
            var o = new JsonObject
            {
                ["instance"] = problem.Name,
                ["strategy"] = strategy.ToName(),
                ["scenarios"] = ensemble.Count,
                ["risk"] = new JsonObject
                {
                    ["measure"] = score.Measure.Name,
                    ["value"] = score.Value,
                    ["mean"] = score.Mean,
                    ["min"] = score.Min,
                    ["p10"] = score.P10,
                    ["p50"] = score.P50,
                    ["p90"] = score.P90,
                    ["per_scenario"] = new JsonArray(score.PerScenario.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
                },
                ["expected_per_node"] = new JsonObject(problem.Nodes.Select((n, i) => KeyValuePair.Create(n.Id, (JsonNode?)JsonValue.Create(score.ExpectedPerNode[i])))),
                ["share_rule_met"] = score.ShareRuleMet,
            };
            ctx.Out.WriteLine(ScheduleFiles.ToJson(o));
            return;
        }

        string N(double v) => v.ToString("N0", CultureInfo.InvariantCulture);
        ctx.Out.WriteLine($"{problem.Name}: {ensemble.Count} scenarios, {strategy.ToName()} value ({(strategy == Strategy.Pd ? "Σ w_n E_n" : problem.KeyUnit)})");
        ctx.Out.WriteLine($"{score.Measure.Name,-10} {N(score.Value)}");
        ctx.Out.WriteLine($"mean       {N(score.Mean)}");
        ctx.Out.WriteLine($"worst      {N(score.Min)}");
        ctx.Out.WriteLine($"p10 / p50 / p90  {N(score.P10)} / {N(score.P50)} / {N(score.P90)}");
        ctx.Out.WriteLine("expected per node: " + string.Join(", ", problem.Nodes.Select((n, i) => $"{n.Id} {N(score.ExpectedPerNode[i])}")));
        if (score.ShareRuleMet is { } met) ctx.Out.WriteLine(met ? "td: the expected delivery meets the share rule" : "td: the expected delivery breaks the share rule");
    }
}
